/* png: a drawn cairo image surface encoded as PNG by a deflate coder made for charts. */
#include "chart/chart_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "chart/deflate.h"

/* A chart image is mostly runs: measured on the report's charts, 98-99.5% of pixels
 * equal the pixel to their left or the one above, and many rows equal the row above. So
 * the IDAT stream (filter 0 rows) is tokenised in one pass over cairo's pixels, runs
 * compared eight pixels at a time, with mainly two match distances: the previous pixel
 * (bytes per pixel: no extra bits) and the row above (the row's length in bytes, the
 * filter byte included, so runs of it go on from row to row; 11 extra bits at 1600 px).
 * A run of the previous pixel of PNG_LONG_LEFT pixels or more (the background) is taken
 * first, even inside a run of the row above; else the longer of the two. Where both are
 * shorter than PNG_TRY_FAR pixels (text, antialiased edges), a table of pixel pairs
 * finds an earlier copy within deflate's window (the same label in another panel, a
 * sloping line one row up); else the pixel is written as literals. A row equal to the
 * row above repeats that row's runs and adler32 sums; other rows' sums are computed
 * from their pixels. Single-threaded, about 0.7 ms for a 1600 x 900 chart, files 20%
 * smaller than zlib's level 2 (bench/README.md). */
enum {
	PNG_ZHEAD0 = 0x78,     /* zlib header: deflate, 32 KiB window */
	PNG_ZHEAD1 = 0x01,     /* zlib header: fastest-level flag, check bits (0x7801 % 31 == 0) */
	PNG_ADLER_MOD = 65521, /* adler32's modulus */
	PNG_MIN_LEFT = 1,      /* shortest run of the previous pixel taken (pixels) */
	PNG_HASH_BITS = 14,    /* log2 of the entries of the table of pixel pairs */
	PNG_MIN_FAR = 2,       /* shortest match found through the table (pixels) */
	PNG_TRY_FAR = 2,       /* the table is looked up when both runs are shorter */
	PNG_LONG_LEFT = 128,   /* a run of the previous pixel this long is taken first */
	PNG_MAX_IDAT = 0x7fffff00, /* most bytes of IDAT data (chunk lengths are 31-bit) */
};

/* One image being encoded. */
typedef struct png_enc {
	const uint32_t *px;  /* pixels, 0xAARRGGBB native-endian (straight alpha if bpp 4) */
	size_t pstride;      /* pixels from one row to the next */
	size_t w;            /* width in pixels */
	size_t h;            /* height in pixels */
	unsigned bpp;        /* bytes per pixel written: 3 (RGB) or 4 (RGBA) */
	size_t rowlen;       /* bytes per filtered row: 1 + bpp * w */
	int up_ok;           /* 1: rowlen is within deflate's window */
	uint32_t dtok_up;    /* distance token of the row above */
	uint32_t dtok_left;  /* distance token of the previous pixel */
	dfl_writer *dw;      /* the deflate stream */
	size_t pend;         /* bytes of the open run copying the row above (0: none) */
	uint32_t a;          /* adler32's low sum */
	uint32_t b;          /* adler32's high sum */
	uint64_t rs;         /* last row: sum of its bytes, mod 65521 */
	uint64_t rw;         /* last row: sum of (rowlen - i) * byte i, mod 65521 */
	int translucent;     /* 1: bpp is 3 but a pixel is not opaque */
	size_t y;            /* the row being encoded */
	uint32_t *seen;      /* hash of two pixels -> y << 16 | x where they last were */
	size_t *seg;         /* a repeated row's runs: pixels, + 1 if of the row above (owned) */
	size_t nseg;         /* runs in seg */
	int seg_ok;          /* 1: seg is the last row's, and that row was repeated */
} png_enc;

#if defined(__x86_64__) && defined(__GNUC__) && !defined(PNG_PORTABLE)
#define PNG_AVX2 1 /* AVX2 loops, used when the processor has them */
#include <immintrin.h>

/* Returns 1 if this processor runs the AVX2 loops. */
static int
has_avx2(void)
{
	return __builtin_cpu_supports("avx2");
}

/* run_eq with AVX2: eight pixels a step. */
__attribute__((target("avx2"))) static size_t
run_eq_avx2(const uint32_t *p, const uint32_t *q, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		__m256i x = _mm256_loadu_si256((const __m256i *)(p + i));
		__m256i y = _mm256_loadu_si256((const __m256i *)(q + i));
		unsigned m = (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi32(x, y));
		if (m != 0xffffffffu)
			return i + (unsigned)__builtin_ctz(~m) / 4;
	}
	while (i < n && p[i] == q[i])
		i++;
	return i;
}

