/* check_rng: the generator's reference outputs and the samplers' moments and quantiles. */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "model/rng.h"
#include "check_main.h"

enum { N = 200000 };

/* xoshiro256** from the state {1, 2, 3, 4}: the reference implementation's first
 * outputs (worked by hand from the recurrence: result = rotl(s1 * 5, 7) * 9; the first
 * is rotl(10, 7) * 9 = 1280 * 9 = 11520). */
START_TEST(reference_outputs)
{
	rng g = { { 1, 2, 3, 4 } };
	ck_assert_uint_eq(rng_next(&g), 11520u);
	ck_assert_uint_eq(rng_next(&g), 0u);
	ck_assert_uint_eq(rng_next(&g), 1509978240u);
	ck_assert_uint_eq(rng_next(&g), UINT64_C(1215971899390074240));
}
END_TEST

START_TEST(seeding_and_jumps_are_deterministic)
{
	rng a, b;
	rng_seed(&a, 42);
	rng_seed(&b, 42);
	for (int i = 0; i < 100; i++)
		ck_assert_uint_eq(rng_next(&a), rng_next(&b));
	rng_seed(&a, 42);
	rng_seed(&b, 43);
	ck_assert_uint_ne(rng_next(&a), rng_next(&b));
	rng_seed(&a, 7);
	b = a;
	rng_jump(&b);
	rng c = a;
	rng_jump(&c);
	ck_assert_uint_eq(rng_next(&b), rng_next(&c));
	ck_assert_uint_ne(rng_next(&a), rng_next(&b));
	rng z;
	rng_seed(&z, 0);
	ck_assert(z.s[0] | z.s[1] | z.s[2] | z.s[3]);
}
END_TEST

START_TEST(uniform01_range)
{
	rng g;
	rng_seed(&g, 1);
	double lo = 1, hi = 0;
	for (int i = 0; i < N; i++) {
		double u = rng_uniform01(&g);
		ck_assert(u >= 0.0 && u < 1.0);
		lo = u < lo ? u : lo;
		hi = u > hi ? u : hi;
	}
	/* With 200,000 draws the extremes lie within 1e-4 of the ends with probability
	 * 1 - 2 * (1 - 1e-4)^200000 > 1 - 1e-8. */
	ck_assert(lo < 1e-4 && hi > 1 - 1e-4);
}
END_TEST

/* Draws N samples of d; checks the mean within 5 standard errors, the variance within
 * 5 standard errors of the sample variance (estimated from the fourth moment), and the
 * fraction below q within 5 binomial standard errors of p. */
static void
check_moments(const dist *d, double q, double p)
{
	rng g;
	rng_seed(&g, 2026);
	double *x = malloc(N * sizeof *x);
	double sum = 0;
	long below = 0;
	for (int i = 0; i < N; i++) {
		x[i] = dist_sample(d, &g);
		ck_assert(isfinite(x[i]));
		sum += x[i];
		below += x[i] < q;
	}
	double mean = sum / N, m2 = 0, m4 = 0;
	for (int i = 0; i < N; i++) {
		double e = x[i] - mean;
		m2 += e * e;
		m4 += e * e * e * e;
	}
	m2 /= N - 1;
	m4 /= N;
	double mu = dist_mean(d), var = dist_variance(d);
	ck_assert_msg(fabs(mean - mu) < 5 * sqrt(var / N), "mean %g vs %g", mean, mu);
	ck_assert_msg(fabs(m2 - var) < 5 * sqrt((m4 - m2 * m2) / N), "var %g vs %g", m2, var);
	double frac = (double)below / N;
	ck_assert_msg(fabs(frac - p) < 5 * sqrt(p * (1 - p) / N), "P(x<%g) %g vs %g", q, frac, p);
	free(x);
}

START_TEST(normal_moments)
{
	dist d = { DIST_NORMAL, 10, 2, 0 };
	check_moments(&d, 12, 0.8413447460685429); /* Phi(1) */
}
END_TEST

START_TEST(lognormal_moments)
{
	dist d = { DIST_LOGNORMAL, 0.5, 0.25, 0 };
	check_moments(&d, exp(0.5), 0.5); /* the median is exp(mu) */
}
END_TEST

START_TEST(triangular_moments)
{
	dist d = { DIST_TRIANGULAR, 1, 2, 5 };
	check_moments(&d, 2, 0.25); /* F(mode) = (mode - min) / (max - min) = 1/4 */
	dist r = { DIST_TRIANGULAR, 0, 0, 1 };
	check_moments(&r, 0.5, 0.75); /* F(x) = 1 - (1 - x)^2 */
}
END_TEST

START_TEST(uniform_moments)
{
	dist d = { DIST_UNIFORM, -3, 5, 0 };
	check_moments(&d, -1, 0.25);
}
END_TEST

START_TEST(invalid_parameters)
{
	dist bad[] = {
		{ DIST_NORMAL, 0, 0, 0 }, { DIST_NORMAL, 0, -1, 0 },
		{ DIST_LOGNORMAL, 0, 0, 0 }, { DIST_TRIANGULAR, 1, 0, 2 },
		{ DIST_TRIANGULAR, 1, 1, 1 }, { DIST_UNIFORM, 2, 2, 0 },
		{ DIST_NORMAL, NAN, 1, 0 }, { DIST_UNIFORM, 0, INFINITY, 0 },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		ck_assert_ptr_nonnull(dist_check(&bad[i]));
	dist ok = { DIST_TRIANGULAR, 1, 1, 2 };
	ck_assert_ptr_null(dist_check(&ok));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("rng");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, reference_outputs);
	tcase_add_test(tc, seeding_and_jumps_are_deterministic);
	tcase_add_test(tc, uniform01_range);
	tcase_add_test(tc, normal_moments);
	tcase_add_test(tc, lognormal_moments);
	tcase_add_test(tc, triangular_moments);
	tcase_add_test(tc, uniform_moments);
	tcase_add_test(tc, invalid_parameters);
	suite_add_tcase(s, tc);
	return check_run(s);
}
