/* png: a drawn cairo image surface encoded as PNG, its IDAT deflated in parallel stripes. */
#include "chart/chart_int.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

/* Chosen by measurement on the report's 16 charts (bench/README.md): zlib level 2 with no
 * row filter (cairo's defaults: about 5x slower, files 20% smaller). The image is cut into
 * PNG_STRIPES bands of rows, each deflated on its own (no shared history: the pigz
 * technique) and joined into one zlib stream; the stripe count is fixed, so the bytes are
 * the same whatever the number of cores. */
enum {
	PNG_ZLEVEL = 2,   /* zlib compression level */
	PNG_STRIPES = 8,  /* independently deflated bands of rows */
	PNG_ZHEAD0 = 0x78, /* zlib header: deflate, 32 KiB window */
	PNG_ZHEAD1 = 0x5e, /* zlib header: level 2-5 flag, check bits ((0x78 << 8 | 0x5e) % 31 == 0) */
};

/* zlib's entry points (linked directly: pkg-config zlib). */
typedef struct zlib_api {
	int (*init2)(z_streamp, int, int, int, int, int, const char *, int); /* deflateInit2_ */
	int (*deflate)(z_streamp, int);                                       /* deflate */
	int (*end)(z_streamp);                                                /* deflateEnd */
	uLong (*crc32)(uLong, const Bytef *, uInt);                           /* crc32 */
	uLong (*adler32)(uLong, const Bytef *, uInt);                         /* adler32 */
	uLong (*combine)(uLong, uLong, z_off_t);                              /* adler32_combine */
} zlib_api;

static const zlib_api Z = { deflateInit2_, deflate, deflateEnd, crc32, adler32,
	adler32_combine };

/* One cairo ARGB32 image to encode. */
typedef struct png_src {
	const unsigned char *data; /* cairo's pixels: native-endian premultiplied 0xAARRGGBB */
	int w;                     /* width in pixels */
	int h;                     /* height in pixels */
	int stride;                /* bytes per cairo row */
	int alpha;                 /* 1: some pixel is not opaque, write RGBA */
} png_src;

/* One band of rows and its raw deflate bytes. */
typedef struct png_stripe {
	int y0;              /* first row */
	int y1;              /* row after the last */
	unsigned char *z;    /* raw deflate bytes (owned) */
	size_t zlen;         /* bytes used in z */
	size_t cap;          /* bytes allocated in z */
	size_t rawlen;       /* filtered scanline bytes of the band */
	uLong adler;         /* adler32 of those bytes */
	int err;             /* 1: zlib failed */
	int translucent;     /* 1: written as RGB but some pixel is not opaque */
} png_stripe;

/* The whole encoding job, shared by the worker threads. */
typedef struct png_job {
	const png_src *src;                /* the image */
	png_stripe st[PNG_STRIPES];        /* the bands, in order */
	atomic_int next;                   /* next band to take */
} png_job;

/* Returns premultiplied channel c of alpha a unpremultiplied (cairo's own rounding). */
static unsigned char
unpremultiply(unsigned c, unsigned a)
{
	return a == 0 ? 0 : (unsigned char)((c * 255 + a / 2) / a);
}

/* Converts row y of src into o as RGB (the alpha byte dropped). Returns 1 if some pixel
 * of the row is not opaque (then RGB is wrong and the image must be written as RGBA). */
static int
convert_rgb(const png_src *src, int y, unsigned char *o)
{
	const uint32_t *px = (const uint32_t *)(src->data + (size_t)y * (size_t)src->stride);
	uint32_t all = 0xffffffffu;
	int w = src->w;
	for (int x = 0; x < w; x++, o += 3) {
		uint32_t v = px[x];
		all &= v;
		o[0] = (unsigned char)(v >> 16);
		o[1] = (unsigned char)(v >> 8);
		o[2] = (unsigned char)v;
	}
	return (all >> 24) != 0xff;
}

