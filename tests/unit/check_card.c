/* check_card: share cards and icons: size, determinism, what changes the bytes and the key, errors. */
#include <check.h>

#include "check_draw.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "card/card.h"
#include "cmd/cmd.h"

#define FONTS_CONF "templates/fonts.conf"

/* Returns the width and height a PNG's IHDR states (0 if b is not a PNG). */
static void
png_size(const buf *b, unsigned *w, unsigned *h)
{
	const unsigned char *p = (const unsigned char *)b->data;
	*w = *h = 0;
	if (b->len < 24 || memcmp(p, "\x89PNG\r\n\x1a\n", 8) != 0 || memcmp(p + 12, "IHDR", 4) != 0)
		return;
	*w = (unsigned)p[16] << 24 | (unsigned)p[17] << 16 | (unsigned)p[18] << 8 | p[19];
	*h = (unsigned)p[20] << 24 | (unsigned)p[21] << 16 | (unsigned)p[22] << 8 | p[23];
}

static const double vals[] = { 1, 3, 2, 5 };
static const int years[] = { 2020, 2021, 2022, 2023 };

/* A small valid line chart. */
static chart_spec
line_chart(void)
{
	static chart_series s;
	s = (chart_series){ "Base", 4, vals, years, NULL };
	chart_spec c;
	memset(&c, 0, sizeof c);
	c.type = CHART_LINE;
	c.title = "Ignored on the card";
	c.caption = "Cash by year";
	c.alt = "A rising line";
	c.nseries = 1;
	c.series = &s;
	return c;
}

/* Digest of s's key. */
static void
key_of(const card_spec *s, uint8_t out[SHA256_LEN])
{
	sha256_ctx h;
	sha256_init(&h);
	card_digest(s, &h);
	sha256_final(&h, out);
}

START_TEST(test_card_size_and_determinism)
{
	chart_spec ch = line_chart();
	card_spec kinds[3] = {
		{ "Report", "A title", "A subtitle", NULL, NULL, NULL, NULL, "As of 1 May 2026" },
		{ "Report", "Money", NULL, "$13.8bn", "Invested", "A note", NULL, NULL },
		{ "Report", "Figure 1. Cash", NULL, NULL, NULL, NULL, &ch, "As of 2026" },
	};
	for (size_t k = 0; k < 3; k++) {
		buf a, b;
		buf_init(&a);
		buf_init(&b);
		char why[256];
		ck_assert_int_eq(card_render(&kinds[k], &a, why, sizeof why), 0);
		ck_assert_int_eq(card_render(&kinds[k], &b, why, sizeof why), 0);
		unsigned w, h;
		png_size(&a, &w, &h);
		ck_assert_uint_eq(w, CARD_WIDTH);
		ck_assert_uint_eq(h, CARD_HEIGHT);
		ck_assert_uint_eq(a.len, b.len);
		ck_assert(memcmp(a.data, b.data, a.len) == 0);
		buf_free(&a);
		buf_free(&b);
	}
}
END_TEST

START_TEST(test_card_changes_with_what_it_draws)
{
	card_spec s = { "Report", "Money", NULL, "$13.8bn", "Invested", NULL, NULL, NULL };
	card_spec t = s;
	t.value = "$13.9bn";
	buf a, b;
	buf_init(&a);
	buf_init(&b);
	char why[256];
	ck_assert_int_eq(card_render(&s, &a, why, sizeof why), 0);
	ck_assert_int_eq(card_render(&t, &b, why, sizeof why), 0);
	ck_assert(a.len != b.len || memcmp(a.data, b.data, a.len) != 0);
	uint8_t ka[SHA256_LEN], kb[SHA256_LEN], kc[SHA256_LEN];
	key_of(&s, ka);
	key_of(&t, kb);
	ck_assert(memcmp(ka, kb, SHA256_LEN) != 0);
	chart_spec c1 = line_chart(), c2 = line_chart();
	card_spec u = { "Report", "Cash", NULL, NULL, NULL, NULL, &c1, NULL };
	key_of(&u, ka);
	c2.y.label = "US$ bn"; /* drawn: changes the key */
	u.chart = &c2;
	key_of(&u, kb);
	ck_assert(memcmp(ka, kb, SHA256_LEN) != 0);
	c2 = line_chart();
	c2.title = "Another title"; /* not drawn on the card: same key */
	key_of(&u, kc);
	u.chart = &c1;
	key_of(&u, ka);
	ck_assert(memcmp(ka, kc, SHA256_LEN) == 0);
	buf_free(&a);
	buf_free(&b);
}
END_TEST

