/* check_format: unit tests of the metric display formats (src/render/format.c). */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "model/format.h"
#include "check_main.h"

#define MINUS "\xe2\x88\x92"

/* Formats v and returns the text (valid until the next call); "<-1>" on failure. */
static const char *
fmt(double v, metric_unit u, const char *spec)
{
	static buf b;
	buf_free(&b);
	if (format_value(v, u, spec, &b) != 0)
		return "<-1>";
	return buf_str(&b);
}

START_TEST(test_usd_bn)
{
	ck_assert_str_eq(fmt(13, UNIT_USD_BN, "usd_bn"), "$13.0bn");
	ck_assert_str_eq(fmt(0.8, UNIT_USD_BN, "usd_bn"), "$0.8bn");
	ck_assert_str_eq(fmt(-3.14, UNIT_USD_BN, "usd_bn"), MINUS "$3.1bn");
	ck_assert_str_eq(fmt(99.94, UNIT_USD_BN, "usd_bn"), "$99.9bn");
	/* 99.95 rounds to 100.0 at one decimal, so it takes the no-decimal form */
	ck_assert_str_eq(fmt(99.95, UNIT_USD_BN, "usd_bn"), "$100bn");
	ck_assert_str_eq(fmt(100, UNIT_USD_BN, "usd_bn"), "$100bn");
	ck_assert_str_eq(fmt(1234.6, UNIT_USD_BN, "usd_bn"), "$1,235bn");
	ck_assert_str_eq(fmt(-250.2, UNIT_USD_BN, "usd_bn"), MINUS "$250bn");
	ck_assert_str_eq(fmt(-0.04, UNIT_USD_BN, "usd_bn"), "$0.0bn");
	ck_assert_str_eq(fmt(13, UNIT_USD_BN, "usd_bn:2"), "$13.00bn");
	ck_assert_str_eq(fmt(150.4567, UNIT_USD_BN, "usd_bn:2"), "$150.46bn");
	ck_assert_str_eq(fmt(NAN, UNIT_USD_BN, "usd_bn"), "n/a");
	ck_assert_str_eq(fmt(13, UNIT_USD_BN, NULL), "$13.0bn");
}
END_TEST

/* int: no separators, no decimals (identifiers such as a seed) */
START_TEST(test_int)
{
	ck_assert_str_eq(fmt(20261101, UNIT_COUNT, "int"), "20261101");
	ck_assert_str_eq(fmt(-42.4, UNIT_COUNT, "int"), MINUS "42");
}
END_TEST

START_TEST(test_usd)
{
	ck_assert_str_eq(fmt(30, UNIT_USD, "usd"), "$30");
	ck_assert_str_eq(fmt(1234567.4, UNIT_USD, "usd"), "$1,234,567");
	ck_assert_str_eq(fmt(-30, UNIT_USD, "usd"), MINUS "$30");
	ck_assert_str_eq(fmt(19.987, UNIT_USD, "usd:2"), "$19.99");
	ck_assert_str_eq(fmt(30, UNIT_USD, NULL), "$30");
}
END_TEST

START_TEST(test_pct)
{
	ck_assert_str_eq(fmt(0.27, UNIT_FRACTION, "pct"), "27%");
	ck_assert_str_eq(fmt(0.274, UNIT_FRACTION, "pct"), "27%");
	ck_assert_str_eq(fmt(0.276, UNIT_FRACTION, "pct"), "28%");
	ck_assert_str_eq(fmt(0.274, UNIT_FRACTION, "pct1"), "27.4%");
	ck_assert_str_eq(fmt(-0.05, UNIT_FRACTION, "pct"), MINUS "5%");
	ck_assert_str_eq(fmt(0.123456, UNIT_FRACTION, "pct:2"), "12.35%");
	ck_assert_str_eq(fmt(12.5, UNIT_FRACTION, "pct"), "1,250%");
	ck_assert_str_eq(fmt(0.27, UNIT_FRACTION, NULL), "27%");
	ck_assert_str_eq(fmt(NAN, UNIT_FRACTION, "pct1"), "n/a");
}
END_TEST

START_TEST(test_pp)
{
	ck_assert_str_eq(fmt(0.031, UNIT_FRACTION, "pp"), "+3.1 pp");
	ck_assert_str_eq(fmt(-0.0128, UNIT_FRACTION, "pp"), MINUS "1.3 pp");
	ck_assert_str_eq(fmt(0, UNIT_FRACTION, "pp"), "0.0 pp");
	ck_assert_str_eq(fmt(0.031, UNIT_FRACTION, "pp:0"), "+3 pp");
}
END_TEST

