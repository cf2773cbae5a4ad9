/* check_explore: the JSON reader and the explorer's entry points (src/explore). */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "explore/explore.h"
#include "explore/jin.h"
#include "export/fin_json.h"
#include "model/montecarlo.h"
#include "util/buf.h"
#include "check_main.h"
#include "toy_fin.h"

/* Returns the byte offset jin_parse reports for text, or -1 if it parses. */
static long
jin_error_at(const char *text)
{
	size_t at = 0;
	jin_value *v = jin_parse(text, strlen(text), &at);

	if (v != NULL) {
		jin_free(v);
		return -1;
	}
	return (long)at;
}

START_TEST(jin_reads_values)
{
	const char *t = " {\"a\": [1, -2.5e1, null, true, false], \"s\": \"x\\u00e9\\ud83d\\ude00\\n\","
	    " \"a\": {}} ";
	jin_value *v = jin_parse(t, strlen(t), NULL);
	const jin_value *a, *s;

	ck_assert_ptr_nonnull(v);
	ck_assert_int_eq(v->kind, JIN_OBJ);
	ck_assert_uint_eq(v->n, 3);
	a = &v->items[0];
	ck_assert_int_eq(a->kind, JIN_ARR);
	ck_assert_uint_eq(a->n, 5);
	ck_assert(a->items[1].num == -25);
	ck_assert_int_eq(a->items[2].kind, JIN_NULL);
	ck_assert(a->items[3].kind == JIN_BOOL && a->items[3].num == 1);
	ck_assert(a->items[4].kind == JIN_BOOL && a->items[4].num == 0);
	s = jin_get(v, "s");
	ck_assert_str_eq(s->str, "x\xc3\xa9\xf0\x9f\x98\x80\n");
	/* A repeated key: the last one wins. */
	ck_assert_int_eq(jin_get(v, "a")->kind, JIN_OBJ);
	ck_assert_ptr_null(jin_get(v, "nope"));
	ck_assert_ptr_null(jin_get(a, "a"));
	jin_free(v);
}
END_TEST

START_TEST(jin_refuses_what_rfc8259_refuses)
{
	ck_assert_int_eq(jin_error_at("[1,]"), 3);
	ck_assert_int_eq(jin_error_at("[01]"), 2);
	ck_assert_int_eq(jin_error_at("[1.]"), 3);
	ck_assert_int_eq(jin_error_at("[.5]"), 1);
	ck_assert_int_eq(jin_error_at("{\"a\" 1}"), 5);
	ck_assert_int_eq(jin_error_at("{a: 1}"), 1);
	ck_assert_int_eq(jin_error_at("[1] x"), 4);
	ck_assert_int_eq(jin_error_at("\"tab\there\""), 4);
	ck_assert_int_eq(jin_error_at("\"\\ud800\""), 7);
	ck_assert_int_eq(jin_error_at("\"\\udc00\""), 7);
	ck_assert(jin_error_at("\"\xff\"") >= 0);
	ck_assert(jin_error_at("\"\xc0\xaf\"") >= 0);
	ck_assert_int_eq(jin_error_at("nul"), 0);
	ck_assert_int_eq(jin_error_at(""), 0);
	ck_assert_int_eq(jin_error_at("[1e400]"), 1);
	ck_assert_int_eq(jin_error_at("[1e-400]"), 1);
	ck_assert_int_eq(jin_error_at("[1e308, -0, 5e-324]"), -1);
}
END_TEST

START_TEST(jin_limits_depth)
{
	char deep[2 * JIN_MAX_DEPTH + 3];
	size_t n = 0;

	for (int i = 0; i < JIN_MAX_DEPTH; i++)
		deep[n++] = '[';
	for (int i = 0; i < JIN_MAX_DEPTH; i++)
		deep[n++] = ']';
	deep[n] = '\0';
	ck_assert_int_eq(jin_error_at(deep), -1);
	memmove(deep + 1, deep, n + 1);
	deep[0] = '[';
	deep[n + 1] = ']';
	deep[n + 2] = '\0';
	ck_assert_int_eq(jin_error_at(deep), JIN_MAX_DEPTH);
}
END_TEST

