/* check_chart_data_cov: the chart directive's data and spec keys (src/render/chart_data.c,
 * chart_spec.c): each malformed key an error at its position, and the less common
 * shapes (fan maps, events, risk matrices, expected_posterior bars) drawn. */
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

/* One malformed chart: its YAML after "id: x" (page line 2) and the first error. */
typedef struct bad_case {
	const char *yaml;
	const char *want;
} bad_case;

#define T "title: T\nalt: A.\n"

static const bad_case cases[] = {
	/* series: [{metric, label}] */
	{ "type: line\n" T "series: fact.a\n",
	  P0 ":6:9: error: expected a sequence for 'series', found a scalar" },
	{ "type: line\n" T "series: [fact.a]\n",
	  P0 ":6:10: error: expected a mapping for 'series', found a scalar" },
	{ "type: line\n" T "series: [{metric: finance.revenue@base, colour: red}]\n",
	  P0 ":6:41: error: unknown key 'colour' in series" },
	{ "type: line\n" T "series: [{label: R}]\n",
	  P0 ":6:10: error: missing key 'metric' in series" },
	/* categories + series */
	{ "type: bar\n" T "categories: [A]\nseries: [{label: S, metrics: fact.a}]\n",
	  P0 ":7:30: error: expected a sequence for 'metrics', found a scalar" },
	{ "type: bar\n" T "categories: [A]\nseries: [{label: S, metrics: [[fact.a]]}]\n",
	  P0 ":7:31: error: expected a string for 'metric', found a sequence" },
	{ "type: bar\n" T "categories: [A]\nseries: [{label: S, metrics: [fact.nope]}]\n",
	  P0 ":7:31: error: unknown metric 'fact.nope'" },
	{ "type: matrix\n" T "categories: [A, B]\n"
	  "series: [{label: S, metrics: [fact.a, fact.b], notes: [n]}]\n",
	  P0 ":7:55: error: series 'S' has 1 values for 2 categories" },
	{ "type: matrix\n" T "categories: [A]\nseries: [{label: S, metrics: [fact.a], notes: n}]\n",
	  P0 ":7:47: error: expected a sequence for 'notes', found a scalar" },
	{ "type: bar\n" T "categories: [A]\nseries: [{metrics: [fact.a], size: 2}]\n",
	  P0 ":7:30: error: unknown key 'size' in series" },
	{ "type: bar\n" T "categories: A\nseries: [{label: S, metrics: [fact.a]}]\n",
	  P0 ":6:13: error: expected a sequence for 'categories', found a scalar" },
	{ "type: bar\n" T "categories: [A]\n",
	  P0 ":2:1: error: missing key 'series' in chart" },
	{ "type: bar\n" T "categories: [A]\nseries: {label: S}\n",
	  P0 ":7:9: error: expected a sequence for 'series', found a mapping" },
	{ "type: bar\n" T "categories: [A]\nseries: [{label: S, metrics: [fact.a]}]\n"
	  "references: B\n",
	  P0 ":8:13: error: expected a sequence for 'references', found a scalar" },
	/* scenarios + metric */
	{ "type: line\n" T "scenarios: base\nmetric: finance.revenue\n",
	  P0 ":6:12: error: expected a sequence for 'scenarios', found a scalar" },
	{ "type: line\n" T "scenarios: [base]\nmetric: finance.revenue@base\n",
	  P0 ":7:9: error: metric 'finance.revenue@base': with 'scenarios', name the metric without '@scenario'" },
	{ "type: line\n" T "scenarios: [[base]]\nmetric: finance.revenue\n",
	  P0 ":6:13: error: expected a string for 'scenario', found a sequence" },
	{ "type: line\n" T "scenarios: [base]\n",
	  P0 ":2:1: error: missing key 'metric' in chart" },
	{ "type: line\n" T "scenarios: [base]\nmetric: [finance.revenue]\n",
	  P0 ":7:9: error: expected a string for 'metric', found a sequence" },
	{ "type: bar\n" T "scenarios: [base]\nmetric: finance.npv\nlabel: [L]\n",
	  P0 ":8:8: error: expected a string for 'label', found a sequence" },
	{ "type: line\n" T "scenarios: [base, alt]\nmetric: finance.mixed\n",
	  P0 ":6:19: error: metric 'finance.mixed@alt' is a single value, but in the other scenarios a series of years" },
	{ "type: area\n" T "scenarios: [base, alt]\nmetric: finance.npv\n",
	  P0 ":7:9: error: metric 'finance.npv' is a single value per scenario, not a series of years: type area with 'scenarios' needs a per-year metric (one bar per scenario: type bar)" },
	{ "type: line\n" T "metric: finance.npv\n",
	  P0 ":6:9: error: 'metric' goes with 'scenarios' (one line or bar per scenario)" },
	/* bars, waterfall */
	{ "type: bar\n" T "bars: fact.a\n",
	  P0 ":6:7: error: expected a sequence for 'bars', found a scalar" },
	{ "type: bar\n" T "bars: [fact.a]\n",
	  P0 ":6:8: error: expected a mapping for 'bars', found a scalar" },
	{ "type: bar\n" T "bars: [{label: A, metric: fact.a, colour: red}]\n",
	  P0 ":6:35: error: unknown key 'colour' in bars" },
	{ "type: bar\n" T "bars: [{metric: fact.a}]\n",
	  P0 ":6:8: error: missing key 'label' in bars" },
	{ "type: bar\n" T "bars: [{label: A}]\n",
	  P0 ":6:8: error: missing key 'metric' in bars" },
	{ "type: waterfall\n" T "waterfall: [{label: A, metric: fact.a}]\ntotal: [Sum]\n",
	  P0 ":7:8: error: expected a string for 'total', found a sequence" },
	/* fan */
	{ "type: fan\n" T "fan: mc.npv\nscenario: [base]\n",
	  P0 ":7:11: error: expected a string for 'scenario', found a sequence" },
	{ "type: fan\n" T "fan: [mc.npv]\n",
	  P0 ":6:6: error: expected a mapping for 'fan', found a sequence" },
	{ "type: fan\n" T "fan: {p5: a, colour: red}\n",
	  P0 ":6:14: error: unknown key 'colour' in fan" },
	{ "type: fan\n" T "fan: {p5: mc.npv.p5@base, label: [M]}\n",
	  P0 ":6:34: error: expected a string for 'label', found a sequence" },
	{ "type: fan\n" T "fan: {p5: mc.npv.p5@base, p25: mc.npv.p25@base, p50: [x], "
	  "p75: mc.npv.p75@base, p95: mc.npv.p95@base}\n",
	  P0 ":6:54: error: expected a string for 'fan', found a sequence" },
	{ "type: fan\n" T "fan: {p5: mc.npv.p5@base}\n",
	  P0 ":6:6: error: missing key 'p25' in fan" },
	{ "type: fan\n" T "fan: mc.none\n",
	  P0 ":6:6: error: unknown metric 'mc.none.p5@base'" },
	/* tornado */
	{ "type: tornado\n" T "tornado: other\n",
	  P0 ":6:10: error: tornado: the only source is 'sensitivity'" },
	{ "type: tornado\n" T "tornado: [sensitivity]\n",
	  P0 ":6:10: error: tornado: the only source is 'sensitivity'" },
	{ "type: tornado\n" T "tornado: sensitivity\n",
	  P0 ":6:10: error: unknown metric 'sensitivity.count@base'" },
	{ "type: tornado\n" T "tornado: sensitivity\nlimit: 0\n",
	  P0 ":7:8: error: 'limit' must be between 1 and 64, found 0" },
	/* matrix, events */
	{ "type: matrix\n" T "matrix: other\n",
	  P0 ":6:9: error: matrix: write 'matrix: risks', or give 'categories' and 'series' with 'metrics' per row" },
	{ "type: matrix\n" T "matrix: [risks]\n",
	  P0 ":6:9: error: matrix: write 'matrix: risks', or give 'categories' and 'series' with 'metrics' per row" },
	{ "type: matrix\n" T "matrix: risks\n",
	  P0 ":6:9: error: matrix: risks needs data/risks.yaml (the report has no risks)" },
	{ "type: timeline\n" T "events: 2024\n",
	  P0 ":6:9: error: expected a sequence for 'events', found a scalar" },
	{ "type: timeline\n" T "events: [2024]\n",
	  P0 ":6:10: error: expected a mapping for 'event', found a scalar" },
	{ "type: timeline\n" T "events: [{year: 2024, label: L, day: 1}]\n",
	  P0 ":6:33: error: unknown key 'day' in event" },
	{ "type: timeline\n" T "events: [{label: L}]\n",
	  P0 ":6:10: error: missing key 'year' in event" },
	{ "type: timeline\n" T "events: [{year: 1700, label: L}]\n",
	  P0 ":6:17: error: 'year' must be between 1800 and 2300, found 1700" },
	{ "type: timeline\n" T "events: [{year: 2024, month: 13, label: L}]\n",
	  P0 ":6:30: error: 'month' must be between 1 and 12, found 13" },
	{ "type: timeline\n" T "events: [{year: 2024, month: 2}]\n",
	  P0 ":6:10: error: missing key 'label' in event" },
	/* the spec keys */
	{ "type: line\n" T "y: 3\nseries: [{metric: finance.revenue@base}]\n",
	  P0 ":6:4: error: expected a mapping for 'y', found a scalar" },
	{ "type: line\n" T "y: {unit: furlongs}\nseries: [{metric: finance.revenue@base}]\n",
	  P0 ":6:11: error: unknown unit 'furlongs'" },
	{ "type: line\n" T "years: 2024\nseries: [{metric: finance.revenue@base}]\n",
	  P0 ":6:8: error: expected a mapping for 'years', found a scalar" },
	{ "type: line\n" T "years: {from: 2024, until: 2026}\n"
	  "series: [{metric: finance.revenue@base}]\n",
	  P0 ":6:21: error: unknown key 'until' in years" },
	{ "type: line\n" T "years: {from: 2026, to: 2024}\n"
	  "series: [{metric: finance.revenue@base}]\n",
	  P0 ":6:8: error: years: 'to' is before 'from'" },
	{ "title: T\nalt: A.\nseries: [{metric: finance.revenue@base}]\n",
	  P0 ":2:1: error: missing key 'type' in chart" },
	{ "type: line\n" T "source: nope\nseries: [{metric: finance.revenue@base}]\n",
	  P0 ":6:9: error: unknown source 'nope'" },
	{ "type: line\n" T "source: [alpha, [beta]]\nseries: [{metric: finance.revenue@base}]\n",
	  P0 ":6:17: error: expected a string for 'source', found a sequence" },
	{ "type: line\n" T "source: {a: 1}\nseries: [{metric: finance.revenue@base}]\n",
	  P0 ":6:9: error: expected a sequence for 'source', found a mapping" },
	{ "type: line\n" T "series: [{metric: finance.revenue@base}]\nannotations: {a: 1}\n",
	  P0 ":7:14: error: expected a sequence for 'annotations', found a mapping" },
	{ "type: line\n" T "series: [{metric: finance.revenue@base}]\nannotations: [3]\n",
	  P0 ":7:15: error: expected a mapping for 'annotation', found a scalar" },
	{ "type: line\n" T "series: [{metric: finance.revenue@base}]\n"
	  "annotations: [{hline: {metric: fact.nope}, label: L}]\n",
	  P0 ":7:32: error: unknown metric 'fact.nope'" },
	{ "type: line\n" T "series: [{metric: finance.revenue@base}]\n"
	  "annotations: [{hline: 3, label: L}]\n",
	  P0 ":7:23: error: expected a mapping for 'hline', found a scalar" },
	{ "type: line\n" T "series: [{metric: finance.revenue@base}]\n"
	  "annotations: [{hline: {value: 1, metric: fact.a}, label: L}]\n",
	  P0 ":7:23: error: hline needs exactly one of 'metric' and 'value'" },
	{ "type: line\n" T "series: [{metric: finance.revenue@base}]\n"
	  "annotations: [{hline: {metric: [fact.a]}, label: L}]\n",
	  P0 ":7:32: error: expected a string for 'metric', found a sequence" },
	{ "type: bar\n" T "bars: [{label: A, metric: fact.nan}]\n",
	  P0 ":6:27: error: metric 'fact.nan' has no finite value: a chart draws only numbers" },
};

