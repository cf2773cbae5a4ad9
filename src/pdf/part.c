/* part: one part of report.pdf (the title and contents, or a run of sections) as the
 * build cache keeps it: its PDF, page count, sections' first pages, outline entries and
 * alt texts, and the key of the inputs it is typeset from. */
#include "pdf/pdf_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cache.h"
#include "chart/chart_key.h"

#define PART_MAGIC "mkreport-pdf-part-1" /* first field of a packed part */

void
pdf_part_clear(pdf_part *p)
{
	buf_free(&p->pdf);
	free(p->first);
	for (size_t i = 0; i < p->nout; i++) {
		free(p->out[i].title);
		free(p->out[i].dest);
	}
	free(p->out);
	for (size_t i = 0; i < p->nalts; i++)
		free(p->alts[i]);
	free(p->alts);
	memset(p, 0, sizeof *p);
}

void
pdf_part_take(pdf_part *p, const pdf_tags *g, const int *sec, size_t nsec, int page0)
{
	size_t n;
	const pdf_outline_entry *e = pdf_tags_outline(g, &n);
	p->out = util_xcalloc(n + 1, sizeof *p->out);
	for (size_t i = 0; i < n; i++)
		p->out[i] = (pdf_outline_entry){ e[i].level, util_xstrdup(e[i].title),
			util_xstrdup(e[i].dest) };
	p->nout = n;
	const char *const *a = pdf_tags_alts(g, &n);
	p->alts = util_xcalloc(n + 1, sizeof *p->alts);
	for (size_t i = 0; i < n; i++)
		p->alts[i] = util_xstrdup(a[i] ? a[i] : "");
	p->nalts = n;
	p->first = util_xcalloc(nsec + 1, sizeof *p->first);
	for (size_t i = 0; i < nsec; i++)
		p->first[i] = sec[i] - page0 - 1; /* the part's first page is page0 + 1 */
	p->nsec = nsec;
}

/* Appends the integer v to b as one packed field. */
static void
pack_int(buf *b, int64_t v)
{
	cache_pack(b, &v, sizeof v);
}

/* Appends the string s to b as one packed field. */
static void
pack_str(buf *b, const char *s)
{
	cache_pack(b, s, strlen(s));
}

void
pdf_part_pack(const pdf_part *p, buf *b)
{
	pack_str(b, PART_MAGIC);
	pack_int(b, p->npages);
	pack_int(b, (int64_t)p->nsec);
	for (size_t i = 0; i < p->nsec; i++)
		pack_int(b, p->first[i]);
	pack_int(b, (int64_t)p->nout);
	for (size_t i = 0; i < p->nout; i++) {
		pack_int(b, p->out[i].level);
		pack_str(b, p->out[i].title);
		pack_str(b, p->out[i].dest);
	}
	pack_int(b, (int64_t)p->nalts);
	for (size_t i = 0; i < p->nalts; i++)
		pack_str(b, p->alts[i]);
	cache_pack(b, p->pdf.data ? p->pdf.data : "", p->pdf.len);
}

/* Reads the next packed integer at *s into *v. Returns 0, or -1 if there is none. */
static int
unpack_int(const char **s, size_t *left, int64_t *v)
{
	const char *p;
	size_t n;
	if (cache_unpack(s, left, &p, &n) != 0 || n != sizeof *v)
		return -1;
	memcpy(v, p, sizeof *v);
	return 0;
}

/* Reads the next packed integer at *s as a count of at most max into *v. Returns 0 or
 * -1. */
static int
unpack_count(const char **s, size_t *left, size_t max, size_t *v)
{
	int64_t x;
	if (unpack_int(s, left, &x) != 0 || x < 0 || (uint64_t)x > max)
		return -1;
	*v = (size_t)x;
	return 0;
}

/* Reads the next packed string at *s into a new string in *out. Returns 0 or -1. */
static int
unpack_str(const char **s, size_t *left, char **out)
{
	const char *p;
	size_t n;
	if (cache_unpack(s, left, &p, &n) != 0 || memchr(p, '\0', n) != NULL)
		return -1;
	*out = util_xstrndup(p, n);
	return 0;
}

