/* render_fixture: a two-page report (index and money, one source, base and one more
 * scenario) with its metrics, rendered page by page through render_markdown, with the
 * diagnostics and files it produced. Header-only, for the chart directive and render
 * suites (check_chart_directive, check_chart_data_cov, check_render_figs_cov,
 * check_render_cov). */
#ifndef MKR_TEST_RENDER_FIXTURE_H
#define MKR_TEST_RENDER_FIXTURE_H

#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "cmd/cmd.h"
#include "chart/chart.h"
#include "render/render.h"
#include "render/render_int.h"
#include "check_main.h"

#define P0 "content/pages/index.md"
#define P1 "content/pages/money.md"

static rep_section sections[2];
static rep_source sources[1];
static rep_scenario scenarios[2];
static report rep;
static metrics *mt;
static diag *dg;
static xmlDocPtr doc;
static render_body body;
static render_figs *figs;
static int last_rc;

/* Builds the report: two pages, one source, two scenarios, a few metrics. */
static void
setup(void)
{
	char why[256];
	ck_assert_int_eq(chart_fonts_init("templates/fonts.conf", why, sizeof why), 0);
	memset(&rep, 0, sizeof rep);
	memset(sections, 0, sizeof sections);
	sections[0] = (rep_section){ .slug = "index", .title = "Summary", .display = P0,
		.text = "", .len = 0 };
	sections[1] = (rep_section){ .slug = "money", .title = "Money", .display = P1,
		.text = "", .len = 0 };
	sources[0] = (rep_source){ .id = "alpha", .publisher = "Pub A", .title = "Title A",
		.date = "2025", .confidence = "confirmed" };
	memset(scenarios, 0, sizeof scenarios);
	scenarios[0] = (rep_scenario){ .name = "base", .title = "Base case" };
	scenarios[1] = (rep_scenario){ .name = "alt", .title = "Alternative" };
	rep = (report){ .title = "R", .as_of = "2026-11-01", .nsections = 2,
		.sections = sections, .nsources = 1, .sources = sources, .nscenarios = 2,
		.scenarios = scenarios };
	mt = metrics_new();
	static const int years[] = { 2024, 2025, 2026 };
	static const double rev[] = { 3.7, 12.5, 20.25 }, alt[] = { 3.7, 9.1, 11.0 };
	static const double nan3[] = { 1, NAN, 3 }, neg[] = { -1, 2, 3 };
	metrics_add_series(mt, "finance.revenue@base", UNIT_USD_BN, years, rev, 3, NULL, "Revenue");
	metrics_add_series(mt, "finance.revenue@alt", UNIT_USD_BN, years, alt, 3, NULL, NULL);
	metrics_add_series(mt, "finance.holes@base", UNIT_USD_BN, years, nan3, 3, NULL, NULL);
	metrics_add_series(mt, "finance.neg@base", UNIT_USD_BN, years, neg, 3, NULL, NULL);
	metrics_add(mt, "finance.npv@base", UNIT_USD_BN, -3.25, NULL, NULL);
	metrics_add(mt, "finance.npv@alt", UNIT_USD_BN, 20.5, NULL, NULL);
	metrics_add(mt, "fact.a", UNIT_USD_BN, 1, "alpha", NULL);
	metrics_add(mt, "fact.b", UNIT_USD_BN, 2, "alpha", NULL);
	dg = diag_new();
	doc = xmlNewDoc(BAD_CAST "1.0");
	memset(&body, 0, sizeof body);
	figs = NULL;
}

static void
teardown(void)
{
	render_body_free(&body);
	render_figs_free(figs);
	xmlFreeDoc(doc);
	diag_free(dg);
	metrics_free(mt);
	chart_pools_free();
}

/* Sets page i's Markdown. */
static void
page(size_t i, const char *md)
{
	sections[i].text = (char *)md;
	sections[i].len = strlen(md);
}

/* Scans the figures, renders page i; returns its serialization (static), "" on error. */
static const char *
render(size_t i)
{
	static char *out;
	free(out);
	out = NULL;
	render_body_free(&body);
	render_ctx c = { &rep, mt, dg, NULL, 0, 0, NULL, 0, NULL };
	render_figs_free(figs);
	figs = render_scan_figures(&c);
	c.figs = figs;
	last_rc = render_markdown(&c, i, doc, &body);
	if (last_rc != 0)
		return "";
	xmlBufferPtr b = xmlBufferCreate();
	xmlNodeDump(b, doc, body.root, 0, 0);
	out = strdup((const char *)xmlBufferContent(b));
	xmlBufferFree(b);
	xmlFreeNode(body.root);
	body.root = NULL;
	return out;
}

#endif
