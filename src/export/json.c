/* json: a pretty-printing JSON writer. */
#include "export/json.h"

#include "export/num.h"

/* Appends a JSON number (null for NaN and infinities). */
static void
put_num(buf *out, double v)
{
	if (!num_put(out, v))
		buf_puts(out, "null");
}

/* Appends s as a JSON string (null for NULL); control characters as \u00XX. */
static void
put_str(buf *out, const char *s)
{
	if (s == NULL) {
		buf_puts(out, "null");
		return;
	}
	buf_putc(out, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			buf_putc(out, '\\');
			buf_putc(out, (char)c);
		} else if (c < 0x20) {
			buf_printf(out, "\\u%04x", c);
		} else {
			buf_putc(out, (char)c);
		}
	}
	buf_putc(out, '"');
}

/* Starts a member (key non-NULL) or an array element (key NULL) on its own line. */
static void
put_sep(json_writer *w, const char *key)
{
	if (!w->first[w->depth])
		buf_putc(w->out, ',');
	w->first[w->depth] = 0;
	buf_putc(w->out, '\n');
	for (int i = 0; i < w->depth; i++)
		buf_puts(w->out, "  ");
	if (key) {
		put_str(w->out, key);
		buf_puts(w->out, ": ");
	}
}

void
json_writer_init(json_writer *w, buf *out)
{
	*w = (json_writer){ .out = out, .depth = 0, .first = { 1 } };
}

void
json_open(json_writer *w, const char *key, char c)
{
	if (w->depth > 0 || !w->first[0])
		put_sep(w, key);
	buf_putc(w->out, c);
	w->depth++;
	w->first[w->depth] = 1;
}

void
json_close(json_writer *w, char c)
{
	int empty = w->first[w->depth];
	w->depth--;
	if (!empty) {
		buf_putc(w->out, '\n');
		for (int i = 0; i < w->depth; i++)
			buf_puts(w->out, "  ");
	}
	buf_putc(w->out, c);
}

void
json_num(json_writer *w, const char *key, double v)
{
	put_sep(w, key);
	put_num(w->out, v);
}

void
json_str(json_writer *w, const char *key, const char *s)
{
	put_sep(w, key);
	put_str(w->out, s);
}

void
json_nums(json_writer *w, const char *key, const double *a, size_t n)
{
	put_sep(w, key);
	buf_putc(w->out, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_puts(w->out, ", ");
		put_num(w->out, a[i]);
	}
	buf_putc(w->out, ']');
}

void
json_ints(json_writer *w, const char *key, const int *a, size_t n)
{
	put_sep(w, key);
	buf_putc(w->out, '[');
	for (size_t i = 0; i < n; i++)
		buf_printf(w->out, i ? ", %d" : "%d", a[i]);
	buf_putc(w->out, ']');
}

void
json_bool(json_writer *w, const char *key, int v)
{
	put_sep(w, key);
	buf_puts(w->out, v ? "true" : "false");
}
