/* chart_metrics: text measured from the built-in font tables (chart_font.c) the way
 * pango measures it for the report's charts: advances and kerning scaled to Pango
 * units (1/1024 px), each glyph's advance rounded to a whole px, line height from the
 * font's ascender and descender. */
#include "chart_font.h"

#include <math.h>
#include <stdint.h>

enum {
	PANGO_UNIT = 1024, /* Pango units per px */
};

/* Decodes the UTF-8 character at *s, moves *s past it (at least one byte) and returns
 * its code point (U+FFFD for a bad sequence). */
static unsigned
next_cp(const char **s)
{
	const unsigned char *p = (const unsigned char *)*s;
	unsigned c = p[0], n = c < 0x80 ? 0 : c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
	if (c >= 0x80 && n == 0) {
		*s += 1;
		return 0xfffd;
	}
	c = n ? c & (0x3f >> n) : c;
	for (unsigned i = 1; i <= n; i++) {
		if ((p[i] & 0xc0) != 0x80) {
			*s += i;
			return 0xfffd;
		}
		c = c << 6 | (p[i] & 0x3f);
	}
	*s += n + 1;
	return c;
}

/* Returns the index of code point c in chart_font_cps, or -1. */
static long
cp_index(unsigned c)
{
	size_t lo = 0, hi = chart_font_ncps;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (chart_font_cps[mid] < c)
			lo = mid + 1;
		else if (chart_font_cps[mid] > c)
			hi = mid;
		else
			return (long)mid;
	}
	return -1;
}

/* Returns the kerning of indices a then b in f (font units). */
static int
kern_of(const chart_font_face *f, long a, long b)
{
	unsigned key = (unsigned)a << 8 | (unsigned)b;
	size_t lo = 0, hi = f->nkerns;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (f->pair[mid] < key)
			lo = mid + 1;
		else if (f->pair[mid] > key)
			hi = mid;
		else
			return f->kern[mid];
	}
	return 0;
}

/* Font units v at scale (Pango units per em) in Pango units, rounded as harfbuzz does. */
static long
scaled(const chart_font_face *f, long v, double scale)
{
	return lround((double)v * scale / f->upem);
}

/* The index of the character at *s (moved past it), '?' for one the table lacks (and
 * *unknown counted), -2 at a line end or the end. */
static long
next_index(const char **s, int *unknown)
{
	if (**s == '\0' || **s == '\n')
		return -2;
	long i = cp_index(next_cp(s));
	if (i < 0) {
		(*unknown)++;
		i = cp_index('?');
	}
	return i;
}

size_t
chart_font_advances(const char *s, double px, int bold, double *adv, size_t n)
{
	const chart_font_face *f = chart_font_faces[bold ? 1 : 0];
	double scale = px * PANGO_UNIT;
	int unknown = 0;
	size_t k = 0;
	long cur = next_index(&s, &unknown);
	while (cur >= 0 && k < n) {
		long nxt = next_index(&s, &unknown);
		long u = scaled(f, f->adv[cur], scale);
		if (nxt >= 0)
			u += scaled(f, kern_of(f, cur, nxt), scale);
		/* PANGO_UNITS_ROUND: whole px, halves up */
		adv[k++] = (double)((u + PANGO_UNIT / 2) & ~(long)(PANGO_UNIT - 1)) / PANGO_UNIT;
		cur = nxt;
	}
	return k;
}

void
chart_font_measure(const char *s, double px, int bold, chart_font_box *b)
{
	const chart_font_face *f = chart_font_faces[bold ? 1 : 0];
	double scale = px * PANGO_UNIT, adv[256];
	long asc = scaled(f, f->ascender, scale), desc = scaled(f, -f->descender, scale);
	size_t lines = 0;
	b->w = 0;
	b->unknown = 0;
	for (const char *p = s;; lines++) {
		double w = 0;
		size_t n;
		do { /* a line longer than adv is measured in parts */
			n = chart_font_advances(p, px, bold, adv, sizeof adv / sizeof adv[0]);
			for (size_t i = 0; i < n; i++) {
				w += adv[i];
				next_index(&p, &b->unknown);
			}
		} while (n == sizeof adv / sizeof adv[0]);
		if (w > b->w)
			b->w = w;
		if (*p != '\n')
			break;
		p++;
	}
	b->line = (double)(asc + desc) / PANGO_UNIT;
	b->h = b->line * (double)(lines + 1);
	b->base = (double)asc / PANGO_UNIT;
}
