/* pdfdate: adds the "D:" prefix cairo 1.16 leaves out of a PDF's Info dates, xref kept. */
#include "chart/chart_int.h"

#include <stdlib.h>
#include <string.h>

enum {
	PDFDATE_ENTRY = 20,   /* bytes of one classic xref entry */
	PDFDATE_MAX_FIX = 2,  /* dates fixed: /CreationDate and /ModDate */
	PDFDATE_TAIL = 1024,  /* bytes at the end searched for "startxref" */
};

/* What the fix needs to know of the file. */
typedef struct pdf_xref {
	size_t start;              /* offset of "xref" (the startxref value) */
	size_t count;              /* entries in the table */
	size_t table;              /* offset of the first entry */
	size_t fix[PDFDATE_MAX_FIX]; /* offsets where "D:" goes, increasing */
	size_t nfix;               /* how many of them */
} pdf_xref;

/* Parses the unsigned decimal of at most maxd digits at p[*i..n); returns it and moves
 * *i past it, or returns -1 when there is no digit. */
static long
parse_num(const char *p, size_t n, size_t *i, size_t maxd)
{
	long v = 0;
	size_t k = 0;
	for (; *i < n && k < maxd && p[*i] >= '0' && p[*i] <= '9'; (*i)++, k++)
		v = v * 10 + (p[*i] - '0');
	return k ? v : -1;
}

/* Whether p[i..n) starts with the string s. */
static int
at(const char *p, size_t n, size_t i, const char *s)
{
	size_t m = strlen(s);
	return i <= n && n - i >= m && memcmp(p + i, s, m) == 0;
}

/* The last occurrence of s in p[from..n), or n. */
static size_t
find_last(const char *p, size_t n, size_t from, const char *s)
{
	size_t m = strlen(s), found = n;
	for (size_t i = from; i + m <= n; i++)
		if (memcmp(p + i, s, m) == 0)
			found = i;
	return found;
}

/* The first occurrence of s in p[from..to), or to. */
static size_t
find_first(const char *p, size_t to, size_t from, const char *s)
{
	size_t m = strlen(s);
	for (size_t i = from; i + m <= to; i++)
		if (memcmp(p + i, s, m) == 0)
			return i;
	return to;
}

/* Reads "startxref N" and the "xref\n0 COUNT\n" header it points at. Returns 0 or -1. */
static int
read_xref(const char *p, size_t n, pdf_xref *x)
{
	size_t i = find_last(p, n, n > PDFDATE_TAIL ? n - PDFDATE_TAIL : 0, "startxref");
	if (i == n)
		return -1;
	for (i += 9; i < n && (p[i] == '\r' || p[i] == '\n' || p[i] == ' '); i++)
		;
	long start = parse_num(p, n, &i, 19);
	if (start < 0 || (size_t)start >= n || !at(p, n, (size_t)start, "xref"))
		return -1;
	x->start = (size_t)start;
	i = x->start + 4;
	i += at(p, n, i, "\r\n") ? 2 : at(p, n, i, "\n") ? 1 : n;
	if (!at(p, n, i, "0 "))
		return -1;
	i += 2;
	long count = parse_num(p, n, &i, 9);
	if (count < 1 || !at(p, n, i, "\n"))
		return -1;
	x->count = (size_t)count;
	x->table = i + 1;
	return x->table + x->count * PDFDATE_ENTRY <= n ? 0 : -1;
}

/* Returns the offset of entry k, or -1 if the entry is not "OOOOOOOOOO GGGGG n EOL". */
static long
entry_offset(const char *p, size_t n, const pdf_xref *x, size_t k)
{
	size_t i = x->table + k * PDFDATE_ENTRY, e = i;
	long off = parse_num(p, n, &i, 10);
	if (off < 0 || i != e + 10 || p[i] != ' ' || p[e + 16] != ' ' || p[e + 17] != 'n')
		return -1;
	return off;
}

