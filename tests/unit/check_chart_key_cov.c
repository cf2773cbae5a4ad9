/* check_chart_key_cov: the digest of the fonts a chart is drawn with (src/chart/chart_key.c)
 * follows the fontconfig file, the files under its <dir> folders (nested ones too) and
 * nothing else; a spec's missing arrays feed a marker of their own. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chart/chart_key.h"
#include "check_main.h"

static char tmp[256];

/* Writes text into tmp/name. */
static void
write_file(const char *name, const char *text)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", tmp, name);
	FILE *f = fopen(p, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* The fonts digest now, as hex into out. */
static void
fonts_hex(char out[2 * SHA256_LEN + 1])
{
	sha256_ctx h;
	uint8_t d[SHA256_LEN];
	sha256_init(&h);
	chart_fonts_digest(&h);
	sha256_final(&h, d);
	sha256_hex(d, out);
}

static void
setup(void)
{
	const char *t = getenv("TMPDIR");
	snprintf(tmp, sizeof tmp, "%s/chartkey.XXXXXX", t && *t ? t : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tmp));
}

static void
teardown(void)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(test_fonts_digest_follows_files)
{
	char conf[512], a[65], b[65], c[65], d[65], e[65], none[65];
	char sub[512], deep[512];
	snprintf(sub, sizeof sub, "%s/fonts", tmp);
	snprintf(deep, sizeof deep, "%s/fonts/deeper", tmp);
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	ck_assert_int_eq(mkdir(deep, 0755), 0);
	write_file("fonts/a.ttf", "font a");
	write_file("fonts/.hidden", "ignored");
	/* a <dir> with an attribute, a tag that only starts like one, a broken one */
	snprintf(conf, sizeof conf, "%s/fonts.conf", tmp);
	char text[2048];
	snprintf(text, sizeof text, "<fontconfig><dir prefix=\"default\">%s</dir>"
	    "<dirx>%s</dirx><dir>%s/missing</dir></dir><dir>%s</fontconfig>\n", sub, tmp, tmp,
	    tmp);
	write_file("fonts.conf", text);
	ck_assert_int_eq(setenv("FONTCONFIG_FILE", conf, 1), 0);
	fonts_hex(a);
	fonts_hex(b);
	ck_assert_str_eq(a, b); /* read once per file name */
	char conf2[512];
	snprintf(conf2, sizeof conf2, "%s/fonts2.conf", tmp);
	write_file("fonts2.conf", text);
	ck_assert_int_eq(setenv("FONTCONFIG_FILE", conf2, 1), 0);
	fonts_hex(c);
	ck_assert_str_ne(a, c); /* the name is part of it */
	/* a hidden file, a file outside every <dir>: the same digest once read again */
	write_file("fonts/.more", "x");
	write_file("other.ttf", "not under a <dir>");
	ck_assert_int_eq(setenv("FONTCONFIG_FILE", conf, 1), 0);
	fonts_hex(d);
	ck_assert_str_eq(a, d);
	/* a new file in a nested folder: a new digest */
	write_file("fonts/deeper/b.ttf", "font b");
	ck_assert_int_eq(setenv("FONTCONFIG_FILE", conf2, 1), 0);
	fonts_hex(e);
	ck_assert_str_ne(c, e);
	ck_assert_int_eq(unsetenv("FONTCONFIG_FILE"), 0);
	fonts_hex(none);
	ck_assert_str_ne(none, e);
}
END_TEST

/* The digest of s as hex into out. */
static void
spec_hex(const chart_spec *s, char out[2 * SHA256_LEN + 1])
{
	sha256_ctx h;
	uint8_t d[SHA256_LEN];
	sha256_init(&h);
	chart_spec_digest(s, &h);
	sha256_final(&h, d);
	sha256_hex(d, out);
}

START_TEST(test_spec_digest_markers)
{
	static const double zero[] = { 0 };
	chart_series se = { "S", 1, zero, NULL, NULL };
	chart_spec s = { .type = CHART_BAR, .title = "T", .nseries = 1, .series = &se };
	char a[65], b[65];
	spec_hex(&s, a);
	se.vals = NULL; /* no array is not an array of one 0 */
	spec_hex(&s, b);
	ck_assert_str_ne(a, b);
	chart_frame f = { "Title", NULL, NULL, NULL, NULL, NULL };
	s.frame = &f;
	spec_hex(&s, a);
	ck_assert_str_ne(a, b);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("chart_key_cov");
	TCase *t = tcase_create("key");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, test_fonts_digest_follows_files);
	tcase_add_test(t, test_spec_digest_markers);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	return check_run(suite());
}
