/* check_chart_json: a chart spec written as JSON by the build (src/render/chart_json.c)
 * and read back as the WebAssembly reads it (wasm/chart_read.c) draws the same chart:
 * the same SVG bytes and CSV from the native chart code, for every chart type and
 * every field the writer carries. */
#include <check.h>

#include "check_main.h"

#include <math.h>
#include <string.h>

#include "chart/chart.h"
#include "chart_read.h"
#include "explore/jin.h"
#include "export/json.h"
#include "render/chart_json.h"

#define FONTS_CONF "templates/fonts.conf"

static const int years[] = { 2020, 2021, 2022, 2023 };
static const double a[] = { 1.5, -2.25, 4, 8.125 }, b[] = { 3, 1, 2.5, 0.5 };
static const double c[] = { 2, 3, 5, 9 }, d[] = { 0.5, 0.25, 1, 2 }, e[] = { 4, 6, 9, 12 };
static const char *const cats[] = { "North & \"south\"", "East", "West", "<Centre>" };
static const char *const notes[] = { "a, b", NULL, "c", "d" };
static const int refs[] = { 0, 0, 1, 1 };

/* Draws s as SVG and CSV into out. */
static void
draw(const chart_spec *s, buf *out)
{
	char why[256] = "";
	int rc = chart_render(s, CHART_SVG, NULL, out, why, sizeof why);
	ck_assert_msg(rc == 0, "%s", why);
	chart_csv(s, out);
}

/* Writes s as JSON, reads it back and checks that it draws the same bytes. */
static void
round_trip(const chart_spec *s)
{
	buf json, want, got;
	json_writer w;
	chart_reader r = { 0 };
	chart_spec back;
	char why[256] = "";
	ck_assert_msg(chart_validate(s, why, sizeof why) == 0, "fixture: %s", why);
	buf_init(&json);
	buf_init(&want);
	buf_init(&got);
	json_writer_init(&w, &json);
	render_chart_json(&w, NULL, "t", s);
	jin_value *o = jin_parse(json.data, json.len, NULL);
	ck_assert_ptr_nonnull(o);
	ck_assert_int_eq(chart_read_spec(&r, o, &back, why, sizeof why), 0);
	ck_assert_msg(chart_validate(&back, why, sizeof why) == 0, "read back: %s", why);
	draw(s, &want);
	draw(&back, &got);
	ck_assert_uint_eq(want.len, got.len);
	ck_assert(memcmp(want.data, got.data, want.len) == 0);
	chart_reader_free(&r);
	jin_free(o);
	buf_free(&json);
	buf_free(&want);
	buf_free(&got);
}

/* A spec of type t with the common fields set. */
static chart_spec
base_spec(chart_type t)
{
	chart_spec s = { 0 };
	char why[256];
	ck_assert_int_eq(chart_fonts_init(FONTS_CONF, why, sizeof why), 0);
	s.type = t;
	s.title = "A title";
	s.caption = "A caption";
	s.alt = "An alt text";
	s.y.label = "US$ bn";
	s.y.unit = UNIT_USD_BN;
	return s;
}

START_TEST(test_line_annotations)
{
	chart_series se[2] = { { "One", 4, a, years, NULL }, { "Two", 4, b, years, NULL } };
	chart_annot an[3] = { { CHART_ANNOT_HLINE, 0, 1, "Zero" },
		{ CHART_ANNOT_VLINE, 2021.5, 0, "Mid" }, { CHART_ANNOT_POINT, 2022, 4, "Top" } };
	chart_spec s = base_spec(CHART_LINE);
	s.series = se;
	s.nseries = 2;
	s.annots = an;
	s.nannots = 3;
	s.y.has_min = 1;
	s.y.min = -5;
	s.y.has_max = 1;
	s.y.max = 10;
	s.y.format = "usd_bn:1";
	s.width = 600;
	s.height = 300;
	round_trip(&s);
	s.dark = 1;
	s.y.log = 1;
	s.y.has_min = 0;
	se[0].vals = c;
	se[1].vals = d;
	s.nannots = 0;
	round_trip(&s);
}
END_TEST

