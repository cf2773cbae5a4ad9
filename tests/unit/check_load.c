/* check_load: the loader on the mini fixture (resolved values) and on broken copies. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "load/load.h"
#include "util/buf.h"
#include "util/path.h"
#include "check_main.h"

#define MINI "tests/fixtures/mini/content"

static diag *d;
static report *r;

static void
setup(void)
{
	d = diag_new();
	r = load_report(MINI, d);
	ck_assert_int_eq(diag_count(d), 0);
	ck_assert_ptr_nonnull(r);
}

static void
teardown(void)
{
	report_free(r);
	diag_free(d);
}

static const rep_scenario *
scen(const char *name)
{
	int i = report_scenario_index(r, name);
	ck_assert_int_ge(i, 0);
	return &r->scenarios[i];
}

START_TEST(report_fields)
{
	ck_assert_str_eq(r->content_dir, MINI);
	ck_assert_str_eq(r->title, "Mini report");
	ck_assert_str_eq(r->author, "Test Author");
	ck_assert_str_eq(r->as_of, "2026-11-01");
	ck_assert_str_eq(r->lang, "en");
	ck_assert_str_eq(r->base_url, "https://example.org/mini/");
	ck_assert_int_eq(r->raw_html, 0);
	ck_assert_uint_eq(r->nsections, 3);
	ck_assert_str_eq(r->sections[0].slug, "index");
	ck_assert_str_eq(r->sections[1].file, "pages/money.md");
	ck_assert_str_eq(r->sections[1].display, MINI "/pages/money.md");
	ck_assert(strncmp(r->sections[0].text, "# Mini report\n", 14) == 0);
	ck_assert_uint_eq(r->sections[0].len, strlen(r->sections[0].text));
	ck_assert_int_eq(r->sections[2].pos.line, 18);
	ck_assert_int_eq(r->sections[2].pos.col, 5);
	ck_assert_int_eq(report_section_index(r, "money"), 1);
	ck_assert_int_eq(report_section_index(r, "nope"), -1);
}
END_TEST

START_TEST(sources_and_inputs)
{
	ck_assert_uint_eq(r->nsources, 3);
	ck_assert_int_eq(report_source_index(r, "press-2021"), 1);
	ck_assert_int_eq(report_source_index(r, "x"), -1);
	ck_assert_str_eq(r->sources[1].date, "2021-06");
	ck_assert_ptr_null(r->sources[1].url);
	ck_assert_str_eq(r->sources[2].date, "2022");
	ck_assert_str_eq(r->sources[0].url, "https://example.org/acme-10k-2020");
	ck_assert_str_eq(r->sources[1].confidence, "reported-by-press");
	ck_assert_int_eq(r->sources[0].described, 0); /* title: */
	ck_assert_str_eq(r->sources[0].title, "Annual report 2020");
	ck_assert_int_eq(r->sources[1].described, 1); /* description: */
	ck_assert_str_eq(r->sources[1].title, "Example News report that Acme deepens its bet");
	ck_assert_uint_eq(r->ninputs, 9);
	ck_assert_str_eq(r->inputs[0], MINI "/report.yaml");
	ck_assert_str_eq(r->inputs[3], MINI "/pages/sources.md");
	ck_assert_str_eq(r->inputs[7], MINI "/data/scenarios.yaml");
	ck_assert_str_eq(r->inputs[8], MINI "/data/evidence.yaml");
}
END_TEST

START_TEST(evidence)
{
	/* two events in file order; likelihoods per scenario in scenarios.yaml order, NaN
	 * for the counterfactual old-terms */
	ck_assert_uint_eq(r->nevidence, 2);
	const rep_evidence *e = &r->evidence[1];
	ck_assert_str_eq(r->evidence[0].id, "deal_2021");
	ck_assert_str_eq(r->evidence[0].date, "2021-06");
	ck_assert_str_eq(e->id, "shares_2022");
	ck_assert_str_eq(e->date, "2022-01-15");
	ck_assert_str_eq(e->event, "Market shares hold");
	ck_assert_str_eq(e->source, "analyst-2022");
	ck_assert_int_eq(report_scenario_index(r, "old-terms"), 3);
	ck_assert(e->likelihood[0] == 0.5);
	ck_assert(e->likelihood[1] == 0.6);
	ck_assert(e->likelihood[2] == 1.0);
	ck_assert(isnan(e->likelihood[3]));
	ck_assert_int_eq(e->pos.line, 12);
	ck_assert_int_eq(e->date_pos.line, 13);
}
END_TEST