/* Finds the Info object named in the trailer; stores its extent. Returns 0 or -1. */
static int
find_info(const char *p, size_t n, const pdf_xref *x, size_t *lo, size_t *hi)
{
	size_t tr = find_first(p, n, x->table + x->count * PDFDATE_ENTRY, "trailer");
	size_t i = find_first(p, n, tr, "/Info ");
	if (tr == n || i == n)
		return -1;
	i += 6;
	long obj = parse_num(p, n, &i, 9);
	if (obj < 1 || (size_t)obj >= x->count || !at(p, n, i, " 0 R"))
		return -1;
	long off = entry_offset(p, n, x, (size_t)obj);
	if (off < 0 || (size_t)off >= x->start)
		return -1;
	*lo = (size_t)off;
	*hi = find_first(p, x->start, *lo, "endobj");
	return *hi < x->start ? 0 : -1;
}

/* Notes where "D:" goes in the date string key of Info [lo, hi), if it lacks one. */
static void
want_prefix(const char *p, size_t lo, size_t hi, const char *key, pdf_xref *x)
{
	size_t i = find_first(p, hi, lo, key);
	if (i == hi)
		return;
	for (i += strlen(key); i < hi && p[i] == ' '; i++)
		;
	if (i < hi && p[i] == '(' && !at(p, hi, i + 1, "D:"))
		x->fix[x->nfix++] = i + 1;
}

/* Whether every in-use xref entry holds an offset below the xref. */
static int
entries_ok(const char *p, size_t n, const pdf_xref *x)
{
	for (size_t k = 1; k < x->count; k++) {
		long off = entry_offset(p, n, x, k);
		if (off < 0 && p[x->table + k * PDFDATE_ENTRY + 17] != 'f')
			return 0;
		if (off >= 0 && (size_t)off >= x->start)
			return 0;
	}
	return 1;
}

/* How many insertions lie before offset off. */
static size_t
shift_at(const pdf_xref *x, size_t off)
{
	size_t s = 0;
	for (size_t f = 0; f < x->nfix; f++)
		s += x->fix[f] <= off ? 2 : 0;
	return s;
}

/* Writes the fixed file into out: "D:" at each fix, in-use offsets moved past them,
 * startxref moved. */
static void
rewrite(const char *p, size_t n, const pdf_xref *x, buf *out)
{
	size_t from = 0;
	for (size_t f = 0; f < x->nfix; f++) {
		buf_append(out, p + from, x->fix[f] - from);
		buf_puts(out, "D:");
		from = x->fix[f];
	}
	buf_append(out, p + from, x->table - from);
	for (size_t k = 0; k < x->count; k++) {
		const char *e = p + x->table + k * PDFDATE_ENTRY;
		long off = entry_offset(p, n, x, k);
		if (off < 0) {
			buf_append(out, e, PDFDATE_ENTRY);
			continue;
		}
		buf_printf(out, "%010zu", (size_t)off + shift_at(x, (size_t)off));
		buf_append(out, e + 10, PDFDATE_ENTRY - 10);
	}
	size_t i = find_last(p, n, x->table, "startxref") + 9;
	while (p[i] == '\r' || p[i] == '\n' || p[i] == ' ')
		i++;
	size_t tab_end = x->table + x->count * PDFDATE_ENTRY;
	buf_append(out, p + tab_end, i - tab_end);
	buf_printf(out, "%zu", x->start + shift_at(x, x->start));
	while (p[i] >= '0' && p[i] <= '9')
		i++;
	buf_append(out, p + i, n - i);
}

int
chart_pdf_fix_dates(buf *pdf)
{
	pdf_xref x;
	size_t lo, hi;
	const char *p = pdf->data;
	size_t n = pdf->len;
	memset(&x, 0, sizeof x);
	if (p == NULL || !at(p, n, 0, "%PDF-") || read_xref(p, n, &x) != 0 ||
	    !entries_ok(p, n, &x) || find_info(p, n, &x, &lo, &hi) != 0)
		return -1;
	want_prefix(p, lo, hi, "/CreationDate", &x);
	want_prefix(p, lo, hi, "/ModDate", &x);
	if (x.nfix == 2 && x.fix[1] < x.fix[0]) {
		size_t t = x.fix[0];
		x.fix[0] = x.fix[1];
		x.fix[1] = t;
	}
	if (x.nfix == 0)
		return 0;
	buf out;
	buf_init(&out);
	rewrite(p, n, &x, &out);
	buf_free(pdf);
	*pdf = out;
	return 0;
}
