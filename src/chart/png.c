/* png: a drawn cairo image surface encoded as PNG with libpng at fast, fixed settings. */
#include "chart/chart_int.h"

#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

/* Chosen by measurement on the report's 16 charts (bench/README.md): zlib level 2 with no
 * row filter encodes 1600 x 900 in about 7 ms (cairo's defaults: about 40 ms), files
 * about 20% larger; SUB, UP and PAETH filters or Z_RLE were slower and larger. */
enum {
	PNG_ZLEVEL = 2, /* zlib compression level */
};

/* libpng error state: the message of the first error. */
typedef struct png_err {
	char msg[128]; /* libpng's message */
} png_err;

/* libpng error callback: keeps the message and unwinds to the setjmp in png_write_all. */
static void
on_error(png_structp p, png_const_charp msg)
{
	png_err *e = png_get_error_ptr(p);
	snprintf(e->msg, sizeof e->msg, "%s", msg ? msg : "libpng error");
	png_longjmp(p, 1);
}

/* libpng warning callback: warnings are not errors and print nothing. */
static void
on_warning(png_structp p, png_const_charp msg)
{
	(void)p;
	(void)msg;
}

/* libpng write callback: appends to the buf set as io pointer. */
static void
on_write(png_structp p, png_bytep data, size_t len)
{
	buf_append(png_get_io_ptr(p), data, len);
}

/* libpng flush callback: nothing to flush in memory. */
static void
on_flush(png_structp p)
{
	(void)p;
}

/* One cairo ARGB32 image to encode. */
typedef struct png_src {
	const unsigned char *data; /* cairo's pixels: native-endian premultiplied 0xAARRGGBB */
	int w;                     /* width in pixels */
	int h;                     /* height in pixels */
	int stride;                /* bytes per cairo row */
	int alpha;                 /* 1: some pixel is not opaque, write RGBA */
	unsigned char *row;        /* one output row (w * 4 bytes) */
} png_src;

/* Returns 1 if some pixel of src has alpha below 255 (rows ANDed: a loop gcc vectorizes). */
static int
has_alpha(const png_src *src)
{
	for (int y = 0; y < src->h; y++) {
		const uint32_t *px = (const uint32_t *)(src->data + (size_t)y * (size_t)src->stride);
		uint32_t all = 0xffffffffu;
		int w = src->w;
		for (int x = 0; x < w; x++)
			all &= px[x];
		if ((all >> 24) != 0xff)
			return 1;
	}
	return 0;
}

/* Returns premultiplied channel c of alpha a unpremultiplied (cairo's own rounding). */
static unsigned char
unpremultiply(unsigned c, unsigned a)
{
	return a == 0 ? 0 : (unsigned char)((c * 255 + a / 2) / a);
}

/* Converts row y of src into src->row as RGB (every pixel opaque). */
static void
convert_rgb(png_src *src, int y)
{
	const uint32_t *px = (const uint32_t *)(src->data + (size_t)y * (size_t)src->stride);
	unsigned char *o = src->row;
	int w = src->w;
	for (int x = 0; x < w; x++, o += 3) {
		uint32_t v = px[x];
		o[0] = (unsigned char)(v >> 16);
		o[1] = (unsigned char)(v >> 8);
		o[2] = (unsigned char)v;
	}
}

/* Converts row y of src into src->row as straight-alpha RGBA. */
static void
convert_rgba(png_src *src, int y)
{
	const uint32_t *px = (const uint32_t *)(src->data + (size_t)y * (size_t)src->stride);
	unsigned char *o = src->row;
	int w = src->w;
	for (int x = 0; x < w; x++, o += 4) {
		uint32_t v = px[x];
		unsigned a = v >> 24;
		o[0] = unpremultiply((v >> 16) & 0xff, a);
		o[1] = unpremultiply((v >> 8) & 0xff, a);
		o[2] = unpremultiply(v & 0xff, a);
		o[3] = (unsigned char)a;
	}
}

/* Writes header, rows and end of src through p (after the caller's setjmp). */
static void
write_image(png_structp p, png_infop info, png_src *src)
{
	png_set_IHDR(p, info, (png_uint_32)src->w, (png_uint_32)src->h, 8,
	    src->alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
	    PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_set_compression_level(p, PNG_ZLEVEL);
	png_set_filter(p, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
	png_write_info(p, info);
	for (int y = 0; y < src->h; y++) {
		if (src->alpha)
			convert_rgba(src, y);
		else
			convert_rgb(src, y);
		png_write_row(p, src->row);
	}
	png_write_end(p, info);
}

/* Encodes src into out. Returns 0, or -1 with libpng's message in e. */
static int
png_write_all(png_src *src, buf *out, png_err *e)
{
	png_structp p = png_create_write_struct(PNG_LIBPNG_VER_STRING, e, on_error, on_warning);
	png_infop info = p ? png_create_info_struct(p) : NULL;
	if (!info) {
		snprintf(e->msg, sizeof e->msg, "out of memory");
		png_destroy_write_struct(&p, NULL);
		return -1;
	}
	if (setjmp(png_jmpbuf(p))) {
		png_destroy_write_struct(&p, &info);
		return -1;
	}
	png_set_write_fn(p, out, on_write, on_flush);
	write_image(p, info, src);
	png_destroy_write_struct(&p, &info);
	return 0;
}

int
chart_png_encode(cairo_surface_t *sf, buf *out, char *why, size_t n)
{
	png_src src;
	png_err e = { "" };
	cairo_surface_flush(sf);
	if (cairo_image_surface_get_format(sf) != CAIRO_FORMAT_ARGB32) {
		if (n)
			snprintf(why, n, "cannot encode the PNG: not an ARGB32 image");
		return -1;
	}
	src.data = cairo_image_surface_get_data(sf);
	src.w = cairo_image_surface_get_width(sf);
	src.h = cairo_image_surface_get_height(sf);
	src.stride = cairo_image_surface_get_stride(sf);
	src.alpha = has_alpha(&src);
	src.row = util_xmalloc((size_t)src.w * 4 + 1);
	int rc = png_write_all(&src, out, &e);
	free(src.row);
	if (rc && n)
		snprintf(why, n, "cannot encode the PNG: %s", e.msg);
	return rc;
}
