/* check_chart: unit tests of the chart module: validation, layout, CSV, rendering, goldens.
 * Golden SVGs live in tests/chart-golden/<name>.svg (CHART_GOLDEN_UPDATE=1 rewrites them).
 * PNGs are checked by size (2x) and by their mean channel value, stored in
 * tests/chart-golden/<name>.png.txt, within PNG_TOLERANCE (0..255 scale): antialiasing
 * may differ slightly across pixman/freetype builds, a changed drawing moves it more. */
#include <check.h>

#include "check_draw.h"
#include <libxml/parser.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <png.h>

#include "cmd/cmd.h"
#include "chart/chart.h"
#include "chart/chart_int.h"

#define GOLDEN_DIR "tests/chart-golden/"
#define FONTS_CONF "templates/fonts.conf"
#define PNG_TOLERANCE 0.35 /* mean channel value, 0..255 */
#define DATE "2026-11-01"

/* Fixed small data sets, one (or more) per chart type. */

/* Returns an empty spec of type t with title. */
static chart_spec
spec_of(chart_type t, const char *title)
{
	chart_spec s = { 0 };
	s.type = t;
	s.title = title;
	return s;
}

static const int yrs12[] = { 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030 };
static const double rev_base[] = { 0, 0.1, 0.3, 1.0, 3.7, 8.2, 13.0, 20.5, 29.0, 38.5, 48.0, 57.0 };
static const double rev_div[] = { 0, 0.1, 0.3, 1.0, 3.7, 7.9, 11.5, 15.0, 18.2, 21.0, 23.5, 25.0 };
static const double cum_base[] = { -1.0, -1.4, -2.2, -4.1, -9.8, -10.5, -9.0, -6.2, -1.5, 4.8, 12.6, 21.9 };
static const chart_series line_series[] = {
	{ "Base case", 12, rev_base, yrs12, NULL },
	{ "OpenAI diversifies", 12, rev_div, yrs12, NULL },
	{ "Cumulative cash", 12, cum_base, yrs12, NULL },
};
static const chart_annot line_annots[] = {
	{ CHART_ANNOT_VLINE, 2027.7, 0, "Payback 2028" },
	{ CHART_ANNOT_POINT, 2025, 13.0, "Restructuring" },
};

static chart_spec
fx_line(void)
{
	chart_spec s = spec_of(CHART_LINE, "Revenue and cumulative cash");
	s.caption = "Revenue by scenario";
	s.alt = "Three lines from 2019 to 2030.";
	s.y.unit = UNIT_USD_BN;
	s.y.label = "US$ bn";
	s.nseries = 3;
	s.series = line_series;
	s.nannots = 2;
	s.annots = line_annots;
	return s;
}

static const int yrs7[] = { 2019, 2020, 2021, 2022, 2023, 2024, 2025 };
static const double hhi[] = { 2310, 2250, 2105, 1990, 1870, 1795, 1760 };
static const chart_annot hhi_annots[] = {
	{ CHART_ANNOT_HLINE, 0, 1800, "HHI 1800: highly concentrated" },
};
static const chart_series hhi_series[] = { { "Cloud HHI", 7, hhi, yrs7, NULL } };

static chart_spec
fx_hhi(void)
{
	chart_spec s = spec_of(CHART_LINE, "Cloud market concentration (HHI)");
	s.y.unit = UNIT_NUMBER;
	s.nseries = 1;
	s.series = hhi_series;
	s.nannots = 1;
	s.annots = hhi_annots;
	return s;
}

static const int yrs6[] = { 2020, 2021, 2022, 2023, 2024, 2025 };
static const double a1[] = { 0.2, 0.4, 1.1, 2.5, 4.0, 6.1 };
static const double a2[] = { 0.1, 0.3, 0.9, 2.0, 3.1, 4.4 };
static const double a3[] = { 0.0, 0.1, 0.4, 1.2, 2.2, 3.0 };
static const chart_series area_series[] = {
	{ "Azure credits", 6, a1, yrs6, NULL },
	{ "Cash", 6, a2, yrs6, NULL },
	{ "Revenue share", 6, a3, yrs6, NULL },
};

static chart_spec
fx_area(void)
{
	chart_spec s = spec_of(CHART_AREA, "Flows to OpenAI by kind");
	s.y.unit = UNIT_USD_BN;
	s.nseries = 3;
	s.series = area_series;
	return s;
}

static const char *const scen[] = { "Base", "Diversify", "Deepen", "Pre-2025 terms" };
static const double npv[] = { 42.5, 18.2, 71.0, -6.4 };
static const double irr[] = { 31.0, 14.5, 40.2, 5.0 };
static const chart_series bar_series[] = {
	{ "NPV", 4, npv, NULL, NULL },
	{ "Inflows", 4, irr, NULL, NULL },
};

static chart_spec
fx_bar(void)
{
	chart_spec s = spec_of(CHART_BAR, "NPV and inflows by scenario");
	s.y.unit = UNIT_USD_BN;
	s.ncats = 4;
	s.cats = scen;
	s.nseries = 2;
	s.series = bar_series;
	return s;
}

static chart_spec
fx_bar1(void)
{
	chart_spec s = fx_bar();
	s.title = "NPV to Microsoft by scenario";
	s.nseries = 1;
	return s;
}

/* One bar per scenario, the last a counterfactual drawn as a reference (hatched,
 * outlined, after a dashed divider), bars running left to right. */
static chart_spec
fx_refbar(void)
{
	static const int ref[] = { 0, 0, 0, 1 };
	chart_spec s = fx_bar1();
	s.cat_ref = ref;
	s.horizontal = 1;
	return s;
}

static const char *const firms[] = { "Amazon Web Services", "Microsoft Azure", "Google Cloud",
	"Alibaba Cloud", "Oracle" };
static const double sh24[] = { 0.30, 0.21, 0.12, 0.04, 0.03 };
static const double sh19[] = { 0.02, 0.03, 0.01, 0.005, 0.01 };
static const chart_series hbar_series[] = {
	{ "Share 2019", 5, sh24, NULL, NULL },
	{ "Gain to 2024", 5, sh19, NULL, NULL },
};

static chart_spec
fx_hbar(void)
{
	chart_spec s = spec_of(CHART_BAR, "Cloud infrastructure share");
	s.y.unit = UNIT_FRACTION;
	s.ncats = 5;
	s.cats = firms;
	s.nseries = 2;
	s.series = hbar_series;
	s.stacked = 1;
	s.horizontal = 1;
	return s;
}

static const char *const vars[] = { "Discount rate", "Terminal growth", "Azure share",
	"Margin", "Revenue growth" };
static const double tlow[] = { 55.0, 35.0, 30.0, 28.0, 12.0 };
static const double thigh[] = { 31.0, 51.0, 50.0, 60.0, 80.0 };
static const chart_series tor_series[] = {
	{ "Low input", 5, tlow, NULL, NULL },
	{ "High input", 5, thigh, NULL, NULL },
};

static chart_spec
fx_tornado(void)
{
	chart_spec s = spec_of(CHART_TORNADO, "NPV sensitivity, US$ bn");
	s.y.unit = UNIT_USD_BN;
	s.ncats = 5;
	s.cats = vars;
	s.nseries = 2;
	s.series = tor_series;
	s.base = 42.5;
	return s;
}

static const int fyrs[] = { 2025, 2026, 2027, 2028, 2029, 2030 };
static const double f5[] = { 10, 11, 11.5, 12, 12, 12.5 };
static const double f25[] = { 12, 14, 16, 18, 20, 22 };
static const double f50[] = { 13, 16, 20, 24, 28, 32 };
static const double f75[] = { 14, 18, 24, 31, 38, 45 };
static const double f95[] = { 16, 22, 31, 42, 55, 68 };
static const chart_fan fans[] = { { "Median revenue", 6, fyrs, { f5, f25, f50, f75, f95 } } };
static const int ayrs[] = { 2022, 2023, 2024, 2025 };
static const double act[] = { 1.0, 3.7, 8.2, 13.0 };
static const chart_series fan_series[] = { { "Actual", 4, act, ayrs, NULL } };