/* run_val with AVX2: eight pixels a step. */
__attribute__((target("avx2"))) static size_t
run_val_avx2(const uint32_t *p, uint32_t v, size_t n)
{
	size_t i = 0;
	__m256i y = _mm256_set1_epi32((int)v);
	for (; i + 8 <= n; i += 8) {
		__m256i x = _mm256_loadu_si256((const __m256i *)(p + i));
		unsigned m = (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi32(x, y));
		if (m != 0xffffffffu)
			return i + (unsigned)__builtin_ctz(~m) / 4;
	}
	while (i < n && p[i] == v)
		i++;
	return i;
}
#endif

/* Returns how many of the first n pixels of p and q are equal. */
static size_t
run_eq(const uint32_t *p, const uint32_t *q, size_t n)
{
#ifdef PNG_AVX2
	if (has_avx2())
		return run_eq_avx2(p, q, n);
#endif
	size_t i = 0;
	for (; i + 2 <= n; i += 2) { /* two pixels a step */
		uint64_t x, y;
		memcpy(&x, p + i, 8);
		memcpy(&y, q + i, 8);
		if (x != y)
			return i + (p[i] == q[i]);
	}
	return i + (i < n && p[i] == q[i]);
}

/* Returns how many of the first n pixels of p equal v. */
static size_t
run_val(const uint32_t *p, uint32_t v, size_t n)
{
#ifdef PNG_AVX2
	if (has_avx2())
		return run_val_avx2(p, v, n);
#endif
	size_t i = 0;
	while (i < n && p[i] == v)
		i++;
	return i;
}

/* Sums of pixels as written with bpp bytes, byte j of pixel x (j in written order R G B
 * A) being byte bpp x + j of the run. */
typedef struct png_sums {
	uint64_t s; /* sum of the bytes */
	uint64_t q; /* sum of (bpp x + j) times byte */
} png_sums;

/* Adds pixel v, number x, to m. */
static void
sums_pixel(png_sums *m, uint32_t v, size_t x, unsigned bpp)
{
	unsigned r = (v >> 16) & 0xff, g = (v >> 8) & 0xff, b = v & 0xff, a = bpp == 4 ? v >> 24 : 0;
	unsigned s = r + g + b + a;
	m->s += s;
	m->q += (uint64_t)bpp * x * s + g + 2 * b + 3 * a;
}

#ifdef PNG_AVX2
/* Returns the sum of the four 64-bit lanes of v. */
__attribute__((target("avx2"))) static uint64_t
hsum64(__m256i v)
{
	uint64_t l[4];
	_mm256_storeu_si256((__m256i *)l, v);
	return l[0] + l[1] + l[2] + l[3];
}

/* Adds the sums of pixels p[0..n-1] (n a multiple of 8, at most 2^16) to m, eight a
 * step: the byte sum by _mm256_sad_epu8, the in-step weights bpp i + j (< 32) by
 * _mm256_maddubs_epi16, the steps' weights 8 bpp c through a running sum. */
__attribute__((target("avx2"))) static void
sums_avx2(png_sums *m, const uint32_t *p, size_t n, unsigned bpp)
{
	char wk[32];
	for (int i = 0; i < 8; i++) { /* memory order B G R A */
		wk[4 * i] = (char)(bpp * (unsigned)i + 2);
		wk[4 * i + 1] = (char)(bpp * (unsigned)i + 1);
		wk[4 * i + 2] = (char)(bpp * (unsigned)i);
		wk[4 * i + 3] = (char)(bpp == 4 ? 4 * i + 3 : 0);
	}
	const __m256i w = _mm256_loadu_si256((const __m256i *)wk), ones = _mm256_set1_epi16(1);
	const __m256i mask = _mm256_set1_epi32(bpp == 4 ? -1 : 0xffffff);
	__m256i vs = _mm256_setzero_si256(), vp = vs, vk = vs;
	for (size_t i = 0; i < n; i += 8) {
		__m256i v = _mm256_and_si256(_mm256_loadu_si256((const __m256i *)(p + i)), mask);
		vp = _mm256_add_epi64(vp, vs);
		vs = _mm256_add_epi64(vs, _mm256_sad_epu8(v, _mm256_setzero_si256()));
		vk = _mm256_add_epi32(vk, _mm256_madd_epi16(_mm256_maddubs_epi16(v, w), ones));
	}
	uint64_t s = hsum64(vs), pre = hsum64(vp), steps = n / 8;
	uint64_t k = hsum64(_mm256_add_epi64(_mm256_unpacklo_epi32(vk, _mm256_setzero_si256()),
	    _mm256_unpackhi_epi32(vk, _mm256_setzero_si256())));
	/* pre = sum over steps c of s_c (steps - 1 - c): sum of c s_c below */
	m->s += s;
	m->q += 8 * bpp * ((steps - 1) * s - pre) + k;
}
#endif

