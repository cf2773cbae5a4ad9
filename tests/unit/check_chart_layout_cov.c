/* check_chart_layout_cov: chart layout (src/chart/layout.c, scale.c) on the shapes the
 * report's charts rarely take: lines over categories, log axes, all-negative data, axis
 * bounds, axis titles, crowded bands, tick formats; then each drawn in full as SVG. */
#define _GNU_SOURCE /* memmem */
#include <check.h>

#include "check_draw.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart/chart.h"
#include "chart/chart_int.h"
#include "chart/scale.h"

/* Every string 7 px per byte wide and 1.25 px tall per px of size. */
static void
fake_measure(void *ctx, const char *s, double px, int bold, double *w, double *h)
{
	(void)ctx;
	(void)bold;
	*w = 7.0 * (double)strlen(s ? s : "");
	*h = px * 1.25;
}

/* Lays out s at w x h with the fake measurer into c (no cairo). */
static void
layout(chart_ctx *c, const chart_spec *s, double w, double h)
{
	memset(c, 0, sizeof(*c));
	c->s = s;
	c->th = theme_default(0);
	c->tm.measure = fake_measure;
	chart_plan_build(c);
	chart_layout_compute(c, 0, 0, w, h, 1);
}

static const int yrs4[] = { 2022, 2023, 2024, 2025 };
static const char *const cats4[] = { "North", "South", "East", "West" };

/* A chart of type t with one series of vals (over yrs4 if years, else cats4). */
static chart_spec
one(chart_type t, const double *vals, int years, chart_series *se)
{
	*se = (chart_series){ "Series", 4, vals, years ? yrs4 : NULL, NULL };
	chart_spec s = { .type = t, .title = "T", .alt = "A", .nseries = 1, .series = se };
	if (!years) {
		s.ncats = 4;
		s.cats = cats4;
	}
	return s;
}

/* Renders s as SVG; asserts it is valid and drawn, and returns nothing. */
static void
draws(const chart_spec *s)
{
	char why[256] = "";
	ck_assert_msg(chart_validate(s, why, sizeof why) == 0, "invalid: %s", why);
	buf out;
	buf_init(&out);
	ck_assert_msg(chart_render(s, CHART_SVG, "2026-11-01", &out, why, sizeof why) == 0,
	    "render: %s", why);
	ck_assert_ptr_nonnull(strstr(out.data, "<svg"));
	ck_assert_ptr_nonnull(strstr(out.data, "</svg>"));
	buf_free(&out);
}

START_TEST(test_line_over_categories)
{
	static const double v[] = { 3, 1, 4, 1.5 };
	chart_series se;
	chart_spec s = one(CHART_LINE, v, 0, &se);
	chart_ctx c;
	layout(&c, &s, 800, 450);
	ck_assert_int_eq(c.p.x.band, 1);
	ck_assert_uint_eq(c.p.x.nbands, 4);
	ck_assert_ptr_eq(c.p.x.names, cats4);
	ck_assert_int_eq(c.p.x.years, 0);
	chart_plan_free(&c.p);
	draws(&s);
}
END_TEST

START_TEST(test_log_axis)
{
	static const double v[] = { 1, 30, 700, 2000 };
	chart_series se;
	chart_spec s = one(CHART_LINE, v, 1, &se);
	s.y.log = 1;
	chart_ctx c;
	layout(&c, &s, 800, 450);
	ck_assert_int_eq(c.L.ya.sc.kind, SCALE_LOG);
	ck_assert(c.L.ya.sc.d0 <= 1 && c.L.ya.sc.d0 > 0);
	ck_assert(c.L.ya.sc.d1 >= 2000);
	/* the ticks are powers of ten (or 1-2-5 steps between them), each above 0 */
	for (size_t i = 0; i < c.L.ya.t.n; i++)
		ck_assert(c.L.ya.t.v[i] > 0);
	ck_assert(c.L.ya.t.n >= 3);
	chart_plan_free(&c.p);
	draws(&s);
}
END_TEST

