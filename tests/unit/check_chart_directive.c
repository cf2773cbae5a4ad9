/* check_chart_directive: unit tests of the chart directive (src/render/chart_*.c,
 * figures.c): the figure and its files, figure numbers and {{ figure }} across pages,
 * each bad input as an error at its position, and CSVs equal to the metrics drawn. */
#include "render_fixture.h"

/* Returns 1 if some diagnostic's text is exactly t. */
static int
has_diag(const char *t)
{
	for (int i = 0; i < diag_count(dg); i++)
		if (strcmp(diag_text(dg, i), t) == 0)
			return 1;
	return 0;
}

/* Returns the produced file path, or NULL. */
static const render_file *
file(const char *path)
{
	for (size_t i = 0; i < body.nfiles; i++)
		if (strcmp(body.files[i].path, path) == 0)
			return &body.files[i];
	return NULL;
}

#define HAS(hay, needle) ck_assert_msg(strstr((hay), (needle)) != NULL, \
	"missing %.300s in %.3000s", (needle), (hay))
#define FIRST_DIAG() (diag_count(dg) ? diag_text(dg, 0) : "(none)")
#define DIAG(t) ck_assert_msg(has_diag(t), "want %s, first: %s", (t), FIRST_DIAG())

static const char line_chart[] =
	"# Page\n"
	"\n"
	"```chart\n"
	"id: rev\n"
	"type: line\n"
	"title: Revenue\n"
	"caption: Revenue by scenario.\n"
	"alt: Two lines of revenue, 2024 to 2026.\n"
	"source: alpha\n"
	"scenarios: [base, alt]\n"
	"metric: finance.revenue\n"
	"```\n";

START_TEST(test_figure)
{
	page(0, line_chart);
	const char *o = render(0);
	ck_assert_msg(last_rc == 0, "%s", FIRST_DIAG());
	HAS(o, "<figure class=\"chart\" id=\"fig-rev\"><picture><source "
	    "srcset=\"charts/rev-narrow-dark.svg\" media=\"(max-width: 40rem) and "
	    "(prefers-color-scheme: dark)\" width=\"400\" height=\"400\"/><source "
	    "srcset=\"charts/rev-narrow.svg\" media=\"(max-width: 40rem)\" width=\"400\" "
	    "height=\"400\"/><source "
	    "srcset=\"charts/rev-dark.svg\" media=\"(prefers-color-scheme: dark)\"/><img "
	    "src=\"charts/rev.svg\" alt=\"Two lines of revenue, 2024 to 2026.\" width=\"800\" "
	    "height=\"450\"/></picture><figcaption>");
	HAS(o, "<span class=\"fig-num\">Figure 1.</span> Revenue</p>");
	HAS(o, "<p class=\"chart-caption\">Revenue by scenario.</p>");
	HAS(o, "Source: Pub A, \xe2\x80\x9cTitle A\xe2\x80\x9d<sup class=\"cite\"><a "
	    "href=\"#note-1\"");
	HAS(o, "<a href=\"charts/rev.png\">PNG</a>");
	HAS(o, "<a href=\"charts/rev.pdf\">PDF</a>");
	HAS(o, "<a href=\"charts/rev.csv\">CSV</a>");
	HAS(o, "<a href=\"charts/rev.html\">Chart page</a>");
	HAS(o, "<details class=\"chart-data\"><summary>Data</summary><table tabindex=\"0\" "
	    "aria-label=\"Data: Revenue\"><thead><tr><th "
	    "scope=\"col\">Year</th><th scope=\"col\" class=\"num\">Base case</th><th "
	    "scope=\"col\" class=\"num\">Alternative</th></tr></thead>");
	/* 12.5 -> "$12.5bn": the CSV's number formatted by the axis unit */
	/* each cell names its column (data-label) for a phone's stacked rows */
	HAS(o, "<tr><th scope=\"row\">2025</th><td class=\"num\" data-label=\"Base case\">$12.5bn</td><td "
	    "class=\"num\" data-label=\"Alternative\">$9.1bn</td></tr>");
	HAS(o, "<a href=\"charts/rev-download.svg\">SVG</a>");
	ck_assert_uint_eq(body.nfiles, 8);
	/* the downloads are taller than the page's SVG: the title, caption, source, date
	 * and report are drawn above and below the chart */
	const render_file *dl = file("charts/rev-download.svg"), *png = file("charts/rev.png");
	ck_assert_ptr_nonnull(dl);
	HAS(dl->data, "width=\"800px\"");
	ck_assert_ptr_null(strstr(dl->data, "height=\"450px\""));
	ck_assert_uint_gt(((unsigned)(unsigned char)png->data[22] << 8 |
	    (unsigned char)png->data[23]), 900);
	const render_file *narrow = file("charts/rev-narrow.svg");
	ck_assert_ptr_nonnull(narrow);
	ck_assert_ptr_nonnull(file("charts/rev-narrow-dark.svg"));
	HAS(narrow->data, "width=\"400px\" height=\"400px\"");
	ck_assert_uint_eq(body.ncharts, 1);
	ck_assert_str_eq(body.charts[0].title, "Figure 1. Revenue");
	const render_file *svg = file("charts/rev.svg"), *dark = file("charts/rev-dark.svg");
	ck_assert_ptr_nonnull(svg);
	ck_assert_ptr_nonnull(dark);
	HAS(svg->data, "<title id=\"chart-title\">Revenue by scenario.</title>");
	HAS(svg->data, "<desc id=\"chart-desc\">Two lines of revenue, 2024 to 2026.</desc>");
	ck_assert_int_ne(strcmp(svg->data, dark->data), 0);
	ck_assert_int_eq(memcmp(file("charts/rev.png")->data, "\x89PNG", 4), 0);
	ck_assert_int_eq(memcmp(file("charts/rev.pdf")->data, "%PDF", 4), 0);
	ck_assert_str_eq(file("charts/rev.csv")->data,
	    "year,Base case,Alternative\n2024,3.7,3.7\n2025,12.5,9.1\n2026,20.25,11\n");
}
END_TEST

