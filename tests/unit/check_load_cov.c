/* check_load_cov: more mistakes in report.yaml and the data files, one edit (or a new
 * file) of the mini fixture per case, each with the exact diagnostics the loader must
 * give; the paths the other load suites leave untried (kinds, empty lists, years out of
 * the horizon, ids, the optional competition file). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "load/load.h"
#include "util/path.h"
#include "check_main.h"
#include "load_case.h"

/* A mistake that takes two edits: the case, then in file2 from2 becomes to2. */
typedef struct load_case2 {
	load_case c;
	const char *file2, *from2, *to2;
} load_case2;

#define FIN "data/finance.yaml"
#define SCN "data/scenarios.yaml"
#define REP "report.yaml"
#define SRC "data/sources.yaml"
#define FCT "data/facts.yaml"
#define CMP "data/competition.yaml"
#define RSK "data/risks.yaml"
#define UNC "data/uncertainty.yaml"
#define EVI "data/evidence.yaml"

/* A small valid competition file for the mini report; edits below break it. */
#define COMP_HEAD "competition:\n  thresholds:\n" \
	"    hhi_highly_concentrated: {value: 1800, source: analyst-2022}\n" \
	"    hhi_significant_change: {value: 100, source: analyst-2022}\n"
#define COMP_HZ "  horizon: {value: 2030, assumption: true, rationale: \"r\"}\n"
#define COMP_FIRMS "  markets:\n    cloud:\n      label: \"Cloud\"\n      firms:\n" \
	"        aws:\n          label: \"AWS\"\n" \
	"          shares: {values: {2020: 0.3, 2021: 0.3}, source: analyst-2022}\n" \
	"          boost: {value: 0.0, assumption: true, rationale: \"r\"}\n" \
	"        ms:\n          label: \"MS\"\n" \
	"          shares: {values: {2020: 0.2, 2021: 0.2}, source: analyst-2022}\n" \
	"          boost: {value: 0.01, assumption: true, rationale: \"r\"}\n"
#define RISKS(edges, risk) "impact_bands:\n  edges: " edges "\n  assumption: true\n" \
	"  rationale: \"r\"\nrisks:\n  one:\n    title: \"T\"\n    category: financial\n" \
	"    description: \"D\"\n    likelihood: 0.25\n    impact: 60\n" risk
#define RISK_PROV "    assumption: true\n    rationale: \"r\"\n"
#define MC(draws) "monte_carlo:\n  draws: " draws "\n" \
	"  seed: {value: 7, assumption: true, rationale: \"r\"}\n"
#define COMP(blocs) COMP_HEAD COMP_HZ COMP_FIRMS "      blocs:\n" blocs