START_TEST(facts)
{
	const metric *m = metrics_find(r->facts, "fact.commitment");
	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(m->unit, UNIT_USD_BN);
	ck_assert(m->vals[0] == 3.0);
	ck_assert_str_eq(m->source, "acme-10k-2020");
	ck_assert_str_eq(m->label, "Total funding commitment");
	ck_assert_str_eq(m->status, "disclosed");
	m = metrics_find(r->facts, "fact.cloud_share");
	ck_assert_str_eq(m->status, "estimate");
	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(m->n, 2);
	ck_assert_int_eq(m->years[1], 2022);
	ck_assert(m->vals[1] == 0.25);
	m = metrics_find(r->facts, "fact.users");
	ck_assert_ptr_null(m->source);
	ck_assert_str_eq(m->status, "estimate");
	ck_assert_int_eq(m->unit, UNIT_COUNT);
	ck_assert_uint_eq(metrics_count(r->facts), 3);
}
END_TEST

START_TEST(base_inputs)
{
	const fin_params *p = &scen("base")->fin;
	ck_assert_int_eq(p->t0, 2019);
	ck_assert_int_eq(p->T, 2026);
	ck_assert(p->discount_rate == 0.1);
	ck_assert(p->azure_gross_margin == 0.5);
	ck_assert_uint_eq(p->ntranches, 2);
	ck_assert_int_eq(p->tranche[1].year, 2021);
	ck_assert(p->tranche[1].amount == 2.0);
	ck_assert(p->tranche[1].cash_fraction == 1.0);
	ck_assert(p->tranche[0].cash_fraction == 0.5);
	ck_assert(p->revenue0 == 1.0 && p->growth0 == 1.0 && p->growth_decay == 0.5);
	ck_assert(isnan(p->revenue_actual[0]) && p->revenue_actual[2] == 3.0);
	ck_assert(isnan(p->revenue_actual[3]));
	ck_assert(p->margin_actual[1] == -1.0 && isnan(p->margin_actual[2]));
	ck_assert(p->margin0 == -0.5 && p->margin_inf == 0.2 && p->margin_year == 2026);
	ck_assert(p->a1 == 0.75 && p->a2 == 0.5 && p->recoup_multiple == 1.0);
	ck_assert(p->cap_multiple == 10.0);
	ck_assert_int_eq(p->waterfall_end, 2024);
	ck_assert_int_eq(p->sale_year, 2026);
	ck_assert(p->sale_fraction == 0.5);
	ck_assert(scen("base")->probability == 0.5);
	ck_assert_ptr_null(scen("base")->extends);
}
END_TEST

START_TEST(series_interpolation)
{
	const fin_params *p = &scen("base")->fin;
	/* revenue_share.rate {2020: 0.2, 2024: 0.1} within 2020..2025, 0 outside */
	ck_assert(p->rev_share[0] == 0.0);
	ck_assert(p->rev_share[1] == 0.2);
	ck_assert_double_eq_tol(p->rev_share[2], 0.175, 1e-12);
	ck_assert_double_eq_tol(p->rev_share[3], 0.15, 1e-12);
	ck_assert(p->rev_share[5] == 0.1 && p->rev_share[6] == 0.1);
	ck_assert(p->rev_share[7] == 0.0);
	/* compute_intensity {2019: 1.0, 2023: 0.6}: -0.1 a year, then held */
	ck_assert_double_eq_tol(p->compute_intensity[1], 0.9, 1e-12);
	ck_assert_double_eq_tol(p->compute_intensity[3], 0.7, 1e-12);
	ck_assert(p->compute_intensity[7] == 0.6);
	ck_assert(isnan(p->compute_spend[0]));
	ck_assert(p->azure_share[0] == 0.9 && p->azure_share[7] == 0.9);
	/* stake {2024: 0.3}: 0 before it is granted */
	ck_assert(p->stake[4] == 0.0 && p->stake[5] == 0.3 && p->stake[7] == 0.3);
	/* valuation {2022: 20, 2026: 60}: first value before, +10 a year between */
	ck_assert(p->valuation[0] == 20.0 && p->valuation[3] == 20.0);
	ck_assert_double_eq_tol(p->valuation[4], 30.0, 1e-12);
	ck_assert(p->valuation[7] == 60.0);
}
END_TEST