/* A source given by description: is bracketed in the chart's source line, not quoted. */
START_TEST(test_source_line_description)
{
	sources[0].described = 1;
	page(0, line_chart);
	const char *o = render(0);
	sources[0].described = 0;
	ck_assert_msg(last_rc == 0, "%s", FIRST_DIAG());
	HAS(o, "Source: Pub A, [Title A]<sup class=\"cite\"><a href=\"#note-1\"");
	ck_assert_ptr_null(strstr(o, "\xe2\x80\x9cTitle A"));
}
END_TEST

/* Labels a spreadsheet would run are guarded in the CSV; the data table, read from the
 * CSV, shows them as written, and a guarded text that looks like a number stays text. */
START_TEST(test_csv_guard_table)
{
	page(0, "```chart\nid: m\ntype: matrix\ntitle: M\nalt: A grid.\n"
	    "categories: [\"-5\", \"=1+2\"]\n"
	    "series:\n  - {label: \"@row\", metrics: [fact.a, fact.b], notes: [\"+n\", \"'q\"]}\n"
	    "```\n");
	const char *o = render(0);
	ck_assert_msg(last_rc == 0, "%s", FIRST_DIAG());
	ck_assert_str_eq(file("charts/m.csv")->data, "row,column,value,note\n"
	    "\"'@row\",\"'-5\",1,\"'+n\"\n\"'@row\",\"'=1+2\",2,\"''q\"\n");
	HAS(o, "<tr><th scope=\"row\">@row</th><td data-label=\"Column\">-5</td><td class=\"num\" "
	    "data-label=\"Value\">$1.0bn</td><td data-label=\"Note\">+n</td></tr>");
	HAS(o, "<tr><th scope=\"row\">@row</th><td data-label=\"Column\">=1+2</td><td class=\"num\" "
	    "data-label=\"Value\">$2.0bn</td><td data-label=\"Note\">'q</td></tr>");
	/* four columns: stacked rows on a phone */
	HAS(o, "<details class=\"chart-data stack\">");
}
END_TEST

START_TEST(test_numbers_across_pages)
{
	page(0, "Intro.\n\n```chart\nid: one\ntype: bar\ntitle: One\nalt: A bar.\n"
	    "bars: [{label: A, metric: fact.a}]\n```\n");
	page(1, "See {{ figure one }} and {{ figure two }}.\n\n```chart\nid: two\ntype: bar\n"
	    "title: Two\nalt: Bars.\nbars: [{label: A, metric: fact.a}, {label: B, metric: "
	    "fact.b}]\n```\n");
	const char *o = render(1);
	ck_assert_msg(last_rc == 0, "%s", FIRST_DIAG());
	HAS(o, "See <a class=\"figure-ref\" href=\"index.html#fig-one\">Figure 1</a> and "
	    "<a class=\"figure-ref\" href=\"money.html#fig-two\">Figure 2</a>.");
	HAS(o, "<span class=\"fig-num\">Figure 2.</span> Two");
	ck_assert_uint_eq(figs->n, 2);
	ck_assert_uint_eq(figs->figs[1].section, 1);
}
END_TEST