static chart_spec
fx_fan(void)
{
	chart_spec s = spec_of(CHART_FAN, "OpenAI revenue outlook, US$ bn");
	s.y.unit = UNIT_USD_BN;
	s.nfans = 1;
	s.fans = fans;
	s.nseries = 1;
	s.series = fan_series;
	return s;
}

static const char *const wcats[] = { "Investment", "Azure margin", "Revenue share",
	"Profit share", "Equity mark" };
static const double wd[] = { -13.0, 6.5, 9.2, 4.1, 25.0 };
static const chart_series wf_series[] = { { "Cash flow", 5, wd, NULL, NULL } };

static chart_spec
fx_waterfall(void)
{
	chart_spec s = spec_of(CHART_WATERFALL, "Microsoft's value build-up, US$ bn");
	s.y.unit = UNIT_USD_BN;
	s.ncats = 5;
	s.cats = wcats;
	s.nseries = 1;
	s.series = wf_series;
	s.total_label = "Net value";
	return s;
}

static const char *const impact[] = { "Minor", "Moderate", "Major", "Severe", "Critical" };
static const double r5[] = { 5, 10, 15, 20, 25 };
static const double r4[] = { 4, 8, 12, 16, 20 };
static const double r3[] = { 3, 6, 9, 12, 15 };
static const double r2[] = { 2, 4, 6, 8, 10 };
static const double r1[] = { 1, 2, 3, 4, 5 };
static const char *const n5[] = { NULL, NULL, NULL, "Compute costs", NULL };
static const char *const n4[] = { NULL, NULL, "Antitrust", NULL, NULL };
static const char *const n2[] = { NULL, "Talent", NULL, NULL, "AGI clause" };
static const chart_series mat_series[] = {
	{ "Almost certain", 5, r5, NULL, n5 },
	{ "Likely", 5, r4, NULL, n4 },
	{ "Possible", 5, r3, NULL, NULL },
	{ "Unlikely", 5, r2, NULL, n2 },
	{ "Rare", 5, r1, NULL, NULL },
};

static chart_spec
fx_matrix(void)
{
	chart_spec s = spec_of(CHART_MATRIX, "Risk matrix");
	s.x.label = "Impact";
	s.y.label = "Likelihood";
	s.ncats = 5;
	s.cats = impact;
	s.nseries = 5;
	s.series = mat_series;
	return s;
}

static const chart_event events[] = {
	{ 2019, 7, "First investment, $1bn" },
	{ 2021, 1, "Second round" },
	{ 2023, 1, "$10bn commitment" },
	{ 2023, 11, "Board crisis" },
	{ 2024, 10, "Funding round at $157bn" },
	{ 2025, 1, "Stargate announced" },
	{ 2025, 10, "Recapitalisation" },
};

static chart_spec
fx_timeline(void)
{
	chart_spec s = spec_of(CHART_TIMELINE, "The partnership, 2019-2025");
	s.nevents = 7;
	s.events = events;
	return s;
}

static const double m3[] = { 0, 0.1, 0.3, 1.0, 3.7, 8.5, 15.0, 24.0, 35.0, 47.0, 60.0, 74.0 };
static const double m4[] = { 0, 0.1, 0.3, 1.0, 3.7, 6.0, 7.0, 7.5, 7.8, 8.0, 8.1, 8.2 };
static const chart_series mult_series[] = {
	{ "Base", 12, rev_base, yrs12, NULL },
	{ "Diversify", 12, rev_div, yrs12, NULL },
	{ "Deepen", 12, m3, yrs12, NULL },
	{ "Pre-2025 terms", 12, m4, yrs12, NULL },
};

static chart_spec
fx_multiples(void)
{
	chart_spec s = spec_of(CHART_MULTIPLES, "Revenue by scenario, US$ bn");
	s.y.unit = UNIT_USD_BN;
	s.nseries = 4;
	s.series = mult_series;
	return s;
}

/* Every fixture with its golden file stem. */
static const struct fixture {
	const char *name;
	chart_spec (*make)(void);
} fixtures[] = {
	{ "line", fx_line }, { "hhi", fx_hhi }, { "area", fx_area }, { "bar", fx_bar },
	{ "bar1", fx_bar1 }, { "hbar", fx_hbar }, { "tornado", fx_tornado }, { "fan", fx_fan },
	{ "waterfall", fx_waterfall }, { "matrix", fx_matrix }, { "timeline", fx_timeline },
	{ "multiples", fx_multiples }, { "refbar", fx_refbar },
};
#define NFIXTURES (sizeof(fixtures) / sizeof(fixtures[0]))

/* Renders s as fmt into a new buf; fails the test on error. */
static buf
render(const chart_spec *s, chart_format fmt)
{
	buf b;
	char why[256] = "";
	buf_init(&b);
	int rc = chart_render(s, fmt, DATE, &b, why, sizeof why);
	ck_assert_msg(rc == 0, "render failed: %s", why);
	return b;
}

/* Reads a whole file into b; returns 0, or -1 if it cannot be read. */
static int
read_file(const char *path, buf *b)
{
	char tmp[4096];
	size_t n;
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		buf_append(b, tmp, n);
	fclose(f);
	return 0;
}

/* Writes n bytes to path; fails the test on error. */
static void
write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");
	ck_assert_msg(f != NULL, "cannot write %s", path);
	ck_assert_uint_eq(fwrite(p, 1, n, f), n);
	fclose(f);
}

/* Asserts that validation fails with a reason containing want. */
static void
expect_invalid(const chart_spec *s, const char *want)
{
	char why[256] = "";
	buf b;
	buf_init(&b);
	ck_assert_int_eq(chart_validate(s, why, sizeof why), -1);
	ck_assert_msg(strstr(why, want) != NULL, "reason '%s' lacks '%s'", why, want);
	/* and nothing is drawn: render fails the same way and leaves out empty */
	ck_assert_int_eq(chart_render(s, CHART_SVG, DATE, &b, why, sizeof why), -1);
	ck_assert_uint_eq(b.len, 0);
}

START_TEST(test_fixtures_valid)
{
	char why[256];
	for (size_t i = 0; i < NFIXTURES; i++) {
		chart_spec s = fixtures[i].make();
		ck_assert_msg(chart_validate(&s, why, sizeof why) == 0, "%s: %s", fixtures[i].name, why);
	}
}
END_TEST

START_TEST(test_invalid_lengths)
{
	static const double three[] = { 1, 2, 3 };
	static const chart_series bad[] = { { "A", 3, three, NULL, NULL } };
	chart_spec s = fx_bar();
	s.nseries = 1;
	s.series = bad; /* 3 values for 4 categories */
	expect_invalid(&s, "has 3 values for 4 categories");
	static const int y3[] = { 2020, 2021, 2022 };
	static const chart_series two[] = { { "A", 3, three, y3, NULL }, { "B", 2, three, y3, NULL } };
	s = fx_area();
	s.series = two;
	s.nseries = 2;
	expect_invalid(&s, "'B' has 2 values but 'A' has 3");
}
END_TEST

START_TEST(test_invalid_values)
{
	double v[3] = { 1, NAN, 3 };
	static const int y3[] = { 2020, 2021, 2022 };
	chart_series se = { "Revenue", 3, v, y3, NULL };
	chart_spec s = fx_line();
	s.series = &se;
	s.nseries = 1;
	s.nannots = 0;
	expect_invalid(&s, "'Revenue' value 2 is NaN");
	v[1] = INFINITY;
	expect_invalid(&s, "value 2 is infinite");
	v[1] = -INFINITY;
	expect_invalid(&s, "value 2 is infinite");
	v[1] = 1e300;
	expect_invalid(&s, "beyond");
	v[1] = 2;
	se.n = 0;
	expect_invalid(&s, "is empty");
	se.n = 3;
	s.nseries = 0;
	expect_invalid(&s, "no series");
}
END_TEST