START_TEST(scenario_overrides)
{
	const rep_scenario *s = scen("slower");
	ck_assert_str_eq(s->extends, "base");
	ck_assert(s->probability == 0.3);
	ck_assert(s->fin.growth0 == 0.5);
	ck_assert(s->fin.discount_rate == 0.1);
	/* azure_share {2019: 0.9, 2025: 0.3}: -0.1 a year; 2022 is 0.6 */
	ck_assert_double_eq_tol(s->fin.azure_share[3], 0.6, 1e-12);
	ck_assert(s->fin.azure_share[7] == 0.3);
	ck_assert(scen("base")->fin.growth0 == 1.0);
	/* slowest extends slower extends base */
	s = scen("slowest");
	ck_assert_str_eq(s->extends, "slower");
	ck_assert(s->fin.discount_rate == 0.12);
	ck_assert(s->fin.growth0 == 0.5);
	ck_assert_double_eq_tol(s->fin.azure_share[3], 0.6, 1e-12);
	ck_assert(s->fin.revenue_actual[2] == 3.0);
	/* the counterfactual */
	s = scen("old-terms");
	ck_assert_int_eq(s->counterfactual, 1);
	ck_assert(isnan(s->probability));
	ck_assert_int_eq(s->fin.waterfall_end, 2026);
	ck_assert(s->fin.tranche[1].cash_fraction == 0.5);
	ck_assert(s->fin.tranche[1].amount == 2.0);
	ck_assert(scen("base")->fin.tranche[1].cash_fraction == 1.0);
	ck_assert_int_eq(report_scenario_index(r, "old-terms"), 3);
}
END_TEST

/* --- broken copies ------------------------------------------------------------ */

static char tmpdir[64];