START_TEST(test_duplicate_and_unknown_figure)
{
	page(0, "```chart\nid: one\ntype: bar\ntitle: One\nalt: A.\n"
	    "bars: [{label: A, metric: fact.a}]\n```\n");
	page(1, "Text {{ figure nope }}.\n\n```chart\nid: one\ntype: bar\ntitle: One\n"
	    "alt: A.\nbars: [{label: A, metric: fact.a}]\n```\n");
	render(1);
	ck_assert_int_eq(last_rc, -1);
	DIAG(P1 ":4:5: error: chart id 'one' is already used at " P0 ":2:5");
	DIAG(P1 ":1:6: error: unknown figure 'nope' (no chart directive has that id)");
}
END_TEST

/* Renders one chart whose YAML body (after the id line at page line 2) is yaml and
 * checks the one diagnostic it must give. */
static void
bad(const char *yaml, const char *want)
{
	static char md[2048];
	snprintf(md, sizeof md, "```chart\nid: x\n%s```\n", yaml);
	page(0, md);
	render(0);
	ck_assert_int_eq(last_rc, -1);
	DIAG(want);
	ck_assert_uint_eq(body.nfiles, 0);
}

START_TEST(test_unknown_metric)
{
	bad("type: line\ntitle: T\nalt: A.\nseries: [{metric: finance.nope@base}]\n",
	    P0 ":6:19: error: unknown metric 'finance.nope@base'");
}
END_TEST

START_TEST(test_unknown_type)
{
	bad("type: pie\ntitle: T\nalt: A.\nbars: [{label: A, metric: fact.a}]\n",
	    P0 ":3:7: error: unknown chart type 'pie' (line, area, bar, tornado, fan, "
	    "waterfall, matrix, timeline or multiples)");
}
END_TEST

START_TEST(test_mismatched_lengths)
{
	bad("type: bar\ntitle: T\nalt: A.\ncategories: [A, B, C]\n"
	    "series: [{label: S, metrics: [fact.a, fact.b]}]\n",
	    P0 ":7:30: error: series 'S' has 2 values for 3 categories");
}
END_TEST

START_TEST(test_nan_values)
{
	bad("type: line\ntitle: T\nalt: A.\nseries: [{metric: finance.holes@base}]\n",
	    P0 ":6:19: error: metric 'finance.holes@base' has no finite value in 2025: a "
	    "chart draws only numbers");
}
END_TEST

START_TEST(test_empty_series)
{
	bad("type: line\ntitle: T\nalt: A.\nyears: {from: 2030}\n"
	    "series: [{metric: finance.revenue@base}]\n",
	    P0 ":7:19: error: metric 'finance.revenue@base' has no value in the chart's "
	    "years: an empty series");
}
END_TEST

START_TEST(test_log_non_positive)
{
	bad("type: line\ntitle: T\nalt: A.\ny: {log: true}\n"
	    "series: [{metric: finance.neg@base, label: N}]\n",
	    P0 ":1:1: error: chart 'x': series 'N' value 1 is -1: a log scale needs values > 0");
}
END_TEST

START_TEST(test_missing_alt_and_bad_id)
{
	page(0, "```chart\nid: Bad_Id\ntype: bar\ntitle: T\nbars: [{label: A, metric: fact.a}]\n"
	    "```\n");
	render(0);
	ck_assert_int_eq(last_rc, -1);
	DIAG(P0 ":2:5: error: bad chart id 'Bad_Id': a-z, 0-9 and '-' only, at most 64");
	DIAG(P0 ":2:1: error: missing key 'alt' in chart");
}
END_TEST

/* Adds a two-input sensitivity analysis of the base case to the metrics. */
static void
add_sensitivity(void)
{
	metrics_add(mt, "sensitivity.count@base", UNIT_COUNT, 2, NULL, NULL);
	metrics_add(mt, "sensitivity.rank.1.npv_low@base", UNIT_USD_BN, -9, NULL,
	    "finance.growth_decay");
	metrics_add(mt, "sensitivity.rank.1.npv_high@base", UNIT_USD_BN, 4, NULL,
	    "finance.growth_decay");
	metrics_add(mt, "sensitivity.rank.2.npv_low@base", UNIT_USD_BN, -4, NULL,
	    "finance.margin");
	metrics_add(mt, "sensitivity.rank.2.npv_high@base", UNIT_USD_BN, -2, NULL,
	    "finance.margin");
}

