/* check_png: unit tests of the chart PNG encoder (png.c) and its deflate writer
 * (deflate.c): every stream is inflated by zlib (which checks the adler32) and decoded by
 * libpng, and the bytes compared with ones computed here from the pixels. */

/* The encoder once more, built without its AVX2 loops (the portable ones any other
 * processor runs), under another name: it must write the very same bytes. Included
 * first, so chart_int.h declares the renamed function. */
#define PNG_PORTABLE 1
#define chart_png_encode png_encode_portable
#include "../../src/chart/png.c"
#undef chart_png_encode
int chart_png_encode(cairo_surface_t *sf, buf *out, char *why, size_t n);

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <png.h>
#include <zlib.h>

#include "chart/deflate.h"

/* What the checks read back from a PNG. */
typedef struct png_back {
	unsigned long w;     /* IHDR width */
	unsigned long h;     /* IHDR height */
	int type;            /* IHDR colour type */
	unsigned char *raw;  /* the inflated IDAT bytes (owned) */
	size_t rawlen;       /* bytes in raw */
	size_t idatlen;      /* bytes of IDAT data (the zlib stream) */
} png_back;

/* A small deterministic generator (xorshift32). */
static uint32_t
rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* The 4-byte big-endian number at p. */
static unsigned long
be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

/* Returns a new w x h ARGB32 surface, every pixel set by f(x, y, arg). */
static cairo_surface_t *
surface_of(int w, int h, uint32_t (*f)(int x, int y, void *arg), void *arg)
{
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	ck_assert_int_eq(cairo_surface_status(sf), CAIRO_STATUS_SUCCESS);
	cairo_surface_flush(sf);
	unsigned char *d = cairo_image_surface_get_data(sf);
	int stride = cairo_image_surface_get_stride(sf);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			((uint32_t *)(d + (size_t)y * (size_t)stride))[x] = f(x, y, arg);
	cairo_surface_mark_dirty(sf);
	return sf;
}

/* Returns pixel (x, y) of sf. */
static uint32_t
pixel(cairo_surface_t *sf, int x, int y)
{
	const unsigned char *d = cairo_image_surface_get_data(sf);
	return ((const uint32_t *)(d + (size_t)y * (size_t)cairo_image_surface_get_stride(sf)))[x];
}

/* Premultiplied channel c of alpha a, unpremultiplied with rounding (cairo's rule). */
static unsigned char
straight(unsigned c, unsigned a)
{
	return a ? (unsigned char)((c * 255 + a / 2) / a) : 0;
}

/* Returns the filter-0 rows sf must inflate to (bpp 3: R G B; 4: straight R G B A);
 * stores their length (caller frees). */
