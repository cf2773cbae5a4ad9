/* diag: collect diagnostics with positions and print them all at once. */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/hash.h"

struct diag {
	hash_table *interned; /* interned file names (owned keys) */
	char **texts;      /* formatted diagnostics, recorded order */
	int *is_error;     /* 1 for errors, 0 for warnings, parallel to texts */
	int ntexts;        /* count of diagnostics */
	int cap;           /* entries allocated in texts and is_error */
	int nerrors;       /* count of errors */
};

diag *
diag_new(void)
{
	diag *d = util_xcalloc(1, sizeof(diag));
	d->interned = hash_new(HASH_OWN);
	return d;
}

void
diag_free(diag *d)
{
	if (d == NULL)
		return;
	for (int i = 0; i < d->ntexts; i++)
		free(d->texts[i]);
	hash_free(d->interned);
	free(d->texts);
	free(d->is_error);
	free(d);
}

const char *
diag_intern(diag *d, const char *path)
{
	const char *k = hash_key(d->interned, path);
	if (k != NULL)
		return k;
	char *copy = util_xstrdup(path);
	hash_add(d->interned, copy, 0, NULL);
	return copy;
}

diag_pos
diag_file_pos(diag *d, const char *file)
{
	diag_pos p = { diag_intern(d, file), 0, 0 };
	return p;
}

static void
record(diag *d, diag_pos pos, int is_error, const char *fmt, va_list ap)
{
	buf b;
	buf_init(&b);
	buf_puts(&b, pos.file ? pos.file : "mkreport");
	if (pos.line > 0) {
		buf_printf(&b, ":%d", pos.line);
		if (pos.col > 0)
			buf_printf(&b, ":%d", pos.col);
	}
	buf_puts(&b, is_error ? ": error: " : ": warning: ");
	buf_vprintf(&b, fmt, ap);
	if (d->ntexts == d->cap) { /* doubling: a page of 10^5 bad links stays linear */
		d->cap = d->cap ? 2 * d->cap : 16;
		d->texts = util_xrealloc(d->texts, (size_t)d->cap * sizeof(char *));
		d->is_error = util_xrealloc(d->is_error, (size_t)d->cap * sizeof(int));
	}
	d->texts[d->ntexts] = buf_detach(&b);
	d->is_error[d->ntexts] = is_error;
	d->ntexts++;
	if (is_error)
		d->nerrors++;
}

void
diag_verror(diag *d, diag_pos pos, const char *fmt, va_list ap)
{
	record(d, pos, 1, fmt, ap);
}

void
diag_error(diag *d, diag_pos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	record(d, pos, 1, fmt, ap);
	va_end(ap);
}

void
diag_warn(diag *d, diag_pos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	record(d, pos, 0, fmt, ap);
	va_end(ap);
}

void
diag_move(diag *to, diag *from)
{
	for (int i = 0; i < from->ntexts; i++) {
		if (to->ntexts == to->cap) {
			to->cap = to->cap ? 2 * to->cap : 16;
			to->texts = util_xrealloc(to->texts, (size_t)to->cap * sizeof(char *));
			to->is_error = util_xrealloc(to->is_error, (size_t)to->cap * sizeof(int));
		}
		to->texts[to->ntexts] = from->texts[i];
		to->is_error[to->ntexts] = from->is_error[i];
		to->nerrors += from->is_error[i] != 0;
		to->ntexts++;
	}
	from->ntexts = 0;
	from->nerrors = 0;
}

int
diag_errors(const diag *d)
{
	return d->nerrors;
}

int
diag_count(const diag *d)
{
	return d->ntexts;
}

const char *
diag_text(const diag *d, int i)
{
	if (i < 0 || i >= d->ntexts)
		return NULL;
	return d->texts[i];
}

void
diag_print(const diag *d, FILE *f, int color)
{
	for (int i = 0; i < d->ntexts; i++) {
		const char *t = d->texts[i];
		const char *kw = d->is_error[i] ? ": error: " : ": warning: ";
		const char *at = strstr(t, kw);
		if (!color || at == NULL) {
			fprintf(f, "%s\n", t);
			continue;
		}
		fprintf(f, "\033[1m%.*s\033[0m: %s%s\033[0m: %s\n", (int)(at - t), t,
		    d->is_error[i] ? "\033[1;31m" : "\033[1;35m",
		    d->is_error[i] ? "error" : "warning", at + strlen(kw));
	}
}

/* The progress hook and its argument (diag_progress_hook). */
static diag_progress_fn progress_fn;
static void *progress_arg;

void
diag_progress_hook(diag_progress_fn fn, void *arg)
{
	progress_fn = fn;
	progress_arg = arg;
}

void
diag_progress(const char *stage, size_t total)
{
	if (progress_fn != NULL)
		progress_fn(progress_arg, stage, total);
}