START_TEST(test_tornado_labels)
{
	add_sensitivity();
	page(0, "```chart\nid: t\ntype: tornado\ntitle: T\nalt: A.\ntornado: sensitivity\n"
	    "limit: 1\nlabels:\n  finance.growth_decay: Decay of growth\n"
	    "  finance.margin: Margin\n```\n");
	render(0);
	ck_assert_msg(last_rc == 0, "%s", FIRST_DIAG());
	const render_file *csv = file("charts/t.csv");
	ck_assert_ptr_nonnull(csv);
	/* the first ranked input, named by the map; the second is beyond limit */
	HAS(csv->data, "\nDecay of growth,-9,4,-3.25\n");
	ck_assert_ptr_null(strstr(csv->data, "Margin"));
	ck_assert_ptr_null(strstr(csv->data, "finance.growth_decay"));
}
END_TEST

START_TEST(test_tornado_labels_bad)
{
	add_sensitivity();
	bad("type: tornado\ntitle: T\nalt: A.\ntornado: sensitivity\n"
	    "labels: {finance.nope: Nope}\n",
	    P0 ":7:10: error: labels: 'finance.nope' is not an input of the sensitivity "
	    "analysis");
	diag_free(dg);
	dg = diag_new();
	bad("type: bar\ntitle: T\nalt: A.\nbars: [{label: A, metric: fact.a}]\n"
	    "labels: {finance.margin: M}\n",
	    P0 ":7:9: error: 'labels' goes with 'tornado' (words for its inputs)");
}
END_TEST

/* Parses the number fields of a CSV's rows after the header into vals (row-major,
 * skipping the first column); returns how many. */
static size_t
csv_numbers(const char *csv, double *vals, size_t max)
{
	size_t n = 0;
	const char *p = strchr(csv, '\n');
	while (p != NULL && p[1] != '\0') {
		p++;
		const char *end = strchr(p, '\n');
		const char *f = strchr(p, ',');
		while (f != NULL && f < end && n < max) {
			vals[n++] = strtod(f + 1, NULL);
			f = strchr(f + 1, ',');
		}
		p = end;
	}
	return n;
}

START_TEST(test_csv_equals_metrics)
{
	page(0, "```chart\nid: s\ntype: line\ntitle: T\nalt: A.\nseries:\n"
	    "  - {metric: finance.revenue@base}\n  - {metric: finance.revenue@alt}\n```\n\n"
	    "```chart\nid: b\ntype: bar\ntitle: T\nalt: A.\nscenarios: [base, alt]\n"
	    "metric: finance.npv\n```\n");
	render(0);
	ck_assert_msg(last_rc == 0, "%s", FIRST_DIAG());
	double got[16], want;
	metric_unit u;
	size_t n = csv_numbers(file("charts/s.csv")->data, got, 16);
	ck_assert_uint_eq(n, 6);
	static const char *const refs[] = { "finance.revenue@base[2024]",
		"finance.revenue@alt[2024]", "finance.revenue@base[2025]",
		"finance.revenue@alt[2025]", "finance.revenue@base[2026]",
		"finance.revenue@alt[2026]" };
	for (size_t i = 0; i < n; i++) {
		ck_assert_int_eq(metrics_lookup(mt, refs[i], &want, &u), 0);
		ck_assert_double_eq(got[i], want);
	}
	ck_assert_str_eq(file("charts/b.csv")->data,
	    "category,finance.npv@base\nBase case,-3.25\nAlternative,20.5\n");
	n = csv_numbers(file("charts/b.csv")->data, got, 16);
	ck_assert_uint_eq(n, 2);
	ck_assert_double_eq(got[0], -3.25);
	ck_assert_double_eq(got[1], 20.5);
}
END_TEST