static unsigned char *
expected_rows(cairo_surface_t *sf, int bpp, size_t *len)
{
	int w = cairo_image_surface_get_width(sf), h = cairo_image_surface_get_height(sf);
	*len = (size_t)h * (1 + (size_t)w * (size_t)bpp);
	unsigned char *r = malloc(*len), *o = r;
	for (int y = 0; y < h; y++) {
		*o++ = 0;
		for (int x = 0; x < w; x++) {
			uint32_t v = pixel(sf, x, y);
			unsigned a = v >> 24;
			unsigned c[3] = { (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };
			for (int j = 0; j < 3; j++)
				*o++ = bpp == 4 ? straight(c[j], a) : (unsigned char)c[j];
			if (bpp == 4)
				*o++ = (unsigned char)a;
		}
	}
	return r;
}

/* Inflates the zlib stream z (n bytes) with zlib, which checks its header and adler32;
 * also checks the adler32 against zlib's own of the bytes. Returns them (caller frees). */
static unsigned char *
inflate_all(const unsigned char *z, size_t n, size_t *len)
{
	size_t cap = 1 << 16;
	unsigned char *o = malloc(cap);
	z_stream zs;
	memset(&zs, 0, sizeof zs);
	ck_assert_int_eq(inflateInit(&zs), Z_OK);
	zs.next_in = (unsigned char *)z;
	zs.avail_in = (uInt)n;
	int rc;
	do {
		if (zs.total_out == cap) {
			cap *= 2;
			o = realloc(o, cap);
		}
		zs.next_out = o + zs.total_out;
		zs.avail_out = (uInt)(cap - zs.total_out);
		rc = inflate(&zs, Z_NO_FLUSH);
	} while (rc == Z_OK);
	ck_assert_msg(rc == Z_STREAM_END, "inflate: %d %s", rc, zs.msg ? zs.msg : "");
	ck_assert_uint_eq(zs.avail_in, 0); /* nothing after the adler32 */
	*len = zs.total_out;
	inflateEnd(&zs);
	ck_assert_uint_eq(be32(z + n - 4), adler32(adler32(0, NULL, 0), o, (uInt)*len));
	return o;
}

/* Parses png: signature, chunks (each CRC checked) IHDR first, IDAT, IEND last and
 * nothing else; inflates the IDAT data into r. */
static void
read_png(const buf *png, png_back *r)
{
	const unsigned char *p = (const unsigned char *)png->data;
	unsigned char *z = malloc(png->len);
	size_t at = 8, nz = 0;
	int iend = 0;
	memset(r, 0, sizeof *r);
	ck_assert(png->len > 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0);
	while (!iend) {
		ck_assert(at + 12 <= png->len);
		size_t n = be32(p + at);
		ck_assert(at + 12 + n <= png->len);
		ck_assert_uint_eq(be32(p + at + 8 + n), crc32(crc32(0, NULL, 0), p + at + 4, (uInt)(n + 4)));
		if (at == 8) {
			ck_assert(memcmp(p + at + 4, "IHDR", 4) == 0 && n == 13);
			r->w = be32(p + at + 8);
			r->h = be32(p + at + 12);
			ck_assert_int_eq(p[at + 16], 8); /* bit depth */
			r->type = p[at + 17];
			ck_assert(p[at + 18] == 0 && p[at + 19] == 0 && p[at + 20] == 0);
		} else if (memcmp(p + at + 4, "IDAT", 4) == 0) {
			memcpy(z + nz, p + at + 8, n);
			nz += n;
		} else {
			ck_assert(memcmp(p + at + 4, "IEND", 4) == 0 && n == 0);
			iend = 1;
		}
		at += 12 + n;
	}
	ck_assert_uint_eq(at, png->len);
	r->idatlen = nz;
	r->raw = inflate_all(z, nz, &r->rawlen);
	free(z);
}

/* Decodes png (w x h pixels) with libpng into straight RGBA (caller frees). */
static unsigned char *
libpng_rgba(const buf *png, int w, int h)
{
	png_image img;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	ck_assert(png_image_begin_read_from_memory(&img, png->data, png->len));
	ck_assert(img.width == (unsigned)w && img.height == (unsigned)h);
	img.format = PNG_FORMAT_RGBA;
	unsigned char *rgba = malloc((size_t)w * (size_t)h * 4);
	ck_assert(png_image_finish_read(&img, NULL, rgba, 0, NULL));
	return rgba;
}

/* Decodes png with libpng into straight RGBA and checks it against sf's pixels. */
static void
check_libpng(const buf *png, cairo_surface_t *sf)
{
	int w = cairo_image_surface_get_width(sf), h = cairo_image_surface_get_height(sf);
	unsigned char *rgba = libpng_rgba(png, w, h);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint32_t v = pixel(sf, x, y);
			unsigned a = v >> 24;
			const unsigned char *q = rgba + ((size_t)y * (size_t)w + (size_t)x) * 4;
			if (q[0] != straight((v >> 16) & 0xff, a) || q[1] != straight((v >> 8) & 0xff, a) ||
			    q[2] != straight(v & 0xff, a) || q[3] != a)
				ck_abort_msg("libpng: pixel %d,%d differs", x, y);
		}
	free(rgba);
}

/* Encodes sf (with and without the AVX2 loops: the same bytes) and checks it reads back
 * as colour type want_type (2: RGB, 6: RGBA) with exactly sf's pixels. Returns the PNG
 * (caller frees). */
static buf
roundtrip(cairo_surface_t *sf, int want_type)
{
	char why[256] = "";
	buf png, alt;
	buf_init(&png);
	buf_init(&alt);
	ck_assert_msg(chart_png_encode(sf, &png, why, sizeof why) == 0, "%s", why);
	ck_assert_msg(png_encode_portable(sf, &alt, why, sizeof why) == 0, "%s", why);
	ck_assert_uint_eq(png.len, alt.len);
	ck_assert(memcmp(png.data, alt.data, png.len) == 0);
	buf_free(&alt);
	png_back r;
	read_png(&png, &r);
	ck_assert_uint_eq(r.w, (unsigned long)cairo_image_surface_get_width(sf));
	ck_assert_uint_eq(r.h, (unsigned long)cairo_image_surface_get_height(sf));
	ck_assert_int_eq(r.type, want_type);
	size_t len;
	unsigned char *want = expected_rows(sf, want_type == 6 ? 4 : 3, &len);
	ck_assert_uint_eq(r.rawlen, len);
	if (memcmp(r.raw, want, len) != 0)
		for (size_t i = 0; i < len; i++)
			ck_assert_msg(r.raw[i] == want[i], "byte %zu: %d, want %d", i, r.raw[i], want[i]);
	free(want);
	free(r.raw);
	check_libpng(&png, sf);
	return png;
}