/* Returns the sums of the n pixels of row p. */
static png_sums
row_sums(const uint32_t *p, size_t n, unsigned bpp)
{
	png_sums m = { 0, 0 };
	size_t x = 0;
#ifdef PNG_AVX2
	if (has_avx2() && n >= 8) {
		x = n & ~(size_t)7;
		sums_avx2(&m, p, x, bpp);
	}
#endif
	for (; x < n; x++)
		sums_pixel(&m, p[x], x, bpp);
	return m;
}

/* Adds row p (not yet summed) to the adler32, keeping its sums for the next row. */
static void
adler_row(png_enc *e, const uint32_t *p)
{
	png_sums m = row_sums(p, e->w, e->bpp);
	/* byte bpp x + j of the pixels is byte 1 + bpp x + j of the row: weight rowlen - that */
	uint64_t wsum = (e->rowlen - 1) * m.s - m.q;
	e->rs = m.s % PNG_ADLER_MOD;
	e->rw = wsum % PNG_ADLER_MOD;
}

/* Adds the last summed row's bytes (again, or for the first time) to the adler32. */
static void
adler_add(png_enc *e)
{
	uint64_t a = e->a;
	e->a = (uint32_t)((a + e->rs) % PNG_ADLER_MOD);
	e->b = (uint32_t)((e->b + (e->rowlen % PNG_ADLER_MOD) * a + e->rw) % PNG_ADLER_MOD);
}

/* Writes the open run of the row above, if any. */
static void
flush_up(png_enc *e)
{
	if (e->pend >= DFL_MIN_MATCH)
		dfl_copy(e->dw, e->pend, e->dtok_up);
	else
		for (size_t i = 0; i < e->pend; i++)
			dfl_lit(e->dw, 0); /* only a filter byte can be left this short */
	e->pend = 0;
}

/* Writes pixel v as literal bytes. */
static void
put_pixel(png_enc *e, uint32_t v)
{
	if (e->bpp == 3 && v < 0xff000000u)
		e->translucent = 1;
	dfl_lit(e->dw, (v >> 16) & 0xff);
	dfl_lit(e->dw, (v >> 8) & 0xff);
	dfl_lit(e->dw, v & 0xff);
	if (e->bpp == 4)
		dfl_lit(e->dw, v >> 24);
}

/* Looks up the pixel pair at x of row cur in the table, and records it there. Returns
 * the length in pixels of the match found (the distance in *dist), or 0. */
static size_t
far_match(png_enc *e, const uint32_t *cur, size_t x, size_t *dist)
{
	if (!e->seen || x + 1 >= e->w)
		return 0;
	uint32_t h = (cur[x] * 0x9e3779b1u ^ cur[x + 1] * 0x85ebca77u) >> (32 - PNG_HASH_BITS);
	uint32_t at = e->seen[h];
	e->seen[h] = (uint32_t)(e->y << 16 | x);
	if (at == UINT32_MAX)
		return 0;
	size_t cy = at >> 16, cx = at & 0xffff;
	size_t d = (e->y - cy) * e->rowlen + e->bpp * x - e->bpp * cx;
	if (d > DFL_WINDOW || d == 0)
		return 0;
	const uint32_t *c = e->px + cy * e->pstride + cx;
	size_t n = e->w - (cx > x ? cx : x);
	*dist = d;
	return run_eq(cur + x, c, n);
}

/* Returns the first place in [p, end) (p >= 1) where a run of at least PNG_LONG_LEFT
 * pixels equal to their left begins, or end. */
static size_t
left_start(const uint32_t *cur, size_t p, size_t end, size_t w)
{
	while (p < end) {
		size_t k = run_val(cur + p, cur[p - 1], w - p);
		if (k >= PNG_LONG_LEFT)
			return p;
		p += k + 1;
	}
	return end;
}

/* Tokenises pixels x.. of row cur (up: the row above, or NULL; same: 1 if row cur
 * equals it) after its filter byte. */