/* Writes p's inputs object and r's finance object (r from p) as JSON text. */
static void
toy_texts(const fin_params *p, buf *inputs, buf *finance)
{
	fin_result r;
	json_writer w;

	model_fin_run(p, &r);
	json_writer_init(&w, inputs);
	fin_json_inputs(&w, NULL, p, &r);
	json_writer_init(&w, finance);
	fin_json_finance(&w, NULL, p, &r);
}

START_TEST(explore_reproduces_the_export)
{
	fin_params p;
	buf in, want, got, err;

	toy_two_years(&p);
	p.compute_spend[1] = 40;
	p.cap_multiple = 3;
	p.sale_year = 2021;
	p.sale_fraction = 0.25;
	p.stake[1] = 0.5;
	p.valuation[1] = 100;
	buf_init(&in);
	buf_init(&want);
	buf_init(&got);
	buf_init(&err);
	toy_texts(&p, &in, &want);
	ck_assert_int_eq(explore_finance(in.data, in.len, &got, &err), 0);
	ck_assert_str_eq(buf_str(&got), buf_str(&want));
	ck_assert_ptr_nonnull(strstr(buf_str(&got), "\"npv\": "));
	ck_assert_uint_eq(err.len, 0);
	buf_free(&in);
	buf_free(&want);
	buf_free(&got);
	buf_free(&err);
}
END_TEST

/* Returns explore_finance's error for the toy's inputs with from replaced by to. */
static char *
toy_error(const char *from, const char *to)
{
	fin_params p;
	buf in, fin, out, err, edited;
	char *at;

	toy_two_years(&p);
	buf_init(&in);
	buf_init(&fin);
	buf_init(&out);
	buf_init(&err);
	buf_init(&edited);
	toy_texts(&p, &in, &fin);
	at = strstr(in.data, from);
	ck_assert_msg(at != NULL, "%s not in the inputs", from);
	buf_append(&edited, in.data, (size_t)(at - in.data));
	buf_puts(&edited, to);
	buf_puts(&edited, at + strlen(from));
	ck_assert_int_eq(explore_finance(edited.data, edited.len, &out, &err), -1);
	ck_assert_uint_eq(out.len, 0);
	buf_free(&in);
	buf_free(&fin);
	buf_free(&out);
	buf_free(&edited);
	return buf_detach(&err);
}

START_TEST(explore_refuses_bad_inputs)
{
	static const char *const cases[][3] = {
		{ "\"discount_rate\": 0", "\"discount_rate\": -1", "inputs.discount_rate: -1 is outside" },
		{ "\"a1\": 0", "\"a1\": \"x\"", "inputs.a1: expected a number" },
		{ "\"end_year\": 2021", "\"end_year\": 2200", "inputs.end_year: 2200 is not within" },
		{ "\"end_year\": 2021", "\"end_year\": 2021.5", "inputs.end_year: expected a whole" },
		{ "\"azure_share\": [", "\"azure_share\": [1, ", "inputs.azure_share: expected an array of 2" },
		{ "\"year\": 2020", "\"year\": 2030", "inputs.tranches.year: 2030 is outside" },
		{ "\"tranches\": [", "\"tranches\": 7, \"x\": [", "inputs.tranches: expected an array" },
		{ "\"a2\": 0", "\"a2\": 0,", "malformed JSON at byte" },
	};
	buf out, err;

	buf_init(&out);
	buf_init(&err);
	ck_assert_int_eq(explore_finance("[1]", 3, &out, &err), -1);
	ck_assert_str_eq(buf_str(&err), "inputs: expected an object");
	buf_free(&err);
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char *e = toy_error(cases[k][0], cases[k][1]);
		ck_assert_msg(strstr(e, cases[k][2]) == e, "case %zu: %s", k, e);
		free(e);
	}
}
END_TEST