START_TEST(test_invalid_log)
{
	double v[3] = { 1, 0, 3 };
	static const int y3[] = { 2020, 2021, 2022 };
	chart_series se = { "Users", 3, v, y3, NULL };
	chart_spec s = fx_line();
	s.series = &se;
	s.nseries = 1;
	s.nannots = 0;
	s.y.log = 1;
	expect_invalid(&s, "log scale needs values > 0");
	v[1] = -2;
	expect_invalid(&s, "log scale needs values > 0");
	v[1] = 2;
	chart_spec ok = s;
	char why[128];
	ck_assert_int_eq(chart_validate(&ok, why, sizeof why), 0);
	chart_spec bar = fx_bar();
	bar.y.log = 1;
	expect_invalid(&bar, "log scale is only for");
	chart_spec fan = fx_fan();
	fan.y.log = 1;
	static const double z[6] = { 0, 1, 1, 1, 1, 1 };
	chart_fan f = fans[0];
	f.p[0] = z;
	fan.fans = &f;
	expect_invalid(&fan, "log scale needs values > 0");
}
END_TEST

START_TEST(test_invalid_shapes)
{
	chart_spec s = fx_tornado();
	s.nseries = 1;
	expect_invalid(&s, "tornado needs two series");
	s = fx_waterfall();
	s.nseries = 2;
	s.series = bar_series;
	expect_invalid(&s, "waterfall needs one series");
	s = fx_timeline();
	s.nevents = 0;
	expect_invalid(&s, "no events");
	chart_event e = { 2024, 13, "x" };
	s.events = &e;
	s.nevents = 1;
	expect_invalid(&s, "invalid date");
	static const double neg[] = { 1, -1, 1, 1, 1, 1 };
	chart_series a[1] = { { "A", 6, neg, yrs6, NULL } };
	s = fx_area();
	s.series = a;
	s.nseries = 1;
	expect_invalid(&s, "stacked areas need values >= 0");
	s = fx_fan();
	chart_fan f = fans[0];
	f.p[1] = f95; /* p25 above p50 */
	s.fans = &f;
	expect_invalid(&s, "out of order");
	s = fx_line();
	s.width = 50;
	expect_invalid(&s, "chart size");
	s = fx_line();
	s.type = CHART_TYPE_COUNT_;
	expect_invalid(&s, "unknown chart type");
	static const int down[] = { 2020, 2022, 2021, 2023, 2024, 2025 };
	chart_series d[1] = { { "D", 6, a1, down, NULL } };
	s = fx_line();
	s.series = d;
	s.nseries = 1;
	s.nannots = 0;
	expect_invalid(&s, "not increasing");
}
END_TEST

START_TEST(test_invalid_annot)
{
	chart_annot an = { CHART_ANNOT_HLINE, 0, NAN, "threshold" };
	chart_spec s = fx_hhi();
	s.annots = &an;
	expect_invalid(&s, "NaN or infinite position");
	an.kind = CHART_ANNOT_POINT;
	an.y = 1;
	an.x = INFINITY;
	expect_invalid(&s, "NaN or infinite position");
	/* an unused coordinate may be anything */
	an.kind = CHART_ANNOT_HLINE;
	char why[128];
	ck_assert_int_eq(chart_validate(&s, why, sizeof why), 0);
}
END_TEST

/* A fake measurer: 7 px per byte, 1.25 x px high. */
static void
fake_measure(void *ctx, const char *s, double px, int bold, double *w, double *h)
{
	(void)ctx;
	(void)bold;
	*w = 7.0 * (double)strlen(s ? s : "");
	*h = px * 1.25;
}

/* Plans s at width w with the fake measurer into c (no cairo). */
static void
fake_plan(chart_ctx *c, const chart_spec *s, double w)
{
	memset(c, 0, sizeof(*c));
	c->s = s;
	c->th = theme_default(0);
	c->tm.measure = fake_measure;
	c->L.w = w;
	chart_plan_build(c);
}

/* Lays out s with the fake measurer into c (no cairo). */
static void
fake_layout(chart_ctx *c, const chart_spec *s)
{
	fake_plan(c, s, 0);
	chart_layout_compute(c, 0, 0, 800, 450, 1);
}

START_TEST(test_spread)
{
	chart_key k[3] = { { .y = 101 }, { .y = 100 }, { .y = 102 } };
	chart_layout_spread(k, 3, 10, 0, 500);
	/* order by wanted y: k1 (100), k0 (101), k2 (102); pushed down 10 apart */
	ck_assert_double_eq(k[1].y, 100);
	ck_assert_double_eq(k[0].y, 110);
	ck_assert_double_eq(k[2].y, 120);
	chart_key b[2] = { { .y = 495 }, { .y = 496 } };
	chart_layout_spread(b, 2, 10, 0, 500);
	/* 505 would pass the bottom: the pair moves up */
	ck_assert_double_eq(b[0].y, 490);
	ck_assert_double_eq(b[1].y, 500);
}
END_TEST

START_TEST(test_layout_direct_labels)
{
	chart_ctx c;
	chart_spec s = fx_line();
	fake_layout(&c, &s);
	ck_assert_int_eq(c.L.legend, 0);
	/* widest label "OpenAI diversifies" = 18 x 7 px; labels right of the plot, inside */
	ck_assert(c.L.label_x >= c.L.x1);
	ck_assert(c.L.label_x + 18 * 7 <= 800);
	/* the two close line ends are at least one label height (17.5 px) apart */
	ck_assert(fabs(c.p.keys[1].y - c.p.keys[2].y) >= 14 * 1.25 - 1e-9);
	/* the y domain covers the data, rounded outward: -20..60 */
	ck_assert_double_eq(c.L.ya.sc.d0, -20);
	ck_assert_double_eq(c.L.ya.sc.d1, 60);
	ck_assert_str_eq(c.L.ya.label[c.L.ya.t.n - 1], "$60bn");
	ck_assert_str_eq(c.L.xa.label[0], "2020");
	chart_plan_free(&c.p);
}
END_TEST

START_TEST(test_layout_legend_when_too_wide)
{
	static const char *const long_name =
	    "A series name far too long to sit at the end of its line";
	chart_series se[2] = { line_series[0], line_series[1] };
	se[0].label = long_name;
	chart_spec s = fx_line();
	s.series = se;
	s.nseries = 2;
	chart_ctx c;
	fake_layout(&c, &s);
	ck_assert_int_eq(c.L.legend, 1);
	ck_assert(c.L.x1 > 700); /* no room kept on the right */
	ck_assert(c.L.legend_y < c.L.y0);
	chart_plan_free(&c.p);
}
END_TEST

START_TEST(test_layout_rotate_and_thin)
{
	static const char *const longcats[] = { "First long category", "Second long category",
		"Third long category", "Fourth long category" };
	static const double v4[] = { 1, 2, 3, 4 };
	static const chart_series se[] = { { "V", 4, v4, NULL, NULL } };
	chart_spec s = fx_bar1();
	chart_ctx c;
	fake_layout(&c, &s);
	ck_assert_int_eq(c.L.xa.rotate, 0); /* "Pre-2025 terms" = 98 px < a ~170 px band */
	ck_assert_uint_eq(c.L.xa.every, 1);
	chart_plan_free(&c.p);
	s.cats = longcats;
	s.series = se;
	fake_layout(&c, &s);
	ck_assert_int_eq(c.L.xa.rotate, 0); /* 140 px still fits */
	chart_plan_free(&c.p);
	s.width = 400;
	memset(&c, 0, sizeof c);
	c.s = &s;
	c.th = theme_default(0);
	c.tm.measure = fake_measure;
	chart_plan_build(&c);
	chart_layout_compute(&c, 0, 0, 400, 450, 1);
	ck_assert_int_eq(c.L.xa.rotate, 1); /* 140 px labels in ~80 px bands turn */
	ck_assert(c.L.y1 < 450 - 100);      /* and the plot leaves room for them */
	chart_plan_free(&c.p);
}
END_TEST