/* Converts row y of src into o as straight-alpha RGBA. */
static void
convert_rgba(const png_src *src, int y, unsigned char *o)
{
	const uint32_t *px = (const uint32_t *)(src->data + (size_t)y * (size_t)src->stride);
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

/* Runs deflate on zs with flush until it has consumed its input (and, for Z_FINISH,
 * ended the stream), growing st->z as needed. Returns 0, or -1 on a zlib error. */
static int
stripe_deflate(png_stripe *st, z_stream *zs, int flush)
{
	for (;;) {
		if (st->zlen == st->cap) {
			st->cap = st->cap * 2 + 4096;
			st->z = util_xrealloc(st->z, st->cap);
		}
		zs->next_out = st->z + st->zlen;
		zs->avail_out = (uInt)(st->cap - st->zlen);
		int rc = Z.deflate(zs, flush);
		st->zlen = st->cap - zs->avail_out;
		if (rc == Z_STREAM_ERROR)
			return -1;
		if (flush == Z_FINISH ? rc == Z_STREAM_END : zs->avail_out != 0)
			return 0;
	}
}

/* Filters (type 0), checksums and deflates the rows of st; the last band ends the
 * deflate stream, the others end on a byte boundary (sync flush). */
static void
stripe_run(const png_src *src, png_stripe *st, int last)
{
	size_t rowlen = 1 + (size_t)src->w * (src->alpha ? 4 : 3);
	unsigned char *row = util_xmalloc(rowlen);
	z_stream zs;
	memset(&zs, 0, sizeof zs);
	st->rawlen = rowlen * (size_t)(st->y1 - st->y0);
	st->adler = Z.adler32(0, NULL, 0);
	if (Z.init2(&zs, PNG_ZLEVEL, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
	        (int)sizeof zs) != Z_OK) {
		st->err = 1;
		free(row);
		return;
	}
	row[0] = 0;
	for (int y = st->y0; y < st->y1 && !st->err && !st->translucent; y++) {
		if (src->alpha)
			convert_rgba(src, y, row + 1);
		else
			st->translucent = convert_rgb(src, y, row + 1);
		st->adler = Z.adler32(st->adler, row, (uInt)rowlen);
		zs.next_in = row;
		zs.avail_in = (uInt)rowlen;
		st->err = stripe_deflate(st, &zs, Z_NO_FLUSH) != 0;
	}
	if (!st->err)
		st->err = stripe_deflate(st, &zs, last ? Z_FINISH : Z_SYNC_FLUSH) != 0;
	Z.end(&zs);
	free(row);
}

/* Worker thread: takes bands from the job until none is left. */
static void *
worker(void *arg)
{
	png_job *job = arg;
	int i;
	while ((i = atomic_fetch_add(&job->next, 1)) < PNG_STRIPES)
		stripe_run(job->src, &job->st[i], i == PNG_STRIPES - 1);
	return NULL;
}

/* Deflates every band of job on up to PNG_STRIPES threads (the caller's included). */
static void
job_run(png_job *job)
{
	pthread_t t[PNG_STRIPES];
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int want = cores < 1 ? 1 : cores > PNG_STRIPES ? PNG_STRIPES : (int)cores, started = 0;
	while (started < want - 1 && pthread_create(&t[started], NULL, worker, job) == 0)
		started++;
	worker(job);
	for (int i = 0; i < started; i++)
		pthread_join(t[i], NULL);
}

/* Appends the 4 big-endian bytes of v to out and, if crc is given, adds them to it. */
static void
put32(buf *out, uint32_t v, uLong *crc)
{
	unsigned char b[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16),
		(unsigned char)(v >> 8), (unsigned char)v };
	buf_append(out, b, 4);
	if (crc)
		*crc = Z.crc32(*crc, b, 4);
}

/* Appends len bytes of data to a chunk's body in out, adding them to crc. */
static void
chunk_part(buf *out, uLong *crc, const void *data, size_t len)
{
	buf_append(out, data, len);
	*crc = Z.crc32(*crc, data, (uInt)len);
}

/* Starts a chunk of type and body length len in out; returns the CRC so far. */
static uLong
chunk_begin(buf *out, const char *type, size_t len)
{
	uLong crc = Z.crc32(0, NULL, 0);
	put32(out, (uint32_t)len, NULL);
	chunk_part(out, &crc, type, 4);
	return crc;
}

