/* check_render_cov: page rendering off the beaten path (src/render/table.c, directive.c,
 * inline.c, refs.c, markdown.c): each malformed table, card, callout, citation and
 * reference an error at its position; link titles, image alts and code languages in
 * the HTML. */
#include "render_fixture.h"

#define HAS(hay, needle) ck_assert_msg(strstr((hay), (needle)) != NULL, \
	"missing %.300s in %.3000s", (needle), (hay))
#define FIRST_DIAG() (diag_count(dg) ? diag_text(dg, 0) : "(none)")

/* One page: its Markdown and the first error it must give. */
typedef struct bad_case {
	const char *md;
	const char *want;
} bad_case;

static const bad_case cases[] = {
	/* tables */
	{ "```table\n- a\n```\n",
	  P0 ":2:1: error: expected a mapping for 'table', found a sequence" },
	{ "```table\ncaption: C\n```\n",
	  P0 ":2:1: error: a table needs 'scenarios', 'years' or 'columns'" },
	{ "```table\nscenarios: base\nrows: [{metric: finance.npv, label: N}]\n```\n",
	  P0 ":2:12: error: expected a sequence for 'scenarios', found a scalar" },
	{ "```table\nscenarios: [[base]]\nrows: [{metric: finance.npv, label: N}]\n```\n",
	  P0 ":2:13: error: expected a string for 'scenario', found a sequence" },
	{ "```table\nscenarios: [nope]\nrows: [{metric: finance.npv, label: N}]\n```\n",
	  P0 ":2:13: error: unknown scenario 'nope'" },
	{ "```table\nscenarios: [base]\n```\n",
	  P0 ":2:1: error: missing key 'rows' in table" },
	{ "```table\nscenarios: [base]\nrows: [fact.a]\n```\n",
	  P0 ":3:8: error: expected a mapping for 'rows', found a scalar" },
	{ "```table\nscenarios: [base]\nrows: [{metric: finance.npv@base, label: N}]\n```\n",
	  P0 ":3:17: error: metric 'finance.npv@base': a scenario table names metrics without '@scenario'" },
	{ "```table\nscenarios: [base]\nrows: [{metric: finance.npv, label: N, size: 1}]\n```\n",

	  P0 ":3:40: error: unknown key 'size' in rows" },
	{ "```table\nscenarios: [base]\nrows: [{metric: finance.nope, label: N}]\n```\n",
	  P0 ":3:17: error: unknown metric 'finance.nope@base'" },
	{ "```table\nyears: 2024\nseries: [{metric: finance.revenue@base, label: R}]\n```\n",

	  P0 ":2:8: error: expected a mapping for 'years', found a scalar" },
	{ "```table\nyears: {from: 2026, to: 2024}\n"
	  "series: [{metric: finance.revenue@base, label: R}]\n```\n",
	  P0 ":2:8: error: years: 'to' must not be before 'from', and at most 200 rows" },
	{ "```table\nyears: {from: 2024, to: 2026, step: 0}\n"
	  "series: [{metric: finance.revenue@base, label: R}]\n```\n",
	  P0 ":2:37: error: 'step' must be between 1 and 100, found 0" },
	{ "```table\nyears: {from: 2024, to: 2026, by: 1}\n"
	  "series: [{metric: finance.revenue@base, label: R}]\n```\n",
	  P0 ":2:31: error: unknown key 'by' in years" },
	{ "```table\nyears: {from: 2024, to: 2026}\n```\n",
	  P0 ":2:1: error: missing key 'series' in table" },
	{ "```table\ncolumns: [A, B]\nrows: [[{metric: fact.a}]]\n```\n",
	  P0 ":3:8: error: row has 1 cells, the table 2 columns" },
	{ "```table\ncolumns: [A]\nrows: [fact.a]\n```\n",
	  P0 ":3:8: error: expected a sequence for 'row', found a scalar" },
	{ "```table\ncolumns: [A]\nrows: [[{metric: fact.a, size: 1}]]\n```\n",
	  P0 ":3:26: error: unknown key 'size' in cell" },
	{ "```table\ncolumns: A\nrows: [[{metric: fact.a}]]\n```\n",
	  P0 ":2:10: error: expected a sequence for 'columns', found a scalar" },
	{ "```table\ncolumns: [A]\nrows: [[{metric: fact.a}]]\nkey: A\n```\n",
	  P0 ":4:6: error: expected a sequence for 'key', found a scalar" },
	{ "```table\ncolumns: [A]\nrows: [[{metric: fact.a}]]\nkey: [[A]]\n```\n",
	  P0 ":4:7: error: expected a string for 'key', found a sequence" },
	{ "```table\ncolumns: [A]\nrows: [[{metric: fact.a}]]\nkey: [B]\n```\n",
	  P0 ":4:7: error: key: 'B' names no column of the table (a column's header, a series' label or a scenario's name)" },
	/* cards and callouts */
	{ "```cards\n{a: 1}\n```\n",
	  P0 ":2:1: error: expected a sequence for 'cards', found a mapping" },
	{ "```cards\n- x\n```\n",
	  P0 ":2:3: error: expected a mapping for 'card', found a scalar" },
	{ "```cards\n- {metric: fact.a, label: A, anchor: top}\n```\n",
	  P0 ":2:38: error: anchor 'top' needs a section" },
	{ "```cards\n- {metric: fact.a, label: A, section: money, anchor: 'a b'}\n```\n",
	  P0 ":2:54: error: bad anchor 'a b': letters, digits, '-' and '_' only" },
	{ "```cards\n- {metric: fact.a, label: A, section: nope}\n```\n",
	  P0 ":2:39: error: unknown section 'nope'" },
	{ "```cards\n- {metric: fact.a, label: A, section: [money]}\n```\n",
	  P0 ":2:39: error: expected a string for 'section', found a sequence" },
	{ "```callout\n- x\n```\n",
	  P0 ":2:1: error: expected a mapping for 'callout', found a sequence" },
	{ "```callout\nkind: shout\nbody: Hi.\n```\n",
	  P0 ":2:7: error: unknown callout kind 'shout' (note, key or caution)" },
	{ "```callout\nkind: note\n```\n",
	  P0 ":2:1: error: missing key 'body' in callout" },
	{ "```sources\nbody\n```\n",
	  P0 ":2:1: error: the sources directive takes no body" },
	/* inline */
	{ "See [the [@alpha] report](money.html).\n",
	  P0 ":1:10: error: a citation cannot be inside a link's text" },
	{ "See {{ }} here.\n",
	  P0 ":1:5: error: empty metric reference" },
	{ "See [{{ figure c }}](money.html).\n\n```chart\nid: c\ntype: bar\ntitle: T\nalt: A.\n"
	  "bars: [{label: A, metric: fact.a}]\n```\n",
	  P0 ":1:6: error: a figure reference cannot be inside a link's text" },
	{ "Cited [@alpha; @nope].\n",
	  P0 ":1:17: error: unknown source 'nope'" },
};