/* Renders case i alone; returns its first diagnostic ("" if none). */
static const char *
run_case(size_t i)
{
	static char md[2048];
	diag_free(dg);
	dg = diag_new();
	snprintf(md, sizeof md, "```chart\nid: x\n%s```\n", cases[i].yaml);
	page(0, md);
	render(0);
	return diag_count(dg) ? diag_text(dg, 0) : "";
}

START_TEST(test_bad_cases)
{
	int dump = getenv("CHART_DATA_COV_DUMP") != NULL;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = run_case(i);
		if (dump) {
			printf("case %zu rc=%d n=%d\n", i, last_rc, diag_count(dg));
			for (int k = 0; k < diag_count(dg); k++)
				printf("  %s\n", diag_text(dg, k));
			continue;
		}
		ck_assert_msg(last_rc == -1, "case %zu built", i);
		ck_assert_uint_eq(body.nfiles, 0);
		ck_assert_msg(cases[i].want && strcmp(got, cases[i].want) == 0,
		    "case %zu: got '%s', want '%s'", i, got, cases[i].want ? cases[i].want : "?");
	}
}
END_TEST

/* Adds the metrics the cases draw beyond setup's. */
static void
more_metrics(void)
{
	static const int years[] = { 2024, 2025, 2026 };
	static const double p[5][3] = { { 1, 2, 3 }, { 2, 3, 4 }, { 3, 4, 5 }, { 4, 5, 6 },
		{ 5, 6, 7 } };
	static const char *const q[] = { "p5", "p25", "p50", "p75", "p95" };
	char name[64];
	for (int k = 0; k < 5; k++) {
		snprintf(name, sizeof name, "mc.npv.%s@base", q[k]);
		metrics_add_series(mt, name, UNIT_USD_BN, years, p[k], 3, NULL, NULL);
	}
	metrics_add(mt, "fact.nan", UNIT_USD_BN, NAN, NULL, NULL);
	metrics_add(mt, "finance.npv@expected_posterior", UNIT_USD_BN, 7.5, NULL, NULL);
	metrics_add_series(mt, "finance.mixed@base", UNIT_USD_BN, years, p[0], 3, NULL, NULL);
	metrics_add(mt, "finance.mixed@alt", UNIT_USD_BN, 1, NULL, NULL);
}