START_TEST(test_tick_format)
{
	char out[CHART_LABEL_MAX];
	chart_axis usd = { .unit = UNIT_USD_BN };
	chart_axis pct = { .unit = UNIT_FRACTION };
	chart_axis fmt = { .unit = UNIT_USD_BN, .format = "usd_bn:2" };
	chart_format_tick(&usd, 50, 10, out);
	ck_assert_str_eq(out, "$50bn");
	chart_format_tick(&usd, 0.5, 0.5, out);
	ck_assert_str_eq(out, "$0.5bn");
	chart_format_tick(&usd, -20, 10, out);
	ck_assert_str_eq(out, "\xe2\x88\x92$20bn");
	chart_format_tick(&pct, 0.1, 0.05, out);
	ck_assert_str_eq(out, "10%");
	chart_format_tick(&pct, 0.025, 0.025, out);
	ck_assert_str_eq(out, "2.5%");
	chart_format_tick(&usd, 42.5, 0, out); /* value labels: the unit's default */
	ck_assert_str_eq(out, "$42.5bn");
	chart_format_tick(&fmt, 3, 1, out);
	ck_assert_str_eq(out, "$3.00bn");
	/* value labels under $1bn keep a second decimal that is not 0 ($0.75bn, as tables
	 * print it); ticks and a precision the author chose do not */
	chart_format_tick(&usd, 0.75, 0, out);
	ck_assert_str_eq(out, "$0.75bn");
	chart_format_tick(&usd, 0.8, 0, out);
	ck_assert_str_eq(out, "$0.8bn");
	chart_format_tick(&usd, 10, 0, out);
	ck_assert_str_eq(out, "$10.0bn");
	chart_format_tick(&usd, 0.75, 0.25, out);
	ck_assert_str_eq(out, "$0.75bn");
	chart_axis one = { .unit = UNIT_USD_BN, .format = "usd_bn:1" };
	chart_format_tick(&one, 0.75, 0, out);
	ck_assert_str_eq(out, "$0.8bn");
	/* a format without precision takes the step's decimals on ticks: every tick of an
	 * axis alike ("$0.0bn" next to "$100bn" before) */
	chart_axis named = { .unit = UNIT_USD_BN, .format = "usd_bn" };
	chart_format_tick(&named, 0, 200, out);
	ck_assert_str_eq(out, "$0bn");
	chart_format_tick(&named, 50, 50, out);
	ck_assert_str_eq(out, "$50bn");
	chart_format_tick(&named, 2.5, 2.5, out);
	ck_assert_str_eq(out, "$2.5bn");
	chart_format_tick(&named, 42.5, 0, out); /* value labels keep the format's rule */
	ck_assert_str_eq(out, "$42.5bn");
	chart_format_tick(&named, 0.75, 0, out); /* the format named, no precision: */
	ck_assert_str_eq(out, "$0.75bn");          /* the same rule as the default */
	chart_axis pctf = { .unit = UNIT_FRACTION, .format = "pct" };
	chart_format_tick(&pctf, 0.125, 0.025, out); /* 2.5 points: one decimal */
	ck_assert_str_eq(out, "12.5%");
	chart_axis mult = { .unit = UNIT_MULTIPLE, .format = "x" };
	chart_format_tick(&mult, 10, 5, out); /* "x" shows one decimal by default */
	ck_assert_str_eq(out, "10x");
}
END_TEST

static const int dip_years[] = { 2020, 2021, 2022, 2023 };
static const double dip[] = { -1.0, -4.0, 250.0, 560.0 };
static const chart_series dip_series[] = { { "Dip", 4, dip, dip_years, NULL } };

START_TEST(test_domain_small_dip)
{
	chart_spec s = spec_of(CHART_LINE, NULL);
	s.y.unit = UNIT_USD_BN;
	s.nseries = 1;
	s.series = dip_series;
	chart_ctx c;
	fake_layout(&c, &s);
	const chart_laxis *ya = &c.L.ya;
	/* -4..560 in steps of 100 or 200: the data dips below zero by far less than a step,
	 * so no tick below 0 and the domain ends 3% of the range (16.92) below -4 */
	ck_assert_double_eq(ya->t.v[0], 0);
	ck_assert(ya->t.step == 100 || ya->t.step == 200);
	ck_assert_double_eq_tol(ya->sc.d0, -4 - 0.03 * 564, 1e-9);
	ck_assert(ya->t.v[ya->t.n - 1] >= 560);
	ck_assert_double_eq(ya->sc.d1, ya->t.v[ya->t.n - 1]);
	ck_assert_str_eq(ya->label[0], "$0bn");
	chart_plan_free(&c.p);
	/* an axis bound asked for is kept: min -200 gives a tick there */
	s.y.has_min = 1;
	s.y.min = -200;
	fake_layout(&c, &s);
	ck_assert(c.L.ya.t.v[0] <= -200);
	ck_assert_double_eq(c.L.ya.sc.d0, c.L.ya.t.v[0]);
	chart_plan_free(&c.p);
}
END_TEST

START_TEST(test_waterfall_keys)
{
	static const double up[] = { 13.8, 11.9 };
	static const chart_series up_series[] = { { "Cash", 2, up, NULL, NULL } };
	chart_spec s = fx_waterfall();
	chart_ctx c;
	s.total_label = "Cash flow, 2030";
	fake_layout(&c, &s); /* one decrease, four increases: the keys say what they change */
	ck_assert_uint_eq(c.p.nkeys, 2);
	ck_assert_str_eq(c.p.keys[0].label, "Adds to the total");
	ck_assert_str_eq(c.p.keys[1].label, "Reduces the total");
	chart_plan_free(&c.p);
	s.series = up_series;
	s.ncats = 2;
	fake_layout(&c, &s); /* no step decreases: no "Reduces" key */
	ck_assert_uint_eq(c.p.nkeys, 1);
	ck_assert_str_eq(c.p.keys[0].label, "Adds to the total");
	chart_plan_free(&c.p);
	s.total_label = NULL;
	fake_layout(&c, &s); /* no total bar: the running total is what grows */
	ck_assert_str_eq(c.p.keys[0].label, "Adds to the running total");
	chart_plan_free(&c.p);
}
END_TEST