START_TEST(test_bad_cases)
{
	int dump = getenv("RENDER_COV_DUMP") != NULL;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		diag_free(dg);
		dg = diag_new();
		page(0, cases[i].md);
		render(0);
		const char *got = diag_count(dg) ? diag_text(dg, 0) : "";
		if (dump) {
			printf("case %zu rc=%d n=%d\n", i, last_rc, diag_count(dg));
			for (int k = 0; k < diag_count(dg); k++)
				printf("  %s\n", diag_text(dg, k));
			continue;
		}
		ck_assert_msg(last_rc == -1, "case %zu rendered", i);
		ck_assert_msg(cases[i].want && strcmp(got, cases[i].want) == 0,
		    "case %zu: got '%s', want '%s'", i, got, cases[i].want ? cases[i].want : "?");
	}
}
END_TEST

/* Renders md as page 0; asserts no error and returns the HTML. */
static const char *
good(const char *md)
{
	page(0, md);
	const char *html = render(0);
	ck_assert_msg(last_rc == 0, "%s", FIRST_DIAG());
	return html;
}

START_TEST(test_link_and_image_titles)
{
	const char *h = good("See [money](money.html \"The money page\").\n\n"
	    "![A plot\nof things](pic.png \"Plot\")\n");
	HAS(h, "title=\"The money page\"");
	HAS(h, "alt=\"A plot of things\"");
	HAS(h, "title=\"Plot\"");
}
END_TEST