START_TEST(test_chart_file_alone)
{
	page(0, line_chart);
	render_ctx c = { &rep, mt, dg, NULL, 2, 0, NULL, 0, NULL };
	figs = render_scan_figures(&c);
	c.figs = figs;
	static const chart_format fmts[3] = { CHART_SVG, CHART_PNG, CHART_PDF };
	buf b[3], one;
	for (int i = 0; i < 3; i++)
		buf_init(&b[i]);
	buf_init(&one);
	ck_assert_int_eq(render_chart_files(&c, "rev", fmts, 3, b), 0);
	HAS(buf_str(&b[0]), "<desc id=\"chart-desc\">Two lines of revenue, 2024 to 2026.</desc>");
	ck_assert(b[1].len > 8 && memcmp(b[1].data, "\x89PNG\r\n\x1a\n", 8) == 0);
	ck_assert(b[2].len > 5 && memcmp(b[2].data, "%PDF-", 5) == 0);
	/* each file alone on one thread: the same bytes as the set drawn on two */
	c.jobs = 1;
	for (int i = 0; i < 3; i++) {
		buf_reset(&one);
		ck_assert_int_eq(render_chart_files(&c, "rev", &fmts[i], 1, &one), 0);
		ck_assert_uint_eq(one.len, b[i].len);
		ck_assert(memcmp(one.data, b[i].data, one.len) == 0);
	}
	buf_reset(&one);
	ck_assert_int_eq(render_chart_files(&c, "nope", fmts, 1, &one), -1);
	DIAG("mkreport: error: unknown chart 'nope'");
	for (int i = 0; i < 3; i++)
		buf_free(&b[i]);
	buf_free(&one);
}
END_TEST

/* Renders page i with figs as they are (the scan's kept tree, if not taken yet);
 * returns its serialization (owned by the caller), NULL on error. */
static char *
render_kept(size_t i)
{
	render_ctx c = { &rep, mt, dg, figs, 0, 0, NULL, 0, NULL };
	render_body_free(&body);
	if (render_markdown(&c, i, doc, &body) != 0)
		return NULL;
	xmlBufferPtr b = xmlBufferCreate();
	xmlNodeDump(b, doc, body.root, 0, 0);
	char *out = strdup((const char *)xmlBufferContent(b));
	xmlBufferFree(b);
	xmlFreeNode(body.root);
	body.root = NULL;
	return out;
}

START_TEST(test_one_parse)
{
	/* no fence that could be a chart's: the scan does not parse the page */
	page(0, "Charts & tables are named here.\n\n`code`, ~~strike~~, ``` and ~~~ inline.\n");
	/* a chart in a list item and one whose info string is an entity reference */
	page(1, "- See {{ figure two }}.\n\n  ```chart\n  id: one\n  type: bar\n  title: One\n"
	    "  alt: A.\n  bars: [{label: A, metric: fact.a}]\n  ```\n\n```&#99;hart\nid: two\n"
	    "type: bar\ntitle: Two\nalt: B.\nbars: [{label: B, metric: fact.b}]\n```\n");
	render_ctx c = { &rep, mt, dg, NULL, 0, 0, NULL, 0, NULL };
	figs = render_scan_figures(&c);
	ck_assert_uint_eq(figs->n, 2);
	ck_assert_str_eq(figs->figs[0].id, "one");
	ck_assert_str_eq(figs->figs[1].id, "two");
	ck_assert_ptr_nonnull(figs->figs[0].root);
	ck_assert_ptr_nonnull(figs->figs[1].root);
	ck_assert_ptr_null(render_figs_take_doc(figs, 0));
	/* the page rendered from the scan's tree and YAML */
	char *kept = render_kept(1);
	ck_assert_msg(kept != NULL, "%s", FIRST_DIAG());
	ck_assert_ptr_null(render_figs_take_doc(figs, 1)); /* handed over to the render */
	HAS(kept, "<span class=\"fig-num\">Figure 2.</span> Two");
	HAS(kept, "<a class=\"figure-ref\" href=\"money.html#fig-two\">Figure 2</a>");
	/* the same page parsed afresh (the scan's tree taken away): the same markup */
	render_figs_free(figs);
	figs = render_scan_figures(&c);
	cmark_node_free(render_figs_take_doc(figs, 1));
	char *fresh = render_kept(1);
	ck_assert_msg(fresh != NULL, "%s", FIRST_DIAG());
	ck_assert_str_eq(kept, fresh);
	free(kept);
	free(fresh);
	/* one line of 250,000 tilde runs: the scan's test reads it once (a test that
	 * read the rest of the line at each run would take minutes) and parses nothing */
	size_t n = 250000;
	char *big = malloc(4 * n + 2);
	for (size_t i = 0; i < n; i++)
		memcpy(big + 4 * i, "~~~ ", 4);
	memcpy(big + 4 * n, "\n", 2);
	page(0, big);
	render_figs_free(figs);
	figs = render_scan_figures(&c);
	ck_assert_ptr_null(render_figs_take_doc(figs, 0));
	page(0, "");
	free(big);
}
END_TEST