START_TEST(test_year)
{
	ck_assert_str_eq(fmt(2031.4, UNIT_YEAR, "year"), "2032");
	ck_assert_str_eq(fmt(2031.0, UNIT_YEAR, "year"), "2031");
	ck_assert_str_eq(fmt(2031.4, UNIT_YEAR, "year:0"), "2032");
	ck_assert_str_eq(fmt(2031.4, UNIT_YEAR, NULL), "2032");
	ck_assert_str_eq(fmt(2031.4, UNIT_YEAR, "year1"), "2031.4");
	ck_assert_str_eq(fmt(2031.44, UNIT_YEAR, "year:1"), "2031.4");
	ck_assert_str_eq(fmt(2031.45678, UNIT_YEAR, "year1:2"), "2031.46");
	ck_assert_str_eq(fmt(NAN, UNIT_YEAR, "year"), "n/a");
}
END_TEST

START_TEST(test_x_num_m_gw)
{
	ck_assert_str_eq(fmt(3.2, UNIT_MULTIPLE, "x"), "3.2x");
	ck_assert_str_eq(fmt(12.04, UNIT_MULTIPLE, "x"), "12.0x");
	ck_assert_str_eq(fmt(3.6, UNIT_MULTIPLE, "x:0"), "4x");
	ck_assert_str_eq(fmt(-0.5, UNIT_MULTIPLE, NULL), MINUS "0.5x");
	ck_assert_str_eq(fmt(1234, UNIT_COUNT, "num"), "1,234");
	ck_assert_str_eq(fmt(999, UNIT_COUNT, "num"), "999");
	ck_assert_str_eq(fmt(1234567, UNIT_COUNT, NULL), "1,234,567");
	ck_assert_str_eq(fmt(-1234, UNIT_COUNT, "num"), MINUS "1,234");
	ck_assert_str_eq(fmt(1234.56, UNIT_NUMBER, "num1"), "1,234.6");
	ck_assert_str_eq(fmt(0.5, UNIT_NUMBER, "num2"), "0.50");
	ck_assert_str_eq(fmt(15000000, UNIT_COUNT, "m"), "15m");
	ck_assert_str_eq(fmt(1500000, UNIT_COUNT, "m:1"), "1.5m");
	ck_assert_str_eq(fmt(1234000000, UNIT_COUNT, "m"), "1,234m");
	ck_assert_str_eq(fmt(1.9, UNIT_GW, "gw"), "1.9 GW");
	ck_assert_str_eq(fmt(10, UNIT_GW, NULL), "10.0 GW");
	ck_assert_str_eq(fmt(INFINITY, UNIT_GW, "gw"), "n/a");
}
END_TEST

START_TEST(test_number_default)
{
	ck_assert_str_eq(fmt(0.5, UNIT_NUMBER, NULL), "0.5");
	ck_assert_str_eq(fmt(1234, UNIT_NUMBER, NULL), "1,234");
	ck_assert_str_eq(fmt(3.14159, UNIT_NUMBER, NULL), "3.14");
	ck_assert_str_eq(fmt(-0.001, UNIT_NUMBER, NULL), "0");
}
END_TEST

START_TEST(test_unknown)
{
	buf b;
	buf_init(&b);
	ck_assert_int_eq(format_value(1, UNIT_NUMBER, "bogus", &b), -1);
	ck_assert_int_eq(format_value(1, UNIT_NUMBER, "pct:x", &b), -1);
	ck_assert_int_eq(format_value(1, UNIT_NUMBER, "pct:10", &b), -1);
	ck_assert_int_eq(format_value(1, UNIT_NUMBER, "", &b), -1);
	ck_assert_int_eq(format_value(1, UNIT_NUMBER, "usd_bnx", &b), -1);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_int_eq(format_known("pct:1"), 1);
	ck_assert_int_eq(format_known("usd_bn"), 1);
	ck_assert_int_eq(format_known("gw"), 1);
	ck_assert_int_eq(format_known("bogus"), 0);
	ck_assert_int_eq(format_known("pct:"), 0);
	ck_assert_int_eq(format_known(NULL), 0);
	buf_free(&b);
}
END_TEST

/* Builds the suite. */
static Suite *
format_suite(void)
{
	Suite *s = suite_create("format");
	TCase *tc = tcase_create("formats");
	tcase_add_test(tc, test_usd_bn);
	tcase_add_test(tc, test_usd);
	tcase_add_test(tc, test_int);
	tcase_add_test(tc, test_pct);
	tcase_add_test(tc, test_pp);
	tcase_add_test(tc, test_year);
	tcase_add_test(tc, test_x_num_m_gw);
	tcase_add_test(tc, test_number_default);
	tcase_add_test(tc, test_unknown);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(format_suite());
}