START_TEST(explore_report_weights_and_formats)
{
	fin_params p;
	buf in, fin, req, out, err;
	const char *t;

	toy_two_years(&p);
	p.compute_spend[1] = 40;
	buf_init(&in);
	buf_init(&fin);
	buf_init(&req);
	buf_init(&out);
	buf_init(&err);
	toy_texts(&p, &in, &fin);
	buf_printf(&req, "{\"scenarios\": {\"a\": {\"probability\": 0.25, \"inputs\": %s},"
	    " \"b\": {\"probability\": 0.75, \"inputs\": %s},"
	    " \"ref\": {\"probability\": null, \"inputs\": %s}}}", in.data, in.data, in.data);
	ck_assert_int_eq(explore_report(req.data, req.len, &out, &err), 0);
	t = buf_str(&out);
	/* NPV 10 in both weighted scenarios, so the expectation is 10. */
	ck_assert_ptr_nonnull(strstr(t, "\"finance.npv@a\": {\n    \"value\": 10,\n    \"text\": \"$10.0bn\""));
	ck_assert_ptr_nonnull(strstr(t, "\"finance.npv@expected\": {\n    \"value\": 10,"));
	ck_assert_ptr_nonnull(strstr(t, "\"scenario.probability@b\": {\n    \"value\": 0.75,\n    \"text\": \"75%\""));
	ck_assert_ptr_null(strstr(t, "scenario.probability@ref"));
	ck_assert_ptr_nonnull(strstr(t, "\"finance.npv@ref\""));
	ck_assert_ptr_null(strstr(t, "finance.cumulative@"));
	buf_reset(&out);
	ck_assert_int_eq(explore_report("{\"scenarios\": {}}", 17, &out, &err), -1);
	ck_assert_uint_eq(out.len, 0);
	buf_free(&in);
	buf_free(&fin);
	buf_free(&req);
	buf_free(&out);
	buf_free(&err);
}
END_TEST

START_TEST(explore_names_inputs_both_ways)
{
	static const struct {
		size_t off;
		const char *name;
	} cases[] = {
		{ offsetof(fin_params, discount_rate), "discount_rate" },
		{ offsetof(fin_params, azure_share) + sizeof(double), "azure_share.2021" },
		{ offsetof(fin_params, rev_share), "revenue_share_rate.2020" },
		{ offsetof(fin_params, tranche) + offsetof(fin_tranche, cash_fraction),
		    "tranches.0.cash_fraction" },
	};
	fin_params p;
	buf b;
	size_t off;

	toy_two_years(&p);
	buf_init(&b);
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		buf_reset(&b);
		ck_assert_int_eq(explore_input_name(&p, cases[k].off, &b), 0);
		ck_assert_str_eq(buf_str(&b), cases[k].name);
		ck_assert_int_eq(explore_input_offset(&p, cases[k].name, &off), 0);
		ck_assert_uint_eq(off, cases[k].off);
	}
	/* a year outside the horizon, a second tranche the toy lacks, an int, a typo */
	buf_reset(&b);
	ck_assert_int_eq(explore_input_name(&p, offsetof(fin_params, azure_share) +
	    2 * sizeof(double), &b), -1);
	ck_assert_int_eq(explore_input_name(&p, offsetof(fin_params, T), &b), -1);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_int_eq(explore_input_offset(&p, "azure_share.2022", &off), -1);
	ck_assert_int_eq(explore_input_offset(&p, "tranches.1.amount", &off), -1);
	ck_assert_int_eq(explore_input_offset(&p, "end_year", &off), -1);
	ck_assert_int_eq(explore_input_offset(&p, "azure_share", &off), -1);
	ck_assert_int_eq(explore_input_offset(&p, "discount_rate.2020", &off), -1);
	buf_free(&b);
}
END_TEST

/* Writes the Monte Carlo request for the toy with its margin triangular on [0.3, 0.7]
 * (mode 0.5) and its 2021 Azure share (count doubles) uniform on [0.5, 1]. */
static void
toy_mc_request(const fin_params *p, const model_uparam *u, size_t n, size_t draws,
    buf *req)
{
	buf in, fin;
	json_writer w;

	buf_init(&in);
	buf_init(&fin);
	toy_texts(p, &in, &fin);
	json_writer_init(&w, req);
	explore_mc_settings(&w, NULL, "toy", p, u, n, draws, 7);
	req->len--; /* the closing brace: the inputs go last */
	while (req->len > 0 && req->data[req->len - 1] == '\n')
		req->len--;
	req->data[req->len] = '\0';
	buf_printf(req, ", \"inputs\": %s}", in.data);
	buf_free(&in);
	buf_free(&fin);
}