/* Encodes a new w x h surface of f's pixels, checks it reads back (roundtrip, colour
 * type want_type) and returns the PNG's size in bytes. */
static size_t
encoded_size(int w, int h, uint32_t (*f)(int x, int y, void *arg), void *arg, int want_type)
{
	cairo_surface_t *sf = surface_of(w, h, f, arg);
	buf png = roundtrip(sf, want_type);
	size_t n = png.len;
	buf_free(&png);
	cairo_surface_destroy(sf);
	return n;
}

/* Pixel makers for surface_of. */

/* Opaque noise: no pixel repeats its left or upper neighbour but by chance. */
static uint32_t
px_noise(int x, int y, void *arg)
{
	(void)x, (void)y;
	return 0xff000000u | (rnd(arg) & 0xffffff);
}

/* Translucent noise, validly premultiplied (each channel at most alpha). */
static uint32_t
px_noise_alpha(int x, int y, void *arg)
{
	(void)x, (void)y;
	uint32_t a = rnd(arg) & 0xff, v = a << 24;
	for (int j = 0; j < 3; j++)
		v |= (rnd(arg) % (a + 1)) << (8 * j);
	return v;
}

/* One opaque colour. */
static uint32_t
px_flat(int x, int y, void *arg)
{
	(void)x, (void)y, (void)arg;
	return 0xff336699u;
}

/* Rows in bands of 7 equal rows, each band noise. */
static uint32_t
px_bands(int x, int y, void *arg)
{
	uint32_t s = (uint32_t)(y / 7) * 7919u + (uint32_t)x * 104729u + 1;
	(void)arg;
	return 0xff000000u | (rnd(&s) & 0xffffff);
}

/* A chart-like picture: background, a grid line every 40 rows, a vertical axis, a
 * sloping antialiased band, a repeated text-like patch, and noise. */
static uint32_t
px_chart(int x, int y, void *arg)
{
	uint32_t s = (uint32_t)(x % 23) * 31u + (uint32_t)(y % 11) * 17u + 5;
	(void)arg;
	if (y % 40 == 0)
		return 0xffdddddd;
	if (x == 50 || x == 51)
		return 0xff333333;
	if (y > 100 && y < 120 && (x % 200) < 23)
		return 0xff000000u | (rnd(&s) & 0xffffff); /* the same patch every 200 px */
	if (abs(y - x / 3 - 20) < 3)
		return 0xff2070c0u - (uint32_t)((x + y) % 3) * 0x010101u;
	return 0xffffffffu;
}

/* Random noise: nothing to match, so mostly literals in several blocks; the file may
 * not grow by more than 2% over the raw bytes (+ headers): Huffman codes of 8 bits or
 * fewer are always possible for 256 byte values. */
START_TEST(test_noise_rgb)
{
	uint32_t seed = 12345;
	size_t raw = 67 * (1 + 301 * 3);
	ck_assert_uint_lt(encoded_size(301, 67, px_noise, &seed, 2), raw + raw / 50 + 200);
}
END_TEST

/* Translucent noise: written as straight-alpha RGBA. */
START_TEST(test_noise_rgba)
{
	uint32_t seed = 777;
	encoded_size(123, 45, px_noise_alpha, &seed, 6);
}
END_TEST

/* A flat 1600 x 900 image: 4,320,900 raw bytes, 4801 a row. Each row after the first
 * is its filter byte and first pixel copied from the row above (4 bytes: 1 + 1 bits of
 * codes at most 5 + 1, and 11 extra bits for distance 4801), then 1599 pixels copied
 * from the previous one (distance 3, no extra bits): 18 matches of 258 (1 + 1 bits, the
 * commonest codes) and one of 153 (at most 5 + 1 bits, 5 extra): 17 + 36 + 11 = 64
 * bits, 8 bytes a row, 7.2 KB in all: below 10,000 bytes. Copying whole rows from the
 * row above instead would take 16,748 matches of at least 1 + 1 + 11 bits: 27 KB. */
