/* files: safe opening under the site folder, content types, the served HTML's reload
 * script. Plain malloc throughout: this runs on the HTTP library's threads. */
#include "serve/files.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

enum { SEG_MAX = 255 }; /* longest file name */

const char serve_reload_js[] =
    "// mkreport serve: reloads this page when the report is rebuilt.\n"
    "(function () {\n"
    "  var me = document.currentScript;\n"
    "  var gen = me ? me.getAttribute('data-generation') : '';\n"
    "  var es = new EventSource('/__mkreport/events');\n"
    "  es.addEventListener('hello', function (e) {\n"
    "    if (gen && e.data !== gen) location.reload();\n"
    "  });\n"
    "  es.addEventListener('reload', function () { location.reload(); });\n"
    "})();\n";

/* Opens segment seg (of length n) below the folder dirfd without following a
 * symlink. Returns the descriptor or a serve_open_status. */
static int
open_segment(int dirfd, const char *seg, size_t n)
{
	char name[SEG_MAX + 1];
	if (n == 0 || n > SEG_MAX)
		return SERVE_NOT_FOUND;
	memcpy(name, seg, n);
	name[n] = '\0';
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return SERVE_REFUSED;
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd >= 0)
		return fd;
	return errno == ELOOP || errno == EACCES ? SERVE_REFUSED : SERVE_NOT_FOUND;
}

/* Returns 1 if name ends in ".html". */
static int
html_name(const char *name)
{
	size_t n = strlen(name);
	return n >= 5 && strcasecmp(name + n - 5, ".html") == 0;
}

/* Checks that fd (opened from the last segment) is a regular file, or a folder
 * asked with a trailing '/' (then opens its index.html). Closes fd unless returned. */
static int
open_final(int fd, int want_dir, int *is_html)
{
	struct stat st;
	if (fstat(fd, &st) != 0) {
		close(fd);
		return SERVE_NOT_FOUND;
	}
	if (S_ISDIR(st.st_mode)) {
		if (!want_dir) {
			close(fd);
			return SERVE_DIR;
		}
		int in = open_segment(fd, "index.html", 10);
		close(fd);
		return in < 0 ? in : open_final(in, 0, is_html);
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return SERVE_REFUSED;
	}
	return fd;
}

int
serve_open(const char *root, const char *rel, int *is_html)
{
	*is_html = 0;
	if (rel[0] == '/')
		return SERVE_REFUSED;
	int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return SERVE_NOT_FOUND;
	const char *p = rel, *last = rel;
	while (*p != '\0') {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);
		last = p;
		if (n > 0) { /* "a//b" reads as "a/b" */
			int next = open_segment(fd, p, n);
			close(fd);
			if (next < 0)
				return next;
			fd = next;
		}
		p += n + (slash != NULL);
	}
	size_t len = strlen(rel);
	int want_dir = len == 0 || rel[len - 1] == '/';
	int out = open_final(fd, want_dir, is_html);
	if (out >= 0)
		*is_html = want_dir || html_name(last);
	return out;
}

/* Extensions and their content types. */
static const struct {
	const char *ext;
	const char *type;
} types[] = {
	{ "html", "text/html; charset=utf-8" },
	{ "css", "text/css; charset=utf-8" },
	{ "js", "text/javascript; charset=utf-8" },
	{ "mjs", "text/javascript; charset=utf-8" },
	{ "svg", "image/svg+xml" },
	{ "png", "image/png" },
	{ "jpg", "image/jpeg" },
	{ "jpeg", "image/jpeg" },
	{ "gif", "image/gif" },
	{ "webp", "image/webp" },
	{ "ico", "image/x-icon" },
	{ "pdf", "application/pdf" },
	{ "csv", "text/csv; charset=utf-8" },
	{ "json", "application/json" },
	{ "zip", "application/zip" },
	{ "wasm", "application/wasm" },
	{ "xml", "application/xml" },
	{ "txt", "text/plain; charset=utf-8" },
	{ "woff", "font/woff" },
	{ "woff2", "font/woff2" },
};

const char *
serve_content_type(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');
	if (dot != NULL)
		for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
			if (strcasecmp(dot + 1, types[i].ext) == 0)
				return types[i].type;
	return "application/octet-stream";
}

/* A growable string on plain malloc; a failed growth sets bad and drops the rest. */
typedef struct sbuf {
	char *p;      /* bytes (malloc'd) */
	size_t len;   /* used */
	size_t cap;   /* allocated */
	int bad;      /* 1 after a failed allocation */
} sbuf;

