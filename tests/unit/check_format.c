/* check_format: the display rule of model/format.c (significant digits by magnitude),
 * the data exports' one number rule (export/num.c), CSV fields (export/csv.c) and the
 * JSON writer (export/json.c). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/csv.h"
#include "export/json.h"
#include "export/num.h"
#include "model/format.h"
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


#define MINUS "\xe2\x88\x92"

/* Returns format_value's text for v in unit u with spec (static buffer). */
static const char *
fmt(double v, metric_unit u, const char *spec)
{
	static char out[64];
	buf b;
	buf_init(&b);
	ck_assert_int_eq(format_value(v, u, spec, &b), 0);
	snprintf(out, sizeof out, "%s", b.data ? b.data : "");
	buf_free(&b);
	return out;
}

START_TEST(usd_bn_by_magnitude)
{
	ck_assert_str_eq(fmt(306.2, UNIT_USD_BN, NULL), "$306bn");
	ck_assert_str_eq(fmt(1234.5, UNIT_USD_BN, "usd_bn"), "$1,235bn");
	ck_assert_str_eq(fmt(13.75, UNIT_USD_BN, NULL), "$13.8bn");
	ck_assert_str_eq(fmt(13.0, UNIT_USD_BN, NULL), "$13.0bn");
	ck_assert_str_eq(fmt(1.52, UNIT_USD_BN, NULL), "$1.5bn");
	ck_assert_str_eq(fmt(0.75, UNIT_USD_BN, NULL), "$0.75bn");
	ck_assert_str_eq(fmt(0.5, UNIT_USD_BN, NULL), "$0.5bn");
	ck_assert_str_eq(fmt(0.10322, UNIT_USD_BN, NULL), "$0.1bn");
	ck_assert_str_eq(fmt(0.025, UNIT_USD_BN, NULL), "$0.025bn");
	ck_assert_str_eq(fmt(0.012, UNIT_USD_BN, NULL), "$0.012bn");
	/* below $0.01bn the rule shows the floor, not a false figure */
	ck_assert_str_eq(fmt(0.005, UNIT_USD_BN, NULL), "<$0.01bn");
	ck_assert_str_eq(fmt(-0.002, UNIT_USD_BN, NULL), MINUS "<$0.01bn");
	ck_assert_str_eq(fmt(-23.71, UNIT_USD_BN, NULL), MINUS "$23.7bn");
	ck_assert_str_eq(fmt(-0.45, UNIT_USD_BN, NULL), MINUS "$0.45bn");
	ck_assert_str_eq(fmt(-150.4, UNIT_USD_BN, NULL), MINUS "$150bn");
}
END_TEST

START_TEST(rounding_edges)
{
	/* a value that rounds up into the next band takes that band's decimals */
	ck_assert_str_eq(fmt(99.95, UNIT_USD_BN, NULL), "$100bn");
	ck_assert_str_eq(fmt(99.94, UNIT_USD_BN, NULL), "$99.9bn");
	ck_assert_str_eq(fmt(0.996, UNIT_USD_BN, NULL), "$1.0bn");
	ck_assert_str_eq(fmt(0.994, UNIT_USD_BN, NULL), "$0.99bn");
	ck_assert_str_eq(fmt(9.96, UNIT_MULTIPLE, NULL), "10x");
	ck_assert_str_eq(fmt(-0.0996, UNIT_FRACTION, "pp"), MINUS "10 pp");
	ck_assert_str_eq(fmt(0.00996, UNIT_FRACTION, NULL), "1%");
	ck_assert_str_eq(fmt(0.0996, UNIT_USD_BN, NULL), "$0.1bn");
}
END_TEST

START_TEST(zero_and_tiny)
{
	ck_assert_str_eq(fmt(0, UNIT_USD_BN, NULL), "$0bn");
	ck_assert_str_eq(fmt(-0.0, UNIT_USD_BN, NULL), "$0bn");
	ck_assert_str_eq(fmt(1e-12, UNIT_USD_BN, NULL), "$0bn");
	ck_assert_str_eq(fmt(-1e-12, UNIT_FRACTION, "pp"), "0 pp");
	ck_assert_str_eq(fmt(0, UNIT_FRACTION, NULL), "0%");
	ck_assert_str_eq(fmt(0, UNIT_MULTIPLE, NULL), "0x");
	/* nonzero never prints as zero: more precision, even with ":P" */
	ck_assert_str_eq(fmt(0.03, UNIT_USD_BN, "usd_bn:1"), "$0.03bn");
	ck_assert_str_eq(fmt(-0.04, UNIT_USD_BN, "usd_bn:0"), MINUS "$0.04bn");
	ck_assert_str_eq(fmt(0.0004, UNIT_FRACTION, "pct"), "<0.1%");
	ck_assert_str_eq(fmt(0.0004, UNIT_FRACTION, "pct1"), "0.04%");
	ck_assert_str_eq(fmt(0.0004, UNIT_USD_BN, NULL), "<$0.01bn");
	ck_assert_str_eq(fmt(0.0004, UNIT_USD_BN, "usd_bn:1"), "about $0bn");
	ck_assert_str_eq(fmt(-0.0004, UNIT_USD_BN, NULL), MINUS "<$0.01bn");
	ck_assert_str_eq(fmt(-0.000001, UNIT_FRACTION, "pp"), MINUS "<0.1 pp");
	/* an explicit precision keeps the zero it asks for (uniform axis ticks) */
	ck_assert_str_eq(fmt(0, UNIT_USD_BN, "usd_bn:1"), "$0.0bn");
}
END_TEST