static void
setup_more(void)
{
	more_metrics();
}

/* Renders page 0 from md; asserts it built and returns the CSV of chart id "x". */
static const char *
good_csv(const char *md)
{
	page(0, md);
	const char *html = render(0);
	ck_assert_msg(last_rc == 0, "%s", FIRST_DIAG());
	ck_assert_ptr_nonnull(strstr(html, "<figure"));
	const render_file *csv = file("charts/x.csv");
	ck_assert_ptr_nonnull(csv);
	return csv->data;
}

START_TEST(test_fan_map_and_label)
{
	const char *csv = good_csv("```chart\nid: x\ntype: fan\n" T
	    "fan: {p5: mc.npv.p5@base, p25: mc.npv.p25@base, p50: mc.npv.p50@base, "
	    "p75: mc.npv.p75@base, p95: mc.npv.p95@base, label: Middle}\n```\n");
	HAS(csv, "Middle");
	HAS(csv, "\nMiddle,2025,2,3,4,5,6\n");
	csv = good_csv("```chart\nid: x\ntype: fan\n" T "fan: mc.npv\nscenario: base\n```\n");
	HAS(csv, "Median");
	HAS(csv, "\nMedian,2026,3,4,5,6,7\n");
}
END_TEST

START_TEST(test_expected_posterior_bars)
{
	const char *csv = good_csv("```chart\nid: x\ntype: bar\n" T
	    "scenarios: [base, expected_posterior]\nmetric: finance.npv\nlabel: NPV\n```\n");
	HAS(csv, "Base case,-3.25");
	HAS(csv, "Expected (posterior weights),7.5");
}
END_TEST