/* Whether boxes a and b intersect. */
static int
boxes_meet(const chart_box *a, const chart_box *b)
{
	return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

static const chart_event reg_events[] = {
	{ 2023, 11, "Bundeskartellamt" }, { 2023, 12, "CMA opens" }, { 2024, 1, "FTC orders" },
	{ 2024, 4, "EU not reviewable" }, { 2025, 1, "FTC staff report" },
	{ 2025, 3, "CMA closes" }, { 2025, 10, "Delaware AG" },
};

/* Lays out timeline s at w x h with the fake measurer and checks that no two label
 * boxes meet and each lies inside the chart; returns the highest box top. */
static double
timeline_check(chart_spec *s, double w, double h)
{
	chart_ctx c;
	chart_box box[16];
	memset(&c, 0, sizeof c);
	c.s = s;
	c.th = theme_default(0);
	c.tm.measure = fake_measure;
	c.L.w = w;
	chart_plan_build(&c);
	chart_layout_compute(&c, 0, 0, w, h, 1);
	chart_timeline_boxes(&c, box);
	double top = h;
	for (size_t i = 0; i < s->nevents; i++) {
		ck_assert_msg(box[i].x0 >= 0 && box[i].x1 <= w && box[i].y0 >= 0 &&
		    box[i].y1 <= c.L.y1, "event %zu outside the chart", i);
		top = fmin(top, box[i].y0);
		for (size_t j = 0; j < i; j++)
			ck_assert_msg(!boxes_meet(&box[i], &box[j]), "events %zu and %zu meet", j, i);
	}
	chart_plan_free(&c.p);
	return (top - c.L.y0) / (c.L.y1 - c.L.y0);
}

START_TEST(test_timeline_layout)
{
	chart_spec s = fx_timeline();
	timeline_check(&s, 800, 450);
	s.events = reg_events;
	s.nevents = 7;
	/* the labels use the height: the highest starts in the top fifth of the plot (it
	 * sat at 60% before, the top empty) */
	ck_assert(timeline_check(&s, 800, 450) < 0.2);
	timeline_check(&s, 400, 400);
}
END_TEST

START_TEST(test_matrix_note_fit)
{
	chart_ctx c;
	memset(&c, 0, sizeof c);
	c.th = theme_default(0);
	c.tm.measure = fake_measure;
	/* "governance" (70 px) and "agi_ip" on two lines of 13 x 1.25 px fit 120 x 60 */
	ck_assert_double_eq(chart_matrix_note_px(&c, "governance, agi_ip", 120, 60), 13);
	/* "compute_shortfall" (119 px) in 100 px: 13 x 92 / 119 = 10.05 px */
	ck_assert_double_eq_tol(chart_matrix_note_px(&c, "compute_shortfall", 100, 60),
	    13.0 * 92 / 119, 1e-9);
	/* in 60 px it would be 5.7 px: too small, the value is drawn instead */
	ck_assert_double_eq(chart_matrix_note_px(&c, "compute_shortfall", 60, 60), 0);
}
END_TEST

START_TEST(test_tornado_room)
{
	static const char *const long_vars[] = { "Decay of OpenAI's growth rate",
		"Azure's gross margin", "Discount rate", "OpenAI's initial growth",
		"Cash share, 2024 instalment" };
	chart_spec s = fx_tornado();
	chart_ctx c;
	fake_layout(&c, &s);
	/* every value label fits beside its bar inside the plot, clear of the band names */
	for (size_t k = 0; k < 2; k++)
		for (size_t i = 0; i < s.ncats; i++) {
			char text[CHART_LABEL_MAX];
			chart_format_tick(&s.y, s.series[k].vals[i], 0, text);
			ck_assert_msg(chart_tornado_label_fits(&c, s.series[k].vals[i],
			    7.0 * (double)strlen(text)), "label %s does not fit", text);
		}
	chart_plan_free(&c.p);
	/* at 400 px, names wider than 120 px break onto two lines */
	s.cats = long_vars;
	fake_plan(&c, &s, 400);
	int wrapped = 0;
	for (size_t i = 0; i < c.p.y.nbands; i++)
		wrapped += strchr(c.p.y.names[i], '\n') != NULL;
	/* 29, 27, 23 and 20 characters (203 to 140 px) break; 13 (91 px) does not */
	ck_assert_int_eq(wrapped, 4);
	chart_plan_free(&c.p);
}
END_TEST

/* The report's tornado at phone width (400 x 400): with the 2 intervals that fit, a
 * 1-2-5 axis runs 0..400 (or -500..500 once the room for value labels crosses zero)
 * for data in 58..207; more intervals, every other one labelled, give at most 0..300,
 * never below zero, and the labels shown still fit side by side. A low-side label must
 * end 4 px clear of the axis line at the plot's left. */
START_TEST(test_tornado_narrow_axis)
{
	static const double lo[] = { 58.0, 66.4, 127.0, 77.2, 89.4 };
	static const double hi[] = { 207.0, 140.0, 60.8, 124.0, 108.0 };
	const chart_series ser[] = { { "Low", 5, lo, NULL, NULL }, { "High", 5, hi, NULL, NULL } };
	chart_spec s = fx_tornado();
	s.series = ser;
	s.base = 98.1;
	s.width = s.height = 400;
	chart_ctx c;
	fake_plan(&c, &s, 400);
	chart_layout_compute(&c, 0, 0, 400, 400, 1);
	const chart_laxis *xa = &c.L.xa;
	ck_assert_double_le(xa->t.hi - xa->t.lo, 300);
	ck_assert_double_ge(xa->t.lo, 0);
	ck_assert_double_le(xa->t.lo, 58.0);
	ck_assert_double_ge(xa->t.hi, 207.0);
	ck_assert(xa->every == 1 || xa->every == 2);
	size_t shown = (xa->t.n + xa->every - 1) / xa->every;
	double widest = 0;
	for (size_t i = 0; i < xa->t.n; i++)
		widest = fmax(widest, 7.0 * (double)strlen(xa->label[i]));
	ck_assert_double_le((double)shown * (widest + 16), c.L.x1 - c.L.x0);
	/* a 30 px label ending 2 px right of the plot's left edge does not fit; 6 px does */
	double v2 = xa->sc.d0 + (xa->sc.d1 - xa->sc.d0) * (2 + 5 + 30) / (c.L.x1 - c.L.x0);
	double v6 = xa->sc.d0 + (xa->sc.d1 - xa->sc.d0) * (6 + 5 + 30) / (c.L.x1 - c.L.x0);
	ck_assert(!chart_tornado_label_fits(&c, v2, 30));
	ck_assert(chart_tornado_label_fits(&c, v6, 30));
	chart_plan_free(&c.p);
}
END_TEST

/* Labels break at the space nearest their middle; one word does not break. */
START_TEST(test_wrap)
{
	ck_assert_uint_eq(chart_wrap_at("Highly concentrated"), 7);
	ck_assert_uint_eq(chart_wrap_at("a bb cc d"), 5);
	ck_assert_uint_eq(chart_wrap_at("Concentrated"), 0);
	ck_assert_uint_eq(chart_wrap_at(" edge"), 0);
	char *w = chart_wrap("EU not reviewable");
	ck_assert_str_eq(w, "EU not\nreviewable");
	free(w);
}
END_TEST

START_TEST(test_csv_numbers)
{
	buf b;
	buf_init(&b);
	chart_csv_num(&b, 0.1);
	buf_putc(&b, ' ');
	chart_csv_num(&b, 13);
	buf_putc(&b, ' ');
	chart_csv_num(&b, -2.5);
	buf_putc(&b, ' ');
	chart_csv_num(&b, 80); /* %.1g would give 8e+01 */
	buf_putc(&b, ' ');
	chart_csv_num(&b, -0.0);
	buf_putc(&b, ' ');
	chart_csv_num(&b, 1.0 / 3);
	buf_putc(&b, ' ');
	chart_csv_text(&b, "a, \"b\"");
	ck_assert_str_eq(buf_str(&b), "0.1 13 -2.5 80 0 0.3333333333333333 \"a, \"\"b\"\"\"");
	buf_free(&b);
}
END_TEST

START_TEST(test_csv_tables)
{
	buf b;
	buf_init(&b);
	static const double exact[] = { -13.0, 6.5, 9.25, 4.0, 25.0 }; /* sums stay exact */
	static const chart_series wx[] = { { "Cash flow", 5, exact, NULL, NULL } };
	chart_spec s = fx_waterfall();
	s.series = wx;
	chart_csv(&s, &b);
	/* running totals by hand: -13, -6.5, 2.75, 6.75, 31.75 */
	ck_assert_str_eq(buf_str(&b), "category,delta,start,end\n"
	    "Investment,-13,0,-13\n"
	    "Azure margin,6.5,-13,-6.5\n"
	    "Revenue share,9.25,-6.5,2.75\n"
	    "Profit share,4,2.75,6.75\n"
	    "Equity mark,25,6.75,31.75\n"
	    "Net value,,0,31.75\n");
	buf_reset(&b);
	s = fx_bar();
	chart_csv(&s, &b);
	ck_assert_str_eq(buf_str(&b), "category,NPV,Inflows\nBase,42.5,31\nDiversify,18.2,14.5\n"
	    "Deepen,71,40.2\nPre-2025 terms,-6.4,5\n");
	buf_reset(&b);
	s = fx_tornado();
	chart_csv(&s, &b);
	/* spans: 68, 32, 24, 20, 16 -> revenue growth, margin, discount, azure, terminal */
	ck_assert_str_eq(buf_str(&b), "variable,Low input,High input,base\n"
	    "Revenue growth,12,80,42.5\nMargin,28,60,42.5\nDiscount rate,55,31,42.5\n"
	    "Azure share,30,50,42.5\nTerminal growth,35,51,42.5\n");
	buf_reset(&b);
	s = fx_timeline();
	chart_csv(&s, &b);
	ck_assert(strncmp(buf_str(&b), "year,month,event\n2019,7,\"First investment, $1bn\"\n", 49) == 0);
	buf_free(&b);
}
END_TEST

START_TEST(test_csv_equals_plotted)
{
	/* every value of the line chart reads back from its CSV, at its year */
	buf b;
	buf_init(&b);
	chart_spec s = fx_line();
	chart_csv(&s, &b);
	char *save = NULL, *text = util_xstrdup(buf_str(&b));
	char *line = strtok_r(text, "\n", &save);
	ck_assert_str_eq(line, "year,Base case,OpenAI diversifies,Cumulative cash");
	for (size_t j = 0; j < 12; j++) {
		line = strtok_r(NULL, "\n", &save);
		ck_assert_ptr_nonnull(line);
		char *end;
		ck_assert_int_eq((int)strtol(line, &end, 10), yrs12[j]);
		for (size_t i = 0; i < 3; i++) {
			ck_assert_int_eq(*end, ',');
			ck_assert(strtod(end + 1, &end) == line_series[i].vals[j]);
		}
	}
	ck_assert_ptr_null(strtok_r(NULL, "\n", &save));
	free(text);
	buf_free(&b);
}
END_TEST

START_TEST(test_svg_accessible)
{
	chart_spec s = fx_line();
	s.caption = "Revenue <b>&amp; cash</b>";
	s.alt = "A & B";
	buf b = render(&s, CHART_SVG);
	xmlDocPtr doc = xmlReadMemory(b.data, (int)b.len, "x.svg", NULL, XML_PARSE_NONET);
	ck_assert_ptr_nonnull(doc);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr t = root->children;
	ck_assert_str_eq((char *)t->name, "title");
	xmlChar *tx = xmlNodeGetContent(t);
	ck_assert_str_eq((char *)tx, "Revenue <b>&amp; cash</b>"); /* text, not markup */
	xmlFree(tx);
	ck_assert_str_eq((char *)t->next->name, "desc");
	xmlChar *role = xmlGetProp(root, BAD_CAST "role");
	xmlChar *lab = xmlGetProp(root, BAD_CAST "aria-labelledby");
	ck_assert_str_eq((char *)role, "img");
	ck_assert_str_eq((char *)lab, "chart-title chart-desc");
	xmlFree(role);
	xmlFree(lab);
	xmlFreeDoc(doc);
	ck_assert(strstr(b.data, "width=\"800px\"") != NULL);
	buf_free(&b);
}
END_TEST

/* Whether the bytes of b (which may hold NULs) contain s. */
static int
contains(const buf *b, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i + n <= b->len; i++)
		if (memcmp(b->data + i, s, n) == 0)
			return 1;
	return 0;
}