START_TEST(percent_and_points)
{
	ck_assert_str_eq(fmt(0.274, UNIT_FRACTION, NULL), "27%");
	ck_assert_str_eq(fmt(0.04, UNIT_FRACTION, NULL), "4%");
	ck_assert_str_eq(fmt(4.0, UNIT_FRACTION, "pct"), "400%");
	ck_assert_str_eq(fmt(0.005, UNIT_FRACTION, NULL), "0.5%");
	ck_assert_str_eq(fmt(0.0025, UNIT_FRACTION, NULL), "0.25%");
	ck_assert_str_eq(fmt(-0.12, UNIT_FRACTION, NULL), MINUS "12%");
	ck_assert_str_eq(fmt(0.274, UNIT_FRACTION, "pct1"), "27.4%");
	ck_assert_str_eq(fmt(0.274, UNIT_FRACTION, "pct:1"), "27.4%");
	/* a change in a percentage is in points, signed, two significant digits */
	ck_assert_str_eq(fmt(-0.2983, UNIT_FRACTION, "pp"), MINUS "30 pp");
	ck_assert_str_eq(fmt(0.031, UNIT_FRACTION, "pp"), "+3.1 pp");
	ck_assert_str_eq(fmt(0.0045, UNIT_FRACTION, "pp"), "+0.45 pp");
	ck_assert_str_eq(fmt(-0.2983, UNIT_FRACTION, "pp:1"), MINUS "29.8 pp");
}
END_TEST

START_TEST(multiples_years_counts)
{
	ck_assert_str_eq(fmt(82.5, UNIT_MULTIPLE, NULL), "83x");
	ck_assert_str_eq(fmt(27.97, UNIT_MULTIPLE, NULL), "28x");
	ck_assert_str_eq(fmt(6.11, UNIT_MULTIPLE, NULL), "6.1x");
	ck_assert_str_eq(fmt(0.85, UNIT_MULTIPLE, NULL), "0.85x");
	ck_assert_str_eq(fmt(100, UNIT_MULTIPLE, "x:0"), "100x");
	ck_assert_str_eq(fmt(82.5, UNIT_MULTIPLE, "x:1"), "82.5x");
	ck_assert_str_eq(fmt(2031.4, UNIT_YEAR, NULL), "2032");
	ck_assert_str_eq(fmt(2027, UNIT_YEAR, NULL), "2027");
	ck_assert_str_eq(fmt(2031.4, UNIT_YEAR, "year1"), "2031.4");
	ck_assert_str_eq(fmt(1450.2, UNIT_NUMBER, "num"), "1,450");
	ck_assert_str_eq(fmt(-60.08, UNIT_NUMBER, "num"), MINUS "60");
	ck_assert_str_eq(fmt(0.3, UNIT_COUNT, NULL), "0.3");
	ck_assert_str_eq(fmt(20261101, UNIT_NUMBER, "int"), "20261101");
	ck_assert_str_eq(fmt(4.5, UNIT_GW, NULL), "4.5 GW");
	ck_assert_str_eq(fmt(26.2, UNIT_GW, NULL), "26 GW");
	ck_assert_str_eq(fmt(15e6, UNIT_NUMBER, "m"), "15m");
	ck_assert_str_eq(fmt(0.78, UNIT_NUMBER, NULL), "0.78");
	ck_assert_str_eq(fmt(4.0, UNIT_NUMBER, NULL), "4");
}
END_TEST

START_TEST(not_a_number)
{
	ck_assert_str_eq(fmt(NAN, UNIT_USD_BN, NULL), "n/a");
	ck_assert_str_eq(fmt(INFINITY, UNIT_FRACTION, "pp"), "n/a");
	ck_assert_str_eq(fmt(-INFINITY, UNIT_MULTIPLE, NULL), "n/a");
	buf b;
	buf_init(&b);
	ck_assert_int_eq(format_value(1, UNIT_USD_BN, "usd_bn:x", &b), -1);
	ck_assert_int_eq(format_value(1, UNIT_USD_BN, "dollars", &b), -1);
	ck_assert_uint_eq(b.len, 0);
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
	tcase_add_test(tc, usd_bn_by_magnitude);
	tcase_add_test(tc, rounding_edges);
	tcase_add_test(tc, zero_and_tiny);
	tcase_add_test(tc, percent_and_points);
	tcase_add_test(tc, multiples_years_counts);
	tcase_add_test(tc, not_a_number);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(format_suite());
}