START_TEST(test_flat)
{
	ck_assert_uint_lt(encoded_size(1600, 900, px_flat, NULL, 2), 10000);
}
END_TEST

/* Bands of 7 equal rows of noise: the six repeated rows of each band cost almost
 * nothing, so the file is about a seventh of the noise's size (below a fifth). */
START_TEST(test_equal_rows)
{
	ck_assert_uint_lt(encoded_size(400, 70, px_bands, NULL, 2), 70 * (1 + 400 * 3) / 5);
}
END_TEST

/* Sizes of one pixel, one column, one row; widths 1..17 around the 8-pixel steps. */
START_TEST(test_small_shapes)
{
	static const int wh[][2] = { { 1, 1 }, { 1, 50 }, { 50, 1 }, { 2, 2 }, { 7, 3 },
		{ 8, 3 }, { 9, 9 }, { 15, 4 }, { 16, 4 }, { 17, 5 } };
	uint32_t seed = 99;
	for (size_t i = 0; i < sizeof wh / sizeof wh[0]; i++) {
		encoded_size(wh[i][0], wh[i][1], px_noise, &seed, 2);
		encoded_size(wh[i][0], wh[i][1], px_chart, NULL, 2);
	}
}
END_TEST

/* A chart-like picture exercises every kind of match (previous pixel, row above, the
 * table's far copies) and is much smaller than its raw bytes. */
START_TEST(test_chart_like)
{
	ck_assert_uint_lt(encoded_size(1000, 600, px_chart, NULL, 2), 600 * (1 + 1000 * 3) / 20);
}
END_TEST

/* Rows near deflate's 32768-byte window: 8000 px RGBA rows are 32001 bytes (the row
 * above in reach), 8192 px RGBA rows 32769 (out of reach: no copy of the row above);
 * RGB rows of 8000 and 10923 px (24001 and 32770 bytes). Three equal rows of noise:
 * when the row above is in reach, the file is about one row's size (below 1.5 rows). */
START_TEST(test_window_edge)
{
	static const int ws[] = { 8000, 8192, 10923 };
	int w = ws[_i / 2], rgba = _i % 2, bpp = rgba ? 4 : 3;
	uint32_t seed = 4242, *row = malloc((size_t)w * 4);
	for (int x = 0; x < w; x++)
		row[x] = rgba ? px_noise_alpha(x, 0, &seed) | 0x01000000u : px_noise(x, 0, &seed);
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, 3);
	cairo_surface_flush(sf);
	for (int y = 0; y < 3; y++)
		memcpy(cairo_image_surface_get_data(sf) + (size_t)y * (size_t)cairo_image_surface_get_stride(sf),
		    row, (size_t)w * 4);
	cairo_surface_mark_dirty(sf);
	buf png = roundtrip(sf, rgba ? 6 : 2);
	size_t rowlen = 1 + (size_t)w * (size_t)bpp;
	if (rowlen <= 32768)
		ck_assert_uint_lt(png.len, rowlen * 3 / 2);
	buf_free(&png);
	free(row);
	cairo_surface_destroy(sf);
}
END_TEST

/* One translucent pixel anywhere turns the image into RGBA: first, middle of a run of
 * the previous pixel, last. Hand-worked: 0x80402010 (alpha 128) reads back as
 * (64 * 255 + 64) / 128 = 128, (32 * 255 + 64) / 128 = 64, (16 * 255 + 64) / 128 = 32. */
START_TEST(test_translucent)
{
	static const int at[][2] = { { 0, 0 }, { 20, 5 }, { 39, 9 } };
	cairo_surface_t *sf = surface_of(40, 10, px_flat, NULL);
	uint32_t *p = (uint32_t *)(cairo_image_surface_get_data(sf) +
	    (size_t)at[_i][1] * (size_t)cairo_image_surface_get_stride(sf)) + at[_i][0];
	*p = 0x80402010u;
	cairo_surface_mark_dirty(sf);
	buf png = roundtrip(sf, 6);
	unsigned char *rgba = libpng_rgba(&png, 40, 10);
	const unsigned char *q = rgba + (at[_i][1] * 40 + at[_i][0]) * 4;
	ck_assert(q[0] == 128 && q[1] == 64 && q[2] == 32 && q[3] == 128);
	ck_assert(rgba[0 == at[_i][0] ? 4 : 0] == 0x33); /* an opaque neighbour unchanged */
	free(rgba);
	buf_free(&png);
	cairo_surface_destroy(sf);
}
END_TEST