START_TEST(test_deterministic)
{
	chart_spec s = fx_line();
	buf svg1 = render(&s, CHART_SVG), pdf1 = render(&s, CHART_PDF);
	for (size_t i = 0; i < NFIXTURES; i++) {
		chart_spec o = fixtures[i].make();
		buf tmp = render(&o, CHART_SVG);
		buf_free(&tmp);
	}
	buf svg2 = render(&s, CHART_SVG), pdf2 = render(&s, CHART_PDF);
	ck_assert_uint_eq(svg1.len, svg2.len);
	ck_assert(memcmp(svg1.data, svg2.data, svg1.len) == 0);
	ck_assert_uint_eq(pdf1.len, pdf2.len);
	ck_assert(memcmp(pdf1.data, pdf2.data, pdf1.len) == 0);
	ck_assert(contains(&pdf1, "/CreationDate (D:20261101"));
	buf_free(&svg1);
	buf_free(&svg2);
	buf_free(&pdf1);
	buf_free(&pdf2);
}
END_TEST

START_TEST(test_unknown_glyphs)
{
	chart_spec s = fx_bar1();
	s.title = "Tofu \xe6\xbc\xa2"; /* U+6F22: neither Inter nor DejaVu Sans has it */
	char why[256] = "";
	buf b;
	buf_init(&b);
	ck_assert_int_eq(chart_render(&s, CHART_PNG, DATE, &b, why, sizeof why), -1);
	ck_assert(strstr(why, "no installed font") != NULL);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_int_eq(chart_render(&s, CHART_PDF, NULL, &b, why, sizeof why), -1);
	ck_assert(strstr(why, "date") != NULL);
}
END_TEST

/* cairo read callback over a buf. */
typedef struct reader {
	const buf *b; /* source */
	size_t at;    /* bytes read */
} reader;

static cairo_status_t
read_buf(void *closure, unsigned char *data, unsigned int len)
{
	reader *r = closure;
	if (r->at + len > r->b->len)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->b->data + r->at, len);
	r->at += len;
	return CAIRO_STATUS_SUCCESS;
}