static void
row_pixels(png_enc *e, const uint32_t *cur, const uint32_t *up, size_t x, int same)
{
	size_t w = e->w;
	while (x < w) {
		size_t kl = x ? run_val(cur + x, cur[x - 1], w - x) : 0;
		if (kl >= PNG_LONG_LEFT) {
			flush_up(e);
			dfl_copy(e->dw, kl * e->bpp, e->dtok_left);
			x += kl;
			if (same)
				e->seg[e->nseg++] = kl << 1;
			continue;
		}
		size_t ku = same ? w - x : up ? run_eq(cur + x, up + x, w - x) : 0, kf = 0, d = 0;
		if (ku > kl) {
			size_t end = left_start(cur, x + 1, x + ku, w);
			e->pend += (end - x) * e->bpp; /* open: written when it ends */
			if (same)
				e->seg[e->nseg++] = (end - x) << 1 | 1;
			x = end;
			continue;
		}
		flush_up(e);
		if (same)
			e->seg[e->nseg++] = kl << 1; /* a repeated row is only runs */
		if (!same && ku < PNG_TRY_FAR && kl < PNG_TRY_FAR)
			kf = far_match(e, cur, x, &d);
		if (kf >= PNG_MIN_FAR && kf > kl) {
			dfl_copy(e->dw, kf * e->bpp, dfl_dist((unsigned)d));
			x += kf;
		} else if (kl >= PNG_MIN_LEFT) {
			dfl_copy(e->dw, kl * e->bpp, e->dtok_left);
			x += kl;
		} else
			put_pixel(e, cur[x++]);
	}
}

/* Tokenises row cur, equal to the row above up: as the last row if that was repeated
 * too (the same runs), else afresh, keeping its runs. */
static void
repeat_row(png_enc *e, const uint32_t *cur, const uint32_t *up)
{
	if (!e->seg_ok) {
		e->nseg = 0;
		row_pixels(e, cur, up, 0, 1);
		e->seg_ok = 1;
		return;
	}
	for (size_t i = 0; i < e->nseg; i++)
		if (e->seg[i] & 1)
			e->pend += (e->seg[i] >> 1) * e->bpp;
		else {
			flush_up(e);
			dfl_copy(e->dw, (e->seg[i] >> 1) * e->bpp, e->dtok_left);
		}
}

/* Tokenises row y and adds it to the adler32. */
static void
encode_row(png_enc *e, size_t y)
{
	const uint32_t *cur = e->px + y * e->pstride;
	const uint32_t *up = y && e->up_ok ? cur - e->pstride : NULL;
	size_t x = 0;
	if (up) {
		x = run_eq(cur, up, e->w);
		if (e->pend || x)
			e->pend += 1; /* the filter byte equals the one above */
		else
			dfl_lit(e->dw, 0);
		if (x == e->w) { /* the whole row repeats: so do its sums */
			adler_add(e);
			repeat_row(e, cur, up);
			return;
		}
	} else {
		flush_up(e);
		dfl_lit(e->dw, 0);
	}
	e->seg_ok = 0;
	adler_row(e, cur);
	adler_add(e);
	row_pixels(e, cur, up, 0, 0);
}

/* Appends the 4 big-endian bytes of v to out and, if crc is given, adds them to it. */
static void
put32(buf *out, uint32_t v, uLong *crc)
{
	unsigned char b[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16),
		(unsigned char)(v >> 8), (unsigned char)v };
	buf_append(out, b, 4);
	if (crc)
		*crc = crc32(*crc, b, 4);
}

/* Appends len bytes of data to a chunk's body in out, adding them to crc. */
static void
chunk_part(buf *out, uLong *crc, const void *data, size_t len)
{
	buf_append(out, data, len);
	*crc = crc32_z(*crc, data, len);
}

/* Starts a chunk of type and body length len in out; returns the CRC so far. */
static uLong
chunk_begin(buf *out, const char *type, size_t len)
{
	uLong crc = crc32(0, NULL, 0);
	put32(out, (uint32_t)len, NULL);
	chunk_part(out, &crc, type, 4);
	return crc;
}

/* Deflates e's image into its writer. Returns 0, or 1 if bpp is 3 but some pixel is not
 * opaque (every pixel is a literal or equals an earlier one, so literals tell). */
static int
encode_image(png_enc *e)
{
	e->rowlen = 1 + (size_t)e->bpp * e->w;
	e->up_ok = e->rowlen <= DFL_WINDOW;
	e->dtok_up = e->up_ok ? dfl_dist((unsigned)e->rowlen) : 0;
	e->dtok_left = dfl_dist(e->bpp);
	e->dw = dfl_new();
	e->a = 1;
	if (e->w <= 0xffff && e->h <= 0xffff) { /* a place fits in 32 bits */
		e->seen = util_xmalloc(sizeof *e->seen << PNG_HASH_BITS);
		memset(e->seen, 0xff, sizeof *e->seen << PNG_HASH_BITS);
	}
	e->seg = util_xmalloc((e->w + 1) * sizeof *e->seg);
	for (e->y = 0; e->y < e->h && !e->translucent; e->y++)
		encode_row(e, e->y);
	free(e->seen);
	free(e->seg);
	flush_up(e);
	dfl_block(e->dw, 1);
	return e->translucent;
}