/* A fully transparent image: RGBA, every byte 0. */
START_TEST(test_transparent)
{
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 33, 17);
	buf png = roundtrip(sf, 6);
	buf_free(&png);
	cairo_surface_destroy(sf);
}
END_TEST

/* Two encodes of the same pixels give the same bytes. */
START_TEST(test_deterministic)
{
	cairo_surface_t *sf = surface_of(500, 300, px_chart, NULL);
	char why[256];
	buf a, b;
	buf_init(&a);
	buf_init(&b);
	ck_assert_int_eq(chart_png_encode(sf, &a, why, sizeof why), 0);
	ck_assert_int_eq(chart_png_encode(sf, &b, why, sizeof why), 0);
	ck_assert_uint_eq(a.len, b.len);
	ck_assert(memcmp(a.data, b.data, a.len) == 0);
	buf_free(&a);
	buf_free(&b);
	cairo_surface_destroy(sf);
}
END_TEST

/* Not an ARGB32 surface, or an empty one: refused with a reason. */
START_TEST(test_refused)
{
	char why[256] = "";
	buf png;
	buf_init(&png);
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 4, 4);
	ck_assert_int_eq(chart_png_encode(sf, &png, why, sizeof why), -1);
	ck_assert_str_eq(why, "cannot encode the PNG: not an ARGB32 image");
	cairo_surface_destroy(sf);
	sf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 0, 0);
	ck_assert_int_eq(chart_png_encode(sf, &png, why, sizeof why), -1);
	ck_assert_str_eq(why, "cannot encode the PNG: an empty image");
	ck_assert_uint_eq(png.len, 0);
	cairo_surface_destroy(sf);
}
END_TEST

/* Distance tokens, hand-worked from RFC 1951's table (code << 8 | extra << 13): 1 and
 * 4 are codes 0 and 3; 5 and 6 code 4 (extra 0, 1); 4801 code 24 (4097-6144, extra
 * 704); 32768 code 29 (24577-32768, extra 8191). */
START_TEST(test_dist_tokens)
{
	ck_assert_uint_eq(dfl_dist(1), 0u);
	ck_assert_uint_eq(dfl_dist(4), 3u << 8);
	ck_assert_uint_eq(dfl_dist(5), 4u << 8);
	ck_assert_uint_eq(dfl_dist(6), 4u << 8 | 1u << 13);
	ck_assert_uint_eq(dfl_dist(4801), 24u << 8 | 704u << 13);
	ck_assert_uint_eq(dfl_dist(32768), 29u << 8 | 8191u << 13);
	ck_assert_uint_eq(dfl_len_sym[0], 257);   /* length 3 */
	ck_assert_uint_eq(dfl_len_sym[8], 265);   /* length 11: 265 covers 11-12 */
	ck_assert_uint_eq(dfl_len_sym[224], 284); /* length 227: 284 covers 227-257 */
	ck_assert_uint_eq(dfl_len_sym[254], 284);
	ck_assert_uint_eq(dfl_len_sym[255], 285); /* length 258 */
}
END_TEST

/* Inflates the raw deflate stream of w (windowBits -15) and returns its bytes. */
static unsigned char *
inflate_raw(const dfl_writer *w, size_t *len)
{
	size_t cap = 1 << 20;
	unsigned char *o = malloc(cap);
	z_stream zs;
	memset(&zs, 0, sizeof zs);
	ck_assert_int_eq(inflateInit2(&zs, -15), Z_OK);
	zs.next_in = w->out;
	zs.avail_in = (uInt)w->len;
	zs.next_out = o;
	zs.avail_out = (uInt)cap;
	ck_assert_int_eq(inflate(&zs, Z_FINISH), Z_STREAM_END);
	ck_assert_uint_eq(zs.avail_in, 0);
	*len = zs.total_out;
	inflateEnd(&zs);
	return o;
}

/* Literals counted like Fibonacci numbers (1, 1, 2, 3, 5 ... 10946 for 21 symbols:
 * 28,656 in all) make an optimal Huffman code 20 bits deep, over deflate's 15: the
 * code is limited and the stream still inflates to the same bytes, in one block. */
