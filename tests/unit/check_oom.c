/* check_oom: a failed checked allocation unwinds to the thread's catch point. */
#include <check.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>

#include "util/buf.h"
#include "util/oom.h"
#include "check_main.h"

/* Runs util_xmalloc(n) (or util_xcalloc(n, 16) when calloc is 1) under a catch point;
 * returns 1 if it unwound, 0 if it returned. The outer catch point is restored. */
static int
unwinds(size_t n, int calloc_)
{
	jmp_buf env;
	jmp_buf *outer = util_oom_catch(&env);
	volatile int jumped = 1;
	if (setjmp(env) == 0) {
		void *p = calloc_ ? util_xcalloc(n, 16) : util_xmalloc(n);
		jumped = 0;
		free(p);
	}
	ck_assert_ptr_eq(util_oom_catch(outer), jumped ? NULL : &env);
	return jumped;
}

START_TEST(oom_unwinds_to_catch_point)
{
#ifdef __SANITIZE_ADDRESS__
	return; /* ASan reports an impossible size and aborts instead of returning NULL */
#endif
	ck_assert_int_eq(util_oom_happened(), 0);
	ck_assert_int_eq(unwinds(64, 0), 0); /* an ordinary size returns */
	ck_assert_int_eq(util_oom_happened(), 0);
	ck_assert_int_eq(unwinds(SIZE_MAX / 2, 0), 1);
	ck_assert_int_eq(util_oom_happened(), 1);
	ck_assert_int_eq(unwinds(SIZE_MAX / 8, 1), 1); /* calloc's n * size overflows */
}
END_TEST

START_TEST(oom_catch_points_nest)
{
	jmp_buf a, b;
	ck_assert_ptr_null(util_oom_catch(&a));
	ck_assert_ptr_eq(util_oom_catch(&b), &a);
	ck_assert_ptr_eq(util_oom_catch(&a), &b);
	ck_assert_ptr_eq(util_oom_catch(NULL), &a);
	ck_assert_ptr_null(util_oom_catch(NULL));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("oom");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, oom_catch_points_nest);
	tcase_add_test(tc, oom_unwinds_to_catch_point);
	suite_add_tcase(s, tc);
	return check_run(s);
}
