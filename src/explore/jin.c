/* jin: a strict JSON reader into a tree of jin_value. */
#include "explore/jin.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/utf8.h"

/* The reader's state: the text, the next byte, the first error. */
typedef struct jin_reader {
	const char *s;
	size_t len;
	size_t at;
	int failed;
	size_t errpos;
} jin_reader;

static int jin_value_read(jin_reader *r, jin_value *v, int depth);

/* Records an error at the current byte (the first one wins); returns -1. */
static int
jin_fail(jin_reader *r)
{
	if (!r->failed) {
		r->failed = 1;
		r->errpos = r->at;
	}
	return -1;
}

/* Skips JSON white space. */
static void
jin_ws(jin_reader *r)
{
	while (r->at < r->len && strchr(" \t\r\n", r->s[r->at]) && r->s[r->at] != '\0')
		r->at++;
}

/* Consumes the literal word w if it is next; returns 0, or -1. */
static int
jin_word(jin_reader *r, const char *w)
{
	size_t n = strlen(w);

	if (r->len - r->at < n || memcmp(r->s + r->at, w, n) != 0)
		return jin_fail(r);
	r->at += n;
	return 0;
}

/* Counts the digits at the current byte and consumes them. */
static size_t
jin_digits(jin_reader *r)
{
	size_t n = 0;

	while (r->at < r->len && r->s[r->at] >= '0' && r->s[r->at] <= '9') {
		r->at++;
		n++;
	}
	return n;
}

/* Reads a number by RFC 8259's grammar into v; out of double's range is an error. */
static int
jin_number(jin_reader *r, jin_value *v)
{
	size_t start = r->at;
	char tmp[64];

	if (r->at < r->len && r->s[r->at] == '-')
		r->at++;
	if (r->at < r->len && r->s[r->at] == '0')
		r->at++;
	else if (jin_digits(r) == 0)
		return jin_fail(r);
	if (r->at < r->len && r->s[r->at] == '.') {
		r->at++;
		if (jin_digits(r) == 0)
			return jin_fail(r);
	}
	if (r->at < r->len && (r->s[r->at] == 'e' || r->s[r->at] == 'E')) {
		r->at++;
		if (r->at < r->len && (r->s[r->at] == '+' || r->s[r->at] == '-'))
			r->at++;
		if (jin_digits(r) == 0)
			return jin_fail(r);
	}
	if (r->at - start >= sizeof tmp) {
		r->at = start;
		return jin_fail(r);
	}
	memcpy(tmp, r->s + start, r->at - start);
	tmp[r->at - start] = '\0';
	errno = 0;
	v->kind = JIN_NUM;
	v->num = strtod(tmp, NULL);
	if (errno == ERANGE && (isinf(v->num) || v->num == 0)) {
		r->at = start;
		return jin_fail(r);
	}
	return 0;
}

/* Reads 4 hex digits; returns the value, or -1. */
static long
jin_hex4(jin_reader *r)
{
	long u = 0;

	if (r->len - r->at < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		char c = r->s[r->at + (size_t)i];
		int d = c >= '0' && c <= '9' ? c - '0'
		    : c >= 'a' && c <= 'f' ? c - 'a' + 10
		    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		u = u * 16 + d;
	}
	r->at += 4;
	return u;
}

/* Appends code point u as UTF-8. */
static void
jin_put_utf8(buf *b, unsigned long u)
{
	char o[4];
	size_t n;

	if (u < 0x80) {
		o[0] = (char)u;
		n = 1;
	} else if (u < 0x800) {
		o[0] = (char)(0xc0 | u >> 6);
		o[1] = (char)(0x80 | (u & 0x3f));
		n = 2;
	} else if (u < 0x10000) {
		o[0] = (char)(0xe0 | u >> 12);
		o[1] = (char)(0x80 | (u >> 6 & 0x3f));
		o[2] = (char)(0x80 | (u & 0x3f));
		n = 3;
	} else {
		o[0] = (char)(0xf0 | u >> 18);
		o[1] = (char)(0x80 | (u >> 12 & 0x3f));
		o[2] = (char)(0x80 | (u >> 6 & 0x3f));
		o[3] = (char)(0x80 | (u & 0x3f));
		n = 4;
	}
	buf_append(b, o, n);
}

/* Reads a \u escape (after the 'u'), a surrogate pair as one code point. */
static int
jin_unicode(jin_reader *r, buf *b)
{
	long u = jin_hex4(r);

	if (u < 0)
		return jin_fail(r);
	if (u >= 0xdc00 && u <= 0xdfff)
		return jin_fail(r);
	if (u >= 0xd800 && u <= 0xdbff) {
		long lo;
		if (r->len - r->at < 2 || r->s[r->at] != '\\' || r->s[r->at + 1] != 'u')
			return jin_fail(r);
		r->at += 2;
		lo = jin_hex4(r);
		if (lo < 0xdc00 || lo > 0xdfff)
			return jin_fail(r);
		u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
	}
	jin_put_utf8(b, (unsigned long)u);
	return 0;
}

