/* check_arena: the page arena (bump blocks released in one go) and the library
 * allocators built on it. */
#include <check.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>
#include <libxml/xmlmemory.h>

#include "util/arena.h"
#include "check_main.h"

START_TEST(no_current_arena_is_malloc)
{
	char *p = util_arena_xmalloc(40);
	ck_assert(!util_arena_owns(p));
	memset(p, 'x', 40);
	char *q = util_arena_xrealloc(p, 4000);
	ck_assert(!util_arena_owns(q));
	ck_assert_int_eq(q[39], 'x');
	util_arena_xfree(q);
	util_arena_xfree(NULL);
}
END_TEST

START_TEST(blocks_are_owned_aligned_and_apart)
{
	util_arena *a = util_arena_new();
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_null(util_arena_use(a));
	char *b[50];
	for (size_t i = 0; i < 50; i++) {
		b[i] = util_arena_xmalloc(i + 1);
		ck_assert(util_arena_owns(b[i]));
		ck_assert_uint_eq((uintptr_t)b[i] % 16, 0);
		memset(b[i], (int)i, i + 1);
	}
	for (size_t i = 0; i < 50; i++)
		for (size_t k = 0; k <= i; k++)
			ck_assert_int_eq(b[i][k], (int)i); /* no block overwrote another */
	char *s = util_arena_xstrdup("arena");
	ck_assert(util_arena_owns(s));
	ck_assert_str_eq(s, "arena");
	util_arena_xfree(s); /* ignored: still readable until the reset */
	ck_assert_str_eq(s, "arena");
	ck_assert_ptr_eq(util_arena_use(NULL), a);
	util_arena_free(a);
}
END_TEST

START_TEST(realloc_grows_last_in_place_else_copies)
{
	util_arena *a = util_arena_new();
	util_arena_use(a);
	char *first = util_arena_xmalloc(10);
	memcpy(first, "0123456789", 10);
	char *last = util_arena_xmalloc(8);
	memcpy(last, "abcdefgh", 8);
	char *grown = util_arena_xrealloc(last, 1000);
	ck_assert_ptr_eq(grown, last); /* the last block: no copy */
	ck_assert_int_eq(memcmp(grown, "abcdefgh", 8), 0);
	char *moved = util_arena_xrealloc(first, 100);
	ck_assert_ptr_ne(moved, first);
	ck_assert(util_arena_owns(moved));
	ck_assert_int_eq(memcmp(moved, "0123456789", 10), 0);
	ck_assert((char *)moved >= grown + 1000); /* after the grown block, not over it */
	char *m = malloc(4); /* a malloc block stays one while an arena is current */
	memcpy(m, "abc", 4);
	char *m2 = util_arena_xrealloc(m, 64);
	ck_assert(!util_arena_owns(m2));
	ck_assert_str_eq(m2, "abc");
	util_arena_xfree(m2);
	util_arena_use(NULL);
	util_arena_free(a);
}
END_TEST

START_TEST(reset_reuses_the_memory_and_calloc_zeroes)
{
	util_arena *a = util_arena_new();
	util_arena_use(a);
	unsigned char *p = util_arena_xmalloc(256);
	memset(p, 0xff, 256);
	util_arena_reset(a);
	unsigned char *q = util_arena_xcalloc(16, 16);
	ck_assert_ptr_eq(q, p); /* the same bytes again */
	for (size_t i = 0; i < 256; i++)
		ck_assert_uint_eq(q[i], 0);
	util_arena_use(NULL);
	util_arena_free(a);
}
END_TEST

START_TEST(grows_step_by_step_and_a_freed_slice_serves_again)
{
	for (int round = 0; round < 2; round++) { /* the second arena takes the same slice */
		util_arena *a = util_arena_new();
		util_arena_use(a);
		char *first = NULL;
		for (int i = 0; i < 40; i++) { /* 40 x 100 KiB: past several steps of 1 MiB */
			char *p = util_arena_xmalloc(100 << 10);
			ck_assert(util_arena_owns(p));
			memset(p, i, 100 << 10); /* writable to its last byte */
			if (first == NULL)
				first = p;
		}
		ck_assert_int_eq(first[0], 0);
		util_arena_use(NULL);
		util_arena_free(a);
	}
}
END_TEST

