/* fuzz_page: libFuzzer target rendering arbitrary bytes as a page's Markdown. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "render/render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A tiny in-memory report (two sections, two sources, three scenarios). */
static rep_section sections[2];
static rep_source sources[2];
static rep_scenario scenarios[3];
static report rep;

/* Fills the report once; its strings are literals that live for the whole run. */
static void
fuzz_report(void)
{
	sections[0] = (rep_section){ .slug = "index", .title = "Summary",
		.file = "pages/index.md", .display = "content/pages/index.md" };
	sections[1] = (rep_section){ .slug = "money", .title = "Money",
		.file = "pages/money.md", .display = "content/pages/money.md", .text = "" };
	sources[0] = (rep_source){ .id = "alpha", .publisher = "Pub A", .title = "Title A",
		.date = "2025-01-02", .url = "https://a.example/x", .confidence = "confirmed" };
	sources[1] = (rep_source){ .id = "beta", .publisher = "Pub B", .title = "Title B",
		.date = "2024", .url = "javascript:alert(1)", .confidence = "reported-by-press" };
	scenarios[0] = (rep_scenario){ .name = "base", .title = "Base", .description = "B.",
		.probability = 0.6 };
	scenarios[1] = (rep_scenario){ .name = "alt", .title = "Alt", .description = "A.",
		.probability = 0.4 };
	scenarios[2] = (rep_scenario){ .name = "cf", .title = "Old terms", .description = "C.",
		.probability = NAN, .counterfactual = 1 };
	rep.title = "R";
	rep.nsections = 2;
	rep.sections = sections;
	rep.nsources = 2;
	rep.sources = sources;
	rep.nscenarios = 3;
	rep.scenarios = scenarios;
}

/* Returns the metrics the page may reference (caller frees). */
static metrics *
fuzz_metrics(void)
{
	static const int years[] = { 2024, 2025 };
	static const double rev[] = { 3.7, 12.5 };
	metrics *m = metrics_new();
	metrics_add(m, "fact.commit", UNIT_USD_BN, 13, "alpha", "note");
	metrics_add(m, "finance.npv@base", UNIT_USD_BN, -3.14, NULL, NULL);
	metrics_add(m, "finance.npv@alt", UNIT_USD_BN, 20, NULL, NULL);
	metrics_add(m, "finance.npv@expected", UNIT_USD_BN, 6.116, NULL, NULL);
	metrics_add_series(m, "finance.revenue@base", UNIT_USD_BN, years, rev, 2, NULL, NULL);
	return m;
}

/* Renders data as the index page and frees everything. Always 0. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (rep.nsections == 0)
		fuzz_report();
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	sections[0].text = text;
	sections[0].len = size;
	metrics *m = fuzz_metrics();
	diag *d = diag_new();
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	render_body body;
	memset(&body, 0, sizeof body);
	render_ctx c = { .rep = &rep, .m = m, .d = d };
	if (render_markdown(&c, 0, doc, &body) == 0 && body.root != NULL)
		xmlFreeNode(body.root);
	render_body_free(&body);
	xmlFreeDoc(doc);
	diag_free(d);
	metrics_free(m);
	free(text);
	return 0;
}
