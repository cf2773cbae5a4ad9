/* check_format: the data exports' one number rule (export/num.c), CSV fields
 * (export/csv.c) and the JSON writer (export/json.c). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/csv.h"
#include "export/json.h"
#include "export/num.h"
#include "check_main.h"

/* Returns num_put's text for v (static buffer). */
static const char *
num(double v)
{
	static char out[64];
	buf b;
	buf_init(&b);
	num_put(&b, v);
	snprintf(out, sizeof out, "%s", b.data ? b.data : "");
	buf_free(&b);
	return out;
}

START_TEST(num_shortest_exact)
{
	ck_assert_str_eq(num(80), "80");
	ck_assert_str_eq(num(-0.0), "0");
	ck_assert_str_eq(num(0.2), "0.2");
	ck_assert_str_eq(num(0.1 + 0.2), "0.30000000000000004");
	ck_assert_str_eq(num(1e300), "1e+300");
	ck_assert_str_eq(num(123456789012345.0), "123456789012345");
	ck_assert_str_eq(num(NAN), "");
	ck_assert_str_eq(num(INFINITY), "");
	/* every value reads back as itself */
	double v[] = { 1.0 / 3, 2.0 / 3, 93.35612345678901, -7.25e-9, 0.07 };
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		ck_assert(strtod(num(v[i]), NULL) == v[i]);
}
END_TEST

START_TEST(csv_quoting)
{
	buf b;
	buf_init(&b);
	csv_text(&b, "plain", 5);
	buf_putc(&b, '|');
	csv_text(&b, "a,b \"c\"", 7);
	buf_putc(&b, '|');
	csv_text(&b, "two\nlines", 9);
	buf_putc(&b, '|');
	csv_num(&b, NAN);
	csv_num(&b, 0.5);
	ck_assert_str_eq(b.data, "plain|\"a,b \"\"c\"\"\"|\"two\nlines\"|0.5");
	buf_free(&b);
}
END_TEST

START_TEST(json_writer_layout)
{
	buf b;
	buf_init(&b);
	json_writer w;
	json_writer_init(&w, &b);
	json_open(&w, NULL, '{');
	json_str(&w, "s", "q\"\\\x01");
	json_num(&w, "n", 0.2);
	json_num(&w, "nan", NAN);
	double a[] = { 1, 2.5 };
	json_nums(&w, "a", a, 2);
	int y[] = { 2020, 2021 };
	json_ints(&w, "y", y, 2);
	json_bool(&w, "t", 1);
	json_open(&w, "e", '[');
	json_close(&w, ']');
	json_close(&w, '}');
	ck_assert_str_eq(b.data, "{\n  \"s\": \"q\\\"\\\\\\u0001\",\n  \"n\": 0.2,\n"
	    "  \"nan\": null,\n  \"a\": [1, 2.5],\n  \"y\": [2020, 2021],\n  \"t\": true,\n"
	    "  \"e\": []\n}");
	buf_free(&b);
}
END_TEST

static Suite *
format_suite(void)
{
	Suite *s = suite_create("format");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, num_shortest_exact);
	tcase_add_test(tc, csv_quoting);
	tcase_add_test(tc, json_writer_layout);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(format_suite());
}