START_TEST(test_all_negative_keeps_zero)
{
	static const double v[] = { -5, -3, -8, -1 };
	chart_series se;
	chart_spec s = one(CHART_LINE, v, 1, &se);
	chart_ctx c;
	layout(&c, &s, 800, 450);
	ck_assert_double_eq(c.L.ya.sc.d1, 0); /* the value axis reaches up to zero */
	ck_assert(c.L.ya.sc.d0 <= -8);
	chart_plan_free(&c.p);
	draws(&s);
}
END_TEST

START_TEST(test_bounds_and_titles)
{
	static const double v[] = { 10, 20, 30, 40 };
	chart_series se;
	chart_spec s = one(CHART_LINE, v, 1, &se);
	chart_ctx c;
	layout(&c, &s, 800, 450);
	double y1 = c.L.y1, x0 = c.L.x0;
	chart_plan_free(&c.p);
	s.y.has_max = 1;
	s.y.max = 95;
	s.y.has_min = 1;
	s.y.min = -15;
	s.x.label = "Year";
	s.y.label = "US$ bn";
	layout(&c, &s, 800, 450);
	ck_assert(c.L.ya.sc.d1 >= 95);
	ck_assert(c.L.ya.sc.d0 <= -15);
	ck_assert(c.L.y1 < y1); /* the x title takes a line below the axis */
	ck_assert(c.L.x0 >= x0);
	chart_plan_free(&c.p);
	draws(&s);
}
END_TEST

START_TEST(test_crowded_bands_thinned)
{
	static double v[40];
	static const char *names[40];
	static char text[40][32];
	for (int i = 0; i < 40; i++) {
		v[i] = i + 1;
		snprintf(text[i], sizeof text[i], "Category number %d", i + 1);
		names[i] = text[i];
	}
	chart_series se = { "V", 40, v, NULL, NULL };
	chart_spec s = { .type = CHART_BAR, .title = "T", .alt = "A", .nseries = 1, .series = &se,
		.ncats = 40, .cats = names, .width = 400 };
	chart_ctx c;
	layout(&c, &s, 400, 450);
	ck_assert_int_eq(c.L.xa.rotate, 1);
	ck_assert_uint_gt(c.L.xa.every, 1); /* every k-th name only */
	chart_plan_free(&c.p);
	draws(&s);
}
END_TEST

START_TEST(test_tick_formats)
{
	char out[CHART_LABEL_MAX];
	chart_axis pp = { .unit = UNIT_FRACTION, .format = "pp" };
	chart_format_tick(&pp, 0.015, 0.005, out); /* points: x100, half a point: 1 decimal */
	ck_assert_ptr_nonnull(strstr(out, "1.5"));
	chart_axis yr = { .unit = UNIT_YEAR };
	chart_format_tick(&yr, 2025, 1, out);
	ck_assert_str_eq(out, "2025");
	chart_axis yrf = { .unit = UNIT_NUMBER, .format = "year" };
	chart_format_tick(&yrf, 2030, 5, out);
	ck_assert_str_eq(out, "2030");
	chart_axis bogus = { .unit = UNIT_FRACTION, .format = "no-such-format" };
	chart_format_tick(&bogus, 0.25, 0.05, out); /* an unknown format: the unit's own */
	ck_assert_str_eq(out, "25%");
}
END_TEST

START_TEST(test_horizontal_and_stacked_bars)
{
	static const double a[] = { 3, 5, 2, 4 }, b[] = { 1, 2, 2, 1 };
	chart_series se[2] = { { "A", 4, a, NULL, NULL }, { "B", 4, b, NULL, NULL } };
	chart_spec s = { .type = CHART_BAR, .title = "T", .alt = "A", .nseries = 2, .series = se,
		.ncats = 4, .cats = cats4, .stacked = 1, .horizontal = 1 };
	s.y.label = "Count";
	s.x.label = "Region";
	chart_ctx c;
	layout(&c, &s, 800, 450);
	ck_assert_int_eq(c.p.y.band, 1); /* the bands run down the side */
	ck_assert(c.L.xa.sc.d1 >= 7);    /* the longest stack, 5 + 2 */
	chart_plan_free(&c.p);
	draws(&s);
	s.stacked = 0;
	draws(&s);
	s.horizontal = 0;
	draws(&s);
}
END_TEST