/* Reads one escape (after the backslash) into b. */
static int
jin_escape(jin_reader *r, buf *b)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *p;

	if (r->at >= r->len)
		return jin_fail(r);
	if (r->s[r->at] == 'u') {
		r->at++;
		return jin_unicode(r, b);
	}
	p = r->s[r->at] ? strchr(from, r->s[r->at]) : NULL;
	if (p == NULL)
		return jin_fail(r);
	buf_putc(b, to[p - from]);
	r->at++;
	return 0;
}

/* Reads a string (at its opening quote) into *out (owned by the caller). */
static int
jin_string(jin_reader *r, char **out)
{
	buf b;
	size_t bad;

	buf_init(&b);
	r->at++;
	while (r->at < r->len && r->s[r->at] != '"') {
		unsigned char c = (unsigned char)r->s[r->at];
		if (c < 0x20)
			break;
		if (c == '\\') {
			r->at++;
			if (jin_escape(r, &b) < 0)
				break;
			continue;
		}
		buf_putc(&b, (char)c);
		r->at++;
	}
	if (r->failed || r->at >= r->len || r->s[r->at] != '"' ||
	    utf8_check(b.data ? b.data : "", b.len, &bad) < 0) {
		buf_free(&b);
		return jin_fail(r);
	}
	r->at++;
	*out = buf_detach(&b);
	return 0;
}

/* Appends an empty member to v's items (and a NULL key for an object). */
static jin_value *
jin_push(jin_value *v, size_t *cap)
{
	if (v->n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		v->items = util_xrealloc(v->items, *cap * sizeof *v->items);
		if (v->kind == JIN_OBJ)
			v->keys = util_xrealloc(v->keys, *cap * sizeof *v->keys);
	}
	memset(&v->items[v->n], 0, sizeof v->items[v->n]);
	if (v->kind == JIN_OBJ)
		v->keys[v->n] = NULL;
	return &v->items[v->n++];
}

/* Reads an array or object (at its opening bracket) into v. */
static int
jin_container(jin_reader *r, jin_value *v, int depth)
{
	char close = r->s[r->at] == '[' ? ']' : '}';
	size_t cap = 0;

	v->kind = close == ']' ? JIN_ARR : JIN_OBJ;
	if (depth >= JIN_MAX_DEPTH)
		return jin_fail(r);
	r->at++;
	jin_ws(r);
	if (r->at < r->len && r->s[r->at] == close) {
		r->at++;
		return 0;
	}
	for (;;) {
		jin_value *item = jin_push(v, &cap);
		jin_ws(r);
		if (v->kind == JIN_OBJ) {
			if (r->at >= r->len || r->s[r->at] != '"' ||
			    jin_string(r, &v->keys[v->n - 1]) < 0)
				return jin_fail(r);
			jin_ws(r);
			if (r->at >= r->len || r->s[r->at] != ':')
				return jin_fail(r);
			r->at++;
		}
		if (jin_value_read(r, item, depth + 1) < 0)
			return -1;
		jin_ws(r);
		if (r->at < r->len && r->s[r->at] == ',') {
			r->at++;
			continue;
		}
		if (r->at < r->len && r->s[r->at] == close) {
			r->at++;
			return 0;
		}
		return jin_fail(r);
	}
}

/* Reads one value (after white space) into v. */
static int
jin_value_read(jin_reader *r, jin_value *v, int depth)
{
	jin_ws(r);
	if (r->at >= r->len)
		return jin_fail(r);
	switch (r->s[r->at]) {
	case '{':
	case '[':
		return jin_container(r, v, depth);
	case '"':
		v->kind = JIN_STR;
		return jin_string(r, &v->str);
	case 'n':
		v->kind = JIN_NULL;
		return jin_word(r, "null");
	case 't':
		v->kind = JIN_BOOL;
		v->num = 1;
		return jin_word(r, "true");
	case 'f':
		v->kind = JIN_BOOL;
		return jin_word(r, "false");
	default:
		return jin_number(r, v);
	}
}

/* Frees what v holds (not v itself). */
static void
jin_clear(jin_value *v)
{
	for (size_t i = 0; i < v->n; i++) {
		jin_clear(&v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->str);
}

jin_value *
jin_parse(const char *s, size_t len, size_t *errpos)
{
	jin_reader r = { s, len, 0, 0, 0 };
	jin_value *v = util_xcalloc(1, sizeof *v);

	if (jin_value_read(&r, v, 0) == 0) {
		jin_ws(&r);
		if (r.at < r.len)
			jin_fail(&r);
	}
	if (!r.failed)
		return v;
	if (errpos)
		*errpos = r.errpos;
	jin_free(v);
	return NULL;
}

void
jin_free(jin_value *v)
{
	if (v == NULL)
		return;
	jin_clear(v);
	free(v);
}

const jin_value *
jin_get(const jin_value *v, const char *key)
{
	const jin_value *found = NULL;

	if (v == NULL || v->kind != JIN_OBJ)
		return NULL;
	for (size_t i = 0; i < v->n; i++)
		if (v->keys[i] && strcmp(v->keys[i], key) == 0)
			found = &v->items[i];
	return found;
}
