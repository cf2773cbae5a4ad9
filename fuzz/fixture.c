/* fixture: content/'s report for the render targets, a loader sandbox, output checks. */
#include "fixture.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "cache/cache.h"
#include "cmd/pipeline.h"
#include "load/load.h"
#include "load/text_int.h"
#include "util/buf.h"
#include "util/utf8.h"

#ifndef FUZZ_SRCDIR
#define FUZZ_SRCDIR "."
#endif

#define MINI "tests/fixtures/mini/content"

static pipeline fix;          /* content/ loaded and computed */
static int fix_ready;         /* 1 once fix is */
static char *page_text;       /* section 0's page as fuzz_set_page left it (owned) */
static char *first_text;      /* section 0's page as loaded (kept reachable) */
static char sandbox[64];      /* the loader's copy of the mini fixture, "" until made */
static cache *charts;         /* chart files drawn by the last runs (sandbox/cache) */
static unsigned cache_runs;   /* runs since charts was opened */

enum {
	CACHE_RUNS = 50, /* runs between sweeps of the chart cache */
};

static void sandbox_make(void);
static const char *in_sandbox(const char *rel);

/* Writes a then b into out (n bytes); aborts if that does not fit. */
static void
join(char *out, size_t n, const char *a, const char *b)
{
	int k = snprintf(out, n, "%s%s", a, b);
	if (k < 0 || (size_t)k >= n)
		abort();
}

const char *
fuzz_path(const char *rel)
{
	static char path[4096];
	join(path, sizeof path, FUZZ_SRCDIR "/", rel);
	return path;
}

/* Sets up libxml2 and the fonts as mkreport's main does (once). */
static void
process_init(void)
{
	static int done;
	char why[256];
	if (done)
		return;
	done = 1;
	xmlInitParser();
	if (chart_fonts_init(fuzz_path("templates/fonts.conf"), why, sizeof why) != 0) {
		fprintf(stderr, "fuzz: %s\n", why);
		abort();
	}
}

/* Returns the chart cache, opened (and the sandbox made) on the first call: a chart
 * a run leaves unchanged is not drawn again. Every CACHE_RUNS calls the entries the
 * last CACHE_RUNS runs did not use are removed, so the folder stays small. */
static cache *
chart_cache(void)
{
	if (sandbox[0] == '\0')
		sandbox_make();
	if (charts != NULL && ++cache_runs < CACHE_RUNS)
		return charts;
	if (charts != NULL)
		cache_sweep(charts);
	cache_free(charts);
	cache_runs = 0;
	charts = cache_new(in_sandbox("cache"));
	if (charts == NULL) {
		perror(in_sandbox("cache"));
		abort();
	}
	return charts;
}

render_ctx
fuzz_ctx(diag *d)
{
	if (!fix_ready) {
		process_init();
		diag *e = diag_new();
		if (pipeline_compute(fuzz_path("content"), 1, e, &fix) != 0) {
			diag_print(e, stderr, 0);
			abort();
		}
		diag_free(e);
		fix_ready = 1;
	}
	return (render_ctx){ .rep = fix.rep, .m = fix.m, .d = d, .jobs = 1,
		.cache = chart_cache() };
}

/* Returns 1 if s[0..n) (valid UTF-8) holds a character the loader refuses in text:
 * a C0 control other than TAB, LF and CR, or a noncharacter. */
static int
bad_chars(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned c = s[i];
		size_t k = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
		if (k == 1 && c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			return 1;
		if (k > 1) {
			c &= 0x3f >> (k - 1);
			for (size_t j = 1; j < k; j++)
				c = (c << 6) | (s[i + j] & 0x3f);
			if ((c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe)
				return 1;
		}
		i += k;
	}
	return 0;
}

int
fuzz_tree_ok(const yt_node *n)
{
	if (n->kind == YT_SCALAR)
		return !bad_chars((const unsigned char *)n->str, strlen(n->str));
	for (size_t i = 0; i < n->n; i++)
		if ((n->keys != NULL && !fuzz_tree_ok(n->keys[i])) || !fuzz_tree_ok(n->vals[i]))
			return 0;
	return 1;
}

int
fuzz_set_page(const uint8_t *data, size_t size)
{
	size_t bad;
	int line;
	if (size > LOAD_MAX_PAGE || utf8_check((const char *)data, size, &bad) != 0 ||
	    bad_chars(data, size) || load_run_check((const char *)data, size, LOAD_MAX_RUN,
	    &line) != 0)
		return -1;
	render_ctx c = fuzz_ctx(NULL);
	rep_section *s = &((report *)c.rep)->sections[0];
	if (first_text == NULL)
		first_text = s->text;
	free(page_text);
	page_text = malloc(size + 1);
	if (page_text == NULL)
		abort();
	memcpy(page_text, data, size);
	page_text[size] = '\0';
	s->text = page_text;
	s->len = size;
	return 0;
}

/* Writes the n bytes at data to path; aborts if it cannot. */
static void
put_file(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (f == NULL || fwrite(data, 1, n, f) != n || fclose(f) != 0) {
		perror(path);
		abort();
	}
}

/* Copies the file from to the file to; returns 0, or -1 if from cannot be read. */
static int
copy_file(const char *from, const char *to)
{
	FILE *f = fopen(from, "rb");
	if (f == NULL)
		return -1;
	buf b;
	buf_init(&b);
	char chunk[8192];
	size_t k;
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, k);
	fclose(f);
	put_file(to, b.data ? b.data : "", b.len);
	buf_free(&b);
	return 0;
}