START_TEST(test_dark_small_multiples_log)
{
	static const double a[] = { 1, 10, 100, 1000 }, b[] = { 2, 20, 200, 900 };
	chart_series se[2] = { { "A", 4, a, yrs4, NULL }, { "B", 4, b, yrs4, NULL } };
	chart_spec s = { .type = CHART_MULTIPLES, .title = "T", .alt = "A", .nseries = 2,
		.series = se, .dark = 1 };
	s.y.log = 1;
	draws(&s);
	s.width = 300;
	s.height = 600;
	draws(&s);
}
END_TEST

START_TEST(test_scale_limits)
{
	scale_ticks t;
	/* at most one interval even when asked for none; at most SCALE_MAX_TICKS ticks */
	ck_assert_int_eq(scale_nice(0, 10, 0, &t), 0);
	ck_assert_uint_eq(t.n, 2);
	ck_assert_double_eq(t.lo, 0);
	ck_assert(t.hi >= 10);
	ck_assert_int_eq(scale_nice(0, 1000, 1000, &t), 0);
	ck_assert_uint_le(t.n, SCALE_MAX_TICKS);
	ck_assert_int_eq(scale_nice(NAN, 1, 5, &t), -1);
	ck_assert_int_eq(scale_nice(-1e308, 1e308, 5, &t), -1); /* the range overflows */
	/* log: one decade (with 2 and 5 between), a single value, too few intervals */
	ck_assert_int_eq(scale_nice_log(10, 10, 5, &t), 0);
	ck_assert_uint_eq(t.n, 4);
	ck_assert_double_eq(t.v[0], 10);
	ck_assert_double_eq(t.v[1], 20);
	ck_assert_double_eq(t.v[2], 50);
	ck_assert_double_eq(t.v[3], 100);
	ck_assert_int_eq(scale_nice_log(1, 1e6, 0, &t), 0);
	ck_assert_double_eq(t.v[0], 1);
	ck_assert_uint_eq(t.n, 2); /* 1 and 1e6: every sixth power */
	ck_assert_int_eq(scale_nice_log(0, 10, 5, &t), -1);
	ck_assert_int_eq(scale_nice_log(10, 1, 5, &t), -1);
	/* years: at least two ticks; never more than SCALE_MAX_TICKS */
	scale_year_ticks(2020, 2030, 1, &t);
	ck_assert_uint_eq(t.n, 2);
	ck_assert_double_eq(t.v[0], 2020);
	ck_assert_double_eq(t.v[1], 2030);
	scale_year_ticks(1900, 2000, 1000, &t);
	ck_assert_uint_le(t.n, SCALE_MAX_TICKS);
	ck_assert_double_eq(t.v[0], 1900);
	/* a flat linear domain maps to the middle; no bands have no width */
	scale s = { .kind = SCALE_LINEAR, .d0 = 5, .d1 = 5, .r0 = 0, .r1 = 100 };
	ck_assert_double_eq(scale_map(&s, 5), 50);
	s.kind = SCALE_BAND;
	s.nbands = 0;
	ck_assert_double_eq(scale_band_width(&s), 0);
	ck_assert_int_eq(scale_decimals(0.125), 3);
	ck_assert_int_eq(scale_decimals(-1), 0);
}
END_TEST