START_TEST(test_timeline_events)
{
	const char *csv = good_csv("```chart\nid: x\ntype: timeline\n" T
	    "events: [{year: 2024, month: 3, label: Launch}, {year: 2025, label: Deal}]\n```\n");
	HAS(csv, "Launch");
	HAS(csv, "Deal");
}
END_TEST

START_TEST(test_waterfall_total_and_label)
{
	const char *csv = good_csv("```chart\nid: x\ntype: waterfall\n" T "y: {label: Bn}\n"
	    "waterfall: [{label: A, metric: fact.a}, {label: B, metric: fact.b}]\n"
	    "total: Sum\n```\n");
	HAS(csv, "\nB,2,1,3\nSum,,0,3\n");
}
END_TEST

/* Adds risk id with its bands and rank. */
static void
risk(const char *id, double lb, double ib, double rank)
{
	char name[64];
	snprintf(name, sizeof name, "risk.%s.likelihood_band", id);
	metrics_add(mt, name, UNIT_COUNT, lb, NULL, NULL);
	snprintf(name, sizeof name, "risk.%s.impact_band", id);
	metrics_add(mt, name, UNIT_COUNT, ib, NULL, NULL);
	snprintf(name, sizeof name, "risk.%s.rank", id);
	metrics_add(mt, name, UNIT_COUNT, rank, NULL, NULL);
}