/* Appends the PNG of e's image (deflated into e->dw) to out. */
static void
write_png(buf *out, const png_enc *e)
{
	static const unsigned char zhead[2] = { PNG_ZHEAD0, PNG_ZHEAD1 };
	/* bit depth, colour type (RGBA or RGB), compression, filter, interlace */
	unsigned char ihdr[5] = { 8, e->bpp == 4 ? 6 : 2, 0, 0, 0 };
	buf_append(out, "\x89PNG\r\n\x1a\n", 8);
	uLong crc = chunk_begin(out, "IHDR", 13);
	put32(out, (uint32_t)e->w, &crc);
	put32(out, (uint32_t)e->h, &crc);
	chunk_part(out, &crc, ihdr, sizeof ihdr);
	put32(out, (uint32_t)crc, NULL);
	crc = chunk_begin(out, "IDAT", sizeof zhead + e->dw->len + 4);
	chunk_part(out, &crc, zhead, sizeof zhead);
	chunk_part(out, &crc, e->dw->out, e->dw->len);
	put32(out, e->b << 16 | e->a, &crc);
	put32(out, (uint32_t)crc, NULL);
	put32(out, (uint32_t)chunk_begin(out, "IEND", 0), NULL);
}

/* Returns premultiplied channel c of alpha a unpremultiplied (cairo's own rounding). */
static uint32_t
unpremultiply(uint32_t c, uint32_t a)
{
	return a == 0 ? 0 : (c * 255 + a / 2) / a;
}

/* Returns a copy of the w x h premultiplied pixels px (rows stride pixels apart) with
 * straight alpha, rows w pixels apart (caller frees). */
static uint32_t *
straight_alpha(const uint32_t *px, size_t stride, size_t w, size_t h)
{
	uint32_t *o = util_xmalloc(w * h * sizeof *o), *q = o;
	for (size_t y = 0; y < h; y++)
		for (size_t x = 0; x < w; x++) {
			uint32_t v = px[y * stride + x], a = v >> 24;
			if (a != 0xff)
				v = a << 24 | unpremultiply((v >> 16) & 0xff, a) << 16 |
				    unpremultiply((v >> 8) & 0xff, a) << 8 | unpremultiply(v & 0xff, a);
			*q++ = v;
		}
	return o;
}

/* Appends the PNG of the w x h pixels px (rows stride pixels apart) to out: RGB, or
 * straight-alpha RGBA if some pixel is not opaque. Returns 0, or -1 if the compressed
 * pixels do not fit in one chunk. */
static int
png_write_all(const uint32_t *px, size_t stride, size_t w, size_t h, buf *out)
{
	png_enc e = { .px = px, .pstride = stride, .w = w, .h = h, .bpp = 3 };
	uint32_t *straight = NULL;
	if (encode_image(&e)) {
		dfl_free(e.dw);
		straight = straight_alpha(px, stride, w, h);
		e = (png_enc){ .px = straight, .pstride = w, .w = w, .h = h, .bpp = 4 };
		encode_image(&e);
	}
	int fits = e.dw->len <= PNG_MAX_IDAT;
	if (fits)
		write_png(out, &e);
	dfl_free(e.dw);
	free(straight);
	return fits ? 0 : -1;
}

int
chart_png_encode(cairo_surface_t *sf, buf *out, char *why, size_t n)
{
	const char *err = NULL;
	cairo_surface_flush(sf);
	const unsigned char *data = cairo_image_surface_get_data(sf);
	int w = cairo_image_surface_get_width(sf), h = cairo_image_surface_get_height(sf);
	if (cairo_image_surface_get_format(sf) != CAIRO_FORMAT_ARGB32)
		err = "not an ARGB32 image";
	else if (!data || w <= 0 || h <= 0)
		err = "an empty image";
	else if (png_write_all((const uint32_t *)data, (size_t)cairo_image_surface_get_stride(sf) / 4,
	             (size_t)w, (size_t)h, out))
		err = "the image is too large";
	if (err && n)
		snprintf(why, n, "cannot encode the PNG: %s", err);
	return err ? -1 : 0;
}
