/* oom: the thread's catch point for exhausted memory, and the jump to it. */
#include "util/oom.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

static _Thread_local jmp_buf *catch_point; /* this thread's, NULL if none */
static atomic_int happened;                 /* 1 once util_oom ran in any thread */

jmp_buf *
util_oom_catch(jmp_buf *env)
{
	jmp_buf *prev = catch_point;
	catch_point = env;
	return prev;
}

_Noreturn void
util_oom(void)
{
	atomic_store(&happened, 1);
	jmp_buf *to = catch_point;
	if (to != NULL) {
		catch_point = NULL; /* a failure while unwinding must not loop */
		longjmp(*to, 1);
	}
	fputs("mkreport: out of memory\n", stderr);
	abort();
}

void
util_oom_need(size_t n)
{
	/* address space only (no pages are touched), and outside malloc, whose mmap
	 * threshold a freed block of n bytes would raise */
	void *p = mmap(NULL, n, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		util_oom();
	munmap(p, n);
}

int
util_oom_happened(void)
{
	return atomic_load(&happened);
}

int
util_oom_guard(void (*fn)(void *), void *arg)
{
	jmp_buf env;
	jmp_buf *outer = util_oom_catch(&env);
	volatile int oom = 0;
	if (setjmp(env) == 0)
		fn(arg);
	else
		oom = 1;
	util_oom_catch(outer);
	return oom;
}
