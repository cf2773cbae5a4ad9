/* validate: every check a chart spec must pass before anything is drawn. */
#include "chart/chart_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>

/* Largest magnitude drawn: far beyond any report figure, far from overflow. */
#define CHART_MAX_ABS 1e15

/* Writes the reason into why and returns -1. */
static int __attribute__((format(printf, 3, 4)))
fail(char *why, size_t n, const char *fmt, ...)
{
	va_list ap;
	if (n == 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(why, n, fmt, ap);
	va_end(ap);
	return -1;
}

/* The name of series i for messages. */
static const char *
sname(const chart_series *se)
{
	return se->label ? se->label : "(unnamed)";
}

/* Checks one series' own values and years; log requires positive values. */
static int
check_series(const chart_series *se, size_t i, int log, char *why, size_t n)
{
	if (se->n == 0 || !se->vals)
		return fail(why, n, "series %zu '%s' is empty", i + 1, sname(se));
	/* (more than CHART_MAX_VALUES: chart_validate refuses the total first) */
	for (size_t j = 0; j < se->n; j++) {
		double v = se->vals[j];
		if (isnan(v))
			return fail(why, n, "series '%s' value %zu is NaN", sname(se), j + 1);
		if (!isfinite(v))
			return fail(why, n, "series '%s' value %zu is infinite", sname(se), j + 1);
		if (fabs(v) > CHART_MAX_ABS)
			return fail(why, n, "series '%s' value %zu is beyond +-%g", sname(se), j + 1,
			    CHART_MAX_ABS);
		if (log && v <= 0)
			return fail(why, n, "series '%s' value %zu is %g: a log scale needs values > 0",
			    sname(se), j + 1, v);
		if (se->years && j > 0 && se->years[j] <= se->years[j - 1])
			return fail(why, n, "series '%s' years are not increasing at %d", sname(se),
			    se->years[j]);
	}
	return 0;
}

/* Checks every series, and their lengths against the categories when they have no years. */
static int
check_all_series(const chart_spec *s, int log, int want_years, char *why, size_t n)
{
	if (s->nseries == 0)
		return fail(why, n, "%s chart has no series", chart_type_name(s->type));
	for (size_t i = 0; i < s->nseries; i++) {
		const chart_series *se = &s->series[i];
		if (check_series(se, i, log, why, n))
			return -1;
		if (want_years == 1 && !se->years)
			return fail(why, n, "series '%s' has no years", sname(se));
		if (want_years == 0 && se->years)
			return fail(why, n, "series '%s' has years; this chart uses categories", sname(se));
		if (!se->years && se->n != s->ncats)
			return fail(why, n, "series '%s' has %zu values for %zu categories", sname(se),
			    se->n, s->ncats);
	}
	return 0;
}

/* Checks the category names. */
static int
check_cats(const chart_spec *s, char *why, size_t n)
{
	if (s->ncats && !s->cats)
		return fail(why, n, "categories are missing");
	for (size_t i = 0; i < s->ncats; i++)
		if (!s->cats[i])
			return fail(why, n, "category %zu has no name", i + 1);
	return 0;
}

/* Checks that every series has the same years (or the same length). */
static int
check_aligned(const chart_spec *s, char *why, size_t n)
{
	const chart_series *a = &s->series[0];
	for (size_t i = 1; i < s->nseries; i++) {
		const chart_series *b = &s->series[i];
		if (b->n != a->n)
			return fail(why, n, "series '%s' has %zu values but '%s' has %zu", sname(b), b->n,
			    sname(a), a->n);
		for (size_t j = 0; a->years && j < a->n; j++)
			if (a->years[j] != b->years[j])
				return fail(why, n, "series '%s' and '%s' differ in years", sname(a), sname(b));
	}
	return 0;
}

/* Checks one fan: lengths, years, finite and ordered percentiles. */
static int
check_fan(const chart_fan *f, int log, char *why, size_t n)
{
	const char *name = f->label ? f->label : "(unnamed)";
	if (f->n == 0 || !f->years)
		return fail(why, n, "fan '%s' is empty", name);
	for (int q = 0; q < 5; q++)
		if (!f->p[q])
			return fail(why, n, "fan '%s' lacks a percentile series", name);
	for (size_t j = 0; j < f->n; j++) {
		if (j > 0 && f->years[j] <= f->years[j - 1])
			return fail(why, n, "fan '%s' years are not increasing at %d", name, f->years[j]);
		for (int q = 0; q < 5; q++) {
			double v = f->p[q][j];
			if (!isfinite(v))
				return fail(why, n, "fan '%s' has a %s value in %d", name,
				    isnan(v) ? "NaN" : "infinite", f->years[j]);
			if (fabs(v) > CHART_MAX_ABS)
				return fail(why, n, "fan '%s' has a value beyond +-%g", name, CHART_MAX_ABS);
			if (log && v <= 0)
				return fail(why, n, "fan '%s' has %g in %d: a log scale needs values > 0",
				    name, v, f->years[j]);
			if (q > 0 && v < f->p[q - 1][j])
				return fail(why, n, "fan '%s' percentiles are out of order in %d", name,
				    f->years[j]);
		}
	}
	return 0;
}

/* Checks the fans of a fan chart and its optional year series. */
static int
check_fans(const chart_spec *s, char *why, size_t n)
{
	if (s->nfans == 0)
		return fail(why, n, "fan chart has no fans");
	for (size_t i = 0; i < s->nfans; i++)
		if (check_fan(&s->fans[i], s->y.log, why, n))
			return -1;
	return s->nseries ? check_all_series(s, s->y.log, 1, why, n) : 0;
}

/* Checks timeline events. */
static int
check_events(const chart_spec *s, char *why, size_t n)
{
	if (s->nevents == 0 || !s->events)
		return fail(why, n, "timeline has no events");
	for (size_t i = 0; i < s->nevents; i++) {
		const chart_event *e = &s->events[i];
		if (e->year < 1 || e->year > 9999 || e->month < 0 || e->month > 12)
			return fail(why, n, "event %zu has an invalid date %d-%d", i + 1, e->year, e->month);
		if (!e->label || !*e->label)
			return fail(why, n, "event %zu has no label", i + 1);
	}
	return 0;
}

/* Checks the per-type shape of the data. */
static int
check_type(const chart_spec *s, char *why, size_t n)
{
	int log = s->y.log;
	switch (s->type) {
	case CHART_LINE:
	case CHART_MULTIPLES:
		return check_all_series(s, log, s->nseries && s->series[0].years ? 1 : 0, why, n);
	case CHART_AREA:
		if (check_all_series(s, 0, s->nseries && s->series[0].years ? 1 : 0, why, n) ||
		    check_aligned(s, why, n))
			return -1;
		for (size_t i = 0; i < s->nseries; i++)
			for (size_t j = 0; j < s->series[i].n; j++)
				if (s->series[i].vals[j] < 0)
					return fail(why, n, "series '%s' has a negative value; stacked areas "
					    "need values >= 0", sname(&s->series[i]));
		return 0;
	case CHART_BAR:
	case CHART_MATRIX:
		return check_all_series(s, 0, 0, why, n);
	case CHART_TORNADO:
		if (s->nseries != 2)
			return fail(why, n, "tornado needs two series (low, high), not %zu", s->nseries);
		if (!isfinite(s->base) || fabs(s->base) > CHART_MAX_ABS)
			return fail(why, n, "tornado base value is not finite");
		return check_all_series(s, 0, 0, why, n);
	case CHART_WATERFALL:
		if (s->nseries != 1)
			return fail(why, n, "waterfall needs one series of deltas, not %zu", s->nseries);
		return check_all_series(s, 0, 0, why, n);
	case CHART_FAN:
		return check_fans(s, why, n);
	case CHART_TIMELINE:
		return check_events(s, why, n);
	default:
		return fail(why, n, "unknown chart type %d", (int)s->type);
	}
}

/* Checks an axis's bounds and log setting. */
static int
check_axis(const chart_spec *s, const chart_axis *a, const char *name, char *why, size_t n)
{
	if ((a->has_min && !isfinite(a->min)) || (a->has_max && !isfinite(a->max)))
		return fail(why, n, "%s axis bound is not finite", name);
	if ((a->has_min && fabs(a->min) > CHART_MAX_ABS) || (a->has_max && fabs(a->max) > CHART_MAX_ABS))
		return fail(why, n, "%s axis bound is beyond +-%g", name, CHART_MAX_ABS);
	if (!a->log)
		return 0;
	if (a == &s->x || (s->type != CHART_LINE && s->type != CHART_FAN &&
	    s->type != CHART_MULTIPLES))
		return fail(why, n, "a log scale is only for the value axis of line, fan and "
		    "multiples charts");
	if ((a->has_min && a->min <= 0) || (a->has_max && a->max <= 0))
		return fail(why, n, "%s axis bound must be > 0 on a log scale", name);
	return 0;
}

/* Checks annotation coordinates. */
static int
check_annots(const chart_spec *s, char *why, size_t n)
{
	for (size_t i = 0; i < s->nannots; i++) {
		const chart_annot *a = &s->annots[i];
		int usex = a->kind != CHART_ANNOT_HLINE, usey = a->kind != CHART_ANNOT_VLINE;
		if ((unsigned)a->kind > CHART_ANNOT_POINT)
			return fail(why, n, "annotation %zu has an unknown kind", i + 1);
		if ((usex && !isfinite(a->x)) || (usey && !isfinite(a->y)))
			return fail(why, n, "annotation %zu ('%s') has a NaN or infinite position", i + 1,
			    a->label ? a->label : "");
		if (usey && s->y.log && a->y <= 0)
			return fail(why, n, "annotation %zu is at %g: a log scale needs values > 0", i + 1,
			    a->y);
		if ((usex && fabs(a->x) > CHART_MAX_ABS) || (usey && fabs(a->y) > CHART_MAX_ABS))
			return fail(why, n, "annotation %zu is beyond +-%g", i + 1, CHART_MAX_ABS);
	}
	return 0;
}

int
chart_validate(const chart_spec *s, char *why, size_t n)
{
	if ((unsigned)s->type >= CHART_TYPE_COUNT_)
		return fail(why, n, "unknown chart type %d", (int)s->type);
	if ((s->width && (s->width < CHART_MIN_SIZE || s->width > CHART_MAX_SIZE)) ||
	    (s->height && (s->height < CHART_MIN_SIZE || s->height > CHART_MAX_SIZE)))
		return fail(why, n, "chart size %dx%d is outside %d..%d px", s->width, s->height,
		    CHART_MIN_SIZE, CHART_MAX_SIZE);
	if ((s->nseries && !s->series) || (s->nfans && !s->fans) || (s->nannots && !s->annots))
		return fail(why, n, "a count is set but its array is missing");
	size_t values = 0;
	for (size_t i = 0; s->series != NULL && i < s->nseries; i++)
		values += s->series[i].n;
	if (values > CHART_MAX_VALUES)
		return fail(why, n, "a chart holds at most %d values, this one %zu",
		    CHART_MAX_VALUES, values);
	if (s->type == CHART_MULTIPLES && s->nseries > 12)
		return fail(why, n, "small multiples take at most 12 series, not %zu", s->nseries);
	if (check_cats(s, why, n) || check_axis(s, &s->x, "x", why, n) ||
	    check_axis(s, &s->y, "y", why, n) || check_type(s, why, n) || check_annots(s, why, n))
		return -1;
	return 0;
}