/* Returns sandbox/rel in a buffer the next call overwrites. */
static const char *
in_sandbox(const char *rel)
{
	static char path[4096];
	join(path, sizeof path, sandbox, "/");
	join(path + strlen(path), sizeof path - strlen(path), rel, "");
	return path;
}

/* Copies every file of MINI's folder sub ("" or "data/"...) into the sandbox. */
static void
copy_folder(const char *sub)
{
	char from[4096], to[4096];
	join(from, sizeof from, fuzz_path(MINI "/"), sub);
	DIR *dir = opendir(from);
	if (dir == NULL) {
		perror(from);
		abort();
	}
	for (struct dirent *e; (e = readdir(dir)) != NULL;) {
		char rel[1024];
		struct stat st;
		join(rel, sizeof rel, sub, e->d_name);
		join(from, sizeof from, fuzz_path(MINI "/"), rel);
		join(to, sizeof to, in_sandbox(rel), "");
		if (e->d_name[0] != '.' && stat(from, &st) == 0 && S_ISREG(st.st_mode))
			copy_file(from, to);
	}
	closedir(dir);
}

/* Removes the sandbox (at exit). */
static void
sandbox_remove(void)
{
	static const char *const subs[] = { "data/", "pages/", "cache/", "" };
	for (size_t i = 0; i < sizeof subs / sizeof *subs; i++) {
		DIR *dir = opendir(in_sandbox(subs[i]));
		if (dir == NULL)
			continue;
		for (struct dirent *e; (e = readdir(dir)) != NULL;) {
			char rel[1024];
			join(rel, sizeof rel, subs[i], e->d_name);
			if (e->d_name[0] != '.')
				unlink(in_sandbox(rel));
		}
		closedir(dir);
	}
	rmdir(in_sandbox("data"));
	rmdir(in_sandbox("pages"));
	rmdir(in_sandbox("cache"));
	rmdir(sandbox);
}

/* Makes the sandbox: a new temporary folder holding a copy of MINI. */
static void
sandbox_make(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(sandbox, sizeof sandbox, "%s/mkreport-fuzz-XXXXXX",
	    tmp && *tmp && strlen(tmp) < 32 ? tmp : "/tmp");
	if (mkdtemp(sandbox) == NULL || mkdir(in_sandbox("data"), 0777) != 0 ||
	    mkdir(in_sandbox("pages"), 0777) != 0) {
		perror(sandbox);
		abort();
	}
	atexit(sandbox_remove);
	copy_folder("");
	copy_folder("data/");
	copy_folder("pages/");
}

void
fuzz_load_with(const char *rel, const uint8_t *data, size_t size)
{
	if (sandbox[0] == '\0') {
		process_init();
		sandbox_make();
	}
	put_file(in_sandbox(rel), data, size);
	diag *d = diag_new();
	report_free(load_report(sandbox, d));
	diag_free(d);
	char orig[4096];
	join(orig, sizeof orig, fuzz_path(MINI "/"), rel);
	if (copy_file(orig, in_sandbox(rel)) != 0)
		unlink(in_sandbox(rel));
}

void
fuzz_check_xml(const char *what, const char *s, size_t n)
{
	xmlDocPtr doc = xmlReadMemory(s, (int)n, what, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
	if (doc == NULL) {
		fprintf(stderr, "fuzz: %s is not well-formed XML:\n%.*s\n", what,
		    n > 4000 ? 4000 : (int)n, s);
		abort();
	}
	xmlFreeDoc(doc);
}

void
fuzz_check_node(const char *what, xmlNodePtr root)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlNodeDump(b, root->doc, root, 0, 0);
	fuzz_check_xml(what, (const char *)xmlBufferContent(b), (size_t)xmlBufferLength(b));
	xmlBufferFree(b);
}