/* Reads the outline entries and alt texts of a packed part into p. Returns 0 or -1. */
static int
unpack_lists(pdf_part *p, const char **s, size_t *left)
{
	if (unpack_count(s, left, *left / 8, &p->nout) != 0)
		return -1;
	p->out = util_xcalloc(p->nout + 1, sizeof *p->out);
	for (size_t i = 0; i < p->nout; i++) {
		int64_t lv;
		if (unpack_int(s, left, &lv) != 0 || lv < 1 || lv > 8 ||
		    unpack_str(s, left, &p->out[i].title) != 0 ||
		    unpack_str(s, left, &p->out[i].dest) != 0) {
			p->nout = i + 1; /* what was read is freed */
			return -1;
		}
		p->out[i].level = (int)lv;
	}
	if (unpack_count(s, left, *left / 8, &p->nalts) != 0)
		return -1;
	p->alts = util_xcalloc(p->nalts + 1, sizeof *p->alts);
	for (size_t i = 0; i < p->nalts; i++)
		if (unpack_str(s, left, &p->alts[i]) != 0)
			return -1;
	return 0;
}

int
pdf_part_unpack(pdf_part *p, const char *s, size_t n, size_t nsec)
{
	pdf_part_clear(p);
	const char *magic, *pdf;
	size_t nm, np, ns;
	int64_t pages, v;
	int rc = s != NULL && cache_unpack(&s, &n, &magic, &nm) == 0 &&
	    nm == strlen(PART_MAGIC) && memcmp(magic, PART_MAGIC, nm) == 0 &&
	    unpack_int(&s, &n, &pages) == 0 && pages >= 1 && pages < INT32_MAX &&
	    unpack_count(&s, &n, n / 8, &ns) == 0 && ns == nsec ? 0 : -1;
	p->npages = rc == 0 ? (int)pages : 0;
	p->first = util_xcalloc(nsec + 1, sizeof *p->first);
	p->nsec = nsec;
	for (size_t i = 0; rc == 0 && i < nsec; i++)
		if (unpack_int(&s, &n, &v) != 0 || v < 0 || v >= pages)
			rc = -1;
		else
			p->first[i] = (int)v;
	if (rc == 0 && unpack_lists(p, &s, &n) == 0 && cache_unpack(&s, &n, &pdf, &np) == 0 &&
	    n == 0) {
		buf_append(&p->pdf, pdf, np);
		return 0;
	}
	pdf_part_clear(p);
	return -1;
}

/* Starts h as the key of a part of kind: the tool, the fonts, the report's title and
 * every section's slug and title. */
static void
key_start(sha256_ctx *h, const render_ctx *c, const char *kind)
{
	const report *r = c->rep;
	cache_key_init(h, c->cache, kind);
	chart_fonts_digest(h);
	sha256_feed_str(h, r->title);
	sha256_feed_i64(h, (int64_t)r->nsections);
	for (size_t i = 0; i < r->nsections; i++) {
		sha256_feed_str(h, r->sections[i].slug);
		sha256_feed_str(h, r->sections[i].title);
	}
}

void
pdf_part_key(const render_ctx *c, const pdf_book *book, size_t from, size_t to,
    int page0, uint8_t key[SHA256_LEN])
{
	sha256_ctx h;
	key_start(&h, c, "pdf-part");
	sha256_feed_i64(&h, page0);
	sha256_feed_i64(&h, (int64_t)from);
	sha256_feed_i64(&h, (int64_t)to);
	for (size_t i = from; i < to; i++)
		pdf_book_digest(book, i, &h);
	sha256_final(&h, key);
}

void
pdf_part_title_key(const render_ctx *c, const pdf_book *book, const int *sec,
    uint8_t key[SHA256_LEN])
{
	const report *r = c->rep;
	sha256_ctx h;
	key_start(&h, c, "pdf-title");
	const char *s[] = { r->subtitle, r->author, r->as_of, r->edition, r->description,
		r->lang };
	for (size_t i = 0; i < sizeof s / sizeof *s; i++)
		sha256_feed_str(&h, s[i]);
	sha256_feed_i64(&h, (int64_t)r->nkeywords);
	for (size_t i = 0; i < r->nkeywords; i++)
		sha256_feed_str(&h, r->keywords[i]);
	for (size_t i = 0; i < r->nsections; i++)
		sha256_feed_i64(&h, sec[i]);
	pdf_title_digest(book, &h);
	sha256_final(&h, key);
}
