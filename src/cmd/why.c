/* why: for `build -v`, the inputs changed since the last build, and so why each output
 * the build computed was not taken from the cache. */
#include "cmd/why.h"

#include <stdlib.h>
#include <string.h>

#include "chart/chart_key.h"
#include "util/buf.h"
#include "util/path.h"

#define RECORD_NAME "last-inputs" /* the record's file in the cache folder */
#define FONTS_NAME "(the fonts)"  /* the record's name of the fonts' digest */
enum { RECORD_LIMIT = 1 << 24 }; /* largest record read back */

/* Appends one record line to b: the digest of the file at path (of nothing if it cannot
 * be read), a space, path. */
static void
record_file(buf *b, const char *path)
{
	sha256_ctx h;
	uint8_t d[SHA256_LEN];
	char hex[2 * SHA256_LEN + 1], *data = NULL;
	size_t len = 0;
	sha256_init(&h);
	if (path_read_file(path, RECORD_LIMIT, &data, &len) == PATH_OK)
		sha256_feed_mem(&h, data, len);
	free(data);
	sha256_final(&h, d);
	sha256_hex(d, hex);
	buf_printf(b, "%s %s\n", hex, path);
}

/* Appends this build's record to b: "tool HEX", then "HEX PATH" per input. */
static void
record_make(cache *c, const report *r, const char *tdir, buf *b)
{
	sha256_ctx h;
	uint8_t d[SHA256_LEN];
	char hex[2 * SHA256_LEN + 1];
	cache_key_init(&h, c, "why");
	sha256_final(&h, d);
	sha256_hex(d, hex);
	buf_printf(b, "tool %s\n", hex);
	for (size_t i = 0; i < r->ninputs; i++)
		record_file(b, r->inputs[i]);
	static const char *const tfiles[] = { "page.html", "style.css", "fonts.conf" };
	for (size_t i = 0; i < sizeof tfiles / sizeof *tfiles; i++) {
		char *p = path_join(tdir, tfiles[i]);
		record_file(b, p);
		free(p);
	}
	sha256_init(&h);
	chart_fonts_digest(&h);
	sha256_final(&h, d);
	sha256_hex(d, hex);
	buf_printf(b, "%s %s\n", hex, FONTS_NAME);
}

/* Returns 1 if the record text rec holds line (a whole line, newline included). */
static int
has_line(const char *rec, const char *line, size_t n)
{
	for (const char *s = rec; *s; s++) {
		if (strncmp(s, line, n) == 0)
			return 1;
		s = strchr(s, '\n');
		if (s == NULL)
			break;
	}
	return 0;
}

/* Appends to b why an output is computed, comparing record now with old (NULL: none). */
static void
reason(const char *old, const char *now, buf *b)
{
	size_t first = strcspn(now, "\n") + 1; /* the tool line */
	if (old == NULL) {
		buf_puts(b, "no earlier build recorded in the cache");
		return;
	}
	if (!has_line(old, now, first)) {
		buf_puts(b, "mkreport itself changed");
		return;
	}
	size_t n0 = b->len;
	for (const char *s = now + first; *s; ) {
		size_t n = strcspn(s, "\n") + 1; /* "HEX PATH\n" */
		if (!has_line(old, s, n))
			buf_printf(b, "%s%.*s", b->len > n0 ? ", " : "", (int)(n - 2 - 2 * SHA256_LEN),
			    s + 2 * SHA256_LEN + 1);
		s += n;
	}
	buf_puts(b, b->len > n0 ? " changed" : "not in the cache (first use, or removed)");
}

void
why_report(cache *c, const report *r, const char *templates_dir, int print, FILE *f)
{
	char *path = path_join(cache_dir(c), RECORD_NAME), *old = NULL;
	size_t len;
	if (path_read_file(path, RECORD_LIMIT, &old, &len) != PATH_OK) {
		free(old);
		old = NULL;
	}
	buf now, why;
	buf_init(&now);
	buf_init(&why);
	record_make(c, r, templates_dir, &now);
	reason(old, buf_str(&now), &why);
	size_t n;
	const char *const *names = cache_computed_names(c, &n);
	for (size_t i = 0; print && i < n; i++)
		fprintf(f, "mkreport: %s: %s\n", names[i], buf_str(&why));
	char *tmp = path_join(cache_dir(c), RECORD_NAME ".tmp");
	FILE *out = fopen(tmp, "w");
	int ok = out != NULL && fwrite(now.data, 1, now.len, out) == now.len;
	if (out != NULL && fclose(out) != 0)
		ok = 0;
	if (!ok || rename(tmp, path) != 0)
		remove(tmp);
	free(tmp);
	free(path);
	free(old);
	buf_free(&now);
	buf_free(&why);
}