START_TEST(test_output_refusals_and_metadata)
{
	static const double v[] = { 1, 2, 3, 4 };
	chart_series se;
	chart_spec s = one(CHART_LINE, v, 1, &se);
	char why[256] = "";
	buf out;
	buf_init(&out);
	ck_assert_int_eq(chart_render(&s, (chart_format)9, "2026-11-01", &out, why, sizeof why), -1);
	ck_assert_str_eq(why, "unknown output format");
	ck_assert_int_eq(chart_render(&s, CHART_PDF, NULL, &out, why, sizeof why), -1);
	ck_assert_str_eq(why, "a PDF needs the report's date as YYYY-MM-DD");
	ck_assert_int_eq(chart_render(&s, CHART_PDF, "2026", &out, why, sizeof why), -1);
	ck_assert_str_eq(why, "a PDF needs the report's date as YYYY-MM-DD");
	ck_assert_uint_eq(out.len, 0);
	/* the PDF's title: the frame's, else the caption, else the title; none at all */
	chart_frame fr = { "Framed title", "Sub", "Source: us", "1 November 2026", "R", "x.html" };
	s.frame = &fr;
	ck_assert_int_eq(chart_render(&s, CHART_PDF, "2026-11-01", &out, why, sizeof why), 0);
	ck_assert_ptr_nonnull(memmem(out.data, out.len, "Framed title", 12));
	ck_assert_ptr_nonnull(memmem(out.data, out.len, "/CreationDate (D:20261101", 25));
	buf_free(&out);
	buf_init(&out);
	s.frame = NULL;
	s.title = NULL;
	s.caption = NULL;
	ck_assert_int_eq(chart_render(&s, CHART_PDF, "2026-11-01", &out, why, sizeof why), 0);
	ck_assert_ptr_null(memmem(out.data, out.len, "/Title", 6));
	buf_free(&out);
	buf_init(&out);
	/* an SVG without title or caption is titled "Chart" for screen readers */
	ck_assert_int_eq(chart_render(&s, CHART_SVG, "2026-11-01", &out, why, sizeof why), 0);
	ck_assert_ptr_nonnull(strstr(out.data, ">Chart</title>"));
	buf_free(&out);
	/* an invalid spec makes no image */
	se.n = 0;
	ck_assert_ptr_null(chart_image(&s, why, sizeof why));
	ck_assert_str_eq(why, "series 1 'Series' is empty");
}
END_TEST

START_TEST(test_render_set_threads)
{
	static const double v[] = { 1, 2, 3, 4 };
	chart_series se;
	chart_spec s = one(CHART_BAR, v, 0, &se);
	chart_job jobs[3];
	buf outs[3];
	for (int i = 0; i < 3; i++) {
		buf_init(&outs[i]);
		jobs[i] = (chart_job){ &s, (chart_format)(i % 2 == 0 ? CHART_SVG : CHART_PNG), &outs[i],
			0, "" };
	}
	/* more threads asked for than jobs, and than the limit: each job drawn once */
	ck_assert_int_eq(chart_render_set(jobs, 3, "2026-11-01", 1000), 0);
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(jobs[i].rc, 0);
		ck_assert_uint_gt(outs[i].len, 100);
		buf_free(&outs[i]);
		buf_init(&outs[i]);
	}
	jobs[1].fmt = (chart_format)7; /* one job fails: the set fails, the others are drawn */
	ck_assert_int_eq(chart_render_set(jobs, 3, "2026-11-01", 0), -1);
	ck_assert_int_eq(jobs[1].rc, -1);
	ck_assert_str_eq(jobs[1].why, "unknown output format");
	ck_assert_int_eq(jobs[0].rc, 0);
	ck_assert_uint_gt(outs[2].len, 100);
	for (int i = 0; i < 3; i++)
		buf_free(&outs[i]);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("chart_layout_cov");
	TCase *t = tcase_create("layout");
	tcase_set_timeout(t, 60);
	tcase_add_test(t, test_line_over_categories);
	tcase_add_test(t, test_log_axis);
	tcase_add_test(t, test_all_negative_keeps_zero);
	tcase_add_test(t, test_bounds_and_titles);
	tcase_add_test(t, test_crowded_bands_thinned);
	tcase_add_test(t, test_tick_formats);
	tcase_add_test(t, test_horizontal_and_stacked_bars);
	tcase_add_test(t, test_dark_small_multiples_log);
	tcase_add_test(t, test_scale_limits);
	tcase_add_test(t, test_output_refusals_and_metadata);
	tcase_add_test(t, test_render_set_threads);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	return check_run_drawing("check_chart_layout_cov", suite());
}