/* Appends n bytes of s to b. */
static void
sb_add(sbuf *b, const char *s, size_t n)
{
	if (b->bad)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char *p = realloc(b->p, cap);
		if (p == NULL) {
			b->bad = 1;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

/* Appends the string s to b. */
static void
sb_str(sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

/* Returns the first occurrence of needle in hay[0, n) ignoring ASCII case, or NULL. */
static const char *
find_ci(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; k <= n && i <= n - k; i++)
		if (strncasecmp(hay + i, needle, k) == 0)
			return hay + i;
	return NULL;
}

/* Returns the last occurrence of needle in hay[0, n) ignoring ASCII case, or NULL. */
static const char *
rfind_ci(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = n >= k ? n - k + 1 : 0; i-- > 0;)
		if (strncasecmp(hay + i, needle, k) == 0)
			return hay + i;
	return NULL;
}

/* Returns the directive named name (with its trailing space) in the policy v[0, n),
 * pointing past the name, and its length in *len; NULL if absent. */
static const char *
csp_find(const char *v, size_t n, const char *name, size_t *len)
{
	size_t k = strlen(name);
	const char *d = v, *end = v + n;
	while (d < end) {
		while (d < end && (*d == ' ' || *d == ';' || *d == '\t'))
			d++;
		const char *semi = memchr(d, ';', (size_t)(end - d));
		const char *stop = semi ? semi : end;
		if ((size_t)(stop - d) >= k && strncasecmp(d, name, k) == 0 &&
		    (d + k == stop || d[k] == ' ' || d[k] == '\t')) {
			*len = (size_t)(stop - d - (ptrdiff_t)k);
			return d + k;
		}
		d = stop;
	}
	return NULL;
}

/* Appends the source list src[0, n) without 'none', then 'self' unless present. */
static void
csp_sources(sbuf *b, const char *src, size_t n)
{
	const char *p = src, *end = src + n;
	int self = 0;
	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		const char *q = p;
		while (q < end && *q != ' ' && *q != '\t')
			q++;
		size_t k = (size_t)(q - p);
		if (k == 0)
			break;
		if (!(k == 6 && strncasecmp(p, "'none'", 6) == 0)) {
			self |= k == 6 && strncasecmp(p, "'self'", 6) == 0;
			sb_add(b, " ", 1);
			sb_add(b, p, k);
		}
		p = q;
	}
	if (!self)
		sb_str(b, " 'self'");
}

/* Appends the policy v[0, n) with script-src and connect-src allowing 'self'. */
static void
csp_rewrite(sbuf *b, const char *v, size_t n)
{
	static const char *const names[] = { "script-src", "connect-src" };
	size_t dlen, len[2];
	const char *def = csp_find(v, n, "default-src", &dlen);
	const char *at[2];
	int present[2];
	for (int i = 0; i < 2; i++) {
		at[i] = csp_find(v, n, names[i], &len[i]);
		present[i] = at[i] != NULL;
	}
	const char *p = v;
	for (;;) { /* copy v, replacing the two directives' source lists in order */
		int i = at[0] && (!at[1] || at[0] < at[1]) && at[0] >= p ? 0
		    : at[1] && at[1] >= p ? 1 : -1;
		if (i < 0)
			break;
		sb_add(b, p, (size_t)(at[i] - p));
		csp_sources(b, at[i], len[i]);
		p = at[i] + len[i];
		at[i] = NULL;
	}
	sb_add(b, p, (size_t)(v + n - p));
	for (int i = 0; i < 2; i++) {
		if (present[i] || def == NULL)
			continue; /* without a default the kind is not restricted */
		sb_str(b, "; ");
		sb_str(b, names[i]);
		csp_sources(b, def, dlen);
	}
}

/* Appends html[0, n) to b with every CSP meta element's policy rewritten. */
static void
csp_copy(sbuf *b, const char *html, size_t n)
{
	const char *p = html, *end = html + n;
	const char *meta;
	while ((meta = find_ci(p, (size_t)(end - p), "<meta")) != NULL) {
		const char *gt = memchr(meta, '>', (size_t)(end - meta));
		if (gt == NULL)
			break;
		size_t tn = (size_t)(gt - meta);
		const char *c = find_ci(meta, tn, " content=\"");
		const char *q = c ? memchr(c + 10, '"', (size_t)(gt - c - 10)) : NULL;
		if (find_ci(meta, tn, "content-security-policy") == NULL || q == NULL) {
			sb_add(b, p, (size_t)(gt - p));
			p = gt;
			continue;
		}
		sb_add(b, p, (size_t)(c + 10 - p));
		csp_rewrite(b, c + 10, (size_t)(q - c - 10));
		p = q;
	}
	sb_add(b, p, (size_t)(end - p));
}

char *
serve_inject(const char *html, size_t n, const char *gen, size_t *outn)
{
	const char *body = rfind_ci(html, n, "</body>");
	size_t at = body ? (size_t)(body - html) : n;
	sbuf b = { NULL, 0, 0, 0 };
	csp_copy(&b, html, at);
	sb_str(&b, "<script src=\"/__mkreport/reload.js\" data-generation=\"");
	for (const char *g = gen; *g; g++)
		if (isdigit((unsigned char)*g) || *g == '.')
			sb_add(&b, g, 1);
	sb_str(&b, "\"></script>");
	sb_add(&b, html + at, n - at);
	if (b.bad || b.p == NULL) {
		free(b.p);
		return NULL;
	}
	*outn = b.len;
	return b.p;
}