/* The toy's two sampled inputs. */
static void
toy_mc_inputs(model_uparam u[2])
{
	u[0] = toy_param("finance.azure_gross_margin", offsetof(fin_params, azure_gross_margin),
	    1, 0.5, NAN, NAN);
	u[0].has_dist = 1;
	u[0].law = (dist){ DIST_TRIANGULAR, 0.3, 0.5, 0.7 };
	u[0].min = 0;
	u[0].max = 1;
	u[1] = toy_param("finance.hosting.azure_share",
	    offsetof(fin_params, azure_share) + sizeof(double), 1, 1, NAN, NAN);
	u[1].has_dist = 1;
	u[1].law = (dist){ DIST_UNIFORM, 0.5, 1, 0 };
	u[1].min = 0;
	u[1].max = 1;
}

START_TEST(explore_mc_equals_the_model)
{
	fin_params p;
	model_uparam u[2];
	mc_summary s;
	buf req, out, err, want;

	toy_two_years(&p);
	toy_mc_inputs(u);
	buf_init(&req);
	buf_init(&out);
	buf_init(&err);
	buf_init(&want);
	toy_mc_request(&p, u, 2, 5000, &req);
	ck_assert_ptr_nonnull(strstr(req.data, "\"at\": \"azure_share.2021\""));
	ck_assert_ptr_nonnull(strstr(req.data, "\"uniform\": [0.5, 1]"));
	ck_assert_msg(explore_mc(req.data, req.len, &out, &err) == 0, "%s", buf_str(&err));
	ck_assert_int_eq(model_mc_run(&p, u, 2, &(mc_config){ 5000, 7, 1 }, &s), 0);
	/* every percentile, as the JSON writer prints the model's own run */
	json_writer w;
	json_writer_init(&w, &want);
	json_open(&w, NULL, '{');
	json_num(&w, "value", s.npv[2]);
	json_close(&w, '}');
	want.data[want.len - 2] = '\0'; /* drop "\n}" to match inside the object */
	const char *at = strstr(out.data, "\"mc.npv.p50@toy\"");
	ck_assert_ptr_nonnull(at);
	ck_assert_ptr_nonnull(strstr(at, strchr(want.data, '"')));
	ck_assert_ptr_nonnull(strstr(out.data, "\"mc.draws\": {\n    \"value\": 5000,"));
	ck_assert_ptr_nonnull(strstr(out.data, "\"mc.cumulative.p95@toy\": {\n    \"years\": [2020, 2021]"));
	ck_assert_ptr_nonnull(strstr(out.data, "\"mc.payback_probability@toy\""));
	/* the NPV spreads: hosting 40 x share x margin - 10, share and margin sampled */
	ck_assert(s.npv[0] < s.npv[4] && s.npv[0] >= 40 * 0.5 * 0.3 - 10 - 1e-9);
	buf_free(&req);
	buf_free(&out);
	buf_free(&err);
	buf_free(&want);
}
END_TEST

/* Returns explore_mc's error for the toy's request with from replaced by to. */
static char *
toy_mc_error(const char *from, const char *to)
{
	fin_params p;
	model_uparam u[2];
	buf req, edited, out, err;

	toy_two_years(&p);
	toy_mc_inputs(u);
	buf_init(&req);
	buf_init(&edited);
	buf_init(&out);
	buf_init(&err);
	toy_mc_request(&p, u, 2, 100, &req);
	char *at = strstr(req.data, from);
	ck_assert_msg(at != NULL, "%s not in the request", from);
	buf_append(&edited, req.data, (size_t)(at - req.data));
	buf_puts(&edited, to);
	buf_puts(&edited, at + strlen(from));
	ck_assert_int_eq(explore_mc(edited.data, edited.len, &out, &err), -1);
	ck_assert_uint_eq(out.len, 0);
	buf_free(&req);
	buf_free(&edited);
	buf_free(&out);
	return buf_detach(&err);
}