/* Copies the mini fixture into a fresh temporary folder. */
static void
copy_setup(void)
{
	strcpy(tmpdir, "/tmp/check_load.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	char cmd[256];
	snprintf(cmd, sizeof cmd, "cp -R " MINI "/. %s/", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
	d = diag_new();
}

static void
copy_teardown(void)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
	diag_free(d);
}

/* Replaces the first occurrence of from by to in tmpdir/rel. */
static void
edit(const char *rel, const char *from, const char *to)
{
	char *path = path_join(tmpdir, rel), *text;
	size_t len;
	ck_assert_int_eq(path_read_file(path, 1 << 20, &text, &len), 0);
	char *at = strstr(text, from);
	ck_assert_ptr_nonnull(at);
	FILE *f = fopen(path, "w");
	fwrite(text, 1, (size_t)(at - text), f);
	fputs(to, f);
	fputs(at + strlen(from), f);
	fclose(f);
	free(text);
	free(path);
}

/* Replaces tmpdir/rel by a file holding text. */
static void
put(const char *rel, const char *text)
{
	char *path = path_join(tmpdir, rel);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	free(path);
}

/* Makes tmpdir/rel a folder. */
static void
make_dir(const char *rel)
{
	char *path = path_join(tmpdir, rel);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	free(path);
}

/* Loads the copy, expects failure with exactly the given diagnostics (without the dir). */
static void
expect(const char *const *want)
{
	report *bad = load_report(tmpdir, d);
	ck_assert_ptr_null(bad);
	int n = 0;
	while (want[n])
		n++;
	for (int i = 0; diag_count(d) != n && i < diag_count(d); i++)
		fprintf(stderr, "%s\n", diag_text(d, i));
	ck_assert_int_eq(diag_count(d), n);
	for (int i = 0; i < n; i++) {
		const char *t = diag_text(d, i);
		ck_assert(strncmp(t, tmpdir, strlen(tmpdir)) == 0);
		ck_assert_str_eq(t + strlen(tmpdir) + 1, want[i]);
	}
}

START_TEST(no_provenance)
{
	edit("data/finance.yaml", "discount_rate: {value: 0.1, assumption: true, rationale: \"A round rate\"}",
	    "discount_rate: {value: 0.1}");
	edit("data/finance.yaml", "rationale: \"A round margin\"", "note: x");
	const char *const want[] = {
		"data/finance.yaml:4:18: error: 'finance.discount_rate' has no provenance: add "
		"source: <id>, or assumption: true with a rationale:",
		"data/finance.yaml:5:23: error: assumption without a rationale in "
		"'finance.azure_gross_margin'",
		NULL };
	expect(want);
}
END_TEST

/* The optional capacity inputs of finance.hosting are read into fin_params; without
 * them (the mini fixture as shipped, tested in base_inputs) nothing is deducted. */
START_TEST(hosting_capacity)
{
	edit("data/finance.yaml", "    azure_share: {value: 0.9",
	    "    capex_per_revenue: {value: 1.5, assumption: true, rationale: \"A guess\"}\n"
	    "    useful_life: {value: 5, source: analyst-2022}\n"
	    "    funded_cash_share: {value: 0.25, assumption: true, rationale: \"A guess\"}\n"
	    "    azure_share: {value: 0.9");
	report *g = load_report(tmpdir, d);
	ck_assert_int_eq(diag_count(d), 0);
	ck_assert_ptr_nonnull(g);
	const fin_params *p = &g->scenarios[report_scenario_index(g, "base")].fin;
	ck_assert(p->capex_per_revenue == 1.5);
	ck_assert(p->useful_life == 5);
	ck_assert(p->funded_cash_share == 0.25);
	ck_assert_double_eq_tol(model_hosting_margin(p), 0.5 - 1.5 / 5, 1e-12);
	report_free(g);
}
END_TEST

/* capex_per_revenue without useful_life is an error; a useful life must be > 0 and a
 * funded cash share in [0, 1]. */
START_TEST(hosting_capacity_errors)
{
	edit("data/finance.yaml", "    azure_share: {value: 0.9",
	    "    capex_per_revenue: {value: 1.5, assumption: true, rationale: \"A guess\"}\n"
	    "    funded_cash_share: {value: 2, assumption: true, rationale: \"A guess\"}\n"
	    "    azure_share: {value: 0.9");
	const char *const want[] = {
		"data/finance.yaml:38:5: error: missing key 'useful_life' in finance.hosting",
		"data/finance.yaml:40:32: error: 'finance.hosting.funded_cash_share' must be in "
		"[0, 1], found 2",
		NULL };
	expect(want);
}
END_TEST

START_TEST(scenario_errors)
{
	edit("data/scenarios.yaml", "extends: base\n    probability: {value: 0.3",
	    "extends: slowest\n    probability: {value: 0.4");
	edit("data/scenarios.yaml", "finance.discount_rate:", "finance.discount:");
	edit("data/scenarios.yaml", "extends: base\n    counterfactual", "extends: nobody\n    counterfactual");
	const char *const want[] = {
		"data/scenarios.yaml:24:14: error: extends unknown scenario 'nobody'",
		"data/scenarios.yaml:9:14: error: extends cycle: slower -> slowest -> slower",
		"data/scenarios.yaml:1:1: error: the probabilities of the scenarios that are not "
		"counterfactual sum to 1.1, not 1",
		NULL };
	expect(want);
}
END_TEST

START_TEST(set_path_and_range)
{
	edit("data/scenarios.yaml", "finance.discount_rate:", "finance.discount:");
	edit("data/scenarios.yaml", "growth_initial: {value: 0.5", "growth_initial: {value: 0");
	edit("data/scenarios.yaml", "{2019: 0.9, 2025: 0.3}", "{2019: 0.9, 2025: 1.3}");
	const char *const want[] = {
		"data/scenarios.yaml:13:63: error: 'finance.hosting.azure_share' must be in [0, 1], "
		"found 1.3",
		"data/scenarios.yaml:20:7: error: set: path 'finance.discount' does not name an input",
		NULL };
	expect(want);
}
END_TEST

START_TEST(pages_and_report)
{
	edit("report.yaml", "pages/money.md", "../../etc/passwd");
	edit("report.yaml", "pages/sources.md", "pages/missing.md");
	edit("report.yaml", "base_url: https", "base_url: javascript");
	edit("report.yaml", "slug: money", "slug: index");
	const char *const want[] = {
		"report.yaml:7:11: error: URL scheme 'javascript:' is not allowed for 'base_url' "
		"(use http, https, mailto or a relative path)",
		"report.yaml:14:11: error: slug 'index' is reserved for the first section",
		"report.yaml:16:11: error: page path escapes the content folder",
		"report.yaml:20:11: error: cannot read page 'pages/missing.md': No such file or "
		"directory",
		NULL };
	expect(want);
}
END_TEST

/* The mini report's header in report.yaml, up to its list of sections. */
#define MINI_HEAD "title: \"Mini report\"\ndescription: \"D.\"\nas_of: 2026-11-01\n" \
	"base_url: https://example.org/mini/\n"

START_TEST(parts_group_sections)
{
	put("report.yaml", MINI_HEAD "parts:\n"
	    "  - title: \"Opening\"\n    sections:\n"
	    "      - {slug: index, title: Summary, file: pages/index.md, description: \"S.\"}\n"
	    "  - title: \"Body & back\"\n    sections:\n"
	    "      - {slug: money, title: Money, file: pages/money.md, description: \"M.\"}\n"
	    "      - {slug: sources, title: Sources, file: pages/sources.md, description: \"S.\"}\n");
	report *g = load_report(tmpdir, d);
	ck_assert_int_eq(diag_count(d), 0);
	ck_assert_ptr_nonnull(g);
	ck_assert_uint_eq(g->nsections, 3);
	ck_assert_uint_eq(g->nparts, 2);
	ck_assert_str_eq(g->parts[0].title, "Opening");
	ck_assert_str_eq(g->parts[1].title, "Body & back");
	ck_assert_uint_eq(g->parts[0].first, 0);
	ck_assert_uint_eq(g->parts[0].n, 1);
	ck_assert_uint_eq(g->parts[1].first, 1);
	ck_assert_uint_eq(g->parts[1].n, 2);
	ck_assert_uint_eq(g->sections[0].part, 0);
	ck_assert_uint_eq(g->sections[2].part, 1);
	ck_assert_str_eq(g->sections[2].slug, "sources");
	ck_assert_int_eq(g->parts[1].pos.line, 9);
	ck_assert_int_eq(report_section_index(g, "money"), 1);
	report_free(g);
}
END_TEST

START_TEST(parts_errors)
{
	put("report.yaml", MINI_HEAD "parts:\n"
	    "  - title: \"Opening\"\n    sections:\n"
	    "      - {slug: index, title: Summary, file: pages/index.md, description: \"S.\"}\n"
	    "  - title: \"Body\"\n    sections:\n"
	    "      - {slug: index, title: Money, file: pages/money.md, description: \"M.\"}\n"
	    "  - {title: \"\", sections: {slug: sources}}\n");
	const char *const want[] = {
		"report.yaml:11:16: error: slug 'index' is reserved for the first section",
		"report.yaml:12:13: error: 'parts[2].title' must not be empty",
		"report.yaml:12:27: error: expected a sequence for 'parts[2].sections', found a "
		"mapping",
		NULL };
	expect(want);
}
END_TEST

START_TEST(bom_everywhere)
{
	static const char *const files[] = { "report.yaml", "data/facts.yaml",
		"data/finance.yaml", "data/scenarios.yaml", "data/sources.yaml",
		"data/evidence.yaml", "pages/index.md", "pages/money.md", "pages/sources.md", NULL };
	for (int i = 0; files[i]; i++) {
		char *path = path_join(tmpdir, files[i]), *text;
		size_t len;
		ck_assert_int_eq(path_read_file(path, 1 << 20, &text, &len), 0);
		FILE *f = fopen(path, "w");
		ck_assert_ptr_nonnull(f);
		fputs("\xef\xbb\xbf", f);
		fwrite(text, 1, len, f);
		fclose(f);
		free(text);
		free(path);
	}
	report *rb = load_report(tmpdir, d);
	ck_assert_int_eq(diag_count(d), 0);
	ck_assert_ptr_nonnull(rb);
	ck_assert_str_eq(rb->title, "Mini report");
	ck_assert(strncmp(rb->sections[0].text, "# Mini report\n", 14) == 0);
	ck_assert_uint_eq(rb->sections[0].len, strlen(rb->sections[0].text));
	ck_assert_int_eq(rb->sections[2].pos.line, 18);
	ck_assert_int_eq(rb->sections[2].pos.col, 5);
	report_free(rb);
}
END_TEST

START_TEST(page_characters)
{
	edit("pages/money.md", "# Money", "\xef\xbb\xbf# Mo\x01ney");
	edit("pages/index.md", "Acme committed", "Acme\xef\xbf\xbf com\x7fmitted");
	const char *const want[] = {
		"pages/index.md:3:5: error: noncharacter U+FFFF is not allowed",
		"pages/index.md:3:10: error: control character U+007F is not allowed",
		"pages/money.md:1:5: error: control character U+0001 is not allowed", NULL };
	expect(want);
}
END_TEST

START_TEST(bad_utf8_page)
{
	edit("pages/money.md", "The base case", "The b\xe9se case");
	const char *const want[] = {
		"pages/money.md:3:6: error: invalid UTF-8 in page (byte 0xe9)", NULL };
	expect(want);
}
END_TEST

START_TEST(unknown_source_and_key)
{
	edit("data/facts.yaml", "source: acme-10k-2020", "source: acme-10k-2021");
	edit("data/sources.yaml", "confidence: derived", "confidence: derived\n    colour: red");
	edit("data/finance.yaml", "equity:", "equity:\n    extra: 1");
	edit("data/finance.yaml", "terminal_year: {value: 2026", "terminal_year: {value: 2027");
	const char *const want[] = {
		"data/sources.yaml:19:5: error: unknown key 'colour' in sources.analyst-2022",
		"data/facts.yaml:6:13: error: unknown source 'acme-10k-2021' (not in "
		"data/sources.yaml)",
		"data/finance.yaml:24:28: error: 'finance.margin.terminal_year' must be a year in "
		"2019..2026, found 2027",
		"data/finance.yaml:41:5: error: unknown key 'extra' in finance.equity",
		NULL };
	expect(want);
}
END_TEST

/* An optional data file that exists but is a folder is an error, not "absent". */
START_TEST(optional_file_is_folder)
{
	make_dir("data/risks.yaml");
	make_dir("data/uncertainty.yaml");
	make_dir("data/dependency.yaml");
	const char *const want[] = {
		"data/dependency.yaml: error: cannot read file: Is a directory",
		"data/risks.yaml: error: cannot read file: Is a directory",
		"data/uncertainty.yaml: error: cannot read file: Is a directory",
		NULL };
	expect(want);
}
END_TEST

/* sources.yaml of the wrong shape is one error, not one more per source reference. */
START_TEST(sources_wrong_kind_no_cascade)
{
	put("data/sources.yaml", "[]\n");
	const char *const want[] = {
		"data/sources.yaml:1:1: error: expected a mapping for 'data/sources.yaml', found "
		"a sequence",
		NULL };
	expect(want);
}
END_TEST

/* note: is free text wherever it is allowed: a mapping or a list there is an error. */
START_TEST(note_wrong_kind)
{
	edit("data/scenarios.yaml", "    title: \"Slower growth\"\n",
	    "    title: \"Slower growth\"\n    note: [a]\n");
	edit("data/sources.yaml", "    publisher: Acme Corp\n", "    publisher: Acme Corp\n    note: {a: 1}\n");
	edit("data/facts.yaml", "    source: acme-10k-2020\n", "    source: acme-10k-2020\n    note: [x]\n");
	const char *const want[] = {
		"data/sources.yaml:4:11: error: expected a string for "
		"'sources.acme-10k-2020.note', found a mapping",
		"data/facts.yaml:7:11: error: expected a string for 'facts.commitment.note', found "
		"a sequence",
		"data/scenarios.yaml:8:11: error: expected a string for 'scenarios.slower.note', "
		"found a sequence",
		NULL };
	expect(want);
}
END_TEST

/* A fact's status: one of five words, and derived or estimate for an assumption. */
START_TEST(fact_status_checked)
{
	edit("data/facts.yaml", "status: disclosed", "status: official");
	edit("data/facts.yaml", "fixture\"\n    status: estimate", "fixture\"\n    status: target");
	const char *const want[] = {
		"data/facts.yaml:7:13: error: 'facts.commitment.status' must be disclosed, "
		"press-reported, target, estimate or derived, found 'official'",
		"data/facts.yaml:20:13: error: 'facts.users' is an assumption, so its status is "
		"derived or estimate, not target (or give its source)",
		NULL };
	expect(want);
}
END_TEST

/* A content folder that does not exist is one error, not one per file. */
START_TEST(content_folder_missing)
{
	diag *dm = diag_new();
	ck_assert_ptr_null(load_report("/nonexistent/content", dm));
	ck_assert_int_eq(diag_count(dm), 1);
	ck_assert_str_eq(diag_text(dm, 0), "/nonexistent/content: error: cannot read the "
	    "content folder: No such file or directory");
	diag_free(dm);
}
END_TEST

/* Without finance.yaml, one error: not one more per scenario set: of a finance input. */
START_TEST(finance_missing_no_cascade)
{
	char *p = path_join(tmpdir, "data/finance.yaml");
	ck_assert_int_eq(unlink(p), 0);
	free(p);
	const char *const want[] = {
		"data/finance.yaml: error: cannot read file: No such file or directory", NULL };
	expect(want);
}
END_TEST

static Suite *
load_suite(void)
{
	Suite *s = suite_create("load");
	TCase *t = tcase_create("mini");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, report_fields);
	tcase_add_test(t, sources_and_inputs);
	tcase_add_test(t, evidence);
	tcase_add_test(t, facts);
	tcase_add_test(t, base_inputs);
	tcase_add_test(t, series_interpolation);
	tcase_add_test(t, scenario_overrides);
	suite_add_tcase(s, t);
	TCase *b = tcase_create("broken");
	tcase_add_checked_fixture(b, copy_setup, copy_teardown);
	tcase_add_test(b, no_provenance);
	tcase_add_test(b, fact_status_checked);
	tcase_add_test(b, hosting_capacity);
	tcase_add_test(b, hosting_capacity_errors);
	tcase_add_test(b, scenario_errors);
	tcase_add_test(b, set_path_and_range);
	tcase_add_test(b, pages_and_report);
	tcase_add_test(b, bad_utf8_page);
	tcase_add_test(b, bom_everywhere);
	tcase_add_test(b, page_characters);
	tcase_add_test(b, parts_group_sections);
	tcase_add_test(b, parts_errors);
	tcase_add_test(b, unknown_source_and_key);
	tcase_add_test(b, optional_file_is_folder);
	tcase_add_test(b, sources_wrong_kind_no_cascade);
	tcase_add_test(b, note_wrong_kind);
	tcase_add_test(b, content_folder_missing);
	tcase_add_test(b, finance_missing_no_cascade);
	suite_add_tcase(s, b);
	return s;
}

int
main(void)
{
	return check_run(load_suite());
}
