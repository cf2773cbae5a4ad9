/* scale: data-to-pixel scales and "nice" 1-2-5 ticks (pure maths, never calls cairo). */
#ifndef MKR_SCALE_H
#define MKR_SCALE_H

#include <stddef.h>

enum {
	SCALE_MAX_TICKS = 24, /* most ticks any scale returns */
};

/* Kinds of scale. */
typedef enum scale_kind {
	SCALE_LINEAR, /* continuous, linear */
	SCALE_LOG,    /* continuous, log10 (domain > 0) */
	SCALE_BAND    /* n equal bands (categories) */
} scale_kind;

/* A scale from a data domain to a pixel range. */
typedef struct scale {
	scale_kind kind; /* how values map */
	double d0;       /* domain start (data units; LOG: > 0) */
	double d1;       /* domain end */
	double r0;       /* pixel where d0 (or the first band) starts */
	double r1;       /* pixel where d1 (or the last band) ends */
	size_t nbands;   /* BAND: number of bands */
	double pad;      /* BAND: fraction of each step left empty, in [0, 1) */
} scale;

/* Tick positions in data units. */
typedef struct scale_ticks {
	size_t n;                    /* number of ticks */
	double v[SCALE_MAX_TICKS];   /* tick values, increasing */
	double step;                 /* LINEAR: distance between ticks; LOG: 0 */
	double lo;                   /* domain start the ticks cover (rounded outward) */
	double hi;                   /* domain end */
} scale_ticks;

/* Chooses the smallest step m * 10^e (m in 1, 2, 5) such that [lo, hi] rounded outward
 * to multiples of it has at most max_intervals intervals (1..SCALE_MAX_TICKS-1), and
 * fills t. lo > hi is swapped. A zero-width range [v, v] becomes [0, v] (or [v, 0]),
 * and [0, 0] becomes [0, 1]; a range narrower than 1e-12 of its magnitude counts as
 * zero-width. Ticks are exact decimals (k * m / 10^-e). Returns 0, or -1 if lo or hi
 * is not finite or hi - lo overflows (t untouched). */
int scale_nice(double lo, double hi, int max_intervals, scale_ticks *t);

/* Ticks for a log10 scale over [lo, hi] (0 < lo <= hi): the domain is widened to whole
 * decades; ticks at every k-th power of ten so at most max_intervals intervals remain,
 * plus 2x and 5x marks when the domain spans a single decade. Returns 0, or -1 if
 * lo <= 0 or a bound is not finite. */
int scale_nice_log(double lo, double hi, int max_intervals, scale_ticks *t);

/* Ticks at calendar years y0..y1 (y0 <= y1): the domain is exactly [y0, y1]; ticks at
 * the multiples of the smallest step in 1, 2, 5, 10, 20, 25, 50, 100, 200, 500 that
 * leaves at most max_ticks ticks (the ends are ticks when the step is 1). */
void scale_year_ticks(int y0, int y1, int max_ticks, scale_ticks *t);

/* Returns the number of decimals needed to print every multiple of step exactly
 * (0 for whole steps; 1 for 0.5 and 2.5; 3 for 0.005), at most 9; step <= 0 or not
 * finite gives 0. */
int scale_decimals(double step);

/* Maps data value v to pixels on a LINEAR or LOG scale (LOG: v > 0). */
double scale_map(const scale *s, double v);

/* BAND: pixel where band i starts, and every band's width. */
double scale_band_start(const scale *s, size_t i);
double scale_band_width(const scale *s);

/* BAND: pixel at the centre of band i. */
double scale_band_mid(const scale *s, size_t i);

#endif
