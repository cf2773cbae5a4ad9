/* png_codecs: the chart PNG encoder (src/chart/png.c) against the deflate libraries
 * Debian ships, on the same pixels: each PNG named on the command line is decoded
 * (libpng) to cairo ARGB32 and to the filter-0 RGB rows a PNG's IDAT holds, then encoded
 * REPS times by each coder; prints the median milliseconds per image and the bytes
 * of all images. zlib and libdeflate compress the rows only (no PNG framing, no pixel
 * conversion), which favours them. Built and run by bench/png.sh. */
#include <cairo.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>
#ifdef HAVE_LIBDEFLATE
#include <libdeflate.h>
#endif

#include "util/buf.h"

int chart_png_encode(cairo_surface_t *sf, buf *out, char *why, size_t n);

enum { REPS = 15, MAXIMG = 64 };

/* One image in both forms. */
typedef struct img {
	cairo_surface_t *sf; /* ARGB32 */
	unsigned char *raw;  /* filter-0 RGB rows */
	size_t rawlen;       /* bytes in raw */
} img;

/* Monotonic seconds. */
static double
now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Reads path into im; returns 0 or -1. */
static int
load(const char *path, img *im)
{
	png_image pi;
	memset(&pi, 0, sizeof pi);
	pi.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&pi, path))
		return -1;
	pi.format = PNG_FORMAT_RGB;
	size_t w = pi.width, h = pi.height;
	unsigned char *rgb = malloc(w * h * 3);
	if (!rgb || !png_image_finish_read(&pi, NULL, rgb, 0, NULL))
		return -1;
	size_t rl = 1 + 3 * w;
	im->rawlen = rl * h;
	im->raw = malloc(im->rawlen);
	im->sf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)w, (int)h);
	unsigned char *d = cairo_image_surface_get_data(im->sf);
	int st = cairo_image_surface_get_stride(im->sf);
	for (size_t y = 0; y < h; y++) {
		im->raw[y * rl] = 0;
		memcpy(im->raw + y * rl + 1, rgb + y * w * 3, w * 3);
		uint32_t *row = (uint32_t *)(d + y * (size_t)st);
		for (size_t x = 0; x < w; x++) {
			const unsigned char *p = rgb + (y * w + x) * 3;
			row[x] = 0xff000000u | (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
		}
	}
	cairo_surface_mark_dirty(im->sf);
	free(rgb);
	return 0;
}

/* Prints the median time per image of REPS passes over the images of coder k. */
typedef size_t (*coder)(const img *im, int level);

static size_t
ours(const img *im, int level)
{
	(void)level;
	buf b;
	char why[128];
	buf_init(&b);
	chart_png_encode(im->sf, &b, why, sizeof why);
	size_t n = b.len;
	buf_free(&b);
	return n;
}

static size_t
zlib_rows(const img *im, int level)
{
	uLongf cap = compressBound((uLong)im->rawlen);
	unsigned char *o = malloc(cap);
	compress2(o, &cap, im->raw, (uLong)im->rawlen, level);
	free(o);
	return cap;
}

#ifdef HAVE_LIBDEFLATE
static size_t
libdeflate_rows(const img *im, int level)
{
	struct libdeflate_compressor *c = libdeflate_alloc_compressor(level);
	size_t cap = libdeflate_zlib_compress_bound(c, im->rawlen);
	unsigned char *o = malloc(cap);
	size_t n = libdeflate_zlib_compress(c, im->raw, im->rawlen, o, cap);
	free(o);
	libdeflate_free_compressor(c);
	return n;
}
#endif

static void
run(const char *name, coder f, int level, const img *ims, int n)
{
	double t[REPS];
	size_t bytes = 0;
	for (int r = 0; r < REPS; r++) {
		double t0 = now();
		bytes = 0;
		for (int i = 0; i < n; i++)
			bytes += f(&ims[i], level);
		t[r] = (now() - t0) / n;
	}
	qsort(t, REPS, sizeof *t, cmp_double);
	printf("%-28s %8.2f ms/image %10zu bytes\n", name, t[REPS / 2] * 1000, bytes);
}

int
main(int argc, char **argv)
{
	static img ims[MAXIMG];
	int n = 0;
	for (int i = 1; i < argc && n < MAXIMG; i++)
		if (load(argv[i], &ims[n]) == 0)
			n++;
	if (n == 0) {
		fprintf(stderr, "usage: png_codecs FILE.png...\n");
		return 2;
	}
	printf("%d images, %zu raw bytes each (first), median of %d passes\n", n, ims[0].rawlen,
	    REPS);
	run("mkreport (whole PNG)", ours, 0, ims, n);
	char name[64];
	for (int l = 1; l <= 2; l++) {
		snprintf(name, sizeof name, "zlib %s level %d (rows)", zlibVersion(), l);
		run(name, zlib_rows, l, ims, n);
	}
#ifdef HAVE_LIBDEFLATE
	for (int l = 1; l <= 2; l++) {
		snprintf(name, sizeof name, "libdeflate level %d (rows)", l);
		run(name, libdeflate_rows, l, ims, n);
	}
#else
	printf("libdeflate: not installed (apt-get install libdeflate-dev)\n");
#endif
	return 0;
}
