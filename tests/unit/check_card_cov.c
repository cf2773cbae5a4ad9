/* check_card_cov: share cards with missing or oversized parts, their text alternatives,
 * refusals without a reason buffer, and cards drawn on many threads at once. */
#include <check.h>

#include "check_draw.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "card/card.h"

/* Returns the text alternative of s (static, for asserts). */
static const char *
alt(const card_spec *s)
{
	static buf b;
	buf_reset(&b);
	card_alt(s, &b);
	return buf_str(&b);
}

START_TEST(test_alt_of_every_shape)
{
	card_spec s = { NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL };
	ck_assert_str_eq(alt(&s), ""); /* nothing: no full stop either */
	s.title = "Money";
	s.kicker = "";
	ck_assert_str_eq(alt(&s), "Money.");
	s.text = "";
	ck_assert_str_eq(alt(&s), "Money.");
	s.text = "Where it goes!";
	ck_assert_str_eq(alt(&s), "Money. Where it goes!");
	s.value = "$1bn";
	ck_assert_str_eq(alt(&s), "Money. Key figure: $1bn.");
	s.value = NULL;
	chart_spec ch;
	memset(&ch, 0, sizeof ch);
	s.chart = &ch;
	ck_assert_str_eq(alt(&s), "Money. With a chart.");
	ch.title = "";
	ck_assert_str_eq(alt(&s), "Money. With a chart.");
	ch.title = "Cash by year";
	ck_assert_str_eq(alt(&s), "Money. With a chart: Cash by year.");
	ch.caption = "Cash, US$ bn?";
	ck_assert_str_eq(alt(&s), "Money. With a chart: Cash, US$ bn?");
}
END_TEST

START_TEST(test_refusals_without_a_reason_buffer)
{
	buf out;
	buf_init(&out);
	card_spec s = { "Report", "", NULL, NULL, NULL, NULL, NULL, NULL };
	ck_assert_int_eq(card_render(&s, &out, NULL, 0), -1);
	s.title = "\xe4\xb8\xad\xe6\x96\x87"; /* no shipped font covers it */
	ck_assert_int_eq(card_render(&s, &out, NULL, 0), -1);
	ck_assert_int_eq(card_icon_png(15, 0, &out, NULL, 0), -1);
	ck_assert_int_eq(card_icon_png(513, 1, &out, NULL, 0), -1);
	ck_assert_uint_eq(out.len, 0);
	char why[64] = "";
	ck_assert_int_eq(card_icon_png(513, 1, &out, why, sizeof why), -1);
	ck_assert_str_eq(why, "an icon is 16 to 512 px");
	ck_assert_int_eq(card_icon_png(16, 1, &out, why, sizeof why), 0);
	ck_assert_int_eq(card_icon_png(512, 0, &out, why, sizeof why), 0);
	buf_free(&out);
}
END_TEST

/* Renders s and returns its PNG's bytes in out (failing the test on an error). */
static void
render(const card_spec *s, buf *out)
{
	char why[256] = "";
	buf_reset(out);
	if (card_render(s, out, why, sizeof why) != 0)
		ck_abort_msg("card_render: %s", why);
	ck_assert_uint_gt(out->len, 1000);
}

START_TEST(test_key_figures_that_do_not_fit)
{
	/* A value too wide even at the smallest size, without a label or note; a value
	 * that fits only smaller; a label but no note; a long kicker and text. */
	buf a, b, c, d;
	buf_init(&a);
	buf_init(&b);
	buf_init(&c);
	buf_init(&d);
	card_spec s = { NULL, "Money", NULL,
		"$123,456,789,012,345,678,901,234,567,890.12 billion", NULL, NULL, NULL, NULL };
	render(&s, &a);
	s.value = "$123,456.78bn";
	render(&s, &b);
	ck_assert(a.len != b.len || memcmp(a.data, b.data, a.len) != 0);
	s.label = "";
	s.note = "";
	render(&s, &c); /* empty label and note: drawn as none */
	ck_assert_uint_eq(c.len, b.len);
	ck_assert_int_eq(memcmp(c.data, b.data, b.len), 0);
	s.label = "Net present value in the base case, discounted at eight per cent a year";
	render(&s, &c);
	ck_assert(c.len != b.len || memcmp(c.data, b.data, b.len) != 0);
	s.kicker = "A kicker long enough to need the two lines it may take on a card, and "
	    "then more words that cannot fit in them";
	s.text = "";
	s.foot = "";
	render(&s, &d);
	ck_assert(d.len != c.len || memcmp(d.data, c.data, c.len) != 0);
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
	buf_free(&d);
}
END_TEST

enum { NTHREADS = 8 };

/* What a drawing thread gets: the card and where its PNG goes. */
typedef struct job {
	const card_spec *s;
	buf out;
	int rc;
} job;

static void *
draw_one(void *arg)
{
	job *j = arg;
	char why[256];
	j->rc = 0;
	for (int k = 0; k < 3 && j->rc == 0; k++) {
		buf_reset(&j->out);
		j->rc = card_render(j->s, &j->out, why, sizeof why);
	}
	return NULL;
}

START_TEST(test_cards_on_many_threads_same_bytes)
{
	card_spec s = { "Report", "Drawn on eight threads", "At once", "$2bn", "Invested",
		"so far", NULL, "1 December 2026" };
	buf one;
	buf_init(&one);
	render(&s, &one);
	pthread_t th[NTHREADS];
	job jobs[NTHREADS];
	for (int i = 0; i < NTHREADS; i++) {
		jobs[i].s = &s;
		buf_init(&jobs[i].out);
		ck_assert_int_eq(pthread_create(&th[i], NULL, draw_one, &jobs[i]), 0);
	}
	for (int i = 0; i < NTHREADS; i++) {
		pthread_join(th[i], NULL);
		ck_assert_int_eq(jobs[i].rc, 0);
		ck_assert_uint_eq(jobs[i].out.len, one.len);
		ck_assert_int_eq(memcmp(jobs[i].out.data, one.data, one.len), 0);
		buf_free(&jobs[i].out);
	}
	buf_free(&one);
	card_pools_free();
}
END_TEST

static Suite *
card_suite(void)
{
	Suite *s = suite_create("card_cov");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_alt_of_every_shape);
	tcase_add_test(tc, test_refusals_without_a_reason_buffer);
	tcase_add_test(tc, test_key_figures_that_do_not_fit);
	tcase_add_test(tc, test_cards_on_many_threads_same_bytes);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run_drawing("check_card_cov", card_suite());
}
