/* check_chart_font: the built-in font metrics of the WebAssembly charts (wasm/chart_font.c,
 * wasm/chart_metrics.c) measure text exactly as pango does for the report's charts
 * (src/chart/text.c): every word of the shipped report's pages and data, and the tick
 * labels of every unit, at every size and weight the charts use. Known gap, not
 * tested: Inter's contextual alternates (calt: an "x" between figures, "2x3", becomes
 * a times sign of another width), which the tables, made of single characters and
 * pairs, do not model (wasm/README.md). */
#include <check.h>

#include "check_main.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart/chart_int.h"
#include "chart_font.h"
#include "model/format.h"

#define FONTS_CONF "templates/fonts.conf"

/* The sizes (px) and weights charts draw text at (src/chart/theme.c). */
static const struct {
	double px;
	int bold;
} sizes[] = { { 13, 0 }, { 13, 1 }, { 14, 0 }, { 14, 1 }, { 16, 0 }, { 18, 1 }, { 24, 1 } };

/* Measures s both ways at every size; returns the number of differences (printed). */
static int
compare(void *pango, const char *s)
{
	int bad = 0;
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		double w, h;
		chart_font_box b;
		chart_text_measure(pango, s, sizes[k].px, sizes[k].bold, &w, &h);
		chart_font_measure(s, sizes[k].px, sizes[k].bold, &b);
		if (w != b.w || h != b.h) {
			if (bad++ == 0)
				fprintf(stderr, "check_chart_font: \"%s\" at %g px%s: pango %g x %g, "
				    "tables %g x %g\n", s, sizes[k].px, sizes[k].bold ? " semibold" : "",
				    w, h, b.w, b.h);
		}
	}
	return bad;
}

/* Measures every whitespace-separated word of the file at path; adds the words to *n.
 * Returns the differences. */
static int
compare_words(void *pango, const char *path, size_t *n)
{
	FILE *f = fopen(path, "r");
	char word[512];
	int bad = 0;
	ck_assert_ptr_nonnull(f);
	while (fscanf(f, "%511s", word) == 1) {
		bad += compare(pango, word);
		(*n)++;
	}
	fclose(f);
	return bad;
}

/* Measures the words of every file in dir whose name ends in ext. */
static int
compare_dir(void *pango, const char *dir, const char *ext, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int bad = 0;
	char path[1024];
	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len < strlen(ext) || strcmp(e->d_name + len - strlen(ext), ext) != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		bad += compare_words(pango, path, n);
	}
	closedir(d);
	return bad;
}

START_TEST(test_report_words)
{
	char why[256];
	theme th = theme_default(0);
	size_t n = 0;
	ck_assert_int_eq(chart_fonts_init(FONTS_CONF, why, sizeof why), 0);
	void *pango = chart_text_new(&th);
	int bad = compare_dir(pango, "content/pages", ".md", &n) +
	    compare_dir(pango, "content/data", ".yaml", &n);
	chart_text_free(pango);
	ck_assert_uint_gt(n, 5000);
	ck_assert_int_eq(bad, 0);
}
END_TEST

START_TEST(test_tick_labels)
{
	static const metric_unit units[] = { UNIT_NUMBER, UNIT_USD_BN, UNIT_USD, UNIT_FRACTION,
		UNIT_YEAR, UNIT_MULTIPLE, UNIT_COUNT, UNIT_GW };
	char why[256];
	theme th = theme_default(0);
	int bad = 0;
	ck_assert_int_eq(chart_fonts_init(FONTS_CONF, why, sizeof why), 0);
	void *pango = chart_text_new(&th);
	for (size_t u = 0; u < sizeof units / sizeof units[0]; u++)
		for (double v = -1234.5; v < 5000; v += 37.25)
			for (int by = 1; by <= 100; by *= 100) { /* one label at a time */
				buf b;
				buf_init(&b);
				format_value(v / by, units[u], NULL, &b);
				bad += compare(pango, buf_str(&b));
				buf_free(&b);
			}
	bad += compare(pango, "Payback (base)\nBreak-even"); /* two lines */
	bad += compare(pango, "Middle 50% \xe2\x80\x94 \xe2\x88\x92$4.5bn \xe2\x80\xa6 \xc3\xa9t\xc3\xa9");
	chart_text_free(pango);
	ck_assert_int_eq(bad, 0);
}
END_TEST

START_TEST(test_line_metrics)
{
	chart_font_box b;
	chart_font_measure("", 13, 0, &b);
	ck_assert(b.w == 0);
	chart_font_measure("A\nB\nC", 13, 0, &b);
	ck_assert(b.h == 3 * b.line);
	chart_font_measure("\xe4\xb8\xad", 13, 0, &b); /* a character the tables lack */
	ck_assert_int_eq(b.unknown, 1);
}
END_TEST

static Suite *
chart_font_suite(void)
{
	Suite *s = suite_create("chart_font");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_report_words);
	tcase_add_test(tc, test_tick_labels);
	tcase_add_test(tc, test_line_metrics);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(chart_font_suite());
}