static const load_case cases[] = {
	/* finance (load/fin.c) */
	{ FIN, "start_year: {value: 2019,", "start_year: {value: 1000,", {
		"data/finance.yaml:2:23: error: 'finance.start_year' must be a year in "
		    "1800..2300, found 1000",
		NULL } },
	{ FIN, "end_year: {value: 2026,", "end_year: {value: 2600,", {
		"data/finance.yaml:3:21: error: 'finance.end_year' must be a year in "
		    "2019..2119, found 2600",
		NULL } },
	{ FIN, "  tranches:\n", "  tranches: []\n  x_tranches:\n", {
		"data/finance.yaml:7:3: error: unknown key 'x_tranches' in finance",
		"data/finance.yaml:6:13: error: 'finance.tranches' must list between 1 "
		    "and 64 tranches",
		"data/scenarios.yaml:28:7: error: set: path "
		    "'finance.tranches.1.cash_fraction' does not name an input",
		NULL } },
	{ FIN, "  tranches:\n", "  tranches: {}\n  x_tranches:\n", {
		"data/finance.yaml:7:3: error: unknown key 'x_tranches' in finance",
		"data/finance.yaml:6:13: error: expected a sequence for "
		    "'finance.tranches', found a mapping",
		"data/scenarios.yaml:28:7: error: set: path "
		    "'finance.tranches.1.cash_fraction' does not name an input",
		NULL } },
	{ FIN, "  tranches:\n", "  tranches:\n    - 5\n", {
		"data/finance.yaml:7:7: error: expected a mapping for "
		    "'finance.tranches[0]', found a scalar",
		NULL } },
	{ FIN, "      amount: 1.0\n", "      amount: 1.0\n      colour: red\n", {
		"data/finance.yaml:9:7: error: unknown key 'colour' in "
		    "finance.tranches[0]",
		NULL } },
	{ FIN, "      amount: 2.0\n", "", {
		"data/finance.yaml:11:7: error: missing key 'amount' in "
		    "finance.tranches[1]",
		NULL } },
	{ FIN, "      source: press-2021\n  revenue:", "  revenue:", {
		"data/finance.yaml:11:7: error: 'finance.tranches[1]' has no provenance: "
		    "add source: <id>, or assumption: true with a rationale:",
		NULL } },
	{ FIN, "      amount: 2.0\n", "      amount: 2.0\n      note: [x]\n", {
		"data/finance.yaml:13:13: error: expected a string for "
		    "'finance.tranches[1].note', found a sequence",
		NULL } },
	{ FIN, "actuals: {values: {2020: -1.0}", "actuals: {values: {2030: -1.0}", {
		"data/finance.yaml:25:30: error: 'finance.margin.actuals' must be a year "
		    "in 2019..2026, found 2030",
		NULL } },
	{ FIN, "actuals: {values: {2021: 3.0}", "actuals: {values: {2021: -3.0}", {
		"data/finance.yaml:20:30: error: 'finance.revenue.actuals' must be in "
		    "[0, inf], found -3",
		NULL } },
	{ FIN, "compute_intensity: {values: {2019: 1.0, 2023: 0.6}",
		"compute_spend: {values: {2019: -1.0, 2023: 0.6}", {
		"data/finance.yaml:38:36: error: 'finance.hosting.compute_spend' must be "
		    "in [0, inf], found -1",
		NULL } },
	{ FIN, "    azure_share:", "    useful_life: {value: 4, assumption: true, rationale: \"r\"}\n"
		"    azure_share:", {
		"data/finance.yaml:38:5: error: missing key 'capex_per_revenue' in "
		    "finance.hosting",
		NULL } },
	{ FIN, "  hosting:", "  x_hosting:", {
		"data/finance.yaml:37:3: error: unknown key 'x_hosting' in finance",
		"data/finance.yaml:2:3: error: missing key 'hosting' in finance",
		"data/scenarios.yaml:13:7: error: set: path "
		    "'finance.hosting.azure_share' does not name an input",
		NULL } },
	{ FIN, "  waterfall:\n", "  waterfall: 5\n  x_waterfall:\n", {
		"data/finance.yaml:28:3: error: unknown key 'x_waterfall' in finance",
		"data/finance.yaml:27:14: error: expected a mapping for "
		    "'finance.waterfall', found a scalar",
		"data/scenarios.yaml:27:7: error: set: path 'finance.waterfall.end_year' "
		    "does not name an input",
		NULL } },
	{ FIN, "sale: {year: 2026,", "sale: 5\n    x_sale: {year: 2026,", {
		"data/finance.yaml:44:5: error: unknown key 'x_sale' in finance.equity",
		"data/finance.yaml:43:11: error: expected a mapping for "
		    "'finance.equity.sale', found a scalar",
		NULL } },
	{ FIN, "sale: {year: 2026,", "sale: {year: {value: 2026, low: 2025, high: 2026, "
		"source: press-2021},", {
		"data/finance.yaml:43:26: error: 'finance.equity.sale.year' is a year: "
		    "low:, high: and dist: are not allowed on it",
		NULL } },
	{ FIN, "growth_decay: {value: 0.5,", "growth_decay: {value: 0.5, low: 0.2, high: 1.5,",
		{
		"data/finance.yaml:19:48: error: 'finance.revenue.growth_decay.high' must be "
		    "in (0, 1], found 1.5",
		NULL } },
	{ FIN, "from_year: {value: 2020,", "from_year: {value: 1990,", {
		"data/finance.yaml:35:24: error: 'finance.revenue_share.from_year' must "
		    "be a year in 2019..2026, found 1990",
		NULL } },
	{ FIN, "    - year: 2021\n      amount: 2.0\n      cash_fraction: 1.0\n      source: press-2021\n",
		"    - year: {value: 2021, source: press-2021}\n      amount: {value: 2.0, source: "
		"press-2021}\n      cash_fraction: {value: 1.0, source: press-2021}\n      source: [x]\n",
		{
		"data/finance.yaml:14:15: error: expected a string for 'source', found a "
		    "sequence",
		NULL } },
	/* report.yaml (load/report.c) */
	{ REP, "file: pages/index.md", "file: /etc/index.md", {
		"report.yaml:12:11: error: page path escapes the content folder",
		NULL } },
	{ REP, "file: pages/money.md", "file: pages/../../money.md", {
		"report.yaml:16:11: error: page path escapes the content folder",
		NULL } },
	{ REP, "  - slug: sources\n", "  - 5\n  - slug: sources\n", {
		"report.yaml:18:5: error: expected a mapping for 'sections[2]', found a "
		    "scalar",
		NULL } },
	{ REP, "slug: money\n    title: Money\n    file: pages/money.md",
		"slug: [money]\n    title: Money\n    file: [pages/money.md]", {
		"report.yaml:14:11: error: expected a string for 'sections[1].slug', "
		    "found a sequence",
		"report.yaml:16:11: error: expected a string for 'sections[1].file', "
		    "found a sequence",
		NULL } },
	{ REP, "sections:\n", "sections: 5\nx_sections:\n", {
		"report.yaml:10:1: error: unknown key 'x_sections' in report.yaml",
		"report.yaml:9:11: error: expected a sequence for 'sections', found a "
		    "scalar",
		NULL } },
	{ REP, "sections:\n", "parts: []\nx_sections:\n", {
		"report.yaml:10:1: error: unknown key 'x_sections' in report.yaml",
		"report.yaml:9:8: error: 'parts' must list at least one part",
		NULL } },
	{ REP, "sections:\n", "parts: 5\nx_sections:\n", {
		"report.yaml:10:1: error: unknown key 'x_sections' in report.yaml",
		"report.yaml:9:8: error: expected a sequence for 'parts', found a scalar",
		NULL } },
	{ REP, "base_url: https://example.org/mini/", "base_url: ftp://example.org/mini", {
		"report.yaml:7:11: error: URL scheme 'ftp:' is not allowed for "
		    "'base_url' (use http, https, mailto or a relative path)",
		NULL } },
	{ REP, "lang: en\n", "lang: en\nkeywords: one\n", {
		"report.yaml:7:11: error: expected a sequence for 'keywords', found a "
		    "scalar",
		NULL } },
	{ REP, "lang: en\n", "lang: [en]\n", {
		"report.yaml:6:7: error: expected a string for 'lang', found a sequence",
		NULL } },
	{ REP, "raw_html: false", "raw_html: maybe", {
		"report.yaml:8:11: error: expected true or false for 'raw_html', found "
		    "'maybe'",
		NULL } },
	{ REP, "as_of: 2026-11-01", "as_of: 2026-13-01", {
		"report.yaml:5:8: error: expected a date YYYY-MM-DD in 1800..2300 for "
		    "'as_of', found '2026-13-01'",
		NULL } },
	/* sources and facts (load/data.c) */
	{ SRC, "date: 2021-06", "date: 2021-13", {
		"data/sources.yaml:11:11: error: expected a date YYYY-MM-DD, YYYY-MM or "
		    "YYYY in 1800..2300 for 'sources.press-2021.date'",
		NULL } },
	{ SRC, "date: 2022\n", "date: 22\n", {
		"data/sources.yaml:16:11: error: expected a date YYYY-MM-DD, YYYY-MM or "
		    "YYYY in 1800..2300 for 'sources.analyst-2022.date'",
		NULL } },
	{ SRC, "  acme-10k-2020:", "  _acme:\n    publisher: X\n    title: \"T\"\n    date: 2020\n"
		"    confidence: confirmed\n  acme-10k-2020:", {
		"data/sources.yaml:2:3: error: source id '_acme' must match "
		    "[a-z0-9][a-z0-9_-]*",
		NULL } },
	{ SRC, "  analyst-2022:", "  other: 5\n  analyst-2022:", {
		"data/sources.yaml:13:10: error: expected a mapping for 'sources.other', "
		    "found a scalar",
		NULL } },
	{ SRC, "confidence: derived", "confidence: [derived]", {
		"data/sources.yaml:18:17: error: expected a string for "
		    "'sources.analyst-2022.confidence', found a sequence",
		NULL } },
	{ SRC, "confidence: derived", "confidence: derived\n    same_page: [x]", {
		"data/sources.yaml:19:16: error: expected a string for "
		    "'sources.analyst-2022.same_page', found a sequence",
		NULL } },
	{ SRC, "confidence: derived", "confidence: derived\n    same_page: acme-10k-2020", {
		"data/sources.yaml:19:16: error: 'sources.analyst-2022.same_page' names "
		    "'acme-10k-2020', whose url differs: sources on the same page share one "
		    "url",
		NULL } },
	{ SRC, "confidence: derived", "confidence: derived\n    same_page: analyst-2022", {
		"data/sources.yaml:19:16: error: 'sources.analyst-2022.same_page' names "
		    "'analyst-2022', which is not a source defined before it",
		NULL } },
	{ FCT, "unit: usd_bn", "unit: [usd_bn]", {
		"data/facts.yaml:4:11: error: expected a string for "
		    "'facts.commitment.unit', found a sequence",
		NULL } },
	{ FCT, "  users:", "  Bad-Id:\n    label: \"x\"\n    unit: count\n    value: 1\n"
		"    source: acme-10k-2020\n    status: estimate\n  users:", {
		"data/facts.yaml:14:3: error: fact id 'Bad-Id' must match [a-z0-9_]+",
		NULL } },
	{ FCT, "facts:\n", "x_facts:\n", {
		"data/facts.yaml:1:1: error: unknown key 'x_facts' in data/facts.yaml",
		"data/facts.yaml:1:1: error: missing key 'facts' in data/facts.yaml",
		NULL } },
	/* scenarios (load/scenario.c) */
	{ SCN, "counterfactual: true", "counterfactual: perhaps", {
		"data/scenarios.yaml:25:21: error: expected true or false for "
		    "'counterfactual', found 'perhaps'",
		"data/evidence.yaml:9:7: error: 'evidence.deal_2021.likelihood' has no "
		    "likelihood for scenario 'old-terms'",
		"data/evidence.yaml:18:7: error: 'evidence.shares_2022.likelihood' has "
		    "no likelihood for scenario 'old-terms'",
		NULL } },
	{ SCN, "  slowest:\n", "  odd: 5\n  slowest:\n", {
		"data/scenarios.yaml:14:8: error: expected a mapping for "
		    "'scenarios.odd', found a scalar",
		"data/evidence.yaml:9:7: error: 'evidence.deal_2021.likelihood' has no "
		    "likelihood for scenario 'odd'",
		"data/evidence.yaml:18:7: error: 'evidence.shares_2022.likelihood' has "
		    "no likelihood for scenario 'odd'",
		NULL } },
	{ SCN, "extends: slower\n    probability: {value: 0.2, assumption: true, rationale: \"A tail case\"}\n    set:\n",
		"extends: slower\n    probability: {value: 0.2, assumption: true, rationale: \"A tail case\"}\n    set: 5\n    x_set:\n", {
		"data/scenarios.yaml:20:5: error: unknown key 'x_set' in "
		    "scenarios.slowest",
		"data/scenarios.yaml:19:10: error: expected a mapping for 'set', found a "
		    "scalar",
		NULL } },
	{ SCN, "extends: slower", "extends: [slower]", {
		"data/scenarios.yaml:17:14: error: expected a string for 'extends', "
		    "found a sequence",
		NULL } },
	{ SCN, "finance.discount_rate:", "finance..discount_rate:", {
		"data/scenarios.yaml:20:7: error: set: path 'finance..discount_rate' "
		    "does not name an input",
		NULL } },
	{ SCN, "finance.tranches.1.cash_fraction:", "finance.tranches.7.cash_fraction:", {
		"data/scenarios.yaml:28:7: error: set: path "
		    "'finance.tranches.7.cash_fraction' does not name an input",
		NULL } },
	{ SCN, "finance.discount_rate:", "competition.horizon:", {
		"data/scenarios.yaml:20:7: error: set: path 'competition.horizon' does "
		    "not name an input",
		NULL } },
	{ SCN, "finance.discount_rate: {value: 0.12,", "finance.tranches: {value: 0.12,", {
		"data/scenarios.yaml:20:25: error: the replacement for "
		    "'finance.tranches' must be a sequence like the original",
		NULL } },
	{ SCN, "scenarios:\n", "scenarios: {}\nx_scenarios:\n", {
		"data/scenarios.yaml:2:1: error: unknown key 'x_scenarios' in "
		    "data/scenarios.yaml",
		"data/scenarios.yaml:1:12: error: 'scenarios' must list between 1 and "
		    "100 scenarios",
		NULL } },
	/* competition (load/competition.c), a file the mini report does not have */
	{ CMP, NULL, COMP("        one: {label: \"One\", members: [aws, aws]}\n"), {
		"data/competition.yaml:19:44: error: firm 'aws' is listed twice in "
		    "'competition.markets.cloud.blocs.one'",
		NULL } },
	{ CMP, NULL, COMP("        one: {label: \"One\", members: []}\n"), {
		"data/competition.yaml:19:38: error: "
		    "'competition.markets.cloud.blocs.one.members' must list between 1 and "
		    "32 firms",
		NULL } },
	{ CMP, NULL, COMP("        one: {label: \"One\", members: [[aws]]}\n"), {
		"data/competition.yaml:19:39: error: expected a string for 'members', "
		    "found a sequence",
		NULL } },
	{ CMP, NULL, COMP_HEAD COMP_HZ COMP_FIRMS "      blocs: 5\n", {
		"data/competition.yaml:18:14: error: expected a mapping for "
		    "'competition.markets.cloud.blocs', found a scalar",
		NULL } },
	{ CMP, NULL, COMP_HEAD "  horizon: {value: 2010, assumption: true, rationale: \"r\"}\n"
		COMP_FIRMS, {
		"data/competition.yaml:5:20: error: 'competition.horizon' must be a year "
		    "in 2021..2121 (from the last year of 'competition.markets.cloud'), "
		    "found 2010",
		NULL } },
	{ CMP, NULL, COMP_HEAD "  horizon: {value: x, assumption: true, rationale: \"r\"}\n"
		COMP_FIRMS, {
		"data/competition.yaml:5:20: error: expected a number for "
		    "'competition.horizon', found 'x'",
		NULL } },
	{ CMP, NULL, COMP_HEAD COMP_HZ "  markets: {}\n", {
		"data/competition.yaml:6:12: error: 'competition.markets' must list "
		    "between 1 and 16 entries",
		NULL } },
	{ CMP, NULL, COMP_HEAD COMP_HZ "  markets:\n    cloud:\n      label: \"Cloud\"\n"
		"      firms: {}\n", {
		"data/competition.yaml:9:14: error: 'competition.markets.cloud.firms' "
		    "must list between 1 and 32 entries",
		NULL } },
	{ CMP, NULL, "competition:\n  thresholds: 5\n" COMP_HZ COMP_FIRMS, {
		"data/competition.yaml:2:15: error: expected a mapping for "
		    "'competition.thresholds', found a scalar",
		NULL } },
	/* quantities (load/quantity.c) */
	{ FIN, "{value: 0.1, assumption: true", "{value: 0.1, assumption: maybe", {
		"data/finance.yaml:4:43: error: expected true or false for 'assumption', "
		    "found 'maybe'",
		NULL } },
	{ FIN, "actuals: {values: {2021: 3.0}", "actuals: {values: 5", {
		"data/finance.yaml:20:23: error: expected a mapping for "
		    "'finance.revenue.actuals', found a scalar",
		NULL } },
	{ FIN, "actuals: {values: {2021: 3.0}", "actuals: {values: {abc: 3.0}", {
		"data/finance.yaml:20:24: error: expected an integer for 'year', found "
		    "'abc'",
		NULL } },
	{ FIN, "cap_multiple: {value: 10,", "cap_multiple: {value: null,", { "OK" } },
	{ FIN, "azure_share: {value: 0.9, low: 0.5, high: 1.0,",
		"azure_share: {value: 0.9, dist: {normal: [0.9, 0.1], uniform: [0, 1]},", {
		"data/finance.yaml:39:37: error: 'dist' of 'finance.hosting.azure_share' "
		    "must be one of {normal: [mean, sd]}, {lognormal: [mu, sigma]}, "
		    "{triangular: [min, mode, max]}, {uniform: [min, max]}",
		NULL } },
	{ FIN, "azure_share: {value: 0.9, low: 0.5, high: 1.0,",
		"azure_share: {value: 0.9, dist: {normal: 5},", {
		"data/finance.yaml:39:46: error: expected a sequence for 'normal', found "
		    "a scalar",
		NULL } },
	{ FIN, "azure_share: {value: 0.9, low: 0.5, high: 1.0,",
		"azure_share: {value: 0.9, high: 1.0,", {
		"data/finance.yaml:39:37: error: 'finance.hosting.azure_share' needs "
		    "both low: and high:",
		NULL } },
	{ FIN, "growth_initial: {value: 1.0,", "growth_initial: {value: -1,", {
		"data/finance.yaml:17:29: error: 'finance.revenue.growth_initial' must "
		    "be in (-1, 10], found -1",
		NULL } },
	{ FIN, "start_year: {value: 2019,", "start_year: {value: 2019.5,", {
		"data/finance.yaml:2:23: error: 'finance.start_year' must be a year in "
		    "1800..2300, found 2019.5",
		NULL } },
	/* risks (load/risk.c), a file the mini report does not have */
	{ RSK, NULL, RISKS("[2, 5]", RISK_PROV), {
		"data/risks.yaml:2:10: error: 'impact_bands.edges' must list 4 numbers, "
		    "found 2",
		NULL } },
	{ RSK, NULL, RISKS("[2, x, 10, 30]", RISK_PROV), {
		"data/risks.yaml:2:14: error: expected a number for "
		    "'impact_bands.edges', found 'x'",
		NULL } },
	{ RSK, NULL, RISKS("[5, 2, 10, 30]", RISK_PROV), {
		"data/risks.yaml:2:14: error: 'impact_bands.edges' must be increasing "
		    "numbers >= 0, found 2",
		NULL } },
	{ RSK, NULL, RISKS("[-1, 2, 10, 30]", RISK_PROV), {
		"data/risks.yaml:2:11: error: 'impact_bands.edges' must be increasing "
		    "numbers >= 0, found -1",
		NULL } },
	{ RSK, NULL, RISKS("[2, 5, 10, 30]", ""), {
		"data/risks.yaml:7:5: error: 'risks.one' has no provenance: add source: "
		    "<id>, or assumption: true with a rationale:",
		NULL } },
	{ RSK, NULL, RISKS("[2, 5, 10, 30]", RISK_PROV "    colour: red\n"), {
		"data/risks.yaml:14:5: error: unknown key 'colour' in risks.one",
		NULL } },
	{ RSK, NULL, "impact_bands: 5\nrisks: 5\n", {
		"data/risks.yaml:1:15: error: expected a mapping for 'impact_bands', "
		    "found a scalar",
		"data/risks.yaml:2:8: error: expected a mapping for "
		    "'data/risks.yaml.risks', found a scalar",
		NULL } },
	{ RSK, NULL, "- a\n", {
		"data/risks.yaml:1:1: error: expected a mapping for 'data/risks.yaml', "
		    "found a sequence",
		NULL } },
	/* the Monte Carlo settings (load/uncertainty.c) */
	{ UNC, NULL, MC("{value: 100.5, assumption: true, rationale: \"r\"}"), {
		"data/uncertainty.yaml:2:18: error: 'monte_carlo.draws' must be a whole "
		    "number in [1, 1000000000], found 100.5",
		NULL } },
	{ UNC, NULL, MC("{value: 0, assumption: true, rationale: \"r\"}"), {
		"data/uncertainty.yaml:2:18: error: 'monte_carlo.draws' must be a whole "
		    "number in [1, 1000000000], found 0",
		NULL } },
	{ UNC, NULL, "monte_carlo: 5\n", {
		"data/uncertainty.yaml:1:14: error: expected a mapping for "
		    "'monte_carlo', found a scalar",
		NULL } },
	{ UNC, NULL, "monte_carlo:\n  seed: {value: 7, assumption: true, rationale: \"r\"}\n",
		{ "OK" } },
	/* evidence (load/evidence.c) */
	{ EVI, "    date: 2021-06\n", "", {
		"data/evidence.yaml:5:5: error: missing key 'date' in evidence.deal_2021",
		NULL } },
	{ EVI, "date: 2021-06", "date: [2021]", {
		"data/evidence.yaml:5:11: error: expected a date YYYY-MM-DD or YYYY-MM "
		    "in 1800..2300 for 'evidence.deal_2021.date'",
		NULL } },
	{ EVI, "source: press-2021", "source: [press-2021]", {
		"data/evidence.yaml:7:13: error: expected a string for 'source', found a "
		    "sequence",
		NULL } },
	{ EVI, "  deal_2021:", "  Deal:\n    date: 2021\n    event: \"e\"\n    source: press-2021\n"
		"    likelihood:\n      base: {value: 0.5, assumption: true, rationale: \"r\"}\n"
		"      slower: {value: 0.5, assumption: true, rationale: \"r\"}\n"
		"      slowest: {value: 0.5, assumption: true, rationale: \"r\"}\n  deal_2021:", {
		"data/evidence.yaml:4:3: error: id 'Deal' in 'evidence' must match "
		    "[a-z0-9_]+",
		"data/evidence.yaml:5:11: error: expected a date YYYY-MM-DD or YYYY-MM "
		    "in 1800..2300 for 'evidence.Deal.date', found '2021'",
		NULL } },
	{ EVI, "      slowest: {value: 0.4,", "      old-terms: {value: 0.4, assumption: true, "
		"rationale: \"r\"}\n      slowest: {value: 0.4,", {
		"data/evidence.yaml:11:7: error: scenario 'old-terms' is a "
		    "counterfactual: it has no weight to update, so it takes no likelihood",
		NULL } },
	/* more of report.yaml and scenarios */
	{ REP, "sections:\n", "parts:\n  - title: \"P\"\n    sections: 5\n  - sections: []\n"
		"x_sections:\n", {
		"report.yaml:13:1: error: unknown key 'x_sections' in report.yaml",
		"report.yaml:11:15: error: expected a sequence for 'parts[0].sections', "
		    "found a scalar",
		"report.yaml:12:5: error: missing key 'title' in parts[1]",
		"report.yaml:12:15: error: part 'parts[1].sections' must list at least "
		    "one section",
		NULL } },
	{ REP, "base_url: https://example.org/mini/", "base_url: https://example.org/mini", {
		"report.yaml:7:11: error: 'base_url' must be an absolute http(s) URL "
		    "ending in '/'",
		NULL } },
	{ REP, "base_url: https://example.org/mini/", "base_url: http://example.org/", { "OK" } },
	{ REP, "lang: en\n", "lang: en\nkeywords: []\n", { "OK" } },
	{ REP, "as_of: 2026-11-01\n", "", {
		"report.yaml:1:1: error: missing key 'as_of' in report.yaml",
		NULL } },
	{ REP, "file: pages/money.md", "file: pages/..money.md", {
		"report.yaml:16:11: error: cannot read page 'pages/..money.md': No such "
		    "file or directory",
		NULL } },
	{ SCN, "probability: {value: 0.3,", "probability: {value: 1.5,", {
		"data/scenarios.yaml:10:26: error: 'scenarios.slower.probability' must "
		    "be in [0, 1], found 1.5",
		NULL } },
	{ SCN, "probability: {value: 0.3, assumption: true, rationale: \"A plausible slowdown\"}",
		"probability: [0.3]", {
		"data/scenarios.yaml:10:18: error: expected a quantity (a mapping with "
		    "value: and its provenance) for 'scenarios.slower.probability', found a "
		    "sequence",
		NULL } },
	{ SCN, "finance.tranches.1.cash_fraction:", "finance.tranches.x.cash_fraction:", {
		"data/scenarios.yaml:28:7: error: set: path "
		    "'finance.tranches.x.cash_fraction' does not name an input",
		NULL } },
	{ SCN, "finance.tranches.1.cash_fraction:", "finance.tranches.1234567.cash_fraction:",
		{
		"data/scenarios.yaml:28:7: error: set: path "
		    "'finance.tranches.1234567.cash_fraction' does not name an input",
		NULL } },
	{ SCN, "finance.tranches.1.cash_fraction: {value: 0.5, assumption: true, rationale: "
		"\"As first agreed\"}", "finance.tranches.1.amount: [2]", {
		"data/scenarios.yaml:28:34: error: the replacement for "
		    "'finance.tranches.1.amount' must be a mapping like the original (a "
		    "quantity with its own provenance)",
		NULL } },
	{ SCN, "scenarios:\n", "x_scenarios:\n", {
		"data/scenarios.yaml:1:1: error: unknown key 'x_scenarios' in "
		    "data/scenarios.yaml",
		"data/scenarios.yaml:1:1: error: missing key 'scenarios' in "
		    "data/scenarios.yaml",
		NULL } },
};