START_TEST(test_deep_code)
{
	uint32_t fib[21] = { 1, 1 };
	size_t total = 2;
	for (int i = 2; i < 21; i++)
		total += fib[i] = fib[i - 1] + fib[i - 2];
	ck_assert_uint_eq(fib[20], 10946);
	ck_assert_uint_eq(total, 28656);
	unsigned char *want = malloc(total);
	size_t n = 0;
	for (int i = 0; i < 21; i++)
		for (uint32_t k = 0; k < fib[i]; k++)
			want[n++] = (unsigned char)(i * 11);
	uint32_t seed = 5;
	for (size_t i = total - 1; i > 0; i--) { /* shuffled: no runs to speak of */
		size_t j = rnd(&seed) % (i + 1);
		unsigned char t = want[i];
		want[i] = want[j];
		want[j] = t;
	}
	dfl_writer *w = dfl_new();
	for (size_t i = 0; i < total; i++)
		dfl_lit(w, want[i]);
	dfl_block(w, 1);
	ck_assert_int_eq((w->out[0] >> 1) & 3, 2); /* one dynamic block, the last */
	ck_assert_int_eq(w->out[0] & 1, 1);
	size_t len;
	unsigned char *got = inflate_raw(w, &len);
	ck_assert_uint_eq(len, total);
	ck_assert(memcmp(got, want, total) == 0);
	free(got);
	free(want);
	dfl_free(w);
}
END_TEST

/* Long copies split into matches of at most 258 without a 1- or 2-byte tail (259 =
 * 256 + 3, 260 = 257 + 3, 516 = 258 + 258, 517 = 258 + 256 + 3, 1000 = 3 x 258 + 223
 * + 3); an empty stream is one empty block. */
START_TEST(test_copies)
{
	static const size_t lens[] = { 3, 258, 259, 260, 261, 516, 517, 1000 };
	dfl_writer *w = dfl_new();
	unsigned char want[4096];
	size_t n = 0;
	dfl_lit(w, 'a');
	dfl_lit(w, 'b');
	want[n++] = 'a';
	want[n++] = 'b';
	for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		dfl_copy(w, lens[i], dfl_dist(2)); /* "abab..." */
		for (size_t k = 0; k < lens[i]; k++, n++)
			want[n] = want[n - 2];
	}
	ck_assert_uint_eq(w->ntok, 2 + 1 + 1 + 2 + 2 + 2 + 2 + 3 + 4);
	dfl_block(w, 1);
	ck_assert_int_eq(w->out[0] & 1, 1); /* the last block */
	size_t len;
	unsigned char *got = inflate_raw(w, &len);
	ck_assert_uint_eq(len, n);
	ck_assert(memcmp(got, want, n) == 0);
	free(got);
	dfl_free(w);
	w = dfl_new();
	dfl_block(w, 1);
	got = inflate_raw(w, &len);
	ck_assert_uint_eq(len, 0);
	free(got);
	dfl_free(w);
	dfl_free(NULL);
}
END_TEST

/* Three literals: 3 x 8 bits and a 7-bit end code with the fixed code (31 bits), when a
 * dynamic header alone takes 14 + 4 x 3 bits and more: the fixed code is chosen (block
 * type 1, the last: first bits 1, 1, 0). */
START_TEST(test_fixed_block)
{
	dfl_writer *w = dfl_new();
	dfl_lit(w, 'x');
	dfl_lit(w, 'y');
	dfl_lit(w, 'z');
	dfl_block(w, 1);
	ck_assert_int_eq(w->out[0] & 7, 3);
	ck_assert_uint_eq(w->len, 5); /* 3 + 31 bits: 34 */
	size_t len;
	unsigned char *got = inflate_raw(w, &len);
	ck_assert_uint_eq(len, 3);
	ck_assert(memcmp(got, "xyz", 3) == 0);
	free(got);
	dfl_free(w);
}
END_TEST

static Suite *
png_suite(void)
{
	Suite *s = suite_create("png");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_noise_rgb);
	tcase_add_test(tc, test_noise_rgba);
	tcase_add_test(tc, test_flat);
	tcase_add_test(tc, test_equal_rows);
	tcase_add_test(tc, test_small_shapes);
	tcase_add_test(tc, test_chart_like);
	tcase_add_loop_test(tc, test_window_edge, 0, 6);
	tcase_add_loop_test(tc, test_translucent, 0, 3);
	tcase_add_test(tc, test_transparent);
	tcase_add_test(tc, test_deterministic);
	tcase_add_test(tc, test_refused);
	tcase_add_test(tc, test_dist_tokens);
	tcase_add_test(tc, test_deep_code);
	tcase_add_test(tc, test_copies);
	tcase_add_test(tc, test_fixed_block);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(png_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