/* Mean of every channel of a PNG's pixels; stores its size. */
static double
png_mean(const buf *png, int *w, int *h)
{
	reader r = { png, 0 };
	cairo_surface_t *img = cairo_image_surface_create_from_png_stream(read_buf, &r);
	ck_assert_int_eq(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
	*w = cairo_image_surface_get_width(img);
	*h = cairo_image_surface_get_height(img);
	int stride = cairo_image_surface_get_stride(img);
	const unsigned char *p = cairo_image_surface_get_data(img);
	double sum = 0;
	for (int y = 0; y < *h; y++)
		for (int x = 0; x < *w * 4; x++)
			sum += p[(size_t)y * (size_t)stride + (size_t)x];
	cairo_surface_destroy(img);
	return sum / ((double)*w * *h * 4);
}

/* Compares (or with CHART_GOLDEN_UPDATE=1 rewrites) fixture i's SVG and PNG goldens. */
static void
golden_one(size_t i, int dark)
{
	char path[256], name[64];
	int update = getenv("CHART_GOLDEN_UPDATE") && strcmp(getenv("CHART_GOLDEN_UPDATE"), "1") == 0;
	chart_spec s = fixtures[i].make();
	s.dark = dark;
	snprintf(name, sizeof name, "%s%s", fixtures[i].name, dark ? "-dark" : "");
	buf svg = render(&s, CHART_SVG), png = render(&s, CHART_PNG), want;
	int w, h;
	double mean = png_mean(&png, &w, &h);
	ck_assert_int_eq(w, 1600);
	ck_assert_int_eq(h, 900);
	snprintf(path, sizeof path, GOLDEN_DIR "%s.svg", name);
	buf_init(&want);
	if (update) {
		write_file(path, svg.data, svg.len);
		char line[64];
		int n = snprintf(line, sizeof line, "%.4f\n", mean);
		snprintf(path, sizeof path, GOLDEN_DIR "%s.png.txt", name);
		write_file(path, line, (size_t)n);
	} else {
		ck_assert_msg(read_file(path, &want) == 0, "missing golden %s", path);
		ck_assert_msg(want.len == svg.len && memcmp(want.data, svg.data, svg.len) == 0,
		    "%s differs from the drawing (CHART_GOLDEN_UPDATE=1 to accept)", path);
		buf_reset(&want);
		snprintf(path, sizeof path, GOLDEN_DIR "%s.png.txt", name);
		ck_assert_msg(read_file(path, &want) == 0, "missing golden %s", path);
		double gold = strtod(buf_str(&want), NULL);
		ck_assert_msg(fabs(gold - mean) <= PNG_TOLERANCE, "%s: PNG mean %.4f, golden %.4f",
		    name, mean, gold);
	}
	buf_free(&want);
	buf_free(&svg);
	buf_free(&png);
}

START_TEST(test_golden)
{
	golden_one((size_t)_i / 2, _i % 2);
}
END_TEST

/* The 4-byte big-endian number at p. */
static unsigned long
be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

/* Decodes png with cairo and checks its pixels equal sf's exactly. */
static void
png_equals_surface(const buf *png, cairo_surface_t *sf)
{
	reader r = { png, 0 };
	cairo_surface_t *img = cairo_image_surface_create_from_png_stream(read_buf, &r);
	ck_assert_int_eq(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
	int w = cairo_image_surface_get_width(sf), h = cairo_image_surface_get_height(sf);
	ck_assert_int_eq(cairo_image_surface_get_width(img), w);
	ck_assert_int_eq(cairo_image_surface_get_height(img), h);
	cairo_surface_flush(sf);
	const unsigned char *a = cairo_image_surface_get_data(sf), *b = cairo_image_surface_get_data(img);
	int sa = cairo_image_surface_get_stride(sf), sb = cairo_image_surface_get_stride(img);
	for (int y = 0; y < h; y++)
		ck_assert_msg(memcmp(a + (size_t)y * (size_t)sa, b + (size_t)y * (size_t)sb,
		    (size_t)w * 4) == 0, "PNG row %d differs from the drawing", y);
	cairo_surface_destroy(img);
}

/* Every fixture's PNG decodes to exactly the pixels drawn, as 8-bit RGB (opaque
 * background): IHDR is the first chunk, bit depth at byte 24, colour type at byte 25. */
START_TEST(test_png_exact)
{
	chart_spec s = fixtures[_i / 2].make();
	s.dark = _i % 2;
	char why[256] = "";
	cairo_surface_t *sf = chart_image(&s, why, sizeof why);
	ck_assert_msg(sf != NULL, "%s", why);
	buf png = render(&s, CHART_PNG);
	ck_assert_uint_gt(png.len, 33);
	ck_assert(memcmp(png.data, "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16) == 0);
	ck_assert_uint_eq(be32((unsigned char *)png.data + 16), 1600);
	ck_assert_uint_eq(be32((unsigned char *)png.data + 20), 900);
	ck_assert_int_eq(((unsigned char *)png.data)[24], 8);
	ck_assert_int_eq(((unsigned char *)png.data)[25], 2);
	png_equals_surface(&png, sf);
	cairo_surface_destroy(sf);
	buf_free(&png);
}
END_TEST

/* Two renders give the same bytes, and the only chunks are IHDR, IDAT and IEND (no tIME,
 * no gAMA): nothing in the file depends on when or where it was made. */
START_TEST(test_png_deterministic)
{
	chart_spec s = fx_tornado();
	buf a = render(&s, CHART_PNG), b = render(&s, CHART_PNG);
	ck_assert_uint_eq(a.len, b.len);
	ck_assert(memcmp(a.data, b.data, a.len) == 0);
	const unsigned char *p = (const unsigned char *)a.data;
	size_t at = 8, nidat = 0;
	int iend = 0;
	while (at + 12 <= a.len && !iend) {
		unsigned long len = be32(p + at);
		char type[5] = { (char)p[at + 4], (char)p[at + 5], (char)p[at + 6], (char)p[at + 7], 0 };
		ck_assert_msg(strcmp(type, "IHDR") == 0 || strcmp(type, "IDAT") == 0 ||
		    strcmp(type, "IEND") == 0, "unexpected chunk %s", type);
		ck_assert(at != 8 || strcmp(type, "IHDR") == 0);
		nidat += strcmp(type, "IDAT") == 0;
		iend = strcmp(type, "IEND") == 0;
		at += 12 + len;
	}
	ck_assert(iend);
	ck_assert_uint_eq(at, a.len);
	ck_assert_uint_gt(nidat, 0);
	buf_free(&a);
	buf_free(&b);
}
END_TEST

/* Fills a w x h surface with opaque pixels of varying colour; if translucent, the last
 * pixel of the last row gets alpha 0x7f. */
static cairo_surface_t *
pattern_surface(int w, int h, int translucent)
{
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	cairo_surface_flush(sf);
	unsigned char *d = cairo_image_surface_get_data(sf);
	int stride = cairo_image_surface_get_stride(sf);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			((uint32_t *)(d + (size_t)y * (size_t)stride))[x] =
			    0xff000000u | (((uint32_t)x * 2654435761u + (uint32_t)y * 40503u) & 0xffffffu);
	if (translucent)
		((uint32_t *)(d + (size_t)(h - 1) * (size_t)stride))[w - 1] = 0x7f102030u;
	cairo_surface_mark_dirty(sf);
	return sf;
}

/* Heights of 1 to 301 rows and widths of 1 and 37 pixels decode to the exact pixels,
 * opaque ones as RGB (colour type 2); a translucent pixel in the last row only turns the
 * whole image into RGBA (type 6). (More in check_png.c.) */
START_TEST(test_png_stripes)
{
	static const int hs[] = { 1, 3, 8, 9, 17, 301 };
	int h = hs[_i / 2], translucent = _i % 2;
	cairo_surface_t *sf = pattern_surface(_i % 4 == 1 ? 1 : 37, h, translucent);
	char why[256] = "";
	buf png;
	buf_init(&png);
	ck_assert_int_eq(chart_png_encode(sf, &png, why, sizeof why), 0);
	ck_assert_uint_eq(be32((unsigned char *)png.data + 20), (unsigned)h);
	ck_assert_int_eq(((unsigned char *)png.data)[25], translucent ? 6 : 2);
	png_equals_surface(&png, sf);
	cairo_surface_destroy(sf);
	buf_free(&png);
}
END_TEST

/* A surface with transparency is written as straight-alpha RGBA (colour type 6) that
 * reads back to the same premultiplied pixels. Hand-worked unpremultiplication of
 * 0x80402010 (a 128): r = (64 * 255 + 64) / 128 = 128, g = (32 * 255 + 64) / 128 = 64,
 * b = (16 * 255 + 64) / 128 = 32 (integer division). */
START_TEST(test_png_alpha)
{
	static const uint32_t px[4] = { 0x80402010u, 0x00000000u, 0xff112233u, 0x40404040u };
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 4, 1);
	cairo_surface_flush(sf);
	memcpy(cairo_image_surface_get_data(sf), px, sizeof px);
	cairo_surface_mark_dirty(sf);
	char why[256] = "";
	buf png;
	buf_init(&png);
	ck_assert_int_eq(chart_png_encode(sf, &png, why, sizeof why), 0);
	ck_assert_int_eq(((unsigned char *)png.data)[25], 6);
	png_equals_surface(&png, sf);
	png_image img;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	ck_assert(png_image_begin_read_from_memory(&img, png.data, png.len));
	img.format = PNG_FORMAT_RGBA;
	unsigned char rgba[16];
	ck_assert(png_image_finish_read(&img, NULL, rgba, 0, NULL));
	static const unsigned char want[16] = { 128, 64, 32, 128, 0, 0, 0, 0,
		0x11, 0x22, 0x33, 0xff, 255, 255, 255, 0x40 };
	ck_assert(memcmp(rgba, want, sizeof want) == 0);
	cairo_surface_destroy(sf);
	buf_free(&png);
}
END_TEST

/* A fake measurer of *ctx px per byte, 1.25 x px high. */
static void
scaled_measure(void *ctx, const char *s, double px, int bold, double *w, double *h)
{
	(void)bold;
	*w = *(const double *)ctx * (double)strlen(s ? s : "");
	*h = px * 1.25;
}

/* Lays out timeline s at w x h measuring cw px per byte and checks that no event's
 * stem (from the axis up to its label's top) runs through another event's label box,
 * and that no two boxes meet. */
static void
timeline_stems_check(const chart_spec *s, double w, double h, double cw)
{
	chart_ctx c;
	chart_box box[16];
	memset(&c, 0, sizeof c);
	c.s = s;
	c.th = theme_default(s->dark);
	c.tm.measure = scaled_measure;
	c.tm.ctx = &cw;
	c.L.w = w;
	chart_plan_build(&c);
	chart_layout_compute(&c, 0, 0, w, h, 1);
	chart_timeline_boxes(&c, box);
	for (size_t i = 0; i < s->nevents; i++) {
		const chart_event *e = &s->events[i];
		double x = chart_x(&c, e->year + (e->month ? (e->month - 1) / 12.0 : 0));
		ck_assert(box[i].y0 >= c.L.y0 - 1 && box[i].y1 < c.L.y1);
		for (size_t j = 0; j < s->nevents; j++) {
			if (j == i)
				continue;
			ck_assert_msg(!(x > box[j].x0 && x < box[j].x1 && box[j].y1 > box[i].y0),
			    "%.0fx%.0f, %.0f px a byte: the stem of '%s' crosses '%s'", w, h, cw,
			    e->label, s->events[j].label);
			ck_assert_msg(j < i || !boxes_meet(&box[i], &box[j]), "'%s' meets '%s'",
			    e->label, s->events[j].label);
		}
	}
	chart_plan_free(&c.p);
}

START_TEST(test_timeline_stems)
{
	/* the report's regulatory timeline (its stems crossed labels at 400 x 400) and the
	 * fixture, at both sizes, both themes, for fonts from narrow to wide */
	chart_spec s = fx_timeline();
	chart_spec r = fx_timeline();
	r.events = reg_events;
	r.nevents = 7;
	r.title = NULL;
	for (int dark = 0; dark < 2; dark++)
		for (double cw = 6; cw <= 8; cw += 0.5) {
			s.dark = r.dark = dark;
			timeline_stems_check(&r, 800, 450, cw);
			timeline_stems_check(&r, 400, 400, cw);
			timeline_stems_check(&s, 800, 450, cw);
			timeline_stems_check(&s, 400, 400, cw);
		}
}
END_TEST

/* cairo write callback: appends to the buf closure. */
static cairo_status_t
pdf_to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Draws a small page with cairo's PDF surface, dated 2026-11-01, into b. */
static void
cairo_pdf_sample(buf *b)
{
	cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(pdf_to_buf, b, 200, 100);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATE_DATE, "2026-11-01T00:00:00Z");
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_MOD_DATE, "2026-11-01T00:00:00Z");
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, "Dates");
	cairo_t *cr = cairo_create(sf);
	cairo_rectangle(cr, 10, 10, 50, 30);
	cairo_fill(cr);
	cairo_destroy(cr);
	cairo_surface_finish(sf);
	ck_assert_int_eq(cairo_surface_status(sf), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(sf);
}

/* Offset of the last occurrence of str in b's bytes (NULs and all), or b->len. */
static size_t
pdf_last(const buf *b, const char *str)
{
	size_t m = strlen(str), found = b->len;
	for (size_t i = 0; i + m <= b->len; i++)
		if (memcmp(b->data + i, str, m) == 0)
			found = i;
	return found;
}

/* Checks b's xref: startxref points at "xref", every in-use entry k at "k 0 obj".
 * Returns the number of in-use entries checked. */
static size_t
pdf_xref_checked(buf *b)
{
	const char *p = buf_str(b);
	size_t sx = pdf_last(b, "startxref");
	ck_assert_uint_lt(sx, b->len);
	size_t start = strtoul(p + sx + 9, NULL, 10), count, used = 0;
	ck_assert_uint_lt(start, b->len);
	ck_assert(strncmp(p + start, "xref\n0 ", 7) == 0);
	count = strtoul(p + start + 7, NULL, 10);
	const char *e = strchr(p + start + 7, '\n') + 1;
	for (size_t k = 0; k < count; k++, e += 20) {
		char want[32];
		if (e[17] != 'n')
			continue;
		size_t off = strtoul(e, NULL, 10);
		snprintf(want, sizeof want, "%zu 0 obj", k);
		ck_assert_msg(strncmp(p + off, want, strlen(want)) == 0, "entry %zu: %.12s", k,
		    p + off);
		used++;
	}
	return used;
}

START_TEST(test_pdf_fix_dates)
{
	buf b;
	buf_init(&b);
	cairo_pdf_sample(&b);
	size_t len = b.len, used = pdf_xref_checked(&b);
	/* cairo 1.16 writes the date without "D:"; a later cairo would have it already */
	int had = pdf_last(&b, "/CreationDate (D:") < b.len;
	ck_assert_int_eq(chart_pdf_fix_dates(&b), 0);
	ck_assert_uint_eq(b.len, len + (had ? 0 : 4)); /* "D:" twice */
	ck_assert_uint_lt(pdf_last(&b, "/CreationDate (D:20261101000000Z)"), b.len);
	ck_assert_uint_lt(pdf_last(&b, "/ModDate (D:20261101000000Z)"), b.len);
	/* every offset still lands on its object (the Info one moved none before it) */
	ck_assert_uint_eq(pdf_xref_checked(&b), used);
	ck_assert_uint_ge(used, 3);
	/* fixing again changes nothing */
	len = b.len;
	ck_assert_int_eq(chart_pdf_fix_dates(&b), 0);
	ck_assert_uint_eq(b.len, len);
	buf_free(&b);
}
END_TEST

/* Asserts that chart_pdf_fix_dates refuses b and leaves it as it was. */
static void
pdf_refused(buf *b)
{
	char *copy = util_xmalloc(b->len ? b->len : 1);
	size_t len = b->len;
	memcpy(copy, b->data, len);
	ck_assert_int_eq(chart_pdf_fix_dates(b), -1);
	ck_assert_uint_eq(b->len, len);
	ck_assert(memcmp(copy, b->data, len) == 0);
	free(copy);
}

START_TEST(test_pdf_fix_dates_refuses)
{
	buf b;
	buf_init(&b);
	ck_assert_int_eq(chart_pdf_fix_dates(&b), -1); /* empty */
	cairo_pdf_sample(&b);
	buf t;
	buf_init(&t);
	buf_append(&t, b.data, b.len - 40); /* cut before startxref's number */
	pdf_refused(&t);
	size_t sx = pdf_last(&b, "startxref");
	ck_assert_uint_lt(sx, b.len);
	b.data[sx + 10] = '9'; /* startxref now points elsewhere than "xref" */
	pdf_refused(&b);
	buf_free(&t);
	buf_free(&b);
}
END_TEST

/* Releases the font map after each test (in the forked child too, for LeakSanitizer). */
static void
fonts_teardown(void)
{
	chart_pools_free();
}

static Suite *
chart_suite(void)
{
	Suite *s = suite_create("chart");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, NULL, fonts_teardown);
	tcase_add_test(tc, test_fixtures_valid);
	tcase_add_test(tc, test_invalid_lengths);
	tcase_add_test(tc, test_invalid_values);
	tcase_add_test(tc, test_invalid_log);
	tcase_add_test(tc, test_invalid_shapes);
	tcase_add_test(tc, test_invalid_annot);
	tcase_add_test(tc, test_spread);
	tcase_add_test(tc, test_layout_direct_labels);
	tcase_add_test(tc, test_layout_legend_when_too_wide);
	tcase_add_test(tc, test_layout_rotate_and_thin);
	tcase_add_test(tc, test_tick_format);
	tcase_add_test(tc, test_domain_small_dip);
	tcase_add_test(tc, test_waterfall_keys);
	tcase_add_test(tc, test_timeline_layout);
	tcase_add_test(tc, test_matrix_note_fit);
	tcase_add_test(tc, test_tornado_room);
	tcase_add_test(tc, test_tornado_narrow_axis);
	tcase_add_test(tc, test_wrap);
	tcase_add_test(tc, test_csv_numbers);
	tcase_add_test(tc, test_csv_tables);
	tcase_add_test(tc, test_csv_equals_plotted);
	tcase_add_test(tc, test_svg_accessible);
	tcase_add_test(tc, test_deterministic);
	tcase_add_test(tc, test_unknown_glyphs);
	tcase_add_loop_test(tc, test_golden, 0, (int)NFIXTURES * 2);
	tcase_add_loop_test(tc, test_png_exact, 0, (int)NFIXTURES * 2);
	tcase_add_test(tc, test_png_deterministic);
	tcase_add_test(tc, test_png_alpha);
	tcase_add_loop_test(tc, test_png_stripes, 0, 12);
	tcase_add_test(tc, test_pdf_fix_dates);
	tcase_add_test(tc, test_pdf_fix_dates_refuses);
	tcase_add_test(tc, test_timeline_stems);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run_drawing("check_chart", chart_suite());
}
