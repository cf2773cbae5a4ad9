/* pack_time: what the pack costs: pack_zip on the files it holds against the SHA-256 of
 * the same bytes (what a cache key for the zip would cost), medians of RUNS runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pack/pack_int.h"
#include "util/path.h"
#include "util/sha256.h"

enum { RUNS = 15, MAXF = 4096 };

static double
now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int
main(int argc, char **argv)
{
	static pack_entry e[MAXF];
	size_t n = 0, bytes = 0;
	for (int i = 1; i < argc && n < MAXF; i++) {
		char *d;
		size_t len;
		if (path_read_file(argv[i], 1 << 28, &d, &len) != PATH_OK)
			return 2;
		const char *dot = strrchr(argv[i], '.');
		int packed = dot && (!strcmp(dot, ".png") || !strcmp(dot, ".pdf"));
		e[n++] = (pack_entry){ argv[i], d, len, !packed };
		bytes += len;
	}
	double zt[RUNS], ht[RUNS];
	size_t zlen = 0;
	for (int r = 0; r < RUNS; r++) {
		buf out;
		buf_init(&out);
		char why[256];
		double t0 = now_ms();
		if (pack_zip(e, n, "2026-11-01", &out, why, sizeof why) != 0) {
			fprintf(stderr, "%s\n", why);
			return 1;
		}
		zt[r] = now_ms() - t0;
		zlen = out.len;
		buf_free(&out);
		uint8_t key[SHA256_LEN];
		sha256_ctx h;
		t0 = now_ms();
		sha256_init(&h);
		for (size_t i = 0; i < n; i++)
			sha256_feed_mem(&h, e[i].data, e[i].len);
		sha256_final(&h, key);
		ht[r] = now_ms() - t0;
	}
	qsort(zt, RUNS, sizeof *zt, cmp);
	qsort(ht, RUNS, sizeof *ht, cmp);
	printf("%zu files, %zu bytes -> zip %zu bytes\n", n, bytes, zlen);
	printf("pack_zip: median %.1f ms; SHA-256 of the inputs: median %.1f ms\n",
	    zt[RUNS / 2], ht[RUNS / 2]);
	return 0;
}
