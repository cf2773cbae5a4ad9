/* check_cache: SHA-256, the build cache's entries and sweep, and the chart key. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache/cache.h"
#include "chart/chart_key.h"
#include "util/path.h"
#include "util/sha256.h"
#include "check_main.h"

/* Returns the hex digest of the n bytes at p, fed in pieces of step bytes. */
static const char *
hex_of(const void *p, size_t n, size_t step)
{
	static char hex[2 * SHA256_LEN + 1];
	uint8_t d[SHA256_LEN];
	sha256_ctx c;
	sha256_init(&c);
	for (size_t i = 0; i < n; i += step)
		sha256_update(&c, (const char *)p + i, n - i < step ? n - i : step);
	sha256_final(&c, d);
	sha256_hex(d, hex);
	return hex;
}

START_TEST(sha256_known_answers)
{
	/* FIPS 180-4 examples and the empty string. */
	ck_assert_str_eq(hex_of("", 0, 1),
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	ck_assert_str_eq(hex_of("abc", 3, 1),
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	for (size_t step = 1; step <= 64; step *= 3)
		ck_assert_str_eq(hex_of(two, strlen(two), step),
		    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	char *a = malloc(1000000);
	memset(a, 'a', 1000000);
	ck_assert_str_eq(hex_of(a, 1000000, 4099),
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(a);
}
END_TEST

START_TEST(sha256_feeds_are_unambiguous)
{
	uint8_t d1[SHA256_LEN], d2[SHA256_LEN];
	sha256_ctx c;
	sha256_init(&c);
	sha256_feed_str(&c, "ab");
	sha256_feed_str(&c, "c");
	sha256_final(&c, d1);
	sha256_init(&c);
	sha256_feed_str(&c, "a");
	sha256_feed_str(&c, "bc");
	sha256_final(&c, d2);
	ck_assert_mem_ne(d1, d2, SHA256_LEN);
	sha256_init(&c);
	sha256_feed_str(&c, NULL);
	sha256_final(&c, d1);
	sha256_init(&c);
	sha256_feed_str(&c, "");
	sha256_final(&c, d2);
	ck_assert_mem_ne(d1, d2, SHA256_LEN);
	sha256_init(&c);
	sha256_feed_f64(&c, 0.0);
	sha256_final(&c, d1);
	sha256_init(&c);
	sha256_feed_f64(&c, -0.0);
	sha256_final(&c, d2);
	ck_assert_mem_ne(d1, d2, SHA256_LEN);
}
END_TEST

/* Removes this process's scratch folder (a fixture's teardown too). */
static void
remove_scratch(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf /tmp/check_cache.%ld", (long)getpid());
	ck_assert_int_eq(system(cmd), 0);
}

/* Makes a fresh folder path for a cache (not created) and returns it (static). */
static const char *
fresh_dir(void)
{
	static char dir[64];
	snprintf(dir, sizeof dir, "/tmp/check_cache.%ld/c", (long)getpid());
	remove_scratch();
	return dir;
}

/* Stores in key the key of kind with the string s. */
static void
make_key(const cache *c, const char *kind, const char *s, uint8_t key[SHA256_LEN])
{
	sha256_ctx h;
	cache_key_init(&h, c, kind);
	sha256_feed_str(&h, s);
	sha256_final(&h, key);
}

/* Returns the number of entries (64-hex names) in dir. */
static int
count_entries(const char *dir)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "exit $(ls -A %s | grep -cE '^[0-9a-f]{64}$')", dir);
	int st = system(cmd);
	return WEXITSTATUS(st);
}

START_TEST(cache_put_get_and_miss)
{
	const char *dir = fresh_dir();
	cache *c = cache_new(dir); /* creates the missing parents */
	ck_assert_ptr_nonnull(c);
	uint8_t k1[SHA256_LEN], k2[SHA256_LEN], k3[SHA256_LEN];
	make_key(c, "t", "one", k1);
	make_key(c, "t", "two", k2);
	make_key(c, "u", "one", k3);
	ck_assert_mem_ne(k1, k3, SHA256_LEN); /* the kind is part of the key */
	buf b;
	buf_init(&b);
	ck_assert_int_eq(cache_get(c, k1, &b), -1);
	ck_assert_uint_eq(b.len, 0);
	cache_put(c, k1, "hello\0world", 11);
	cache_put(c, k2, "", 0);
	ck_assert_int_eq(cache_get(c, k1, &b), 0);
	ck_assert_uint_eq(b.len, 11);
	ck_assert_mem_eq(b.data, "hello\0world", 11);
	buf_reset(&b);
	ck_assert_int_eq(cache_get(c, k2, &b), 0);
	ck_assert_uint_eq(b.len, 0);
	cache_stats st = cache_get_stats(c);
	ck_assert_uint_eq(st.hits, 2);
	ck_assert_uint_eq(st.misses, 1);
	ck_assert_uint_eq(st.bad, 0);
	cache_free(c);
	/* A second cache on the same folder (the next build) finds them. */
	c = cache_new(dir);
	buf_reset(&b);
	ck_assert_int_eq(cache_get(c, k1, &b), 0);
	ck_assert_mem_eq(b.data, "hello\0world", 11);
	cache_free(c);
	buf_free(&b);
	cache_free(NULL);
}
END_TEST

/* Rewrites the entry file of key in dir with fn applied to its bytes. */
static void
damage(const char *dir, const uint8_t key[SHA256_LEN], void (*fn)(buf *))
{
	char hex[2 * SHA256_LEN + 1];
	sha256_hex(key, hex);
	char *path = path_join(dir, hex);
	char *data;
	size_t n;
	ck_assert_int_eq(path_read_file(path, 1 << 20, &data, &n), PATH_OK);
	buf b;
	buf_init(&b);
	buf_append(&b, data, n);
	fn(&b);
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(b.data, 1, b.len, f), b.len);
	fclose(f);
	free(data);
	free(path);
	buf_free(&b);
}

static void truncate_last(buf *b) { b->len--; }
static void flip_last(buf *b) { b->data[b->len - 1] ^= 1; }
static void flip_key(buf *b) { b->data[7] ^= 1; }
static void flip_magic(buf *b) { b->data[0] = 'X'; }

START_TEST(cache_detects_corrupt_entries)
{
	void (*fns[])(buf *) = { truncate_last, flip_last, flip_key, flip_magic };
	const char *dir = fresh_dir();
	for (size_t i = 0; i < sizeof fns / sizeof *fns; i++) {
		cache *c = cache_new(dir);
		uint8_t k[SHA256_LEN];
		make_key(c, "t", "payload", k);
		cache_put(c, k, "0123456789", 10);
		damage(dir, k, fns[i]);
		buf b;
		buf_init(&b);
		ck_assert_int_eq(cache_get(c, k, &b), -1);
		ck_assert_uint_eq(b.len, 0);
		cache_stats st = cache_get_stats(c);
		ck_assert_uint_eq(st.bad, 1);
		ck_assert_int_eq(count_entries(dir), 0); /* the bad entry is gone */
		cache_put(c, k, "0123456789", 10);
		ck_assert_int_eq(cache_get(c, k, &b), 0);
		ck_assert_mem_eq(b.data, "0123456789", 10);
		buf_free(&b);
		cache_free(c);
	}
}
END_TEST

START_TEST(cache_sweep_keeps_only_used)
{
	const char *dir = fresh_dir();
	cache *c = cache_new(dir);
	uint8_t k[3][SHA256_LEN];
	make_key(c, "t", "a", k[0]);
	make_key(c, "t", "b", k[1]);
	make_key(c, "t", "c", k[2]);
	for (int i = 0; i < 3; i++)
		cache_put(c, k[i], "x", 1);
	cache_free(c);
	char other[128];
	snprintf(other, sizeof other, "%s/README", dir);
	FILE *f = fopen(other, "w");
	fclose(f);
	snprintf(other, sizeof other, "%s/.mkreport-cache-tmp-1-x", dir);
	f = fopen(other, "w");
	fclose(f);
	c = cache_new(dir);
	buf b;
	buf_init(&b);
	ck_assert_int_eq(cache_get(c, k[1], &b), 0);
	uint8_t k4[SHA256_LEN];
	make_key(c, "t", "d", k4);
	ck_assert_int_eq(cache_get(c, k4, &b), -1); /* a miss counts as used: no harm */
	cache_sweep(c);
	ck_assert_uint_eq(cache_get_stats(c).removed, 2);
	ck_assert_int_eq(count_entries(dir), 1);
	ck_assert_int_eq(access(other, F_OK), -1); /* leftover temporary file gone */
	snprintf(other, sizeof other, "%s/README", dir);
	ck_assert_int_eq(access(other, F_OK), 0); /* other files are left alone */
	snprintf(other, sizeof other, "%s/CACHEDIR.TAG", dir);
	ck_assert_int_eq(access(other, F_OK), 0);
	ck_assert_int_eq(cache_get(c, k[1], &b), 0);
	buf_free(&b);
	cache_free(c);
}
END_TEST

START_TEST(cache_pack_round_trip)
{
	buf b;
	buf_init(&b);
	cache_pack(&b, "abc", 3);
	cache_pack(&b, "", 0);
	cache_pack(&b, "z", 1);
	const char *s = b.data, *p;
	size_t left = b.len, n;
	ck_assert_int_eq(cache_unpack(&s, &left, &p, &n), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_mem_eq(p, "abc", 3);
	ck_assert_int_eq(cache_unpack(&s, &left, &p, &n), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(cache_unpack(&s, &left, &p, &n), 0);
	ck_assert_mem_eq(p, "z", 1);
	ck_assert_uint_eq(left, 0);
	ck_assert_int_eq(cache_unpack(&s, &left, &p, &n), -1);
	s = b.data;
	left = 10; /* cut inside the first part */
	ck_assert_int_eq(cache_unpack(&s, &left, &p, &n), -1);
	buf_free(&b);
}
END_TEST

/* Stores the digest of s in out. */
static void
spec_digest(const chart_spec *s, uint8_t out[SHA256_LEN])
{
	sha256_ctx h;
	sha256_init(&h);
	chart_spec_digest(s, &h);
	sha256_final(&h, out);
}

START_TEST(chart_key_sees_every_change)
{
	double v1[] = { 1, 2, 3 }, v2[] = { 1, 2, 3 };
	int years[] = { 2024, 2025, 2026 };
	const char *notes[] = { "a", NULL, "c" };
	chart_series se = { "Revenue", 3, v1, years, NULL };
	chart_annot an = { CHART_ANNOT_HLINE, 0, 2.5, "target" };
	chart_spec base = { .type = CHART_LINE, .title = "T", .alt = "alt", .nseries = 1,
		.series = &se, .nannots = 1, .annots = &an };
	uint8_t d0[SHA256_LEN], d[SHA256_LEN];
	spec_digest(&base, d0);
	chart_series se2 = se;
	se2.vals = v2;
	chart_spec s = base;
	s.series = &se2;
	spec_digest(&s, d);
	ck_assert_mem_eq(d, d0, SHA256_LEN); /* same values elsewhere: same key */
	v2[1] = 2.0000000001;
	spec_digest(&s, d);
	ck_assert_mem_ne(d, d0, SHA256_LEN);
	v2[1] = 2;
	se2.notes = notes;
	spec_digest(&s, d);
	ck_assert_mem_ne(d, d0, SHA256_LEN);
	se2.notes = NULL;
	se2.label = "Revenue ";
	spec_digest(&s, d);
	ck_assert_mem_ne(d, d0, SHA256_LEN);
	s = base;
	s.caption = "T";
	spec_digest(&s, d);
	ck_assert_mem_ne(d, d0, SHA256_LEN); /* caption NULL and "T" differ */
	s = base;
	s.y.format = "usd_bn:1";
	spec_digest(&s, d);
	ck_assert_mem_ne(d, d0, SHA256_LEN);
	s = base;
	s.y.unit = UNIT_FRACTION;
	spec_digest(&s, d);
	ck_assert_mem_ne(d, d0, SHA256_LEN);
	s = base;
	s.width = 600;
	spec_digest(&s, d);
	ck_assert_mem_ne(d, d0, SHA256_LEN);
	chart_annot an2 = an;
	an2.label = "Target";
	s = base;
	s.annots = &an2;
	spec_digest(&s, d);
	ck_assert_mem_ne(d, d0, SHA256_LEN);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("cache");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, NULL, remove_scratch);
	tcase_add_test(tc, sha256_known_answers);
	tcase_add_test(tc, sha256_feeds_are_unambiguous);
	tcase_add_test(tc, cache_put_get_and_miss);
	tcase_add_test(tc, cache_detects_corrupt_entries);
	tcase_add_test(tc, cache_sweep_keeps_only_used);
	tcase_add_test(tc, cache_pack_round_trip);
	tcase_add_test(tc, chart_key_sees_every_change);
	suite_add_tcase(s, tc);
	return check_run(s);
}