static const load_case2 cases2[] = {
	/* a set: path into the competition file, which the mini report lacks */
	{ { SCN, "finance.discount_rate:", "competition.horizon:", {
		"data/scenarios.yaml:20:36: error: 'competition.horizon' must be a year "
		    "in 1800..2300, found 0.12",
		NULL } },
		CMP, NULL, COMP("        one: {label: \"One\", members: [aws]}\n") },
	{ { SCN, "finance.discount_rate:", "competition.horizon:", {
		"data/competition.yaml:19:44: error: firm 'aws' is listed twice in "
		    "'competition.markets.cloud.blocs.one'",
		NULL } },
		CMP, NULL, COMP("        one: {label: \"One\", members: [aws, aws]}\n") },
	{ { SCN, "finance.discount_rate:", "competition.nothing:", {
		"data/scenarios.yaml:20:7: error: set: path 'competition.nothing' does "
		    "not name an input",
		NULL } },
		CMP, NULL, COMP("        one: {label: \"One\", members: [aws]}\n") },
};

START_TEST(load_mistake)
{
	run_case(&cases[_i], NULL, NULL, NULL, _i);
}
END_TEST

START_TEST(load_mistake2)
{
	const load_case2 *lc = &cases2[_i];
	run_case(&lc->c, lc->file2, lc->from2, lc->to2, 1000 + _i);
}
END_TEST

static Suite *
load_cov_suite(void)
{
	Suite *s = suite_create("load_cov");
	TCase *tc = tcase_create("mistakes");
	tcase_add_loop_test(tc, load_mistake, 0, (int)(sizeof cases / sizeof cases[0]));
	tcase_add_loop_test(tc, load_mistake2, 0, (int)(sizeof cases2 / sizeof cases2[0]));
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(load_cov_suite());
}