/* Appends the IDAT chunk: zlib header, the bands' deflate bytes, combined adler32. */
static void
write_idat(buf *out, const png_job *job)
{
	static const unsigned char head[2] = { PNG_ZHEAD0, PNG_ZHEAD1 };
	size_t len = sizeof head + 4;
	uLong adler = Z.adler32(0, NULL, 0);
	for (int i = 0; i < PNG_STRIPES; i++) {
		len += job->st[i].zlen;
		adler = Z.combine(adler, job->st[i].adler, (z_off_t)job->st[i].rawlen);
	}
	uLong crc = chunk_begin(out, "IDAT", len);
	chunk_part(out, &crc, head, sizeof head);
	for (int i = 0; i < PNG_STRIPES; i++)
		chunk_part(out, &crc, job->st[i].z, job->st[i].zlen);
	put32(out, (uint32_t)adler, &crc);
	put32(out, (uint32_t)crc, NULL);
}

/* Appends the whole PNG of src (whose bands job holds, deflated) to out. */
static void
write_png(buf *out, const png_src *src, const png_job *job)
{
	unsigned char ihdr[13] = { 0 };
	ihdr[8] = 8;                      /* bit depth */
	ihdr[9] = src->alpha ? 6 : 2;     /* colour type: RGBA or RGB */
	buf_append(out, "\x89PNG\r\n\x1a\n", 8);
	uLong crc = chunk_begin(out, "IHDR", sizeof ihdr);
	put32(out, (uint32_t)src->w, &crc);
	put32(out, (uint32_t)src->h, &crc);
	chunk_part(out, &crc, ihdr + 8, 5); /* compression, filter, interlace: 0 */
	put32(out, (uint32_t)crc, NULL);
	write_idat(out, job);
	put32(out, (uint32_t)chunk_begin(out, "IEND", 0), NULL);
}

/* Deflates src's bands into job. Returns 0, 1 if src->alpha is 0 but some pixel is not
 * opaque, or -1 if zlib failed. */
static int
png_deflate(const png_src *src, png_job *job)
{
	int err = 0, translucent = 0;
	memset(job, 0, sizeof *job);
	job->src = src;
	atomic_init(&job->next, 0);
	for (int i = 0; i < PNG_STRIPES; i++) {
		job->st[i].y0 = (int)((long)src->h * i / PNG_STRIPES);
		job->st[i].y1 = (int)((long)src->h * (i + 1) / PNG_STRIPES);
	}
	job_run(job);
	for (int i = 0; i < PNG_STRIPES; i++) {
		err |= job->st[i].err;
		translucent |= job->st[i].translucent;
	}
	return err ? -1 : translucent;
}

/* Frees the bands' bytes of job. */
static void
job_free(png_job *job)
{
	for (int i = 0; i < PNG_STRIPES; i++)
		free(job->st[i].z);
}

/* Appends the PNG of src to out: RGB, or RGBA if some pixel is not opaque (found while
 * converting, then the bands are redone). Returns 0, or -1 if zlib failed. */
static int
png_write_all(png_src *src, buf *out)
{
	png_job job;
	src->alpha = 0;
	int rc = png_deflate(src, &job);
	if (rc == 1) {
		job_free(&job);
		src->alpha = 1;
		rc = png_deflate(src, &job);
	}
	if (rc == 0)
		write_png(out, src, &job);
	job_free(&job);
	return rc ? -1 : 0;
}

int
chart_png_encode(cairo_surface_t *sf, buf *out, char *why, size_t n)
{
	png_src src;
	const char *err = NULL;
	cairo_surface_flush(sf);
	if (cairo_image_surface_get_format(sf) != CAIRO_FORMAT_ARGB32)
		err = "not an ARGB32 image";
	if (!err) {
		src.data = cairo_image_surface_get_data(sf);
		src.w = cairo_image_surface_get_width(sf);
		src.h = cairo_image_surface_get_height(sf);
		src.stride = cairo_image_surface_get_stride(sf);
		if (png_write_all(&src, out))
			err = "zlib failed";
	}
	if (err && n)
		snprintf(why, n, "cannot encode the PNG: %s", err);
	return err ? -1 : 0;
}