/* The expectation and a counterfactual are references: labelled, flagged for the
 * hatched look (the drawing differs from plain bars) and headed "Scenario" in the
 * data table; `references` flags categories by name, an unknown one an error. */
START_TEST(test_reference_bars)
{
	scenarios[1].counterfactual = 1;
	metrics_add(mt, "finance.npv@expected", UNIT_USD_BN, 1.5, NULL, NULL);
	page(0, "```chart\nid: b\ntype: bar\ntitle: T\nalt: A.\nscenarios: [base, alt, "
	    "expected]\nmetric: finance.npv\n```\n\n"
	    "```chart\nid: r\ntype: bar\ntitle: T\nalt: A.\ncategories: [A, B]\n"
	    "references: [B]\nseries: [{label: S, metrics: [fact.a, fact.b]}]\n```\n\n"
	    "```chart\nid: p\ntype: bar\ntitle: T\nalt: A.\ncategories: [A, B]\n"
	    "series: [{label: S, metrics: [fact.a, fact.b]}]\n```\n");
	const char *o = render(0);
	ck_assert_msg(last_rc == 0, "%s", FIRST_DIAG());
	ck_assert_str_eq(file("charts/b.csv")->data, "category,finance.npv@base\n"
	    "Base case,-3.25\nAlternative (counterfactual),20.5\n"
	    "Expected (probability-weighted),1.5\n");
	HAS(o, "<thead><tr><th scope=\"col\">Scenario</th>");
	HAS(o, "<thead><tr><td/><th scope=\"col\" class=\"num\">S</th></tr></thead>"); /* no "category" */
	ck_assert_int_ne(strcmp(file("charts/r.svg")->data, file("charts/p.svg")->data), 0);
	bad("type: bar\ntitle: T\nalt: A.\ncategories: [A, B]\nreferences: [A, C]\n"
	    "series: [{label: S, metrics: [fact.a, fact.b]}]\n",
	    P0 ":7:17: error: references: 'C' is not one of the categories");
}
END_TEST

/* Data tables name the CSV's columns for a reader: a waterfall's steps and a fan's
 * percentiles; the CSV keeps its names. */
START_TEST(test_data_headings)
{
	page(0, "```chart\nid: w\ntype: waterfall\ntitle: T\nalt: A.\n"
	    "waterfall: [{label: A, metric: fact.a}, {label: B, metric: fact.b}]\ntotal: All\n"
	    "```\n");
	const char *o = render(0);
	ck_assert_msg(last_rc == 0, "%s", FIRST_DIAG());
	ck_assert_int_eq(strncmp(file("charts/w.csv")->data, "category,delta,start,end\n", 25), 0);
	HAS(o, "<tr><th scope=\"col\">Step</th><th scope=\"col\" class=\"num\">Change</th>"
	    "<th scope=\"col\" class=\"num\">Running total before</th><th scope=\"col\" "
	    "class=\"num\">Running total after</th></tr>");
	HAS(o, "<tr><th scope=\"row\">A</th><td class=\"num\" data-label=\"Change\">$1.0bn</td>"
	    "<td class=\"num\" data-label=\"Running total before\">$0bn</td><td class=\"num\" "
	    "data-label=\"Running total after\">$1.0bn</td></tr>");
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("chart_directive");
	TCase *t = tcase_create("directive");
	tcase_set_timeout(t, 30);
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, test_figure);
	tcase_add_test(t, test_source_line_description);
	tcase_add_test(t, test_csv_guard_table);
	tcase_add_test(t, test_numbers_across_pages);
	tcase_add_test(t, test_duplicate_and_unknown_figure);
	tcase_add_test(t, test_unknown_metric);
	tcase_add_test(t, test_unknown_type);
	tcase_add_test(t, test_mismatched_lengths);
	tcase_add_test(t, test_nan_values);
	tcase_add_test(t, test_empty_series);
	tcase_add_test(t, test_log_non_positive);
	tcase_add_test(t, test_missing_alt_and_bad_id);
	tcase_add_test(t, test_csv_equals_metrics);
	tcase_add_test(t, test_chart_file_alone);
	tcase_add_test(t, test_tornado_labels);
	tcase_add_test(t, test_tornado_labels_bad);
	tcase_add_test(t, test_one_parse);
	tcase_add_test(t, test_reference_bars);
	tcase_add_test(t, test_data_headings);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	cmd_process_init();
	int rc = check_run(suite());
	cmd_process_fini();
	return rc;
}
