/* check_load_errors: one edit of the mini fixture per case, each a mistake an author can
 * make in report.yaml or a data file, and the exact diagnostics (with positions) the
 * loader must give for it. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "load/load.h"
#include "util/path.h"
#include "check_main.h"
#include "load_case.h"

#define FIN "data/finance.yaml"
#define SCN "data/scenarios.yaml"
#define REP "report.yaml"
#define RATE "discount_rate: {value: 0.1, assumption: true, rationale: \"A round rate\"}"
#define AZURE "azure_share: {value: 0.9, low: 0.5, high: 1.0, source: analyst-2022}"
#define INTENS "compute_intensity: {values: {2019: 1.0, 2023: 0.6}, assumption: true"

static const load_case cases[] = {
	/* quantities (load/quantity.c) */
	{ FIN, "{value: 0.1, assumption: true", "{value: 0.1, assumption: false", {
		"data/finance.yaml:4:43: error: 'assumption' must be true (or give a "
		    "source) in 'finance.discount_rate'",
		NULL } },
	{ FIN, RATE, "discount_rate: {assumption: true, rationale: \"A round rate\"}", {
		"data/finance.yaml:4:18: error: missing key 'value' in "
		    "finance.discount_rate",
		NULL } },
	{ FIN, "azure_gross_margin: {", "azure_gross_margin: [0.1, 0.2]\n  x: {", {
		"data/finance.yaml:6:3: error: unknown key 'x' in finance",
		"data/finance.yaml:5:23: error: expected a quantity (a mapping with "
		    "value: and its provenance) for 'finance.azure_gross_margin', found a "
		    "sequence",
		NULL } },
	{ FIN, "actuals: {values: {2021: 3.0}", "actuals: {values: {2021: 3.0, +2021: 4.0}", {
		"data/finance.yaml:20:42: error: year 2021 is listed twice",
		NULL } },
	{ FIN, "actuals: {values: {2021: 3.0}", "actuals: {values: {}", {
		"data/finance.yaml:20:23: error: 'finance.revenue.actuals' must list "
		    "between 1 and 512 years",
		NULL } },
	{ FIN, RATE, "discount_rate: {values: {2020: 0.1}, assumption: true, rationale: \"r\"}", {
		"data/finance.yaml:4:27: error: 'finance.discount_rate' needs value:, "
		    "not values:",
		NULL } },
	{ FIN, RATE, "discount_rate: {value: 0.1, values: {2020: 0.1}, assumption: true, "
		"rationale: \"r\"}", {
		"data/finance.yaml:4:39: error: 'finance.discount_rate' has both value: "
		    "and values:",
		NULL } },
	{ FIN, "actuals: {values: {2021: 3.0}", "actuals: {value: 3.0", {
		"data/finance.yaml:20:22: error: 'finance.revenue.actuals' needs values: "
		    "{year: number, ...}, not value:",
		NULL } },
	{ FIN, AZURE, "azure_share: {value: 0.9, low: 0.5, source: analyst-2022}", {
		"data/finance.yaml:39:36: error: 'finance.hosting.azure_share' needs "
		    "both low: and high:",
		NULL } },
	{ FIN, AZURE, "azure_share: {value: 0.9, low: 0.95, high: 1.0, source: analyst-2022}", {
		"data/finance.yaml:39:36: error: 'finance.hosting.azure_share' needs low "
		    "<= value <= high, found low 0.95, value 0.9, high 1",
		NULL } },
	{ FIN, AZURE, "azure_share: {value: 0.9, dist: {normal: [0.9]}, source: analyst-2022}", {
		"data/finance.yaml:39:46: error: 'normal' takes 2 numbers, found 1",
		NULL } },
	{ FIN, AZURE, "azure_share: {value: 0.9, dist: {cauchy: [0, 1]}, source: analyst-2022}", {
		"data/finance.yaml:39:37: error: 'dist' of 'finance.hosting.azure_share' "
		    "must be one of {normal: [mean, sd]}, {lognormal: [mu, sigma]}, "
		    "{triangular: [min, mode, max]}, {uniform: [min, max]}",
		NULL } },
	{ FIN, AZURE, "azure_share: {value: 0.9, dist: normal, source: analyst-2022}", {
		"data/finance.yaml:39:37: error: expected a mapping for 'dist', found a "
		    "scalar",
		NULL } },
	{ FIN, AZURE, "azure_share: {value: 0.9, dist: {uniform: [1, 0]}, source: analyst-2022}", {
		"data/finance.yaml:39:37: error: invalid distribution for "
		    "'finance.hosting.azure_share': uniform needs min < max",
		NULL } },
	{ FIN, INTENS, "compute_intensity: {values: {2019: 1.0}, low: 0.1, assumption: true", {
		"data/finance.yaml:38:51: error: 'low' is only allowed with value: in "
		    "'finance.hosting.compute_intensity'",
		NULL } },
	{ FIN, INTENS, "compute_intensity: {values: {2019: 1.0}, dist: {normal: [1, 1]}, "
		"assumption: true", {
		"data/finance.yaml:38:52: error: 'dist' is only allowed with value: in "
		    "'finance.hosting.compute_intensity'",
		NULL } },
	/* finance (load/fin.c) */
	{ FIN, "start_year: {value: 2019,", "start_year: {value: 2019, low: 2018, high: 2020,", {
		"data/finance.yaml:2:23: error: 'finance.start_year' is a year: low:, "
		    "high: and dist: are not allowed on it",
		NULL } },
	{ FIN, "to_year: {value: 2025", "to_year: {value: 2019", {
		"data/finance.yaml:36:14: error: 'finance.revenue_share.to_year' (2019) "
		    "is before from_year (2020)",
		NULL } },
	{ FIN, "    " INTENS, "    compute_spend: {values: {2019: 1.0}, assumption: true, "
		"rationale: \"r\"}\n    " INTENS, {
		"data/finance.yaml:38:20: error: give only one of compute_intensity and "
		    "compute_spend in finance.hosting",
		NULL } },
	{ FIN, "    " INTENS, "    x_" INTENS, {
		"data/finance.yaml:38:5: error: unknown key 'x_compute_intensity' in "
		    "finance.hosting",
		"data/finance.yaml:38:5: error: missing key 'compute_intensity' (or "
		    "'compute_spend') in finance.hosting",
		NULL } },
	/* report.yaml (load/report.c) */
	{ REP, "slug: money", "slug: Money_1", {
		"report.yaml:14:11: error: section slug 'Money_1' must match [a-z0-9-]+",
		NULL } },
	{ REP, "lang: en", "lang: \"en_GB!\"", {
		"report.yaml:6:7: error: 'lang' must be a language tag such as en or en-GB",
		NULL } },
	{ REP, "raw_html: false", "raw_html: false\nkeywords: [a, b, c, d, e, f, g, h, i, j, k, "
		"l, m, n, o, p, q, r, s, t, u, v, w, x, y, z, aa, bb, cc, dd, ee, ff, gg]", {
		"report.yaml:9:11: error: 'keywords' has 33 entries; at most 32 are "
		    "allowed",
		NULL } },
	{ REP, "sections:\n", "sections: []\nx_sections:\n", {
		"report.yaml:10:1: error: unknown key 'x_sections' in report.yaml",
		"report.yaml:9:11: error: 'sections' must list at least one section",
		NULL } },
	/* scenarios (load/scenario.c) */
	{ SCN, "    probability: {value: 0.2, assumption: true, rationale: \"A tail case\"}\n",
		"", {
		"data/scenarios.yaml:15:5: error: missing key 'probability' in "
		    "scenarios.slowest",
		NULL } },
	{ SCN, "scenarios:\n", "scenarios: {}\nx:\n", {
		"data/scenarios.yaml:2:1: error: unknown key 'x' in data/scenarios.yaml",
		"data/scenarios.yaml:1:12: error: 'scenarios' must list between 1 and "
		    "100 scenarios",
		NULL } },
	{ SCN, "  slowest:\n", "  Slow_est:\n", {
		"data/scenarios.yaml:14:3: error: scenario name 'Slow_est' must match "
		    "[a-z0-9-]+",
		"data/evidence.yaml:11:7: error: unknown scenario 'slowest' (not in "
		    "data/scenarios.yaml)",
		"data/evidence.yaml:9:7: error: 'evidence.deal_2021.likelihood' has no "
		    "likelihood for scenario 'Slow_est'",
		"data/evidence.yaml:20:7: error: unknown scenario 'slowest' (not in "
		    "data/scenarios.yaml)",
		"data/evidence.yaml:18:7: error: 'evidence.shares_2022.likelihood' has "
		    "no likelihood for scenario 'Slow_est'",
		NULL } },
	{ SCN, "probability: {value: 0.5, assumption: true, rationale: \"The most likely path\"}",
		"extends: slower\n    probability: {value: 0.5, assumption: true, rationale: \"x\"}", {
		"data/scenarios.yaml:5:14: error: the base scenario extends nothing",
		NULL } },
};

START_TEST(load_mistake)
{
	run_case(&cases[_i], NULL, NULL, NULL, _i);
}
END_TEST

static Suite *
load_errors_suite(void)
{
	Suite *s = suite_create("load_errors");
	TCase *tc = tcase_create("mistakes");
	tcase_add_loop_test(tc, load_mistake, 0, (int)(sizeof cases / sizeof cases[0]));
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(load_errors_suite());
}