START_TEST(test_code_languages)
{
	const char *h = good("```c++\nint x;\n```\n\n```a$b\ny\n```\n\n```Py3_x-1 extra\nz\n```\n");
	HAS(h, "class=\"language-c++\"");
	HAS(h, "class=\"language-ab\""); /* characters outside [A-Za-z0-9_+-] dropped */
	HAS(h, "class=\"language-Py3_x-1\""); /* the first word only */
}
END_TEST

START_TEST(test_not_citations)
{
	const char *h = good("Text [@alpha x] and [@ ] stay, [@alpha ; @alpha ] cites.\n");
	HAS(h, "[@alpha x]");
	HAS(h, "[@ ]");
	ck_assert_ptr_nonnull(strstr(h, "class=\"cite\"") ? strstr(h, "class=\"cite\"") :
	    strstr(h, "href=\"sources.html"));
}
END_TEST

START_TEST(test_tables_render)
{
	metrics_add(mt, "finance.npv@expected_posterior", UNIT_USD_BN, 7.5, NULL, NULL);
	const char *h = good("```table\ncaption: Years\nyears: {from: 2024, to: 2026, step: 2}\n"
	    "series: [{metric: finance.revenue@base, label: R}]\nkey: [R]\n```\n\n"
	    "```table\ncolumns: [A, B]\nrows: [[{metric: fact.a}, {metric: fact.b, format: "
	    "usd_bn}], [Plain words, {metric: fact.a}]]\nkey: [B]\n```\n\n"
	    "```table\nscenarios: [base, alt, expected_posterior]\n"
	    "rows: [{metric: finance.npv, label: NPV}]\nkey: [alt]\n```\n");
	HAS(h, "<th scope=\"row\">2024</th>");
	HAS(h, "<th scope=\"row\">2026</th>");
	ck_assert_ptr_null(strstr(h, "<th scope=\"row\">2025</th>")); /* step 2 */
	HAS(h, "data-metric=\"fact.b\"");
	HAS(h, "data-metric=\"finance.npv@alt\"");
	HAS(h, "Plain words"); /* a cell may be text */
	HAS(h, "data-metric=\"finance.npv@expected_posterior\"");
}
END_TEST

START_TEST(test_cards_and_callouts_render)
{
	const char *h = good("```cards\n- {metric: fact.a, label: A, note: N, section: money, "
	    "anchor: top}\n- {metric: fact.b, label: B}\n```\n\n"
	    "```callout\nkind: caution\ntitle: Careful\nbody: |\n  Mind the *gap*.\n```\n");
	HAS(h, "href=\"money.html#top\"");
	HAS(h, "callout callout-caution");
	HAS(h, "<em>gap</em>");
}
END_TEST

START_TEST(test_raw_html_inline)
{
	rep.raw_html = 1;
	const char *h = good("A <b>bold <i>both</I> b</b> c <br> d <!-- note --> e </span> f "
	    "<em>open to the end\n\n<span class=\"x\">s</span> <img src=\"a.png\" alt=\"A\"> "
	    "<b>x</b >y\n");
	HAS(h, "<b>bold <i>both</i> b</b> c <br/> d <!-- note --> e  f <em>open to the end</em>");
	HAS(h, "<span class=\"x\">s</span> <img src=\"a.png\" alt=\"A\"/> <b>x</b>y");
	rep.raw_html = 0;
	h = good("A <b>bold</b> c\n");
	HAS(h, "<p>A bold c</p>"); /* dropped without raw_html */
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("render_cov");
	TCase *t = tcase_create("render");
	tcase_set_timeout(t, 60);
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, test_bad_cases);
	tcase_add_test(t, test_link_and_image_titles);
	tcase_add_test(t, test_code_languages);
	tcase_add_test(t, test_not_citations);
	tcase_add_test(t, test_tables_render);
	tcase_add_test(t, test_cards_and_callouts_render);
	tcase_add_test(t, test_raw_html_inline);
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