START_TEST(explore_mc_refuses_bad_settings)
{
	static const char *const cases[][3] = {
		{ "\"draws\": 100", "\"draws\": 0", "draws: 0 is outside" },
		{ "\"draws\": 100", "\"draws\": 1.5", "draws, seed: expected whole numbers" },
		{ "\"seed\": 7", "\"seed\": -1", "seed: -1 is outside" },
		{ "\"at\": \"azure_share.2021\"", "\"at\": \"azure_share.2030\"",
		    "uncertain.1.at: expected an input" },
		{ "\"azure_share.2021\",\n      \"count\": 1", "\"azure_share.2021\", \"count\": 2",
		    "uncertain.1.count: 2 values from azure_share.2021" },
		{ "\"uniform\": [0.5, 1]", "\"uniform\": [1, 0.5]", "uncertain.1.law: " },
		{ "\"uniform\": [0.5, 1]", "\"beta\": [1, 2]", "uncertain.1.law: expected" },
		{ "\"uncertain\": [", "\"uncertain\": 3, \"x\": [", "expected \"scenario\"" },
		{ "\"discount_rate\": 0", "\"discount_rate\": -5", "inputs.discount_rate" },
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char *e = toy_mc_error(cases[k][0], cases[k][1]);
		ck_assert_msg(strstr(e, cases[k][2]) == e, "case %zu: %s", k, e);
		free(e);
	}
}
END_TEST

START_TEST(explore_report_updates_by_the_evidence)
{
	fin_params p;
	buf in, fin, req, out, err;

	toy_two_years(&p);
	buf_init(&in);
	buf_init(&fin);
	buf_init(&req);
	buf_init(&out);
	buf_init(&err);
	toy_texts(&p, &in, &fin);
	/* prior 0.5 / 0.5, likelihoods 0.25 and 0.75: posterior 0.25 / 0.75 (exact) */
	buf_printf(&req, "{\"scenarios\": {\"a\": {\"probability\": 0.5, \"inputs\": %s},"
	    " \"b\": {\"probability\": 0.5, \"inputs\": %s}}, \"evidence\": [{\"id\": \"e1\","
	    " \"likelihood\": {\"a\": 0.25, \"b\": 0.75}}]}", in.data, in.data);
	ck_assert_msg(explore_report(req.data, req.len, &out, &err) == 0, "%s", buf_str(&err));
	ck_assert_ptr_nonnull(strstr(out.data, "\"scenario.posterior_probability@a\": {\n    \"value\": 0.25,"));
	ck_assert_ptr_nonnull(strstr(out.data, "\"evidence.e1.weight@b\": {\n    \"value\": 0.75,"));
	ck_assert_ptr_nonnull(strstr(out.data, "\"finance.npv@expected_posterior\": {\n    \"value\": 10,"));
	/* a likelihood of 0, one missing, a bad weight: each named by its path */
	static const char *const bad[][3] = {
		{ "\"a\": 0.25", "\"a\": 0", "evidence.e1.likelihood.a: must be above 0" },
		{ "\"a\": 0.25, ", "", "evidence.e1.likelihood.a: expected a number" },
		{ "\"probability\": 0.5, \"inputs\"", "\"probability\": 2, \"inputs\"",
		    "scenarios.a.probability: 2 is outside [0, 1] (scenario a)" },
	};
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		buf e;
		buf_init(&e);
		char *at = strstr(req.data, bad[k][0]);
		ck_assert_ptr_nonnull(at);
		buf_append(&e, req.data, (size_t)(at - req.data));
		buf_puts(&e, bad[k][1]);
		buf_puts(&e, at + strlen(bad[k][0]));
		buf_reset(&out);
		buf_reset(&err);
		ck_assert_int_eq(explore_report(e.data, e.len, &out, &err), -1);
		ck_assert_msg(strstr(buf_str(&err), bad[k][2]) == buf_str(&err), "case %zu: %s",
		    k, buf_str(&err));
		ck_assert_uint_eq(out.len, 0);
		buf_free(&e);
	}
	buf_free(&in);
	buf_free(&fin);
	buf_free(&req);
	buf_free(&out);
	buf_free(&err);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("explore");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, jin_reads_values);
	tcase_add_test(tc, jin_refuses_what_rfc8259_refuses);
	tcase_add_test(tc, jin_limits_depth);
	tcase_add_test(tc, explore_reproduces_the_export);
	tcase_add_test(tc, explore_refuses_bad_inputs);
	tcase_add_test(tc, explore_report_weights_and_formats);
	tcase_add_test(tc, explore_names_inputs_both_ways);
	tcase_add_test(tc, explore_mc_equals_the_model);
	tcase_add_test(tc, explore_mc_refuses_bad_settings);
	tcase_add_test(tc, explore_report_updates_by_the_evidence);
	suite_add_tcase(s, tc);
	return check_run(s);
}