START_TEST(test_card_errors)
{
	char why[256] = "";
	buf out;
	buf_init(&out);
	card_spec none = { "Report", NULL, NULL, NULL, NULL, NULL, NULL, NULL };
	ck_assert_int_eq(card_render(&none, &out, why, sizeof why), -1);
	ck_assert_ptr_nonnull(strstr(why, "title"));
	chart_spec bad = line_chart();
	static const double nan_vals[] = { 1, 0.0 / 0.0, 2, 3 };
	static chart_series s;
	s = (chart_series){ "Base", 4, nan_vals, years, NULL };
	bad.series = &s;
	card_spec c = { "Report", "Cash", NULL, NULL, NULL, NULL, &bad, NULL };
	ck_assert_int_eq(card_render(&c, &out, why, sizeof why), -1);
	card_spec cjk = { "Report", "\xe4\xb8\xad\xe6\x96\x87", NULL, NULL, NULL, NULL, NULL, NULL };
	ck_assert_int_eq(card_render(&cjk, &out, why, sizeof why), -1);
	ck_assert_ptr_nonnull(strstr(why, "glyphs"));
	ck_assert_uint_eq(out.len, 0);
	buf_free(&out);
}
END_TEST

START_TEST(test_card_alt)
{
	buf b;
	buf_init(&b);
	card_spec s = { "Report", "Money", NULL, "$13.8bn", "Invested", NULL, NULL, NULL };
	card_alt(&s, &b);
	ck_assert_str_eq(buf_str(&b), "Money \xe2\x80\x94 Report. Key figure: $13.8bn, Invested.");
	buf_reset(&b);
	chart_spec ch = line_chart();
	card_spec t = { "Report", "Figure 1. Cash", NULL, NULL, NULL, NULL, &ch, NULL };
	card_alt(&t, &b);
	ck_assert_str_eq(buf_str(&b), "Figure 1. Cash \xe2\x80\x94 Report. With a chart: Cash by year.");
	buf_free(&b);
}
END_TEST

START_TEST(test_icons)
{
	buf b;
	buf_init(&b);
	char why[256];
	ck_assert_int_eq(card_icon_png(32, 0, &b, why, sizeof why), 0);
	unsigned w, h;
	png_size(&b, &w, &h);
	ck_assert_uint_eq(w, 32);
	ck_assert_uint_eq(h, 32);
	buf_reset(&b);
	ck_assert_int_eq(card_icon_png(180, 1, &b, why, sizeof why), 0);
	png_size(&b, &w, &h);
	ck_assert_uint_eq(w, 180);
	ck_assert_int_eq(card_icon_png(8, 0, &b, why, sizeof why), -1);
	buf_reset(&b);
	card_icon_svg(&b);
	ck_assert(strncmp(buf_str(&b), "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">", 60) == 0);
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "<rect x=\"13.5\" y=\"12\" width=\"5\" height=\"13\" fill=\"#fff\"/>"));
	buf_free(&b);
}
END_TEST

static Suite *
card_suite(void)
{
	Suite *s = suite_create("card");
	TCase *tc = tcase_create("card");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_card_size_and_determinism);
	tcase_add_test(tc, test_card_changes_with_what_it_draws);
	tcase_add_test(tc, test_card_errors);
	tcase_add_test(tc, test_card_alt);
	tcase_add_test(tc, test_icons);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run_drawing("check_card", card_suite());
}
