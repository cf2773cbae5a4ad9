/* check_cache_cov: the build cache with damaged or odd entries (a folder, a symlink, a
 * file shorter than the header, the wrong magic), an unreadable input file in a key,
 * a cache folder that went away, a parent that is a file, and the sweep of temporary
 * files: each a miss (counted bad where the entry was damaged) and never a crash. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache/cache.h"
#include "util/buf.h"
#include "util/path.h"
#include "util/sha256.h"
#include "check_main.h"
#include "tmp_root.h"


static void
setup(void)
{
	root_make("check_cache_cov");
}

static void
teardown(void)
{
	root_remove();
}

/* The key of the text s, and its entry's path in c (caller frees). */
static char *
key_of(const cache *c, const char *s, uint8_t key[SHA256_LEN])
{
	sha256_ctx h;
	cache_key_init(&h, c, "test");
	sha256_feed_str(&h, s);
	sha256_final(&h, key);
	char hex[2 * SHA256_LEN + 1];
	sha256_hex(key, hex);
	return path_join(cache_dir(c), hex);
}

/* Writes n bytes of text to path. */
static void
put(const char *path, const char *text, size_t n)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, n, f), n);
	ck_assert_int_eq(fclose(f), 0);
}

/* Damaged entries of every kind are misses; those that are files are counted bad and
 * removed, and a good entry put after one is a hit. */
START_TEST(damaged_entries)
{
	char dir[128];
	snprintf(dir, sizeof dir, "%s/c", root);
	cache *c = cache_new(dir);
	ck_assert_ptr_nonnull(c);
	uint8_t key[SHA256_LEN];
	buf b;
	buf_init(&b);
	char *p = key_of(c, "folder", key);
	ck_assert_int_eq(mkdir(p, 0755), 0);
	ck_assert_int_eq(cache_get(c, key, &b), -1);
	free(p);
	p = key_of(c, "link", key);
	ck_assert_int_eq(symlink("/etc/passwd", p), 0);
	ck_assert_int_eq(cache_get(c, key, &b), -1);
	struct stat st;
	ck_assert_int_eq(lstat(p, &st), -1); /* removed */
	free(p);
	p = key_of(c, "short", key);
	put(p, "MKRC1\n", 6);
	ck_assert_int_eq(cache_get(c, key, &b), -1);
	ck_assert_int_eq(access(p, F_OK), -1);
	free(p);
	p = key_of(c, "magic", key);
	char junk[200];
	memset(junk, 'x', sizeof junk);
	put(p, junk, sizeof junk);
	ck_assert_int_eq(cache_get(c, key, &b), -1);
	cache_put(c, key, "good", 4);
	ck_assert_int_eq(cache_get(c, key, &b), 0);
	ck_assert_uint_eq(b.len, 4);
	ck_assert_int_eq(memcmp(b.data, "good", 4), 0);
	free(p);
	cache_stats s = cache_get_stats(c);
	ck_assert_uint_eq(s.hits, 1);
	ck_assert_uint_eq(s.misses, 4);
	ck_assert_uint_eq(s.bad, 4);
	buf_free(&b);
	cache_free(c);
}
END_TEST

/* A file that cannot be read feeds a marker: the same for every missing file, unlike
 * an empty file's. */
START_TEST(unreadable_key_file)
{
	char empty[128], gone[128];
	snprintf(empty, sizeof empty, "%s/empty", root);
	snprintf(gone, sizeof gone, "%s/gone", root);
	put(empty, "", 0);
	uint8_t a[SHA256_LEN], b[SHA256_LEN], e[SHA256_LEN];
	sha256_ctx h;
	sha256_init(&h);
	cache_key_file(&h, gone);
	sha256_final(&h, a);
	sha256_init(&h);
	cache_key_file(&h, gone);
	sha256_final(&h, b);
	sha256_init(&h);
	cache_key_file(&h, empty);
	sha256_final(&h, e);
	ck_assert_int_eq(memcmp(a, b, SHA256_LEN), 0);
	ck_assert_int_ne(memcmp(a, e, SHA256_LEN), 0);
}
END_TEST

/* A cache folder removed under the build: puts are lost, gets miss, the sweep does
 * nothing; a parent that is a file cannot hold a cache. */
START_TEST(folder_gone)
{
	char dir[128];
	snprintf(dir, sizeof dir, "%s/c", root);
	cache *c = cache_new(dir);
	ck_assert_ptr_nonnull(c);
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
	uint8_t key[SHA256_LEN];
	free(key_of(c, "x", key));
	cache_put(c, key, "data", 4);
	buf b;
	buf_init(&b);
	ck_assert_int_eq(cache_get(c, key, &b), -1);
	cache_sweep(c);
	ck_assert_uint_eq(cache_get_stats(c).removed, 0);
	ck_assert_int_eq(access(dir, F_OK), -1);
	buf_free(&b);
	cache_free(c);
	snprintf(dir, sizeof dir, "%s/file", root);
	put(dir, "x", 1);
	snprintf(dir, sizeof dir, "%s/file/c", root);
	errno = 0;
	ck_assert_ptr_null(cache_new(dir));
	ck_assert_int_eq(errno, ENOTDIR);
	snprintf(dir, sizeof dir, "%s/file/c/d", root);
	ck_assert_ptr_null(cache_new(dir));
}
END_TEST

/* The sweep removes temporary files (not counted) and unused entries (counted), and
 * keeps used entries and other names. */
START_TEST(sweep_kinds)
{
	char dir[128], p[256];
	snprintf(dir, sizeof dir, "%s/c", root);
	cache *c = cache_new(dir);
	ck_assert_ptr_nonnull(c);
	snprintf(p, sizeof p, "%s/.mkreport-cache-tmp-1-2-abc", dir);
	put(p, "t", 1);
	snprintf(p, sizeof p, "%s/notes.txt", dir);
	put(p, "n", 1);
	uint8_t used[SHA256_LEN], old[SHA256_LEN];
	free(key_of(c, "used", used));
	cache_put(c, used, "u", 1);
	cache_free(c);
	c = cache_new(dir);
	char *op = key_of(c, "old", old);
	put(op, "o", 1);
	cache_keep(c, used);
	cache_sweep(c);
	ck_assert_uint_eq(cache_get_stats(c).removed, 1);
	ck_assert_int_eq(access(op, F_OK), -1);
	ck_assert_int_eq(access(p, F_OK), 0);
	snprintf(p, sizeof p, "%s/.mkreport-cache-tmp-1-2-abc", dir);
	ck_assert_int_eq(access(p, F_OK), -1);
	buf b;
	buf_init(&b);
	ck_assert_int_eq(cache_get(c, used, &b), 0);
	buf_free(&b);
	free(op);
	cache_free(c);
}
END_TEST

static Suite *
cache_cov_suite(void)
{
	Suite *s = suite_create("cache_cov");
	TCase *tc = tcase_create("entries");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, damaged_entries);
	tcase_add_test(tc, unreadable_key_file);
	tcase_add_test(tc, folder_gone);
	tcase_add_test(tc, sweep_kinds);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(cache_cov_suite());
}