START_TEST(a_page_larger_than_the_slice_goes_to_malloc)
{
	util_arena *a = util_arena_new();
	util_arena_use(a);
	size_t big = (size_t)65 << 20; /* more than a slice */
	char *p = util_arena_xmalloc(big);
	ck_assert(!util_arena_owns(p));
	p[big - 1] = 1;
	util_arena_xfree(p);
	char *small = util_arena_xmalloc(32); /* the arena still serves what fits */
	ck_assert(util_arena_owns(small));
	util_arena_use(NULL);
	util_arena_free(a);
}
END_TEST

/* A thread's arena: stores whether its block is its own and not the caller's. */
static void *
other_thread(void *arg)
{
	char *caller = arg;
	util_arena *a = util_arena_new();
	util_arena_use(a);
	char *mine = util_arena_xmalloc(16);
	int ok = util_arena_owns(mine) && mine != caller;
	util_arena_use(NULL);
	util_arena_free(a);
	return ok ? mine : NULL;
}

START_TEST(threads_have_their_own_arenas_up_to_the_limit)
{
	util_arena *a = util_arena_new();
	util_arena_use(a);
	char *mine = util_arena_xmalloc(16);
	pthread_t t;
	ck_assert_int_eq(pthread_create(&t, NULL, other_thread, mine), 0);
	void *theirs = NULL;
	pthread_join(t, &theirs);
	ck_assert_ptr_nonnull(theirs);
	ck_assert((char *)theirs < mine || (char *)theirs >= mine + ((size_t)64 << 20));
	util_arena_use(NULL);
	util_arena *more[16];
	size_t n = 0;
	while (n < 16 && (more[n] = util_arena_new()) != NULL)
		n++;
	ck_assert_uint_eq(n, 15); /* 16 slices, one of them a's */
	util_arena_free(more[--n]);
	more[n] = util_arena_new(); /* a freed slice is taken again */
	ck_assert_ptr_nonnull(more[n]);
	for (size_t i = 0; i <= n; i++)
		util_arena_free(more[i]);
	util_arena_free(a);
}
END_TEST

START_TEST(libxml2_trees_come_from_the_arena)
{
	xmlMemSetup(util_arena_xfree, util_arena_xmalloc, util_arena_xrealloc,
	    util_arena_xstrdup);
	util_arena *a = util_arena_new();
	util_arena_use(a);
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL);
	xmlDocSetRootElement(doc, root);
	xmlSetProp(root, BAD_CAST "lang", BAD_CAST "en");
	ck_assert(util_arena_owns(doc));
	ck_assert(util_arena_owns(root));
	ck_assert(util_arena_owns(root->name));
	xmlChar *lang = xmlGetProp(root, BAD_CAST "lang");
	ck_assert_str_eq((const char *)lang, "en");
	xmlFree(lang);
	xmlFreeDoc(doc);
	util_arena_use(NULL);
	util_arena_reset(a);
	xmlDocPtr after = xmlNewDoc(BAD_CAST "1.0"); /* no arena: malloc again */
	ck_assert(!util_arena_owns(after));
	xmlFreeDoc(after);
	util_arena_free(a);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("arena");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, no_current_arena_is_malloc);
	tcase_add_test(tc, blocks_are_owned_aligned_and_apart);
	tcase_add_test(tc, realloc_grows_last_in_place_else_copies);
	tcase_add_test(tc, reset_reuses_the_memory_and_calloc_zeroes);
	tcase_add_test(tc, grows_step_by_step_and_a_freed_slice_serves_again);
	tcase_add_test(tc, a_page_larger_than_the_slice_goes_to_malloc);
	tcase_add_test(tc, threads_have_their_own_arenas_up_to_the_limit);
	tcase_add_test(tc, libxml2_trees_come_from_the_arena);
	suite_add_tcase(s, tc);
	return check_run(s);
}
