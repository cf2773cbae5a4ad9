/* scale: data-to-pixel scales and "nice" 1-2-5 ticks (pure maths, never calls cairo). */
#include "chart/scale.h"

#include <math.h>

#define SCALE_RESOLUTION 1e-12 /* relative width below which a range counts as zero */

/* Returns m * 10^e computed so that decimal steps are exact to the last bit. */
static double
exact_step(double k, int m, int e)
{
	if (e >= 0)
		return k * m * pow(10, e);
	return (k * m) / pow(10, -e);
}

/* Counts intervals of [lo, hi] rounded outward to multiples of m * 10^e and stores
 * the first and last multiple indexes. */
static double
intervals(double lo, double hi, int m, int e, double *k0, double *k1)
{
	double s = exact_step(1, m, e);
	*k0 = floor(lo / s);
	*k1 = ceil(hi / s);
	/* a bound that is a multiple up to rounding noise stays put */
	if (fabs(lo - exact_step(*k0 + 1, m, e)) <= 1e-9 * s)
		*k0 += 1;
	if (fabs(hi - exact_step(*k1 - 1, m, e)) <= 1e-9 * s)
		*k1 -= 1;
	return *k1 - *k0;
}

/* Widens a degenerate range the way scale_nice documents; a range narrower than
 * SCALE_RESOLUTION of its magnitude is degenerate too (steps that small would lose
 * the tick index k in a double's 53 bits and repeat ticks). */
static void
widen(double *lo, double *hi)
{
	if (*hi - *lo <= SCALE_RESOLUTION * fmax(fabs(*lo), fabs(*hi))) {
		if (*lo > 0)
			*lo = *hi;
		else
			*hi = *lo;
	}
	if (*lo < *hi)
		return;
	if (*lo == 0) {
		*hi = 1;
	} else if (*lo > 0) {
		*lo = 0;
	} else {
		*hi = 0;
	}
}

int
scale_nice(double lo, double hi, int max_intervals, scale_ticks *t)
{
	static const int mant[3] = { 1, 2, 5 };
	if (!isfinite(lo) || !isfinite(hi))
		return -1;
	if (lo > hi) {
		double x = lo;
		lo = hi;
		hi = x;
	}
	widen(&lo, &hi);
	if (!isfinite(hi - lo))
		return -1;
	if (max_intervals < 1)
		max_intervals = 1;
	if (max_intervals > SCALE_MAX_TICKS - 1)
		max_intervals = SCALE_MAX_TICKS - 1;
	int e = (int)floor(log10((hi - lo) / max_intervals)) - 1;
	for (;; e++) {
		for (int i = 0; i < 3; i++) {
			double k0, k1;
			if (intervals(lo, hi, mant[i], e, &k0, &k1) > max_intervals)
				continue;
			t->n = 0;
			for (double k = k0; k <= k1 && t->n < SCALE_MAX_TICKS; k++)
				t->v[t->n++] = exact_step(k, mant[i], e);
			t->step = exact_step(1, mant[i], e);
			t->lo = t->v[0];
			t->hi = t->v[t->n - 1];
			return 0;
		}
	}
}

int
scale_nice_log(double lo, double hi, int max_intervals, scale_ticks *t)
{
	if (!isfinite(lo) || !isfinite(hi) || lo <= 0 || hi < lo)
		return -1;
	int a = (int)floor(log10(lo) + 1e-12), b = (int)ceil(log10(hi) - 1e-12);
	if (b <= a)
		b = a + 1;
	if (max_intervals < 1)
		max_intervals = 1;
	int k = (b - a + max_intervals - 1) / max_intervals;
	t->n = 0;
	t->step = 0;
	t->lo = pow(10, a);
	t->hi = pow(10, b);
	for (int p = a; p <= b && t->n < SCALE_MAX_TICKS; p += k) {
		t->v[t->n++] = pow(10, p);
		if (b - a == 1 && p < b) {
			t->v[t->n++] = 2 * pow(10, p);
			t->v[t->n++] = 5 * pow(10, p);
		}
	}
	return 0;
}

void
scale_year_ticks(int y0, int y1, int max_ticks, scale_ticks *t)
{
	static const int steps[] = { 1, 2, 5, 10, 20, 25, 50, 100, 200, 500 };
	size_t nsteps = sizeof(steps) / sizeof(steps[0]);
	if (max_ticks < 2)
		max_ticks = 2;
	if (max_ticks > SCALE_MAX_TICKS)
		max_ticks = SCALE_MAX_TICKS;
	int step = steps[nsteps - 1];
	for (size_t i = 0; i < nsteps; i++) {
		int first = (int)ceil((double)y0 / steps[i]) * steps[i];
		int count = first > y1 ? 0 : (y1 - first) / steps[i] + 1;
		if (count <= max_ticks) {
			step = steps[i];
			break;
		}
	}
	t->n = 0;
	t->step = step;
	t->lo = y0;
	t->hi = y1;
	int first = (int)ceil((double)y0 / step) * step;
	for (int y = first; y <= y1 && t->n < SCALE_MAX_TICKS; y += step)
		t->v[t->n++] = y;
}

int
scale_decimals(double step)
{
	if (!isfinite(step) || step <= 0)
		return 0;
	int d = 0;
	while (d < 9 && fabs(step * pow(10, d) - round(step * pow(10, d))) > 1e-6 * step * pow(10, d))
		d++;
	return d;
}

double
scale_map(const scale *s, double v)
{
	double f;
	if (s->kind == SCALE_LOG)
		f = (log10(v) - log10(s->d0)) / (log10(s->d1) - log10(s->d0));
	else
		f = s->d1 == s->d0 ? 0.5 : (v - s->d0) / (s->d1 - s->d0);
	return s->r0 + f * (s->r1 - s->r0);
}

/* Distance between the starts of two neighbouring bands. */
static double
band_step(const scale *s)
{
	return s->nbands ? (s->r1 - s->r0) / (double)s->nbands : 0;
}

double
scale_band_start(const scale *s, size_t i)
{
	double st = band_step(s);
	return s->r0 + st * (double)i + st * s->pad / 2;
}

double
scale_band_width(const scale *s)
{
	return band_step(s) * (1 - s->pad);
}

double
scale_band_mid(const scale *s, size_t i)
{
	return scale_band_start(s, i) + scale_band_width(s) / 2;
}