START_TEST(test_bars_and_categories)
{
	chart_series se[2] = { { "One", 4, c, NULL, NULL }, { "Two", 4, e, NULL, NULL } };
	chart_spec s = base_spec(CHART_BAR);
	s.cats = cats;
	s.ncats = 4;
	s.cat_ref = refs;
	s.series = se;
	s.nseries = 2;
	round_trip(&s);
	s.stacked = 1;
	s.horizontal = 1;
	s.cat_ref = NULL;
	round_trip(&s);
	s.type = CHART_AREA;
	s.stacked = s.horizontal = 0;
	se[0].years = se[1].years = years;
	round_trip(&s);
	s.type = CHART_MULTIPLES;
	round_trip(&s);
}
END_TEST

START_TEST(test_other_types)
{
	chart_series lohi[2] = { { "Low", 4, d, NULL, NULL }, { "High", 4, e, NULL, NULL } };
	chart_series row[2] = { { "Row", 4, c, NULL, notes }, { "Row 2", 4, e, NULL, NULL } };
	chart_fan fan = { "Median", 4, years, { d, d, c, c, e } };
	chart_series base = { "Base", 4, c, years, NULL };
	chart_event ev[2] = { { 2019, 7, "First" }, { 2023, 0, "Second" } };
	chart_spec s = base_spec(CHART_TORNADO);
	s.cats = cats;
	s.ncats = 4;
	s.series = lohi;
	s.nseries = 2;
	s.base = 1.5;
	round_trip(&s);
	s.type = CHART_MATRIX;
	s.series = row;
	round_trip(&s);
	s.type = CHART_WATERFALL;
	s.nseries = 1;
	s.series = &lohi[1];
	s.total_label = "Total";
	round_trip(&s);
	s = base_spec(CHART_FAN);
	s.fans = &fan;
	s.nfans = 1;
	s.series = &base;
	s.nseries = 1;
	round_trip(&s);
	s = base_spec(CHART_TIMELINE);
	s.events = ev;
	s.nevents = 2;
	round_trip(&s);
}
END_TEST

START_TEST(test_bad_specs)
{
	static const char *const bad[] = { "[]", "{}", "{\"type\": \"pie\"}", "{\"type\": 3}" };
	char why[256];
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		chart_reader r = { 0 };
		chart_spec s;
		jin_value *o = jin_parse(bad[i], strlen(bad[i]), NULL);
		ck_assert_ptr_nonnull(o);
		ck_assert_int_eq(chart_read_spec(&r, o, &s, why, sizeof why), -1);
		chart_reader_free(&r);
		jin_free(o);
	}
	/* a series with a null value and years longer than values: refused or cut */
	const char *t = "{\"type\": \"line\", \"series\": [{\"label\": \"x\", \"vals\": [1, null],"
	    " \"years\": [2020, 2021, 2022]}]}";
	chart_reader r = { 0 };
	chart_spec s;
	jin_value *o = jin_parse(t, strlen(t), NULL);
	ck_assert_int_eq(chart_read_spec(&r, o, &s, why, sizeof why), 0);
	ck_assert_uint_eq(s.series[0].n, 2);
	ck_assert(isnan(s.series[0].vals[1]));
	ck_assert_int_eq(chart_validate(&s, why, sizeof why), -1);
	chart_reader_free(&r);
	jin_free(o);
}
END_TEST

static Suite *
chart_json_suite(void)
{
	Suite *s = suite_create("chart_json");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_line_annotations);
	tcase_add_test(tc, test_bars_and_categories);
	tcase_add_test(tc, test_other_types);
	tcase_add_test(tc, test_bad_specs);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(chart_json_suite());
}