START_TEST(test_risk_matrix)
{
	risk("b", 5, 1, 2);
	risk("a", 5, 1, 1);
	risk("c", 1, 5, 2);
	metrics_add(mt, "risk.x.likelihood", UNIT_COUNT, 1, NULL, NULL); /* not a band */
	page(0, "```chart\nid: x\ntype: matrix\n" T "matrix: risks\n```\n");
	const char *html = render(0);
	ck_assert_msg(last_rc == 0, "%s", FIRST_DIAG());
	/* likelihood 5, impact 1: two risks in rank order; likelihood 1, impact 5: one */
	HAS(html, "<td data-label=\"Risk ranks\">#1; #2</td>");
	const render_file *csv = file("charts/x.csv");
	ck_assert_ptr_nonnull(csv);
	HAS(csv->data, "\nLikelihood 5,Impact 1,2,#1; #2\n");
	HAS(csv->data, "\nLikelihood 1,Impact 5,1,#2\n");
}
END_TEST

START_TEST(test_risk_matrix_band_out_of_range)
{
	risk("a", 6, 1, 1);
	page(0, "```chart\nid: x\ntype: matrix\n" T "matrix: risks\n```\n");
	render(0);
	ck_assert_int_eq(last_rc, -1);
	DIAG(P0 ":6:9: error: matrix: risk 'a' has bands 6 x 1, not in 1..5");
}
END_TEST

START_TEST(test_tornado_no_inputs)
{
	metrics_add(mt, "sensitivity.count@base", UNIT_COUNT, 0, NULL, NULL);
	page(0, "```chart\nid: x\ntype: tornado\n" T "tornado: sensitivity\n```\n");
	render(0);
	ck_assert_int_eq(last_rc, -1);
	DIAG(P0 ":6:10: error: tornado: the sensitivity analysis has no inputs (give some inputs low: and high:)");
}
END_TEST

START_TEST(test_data_table_quoted_labels)
{
	/* labels with a comma, quotes and a leading quote-apostrophe pass through the CSV
	 * into the data table as written; the x label heads the category column */
	const char *md = "```chart\nid: x\ntype: bar\n" T "x: {label: Region}\n"
	    "bars: [{label: 'North, \"upper\"', metric: fact.a}, {label: \"'=1+1\", metric: fact.b}]\n"
	    "```\n";
	const char *csv = good_csv(md);
	HAS(csv, "\"North, \"\"upper\"\"\"");
	page(0, md);
	const char *html = render(0);
	HAS(html, "<th scope=\"col\">Region</th>");
	HAS(html, "<th scope=\"row\">North, \"upper\"</th>");
	HAS(html, ">'=1+1</th>");
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("chart_data_cov");
	TCase *t = tcase_create("data");
	tcase_set_timeout(t, 60);
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_checked_fixture(t, setup_more, NULL);
	tcase_add_test(t, test_bad_cases);
	tcase_add_test(t, test_fan_map_and_label);
	tcase_add_test(t, test_expected_posterior_bars);
	tcase_add_test(t, test_timeline_events);
	tcase_add_test(t, test_waterfall_total_and_label);
	tcase_add_test(t, test_risk_matrix);
	tcase_add_test(t, test_risk_matrix_band_out_of_range);
	tcase_add_test(t, test_tornado_no_inputs);
	tcase_add_test(t, test_data_table_quoted_labels);
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
