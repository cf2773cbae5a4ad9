/* finish: what cairo 1.16 cannot write into report.pdf (language, alt texts, artifacts
 * out of the structure, viewer preferences, PDF dates), added by reading cairo's file
 * object by object, editing the few objects that change and writing it again with
 * object streams, a cross-reference stream and an ID computed from the content. */
#include "pdf/pdf_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "util/hash.h"
#include "util/sha256.h"

enum {
	OBJSTM_MAX = 100,  /* objects per object stream (qpdf's default too) */
	MAX_DEPTH = 64     /* nesting of dictionaries and arrays read */
};

/* A range [b, e) of bytes of cairo's file. */
typedef struct span {
	size_t b, e;
} span;

/* One object of cairo's file. */
typedef struct obj {
	size_t at;      /* offset of "N 0 obj", 0: not in use */
	span val;       /* its value (a stream's dictionary) */
	span data;      /* a stream's bytes; data.e == 0: not a stream */
	buf edit;       /* the edited value, when edited */
	buf stream;     /* a stream's new (deflated) bytes, when restream */
	unsigned char edited, restream, gone, seen;
} obj;

/* The file being finished. */
typedef struct fin {
	const char *s;  /* cairo's file */
	size_t len;     /* its bytes */
	obj *o;         /* objects by number */
	size_t n;       /* entries of o (the trailer's /Size) */
	long root, info;                 /* the catalog and Info objects, or -1 */
	const pdf_finish_info *fi;
	hash_table *dests;               /* destination name -> index in fi->dests */
	size_t nfig;                     /* Figure elements met */
	int nnote;                       /* Note elements met */
	char *why;                       /* the reason of a failure */
	size_t nwhy;
	int marked;                      /* 1: pages' content is not read (pdf_finish_marked) */
} fin;

/* Records the reason of a failure (the first one) and returns -1. */
static int
fail(fin *f, const char *what)
{
	if (f->why[0] == '\0')
		snprintf(f->why, f->nwhy, "%s", what);
	return -1;
}

/* ---- Reading values ---- */

/* Returns whether c is PDF white space. */
static int
is_ws(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

/* Returns whether c ends a name, number or keyword. */
static int
is_delim(char c)
{
	return is_ws(c) || strchr("()<>[]{}/%", c) != NULL;
}

/* Returns the first offset from i on (before e) that is not white space or comment. */
static size_t
skip_ws(const fin *f, size_t i, size_t e)
{
	while (i < e) {
		if (f->s[i] == '%') {
			while (i < e && f->s[i] != '\n' && f->s[i] != '\r')
				i++;
		} else if (is_ws(f->s[i])) {
			i++;
		} else {
			break;
		}
	}
	return i;
}

/* Returns the end of the run of regular characters at i (before e). */
static size_t
skip_word(const fin *f, size_t i, size_t e)
{
	while (i < e && !is_delim(f->s[i]))
		i++;
	return i;
}

/* Returns the end of the literal string at i (its "("), or 0 if unterminated. */
static size_t
skip_literal(const fin *f, size_t i, size_t e)
{
	int depth = 0;
	for (; i < e; i++) {
		char c = f->s[i];
		if (c == '\\')
			i++;
		else if (c == '(')
			depth++;
		else if (c == ')' && --depth == 0)
			return i + 1;
	}
	return 0;
}

/* Returns the offset after the digits at i (before e). */
static size_t
skip_digits(const fin *f, size_t i, size_t e)
{
	while (i < e && f->s[i] >= '0' && f->s[i] <= '9')
		i++;
	return i;
}

static size_t skip_value_in(const fin *f, size_t i, size_t e, int depth);

/* Returns the end of the dictionary (at "<<") or array (at "[") at i, or 0. */
static size_t
skip_container(const fin *f, size_t i, size_t e, int depth)
{
	int dict = f->s[i] == '<';
	const char *close = dict ? ">>" : "]";
	size_t cl = dict ? 2 : 1;
	for (i += cl;;) {
		i = skip_ws(f, i, e);
		if (i + cl <= e && memcmp(f->s + i, close, cl) == 0)
			return i + cl;
		if (i >= e)
			return 0;
		if (dict) { /* the key */
			if (f->s[i] != '/')
				return 0;
			i = skip_ws(f, skip_word(f, i + 1, e), e);
		}
		i = skip_value_in(f, i, e, depth + 1);
		if (i == 0)
			return 0;
	}
}

/* Returns the end of the value starting at i (no white space before it), or 0 if there
 * is no well-formed value there before e. A reference "N G R" is one value. */
static size_t
skip_value_in(const fin *f, size_t i, size_t e, int depth)
{
	if (i >= e || depth > MAX_DEPTH)
		return 0;
	char c = f->s[i];
	if ((c == '<' && i + 1 < e && f->s[i + 1] == '<') || c == '[')
		return skip_container(f, i, e, depth);
	if (c == '<') {
		const char *gt = memchr(f->s + i, '>', e - i);
		return gt ? (size_t)(gt - f->s) + 1 : 0;
	}
	if (c == '(')
		return skip_literal(f, i, e);
	if (c == '/')
		return skip_word(f, i + 1, e);
	if (strchr(")>]}{", c) != NULL)
		return 0;
	size_t j = skip_word(f, i, e);
	if (j == i)
		return 0;
	if (c >= '0' && c <= '9' && skip_digits(f, i, j) == j) { /* maybe "N G R" */
		size_t g = skip_ws(f, j, e), ge = skip_digits(f, g, e);
		size_t r = skip_ws(f, ge, e);
		if (ge > g && r < e && f->s[r] == 'R' && (r + 1 == e || is_delim(f->s[r + 1])))
			return r + 1;
	}
	return j;
}

/* skip_value_in at depth 0. */
static size_t
skip_value(const fin *f, size_t i, size_t e)
{
	return skip_value_in(f, i, e, 0);
}

/* Returns whether v is the dictionary of a (non-empty) span. */
static int
is_dict(const fin *f, span v)
{
	return v.e > v.b + 1 && f->s[v.b] == '<' && f->s[v.b + 1] == '<';
}

/* Returns whether v is an array. */
static int
is_array(const fin *f, span v)
{
	return v.e > v.b && f->s[v.b] == '[';
}

/* Returns the object number v refers to ("N G R"), or -1. */
static long
ref_of(const fin *f, span v)
{
	if (v.e <= v.b || f->s[v.e - 1] != 'R' || f->s[v.b] < '0' || f->s[v.b] > '9')
		return -1;
	long n = 0;
	for (size_t i = v.b; i < v.e && f->s[i] >= '0' && f->s[i] <= '9'; i++) {
		n = n * 10 + (f->s[i] - '0');
		if (n > 100000000)
			return -1;
	}
	return n;
}

/* Returns the value v resolved: the value of the object it refers to, if it is a
 * reference to an object in use; else v. */
static span
resolve(const fin *f, span v)
{
	long r = ref_of(f, v);
	if (r > 0 && (size_t)r < f->n && f->o[r].at != 0)
		return f->o[r].val;
	return v;
}

/* Calls each(f, key, value, arg) for every entry of dictionary d, in order; stops
 * when it returns non-zero and returns that. */
static int
dict_each(const fin *f, span d, int (*each)(const fin *, span, span, void *), void *arg)
{
	if (!is_dict(f, d))
		return 0;
	for (size_t i = d.b + 2;;) {
		i = skip_ws(f, i, d.e);
		if (i >= d.e || f->s[i] != '/')
			return 0;
		span k = { i, skip_word(f, i + 1, d.e) };
		size_t vb = skip_ws(f, k.e, d.e);
		span v = { vb, skip_value(f, vb, d.e) };
		if (v.e == 0)
			return 0;
		int rc = each(f, k, v, arg);
		if (rc != 0)
			return rc;
		i = v.e;
	}
}

/* Returns whether the name at k is the name key (with its "/"). */
static int
name_is(const fin *f, span k, const char *key)
{
	size_t n = strlen(key);
	return k.e - k.b == n && memcmp(f->s + k.b, key, n) == 0;
}

/* What dict_get looks for. */
typedef struct get_arg {
	const char *key;
	span found;
} get_arg;

/* dict_each callback of dict_get. */
static int
get_each(const fin *f, span k, span v, void *arg)
{
	get_arg *a = arg;
	if (!name_is(f, k, a->key))
		return 0;
	a->found = v;
	return 1;
}

/* Returns the value of key (with its "/") in dictionary d, or an empty span. */
static span
dict_get(const fin *f, span d, const char *key)
{
	get_arg a = { key, { 0, 0 } };
	dict_each(f, d, get_each, &a);
	return a.found;
}

/* Returns the value of key in d, resolved. */
static span
dict_get_r(const fin *f, span d, const char *key)
{
	return resolve(f, dict_get(f, d, key));
}

/* Calls each(f, item, arg) for every item of array a, in order. */
static void
array_each(const fin *f, span a, void (*each)(const fin *, span, void *), void *arg)
{
	if (!is_array(f, a))
		return;
	for (size_t i = a.b + 1;;) {
		i = skip_ws(f, i, a.e);
		if (i >= a.e || f->s[i] == ']')
			return;
		span v = { i, skip_value(f, i, a.e) };
		if (v.e == 0)
			return;
		each(f, v, arg);
		i = v.e;
	}
}

/* Appends the bytes of v to b. */
static void
put_span(buf *b, const fin *f, span v)
{
	buf_append(b, f->s + v.b, v.e - v.b);
}

/* Appends the string the literal v stands for to out (escapes undone; octal, line
 * continuations and the named escapes). */
static void
literal_text(const fin *f, span v, buf *out)
{
	static const char from[] = "nrtbf()\\", to[] = "\n\r\t\b\f()\\";
	for (size_t i = v.b + 1; i + 1 < v.e; i++) {
		char c = f->s[i];
		if (c != '\\') {
			buf_putc(out, c);
			continue;
		}
		c = f->s[++i];
		const char *k = strchr(from, c);
		if (k != NULL && c != '\0') {
			buf_putc(out, to[k - from]);
		} else if (c >= '0' && c <= '7') {
			int x = 0;
			for (int d = 0; d < 3 && f->s[i] >= '0' && f->s[i] <= '7'; d++)
				x = x * 8 + (f->s[i++] - '0');
			i--;
			buf_putc(out, (char)x);
		} else if (c == '\r' && f->s[i + 1] == '\n') {
			i++;
		} else if (c != '\n' && c != '\r') {
			buf_putc(out, c);
		}
	}
}

/* ---- Writing values ---- */

/* Appends s as a PDF text string: a literal if it is printable ASCII, else UTF-16BE
 * with a byte order mark, in hex. */
static void
put_text(buf *b, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (u[i] >= 0x20 && u[i] < 0x7f)
		i++;
	if (u[i] == '\0') {
		buf_putc(b, '(');
		for (i = 0; u[i]; i++) {
			if (u[i] == '(' || u[i] == ')' || u[i] == '\\')
				buf_putc(b, '\\');
			buf_putc(b, (char)u[i]);
		}
		buf_putc(b, ')');
		return;
	}
	buf_puts(b, "<FEFF");
	for (i = 0; u[i];) {
		uint32_t cp = u[i];
		int extra = cp >= 0xf0 ? 3 : cp >= 0xe0 ? 2 : cp >= 0xc0 ? 1 : 0;
		cp &= extra == 3 ? 0x07 : extra == 2 ? 0x0f : extra == 1 ? 0x1f : 0x7f;
		i++;
		for (int k = 0; k < extra && (u[i] & 0xc0) == 0x80; k++)
			cp = cp << 6 | (u[i++] & 0x3f);
		if (cp >= 0x10000) {
			cp -= 0x10000;
			buf_printf(b, "%04X%04X", 0xd800 + (unsigned)(cp >> 10),
			    0xdc00 + (unsigned)(cp & 0x3ff));
		} else {
			buf_printf(b, "%04X", (unsigned)cp);
		}
	}
	buf_putc(b, '>');
}

/* What dict_copy copies. */
typedef struct copy_arg {
	buf *out;
	const char *const *drop;  /* keys left out, NULL-terminated */
} copy_arg;

/* dict_each callback of dict_copy. */
static int
copy_each(const fin *f, span k, span v, void *arg)
{
	copy_arg *a = arg;
	for (size_t i = 0; a->drop[i] != NULL; i++)
		if (name_is(f, k, a->drop[i]))
			return 0;
	buf_putc(a->out, ' ');
	put_span(a->out, f, k);
	buf_putc(a->out, ' ');
	put_span(a->out, f, v);
	return 0;
}

/* Starts object n's edited value in f: "<<" and the entries of its dictionary but the
 * keys of drop (NULL-terminated). Returns the buffer; the caller adds entries and
 * ">>". */
static buf *
edit_dict(fin *f, long n, const char *const *drop)
{
	obj *o = &f->o[n];
	span d = o->val;
	buf_reset(&o->edit);
	buf_puts(&o->edit, "<<");
	copy_arg a = { &o->edit, drop };
	dict_each(f, d, copy_each, &a);
	o->edited = 1;
	return &o->edit;
}

/* ---- The structure tree ---- */

static int walk_kids(fin *f, span k, buf *kids);

/* Visits structure element n: an artifact is taken out (returns 1: its parent drops
 * it), a Figure gets its /Alt, a TH a column scope, a Note its /ID; /Type goes (it is
 * optional: 17 bytes of each of thousands); then its children. Returns 0, 1, or -1 on
 * a malformed tree. */
static int
visit(fin *f, long n)
{
	obj *o = &f->o[n];
	if (o->seen)
		return fail(f, "the structure tree holds an element twice");
	o->seen = 1;
	span s = dict_get(f, o->val, "/S");
	if (s.e == 0)
		return 0; /* not an element */
	if (name_is(f, s, "/" PDF_TAG_ARTIFACT)) {
		o->gone = 1;
		return 1;
	}
	buf extra;
	buf_init(&extra);
	if (name_is(f, s, "/Figure")) {
		const char *alt = f->nfig < f->fi->nalts ? f->fi->alts[f->nfig] : "";
		buf_puts(&extra, " /Alt ");
		put_text(&extra, alt);
		f->nfig++;
	} else if (name_is(f, s, "/TH")) { /* header rows only: column headers */
		buf_puts(&extra, " /A << /O /Table /Scope /Column >>");
	} else if (name_is(f, s, "/Note")) {
		buf_printf(&extra, " /ID (note-%d)", ++f->nnote);
	}
	buf kids;
	buf_init(&kids);
	int rc = walk_kids(f, dict_get(f, o->val, "/K"), &kids);
	if (rc == 0) {
		static const char *const drop[] = { "/Type", "/Alt", "/A", "/ID", "/K", NULL };
		span k = dict_get(f, o->val, "/K");
		buf *e = edit_dict(f, n, drop);
		if (k.e != 0) {
			buf_puts(e, " /K ");
			if (kids.len > 0)
				buf_append(e, kids.data, kids.len);
			else
				put_span(e, f, k);
		}
		buf_append(e, extra.data, extra.len);
		buf_puts(e, " >>");
	}
	buf_free(&kids);
	buf_free(&extra);
	return rc < 0 ? -1 : 0;
}

/* What walk_kids' array callback carries. */
typedef struct kids_arg {
	fin *f;
	buf *out;     /* the array without the artifacts */
	int dropped;  /* items left out */
	int rc;       /* -1 once visit failed */
} kids_arg;

/* array_each callback of walk_kids: visits an item, keeps it unless it is dropped. */
static void
kid_each(const fin *cf, span v, void *arg)
{
	kids_arg *a = arg;
	long r = ref_of(cf, v);
	int gone = 0;
	if (r > 0 && (size_t)r < a->f->n && a->f->o[r].at != 0 && a->rc == 0 &&
	    is_dict(cf, a->f->o[r].val)) {
		gone = visit(a->f, r);
		if (gone < 0) {
			a->rc = -1;
			gone = 0;
		}
	}
	if (gone) {
		a->dropped++;
		return;
	}
	buf_putc(a->out, ' ');
	put_span(a->out, cf, v);
}

/* Visits the children k (the /K value) of an element or of the tree's root. When
 * some are dropped, stores the new /K value in kids (else leaves it empty). Returns 0
 * or -1. */
static int
walk_kids(fin *f, span k, buf *kids)
{
	if (k.e == 0)
		return 0;
	long r = ref_of(f, k);
	if (r >= 0) {
		if ((size_t)r >= f->n || f->o[r].at == 0 || !is_dict(f, f->o[r].val))
			return 0;
		int gone = visit(f, r);
		if (gone > 0)
			buf_puts(kids, "[ ]");
		return gone < 0 ? -1 : 0;
	}
	if (!is_array(f, k))
		return 0;
	buf a;
	buf_init(&a);
	buf_putc(&a, '[');
	kids_arg ka = { f, &a, 0, 0 };
	array_each(f, k, kid_each, &ka);
	buf_puts(&a, " ]");
	if (ka.dropped > 0 && ka.rc == 0)
		buf_append(kids, a.data, a.len);
	buf_free(&a);
	return ka.rc;
}

/* What the parent tree's rewrite carries. */
typedef struct nums_arg {
	fin *f;
	buf *out;     /* the array rewritten */
	size_t i;     /* items seen */
	int changed;  /* 1 once an item became null */
} nums_arg;

/* Returns whether v refers to an element taken out. */
static int
is_gone_ref(const fin *f, span v)
{
	long r = ref_of(f, v);
	return r > 0 && (size_t)r < f->n && f->o[r].gone;
}

/* array_each callback: copies an item of an array of the parent tree, null if it
 * names an element taken out (in /Nums, only values: odd items). */
static void
null_each(const fin *cf, span v, void *arg)
{
	nums_arg *a = arg;
	int value = a->i++ % 2 == 1;
	buf_putc(a->out, ' ');
	if (value && is_gone_ref(cf, v)) {
		buf_puts(a->out, "null");
		a->changed = 1;
	} else {
		put_span(a->out, cf, v);
	}
}

/* array_each callback of an array of the parent tree (all items are values). */
static void
null_all_each(const fin *cf, span v, void *arg)
{
	nums_arg *a = arg;
	buf_putc(a->out, ' ');
	if (is_gone_ref(cf, v)) {
		buf_puts(a->out, "null");
		a->changed = 1;
	} else {
		put_span(a->out, cf, v);
	}
}

/* Makes null, in the array object n, the items naming an element taken out. */
static void
null_array_obj(fin *f, long n)
{
	buf a;
	buf_init(&a);
	buf_putc(&a, '[');
	nums_arg na = { f, &a, 0, 0 };
	array_each(f, f->o[n].val, null_all_each, &na);
	buf_puts(&a, " ]");
	if (na.changed) {
		buf_free(&f->o[n].edit);
		f->o[n].edit = a;
		f->o[n].edited = 1;
	} else {
		buf_free(&a);
	}
}

/* array_each callback of /Nums: rewrites the array objects the values refer to. */
static void
nums_objs_each(const fin *cf, span v, void *arg)
{
	nums_arg *a = arg;
	long r = a->i++ % 2 == 1 ? ref_of(cf, v) : -1;
	if (r > 0 && (size_t)r < a->f->n && a->f->o[r].at != 0 && is_array(cf, a->f->o[r].val))
		null_array_obj(a->f, r);
}

/* Makes null every entry of the parent tree (object pt, a flat /Nums as cairo writes
 * it) that names an element taken out: their marked content stays, as artifacts,
 * owned by no element. */
static void
null_parents(fin *f, long pt)
{
	if (pt <= 0 || (size_t)pt >= f->n || f->o[pt].at == 0)
		return;
	span nums = dict_get(f, f->o[pt].val, "/Nums");
	if (!is_array(f, nums))
		return;
	nums_arg walk = { f, NULL, 0, 0 };
	array_each(f, nums, nums_objs_each, &walk);
	buf a;
	buf_init(&a);
	buf_putc(&a, '[');
	nums_arg na = { f, &a, 0, 0 };
	array_each(f, nums, null_each, &na);
	buf_puts(&a, " ]");
	if (na.changed) {
		static const char *const drop[] = { "/Nums", NULL };
		buf *e = edit_dict(f, pt, drop);
		buf_puts(e, " /Nums ");
		buf_append(e, a.data, a.len);
		buf_puts(e, " >>");
	}
	buf_free(&a);
}

/* ---- Pages, annotations, catalog, dates ---- */

/* Makes room for at least room more bytes after out's content (and its NUL). */
static void
grow(buf *out, size_t room)
{
	if (out->cap >= out->len + room + 1)
		return;
	out->cap = out->len + room + 1 + out->cap;
	out->data = util_xrealloc(out->data, out->cap);
}

/* Appends the bytes inflated from the zlib stream v to out; 0 or -1. */
static int
inflate_span(const fin *f, span v, buf *out)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	if (inflateInit(&z) != Z_OK)
		return -1;
	z.next_in = (Bytef *)(f->s + v.b);
	z.avail_in = (uInt)(v.e - v.b);
	int rc;
	do {
		grow(out, 65536);
		z.next_out = (Bytef *)out->data + out->len;
		z.avail_out = (uInt)(out->cap - out->len - 1);
		rc = inflate(&z, Z_NO_FLUSH);
		out->len = out->cap - 1 - z.avail_out;
	} while (rc == Z_OK);
	inflateEnd(&z);
	out->data[out->len] = '\0';
	return rc == Z_STREAM_END ? 0 : -1;
}

/* Appends the n bytes at p deflated (zlib format, level 6) to out. */
static void
deflate_to(const void *p, size_t n, buf *out)
{
	uLong need = compressBound((uLong)n);
	grow(out, need);
	uLongf got = need;
	if (compress2((Bytef *)out->data + out->len, &got, p, (uLong)n, 6) != Z_OK)
		got = 0; /* cannot happen with compressBound's room */
	out->len += got;
	out->data[out->len] = '\0';
}

/* If b[i..) starts with a line cairo writes to begin an artifact element's marked
 * content ("\n/" PDF_TAG_ARTIFACT " << /MCID <n> >> BDC"), returns its length, else 0. */
static size_t
artifact_at(const buf *b, size_t i)
{
	static const char head[] = "\n/" PDF_TAG_ARTIFACT " << /MCID ", tail[] = " >> BDC";
	size_t h = sizeof head - 1, t = sizeof tail - 1;
	if (b->len - i < h || memcmp(b->data + i, head, h) != 0)
		return 0;
	size_t j = i + h;
	while (j < b->len && b->data[j] >= '0' && b->data[j] <= '9')
		j++;
	if (j == i + h || b->len - j < t || memcmp(b->data + j, tail, t) != 0)
		return 0;
	return j + t - i;
}

/* Rewrites, in the content stream n of a page, the marked content of the artifact
 * elements as /Artifact BMC: an artifact has no MCID, no element owns it. Returns 0
 * or -1. */
static int
mark_artifacts(fin *f, long n)
{
	obj *o = &f->o[n];
	if (o->data.e == 0 || o->restream)
		return 0;
	span filter = dict_get(f, o->val, "/Filter");
	if (!name_is(f, filter, "/FlateDecode"))
		return filter.e == 0 ? 0 : fail(f, "a page's content has a filter other than Flate");
	buf b, out;
	buf_init(&b);
	buf_init(&out);
	buf_putc(&b, '\n'); /* a tag at the very start matches too */
	int rc = inflate_span(f, o->data, &b);
	size_t hits = 0;
	for (size_t i = 0; rc == 0 && i < b.len;) {
		size_t k = artifact_at(&b, i);
		const char *nl = k > 0 ? NULL : memchr(b.data + i + 1, '\n', b.len - i - 1);
		size_t run = k > 0 ? 0 : nl ? (size_t)(nl - b.data) - i : b.len - i;
		if (k > 0) {
			buf_puts(&out, "\n/Artifact BMC");
			i += k;
			hits++;
		} else {
			buf_append(&out, b.data + i, run);
			i += run;
		}
	}
	if (rc == 0 && hits > 0) {
		deflate_to(out.data + 1, out.len - 1, &o->stream);
		o->restream = 1;
	}
	buf_free(&out);
	buf_free(&b);
	return rc == 0 ? 0 : fail(f, "a page's content cannot be inflated");
}

/* What a link annotation says: its address, or the title of the destination it goes
 * to, else "Link". Appends it as a text string to out. */
static void
link_says(const fin *f, span a, buf *out)
{
	buf t;
	buf_init(&t);
	const char *say = "Link";
	span act = dict_get_r(f, a, "/A");
	span uri = is_dict(f, act) ? dict_get_r(f, act, "/URI") : (span){ 0, 0 };
	if (uri.e > uri.b && f->s[uri.b] == '(') {
		literal_text(f, uri, &t);
		say = buf_str(&t);
	}
	span d = dict_get_r(f, a, "/Dest");
	size_t k;
	if (d.e > d.b && f->s[d.b] == '(') {
		buf name;
		buf_init(&name);
		literal_text(f, d, &name);
		if (hash_get(f->dests, buf_str(&name), &k))
			say = f->fi->dests[k].title;
		buf_free(&name);
	}
	put_text(out, say);
	buf_free(&t);
}

/* array_each callback: gives the link annotation v (a reference) its /Contents. */
static void
annot_each(const fin *cf, span v, void *arg)
{
	fin *f = arg;
	long r = ref_of(cf, v);
	if (r <= 0 || (size_t)r >= f->n || f->o[r].at == 0 || f->o[r].edited)
		return;
	span a = f->o[r].val;
	if (!name_is(f, dict_get(f, a, "/Subtype"), "/Link"))
		return;
	buf says;
	buf_init(&says);
	link_says(f, a, &says);
	static const char *const drop[] = { "/Contents", NULL };
	buf *e = edit_dict(f, r, drop);
	buf_puts(e, " /Contents ");
	buf_append(e, says.data, says.len);
	buf_puts(e, " >>");
	buf_free(&says);
}

/* Finishes page n: /Tabs /S (tab order follows the structure), its links' /Contents,
 * its artifacts' marked content. Returns 0 or -1. */
static int
page(fin *f, long n)
{
	span p = f->o[n].val;
	array_each(f, dict_get_r(f, p, "/Annots"), annot_each, f);
	long c = ref_of(f, dict_get(f, p, "/Contents"));
	if (!f->marked && c > 0 && (size_t)c < f->n && f->o[c].at != 0 &&
	    mark_artifacts(f, c) != 0)
		return -1;
	static const char *const drop[] = { "/Tabs", NULL };
	buf *e = edit_dict(f, n, drop);
	buf_puts(e, " /Tabs /S >>");
	return 0;
}

/* What the page tree walk carries. */
typedef struct pages_arg {
	fin *f;
	int depth;
	int rc;
	int mark_only;  /* 1: only the artifacts of each page's content (pdf_mark_artifacts) */
} pages_arg;

/* Rewrites the artifacts' marked content in the content stream of page n. Returns 0
 * or -1. */
static int
mark_page(fin *f, long n)
{
	long c = ref_of(f, dict_get(f, f->o[n].val, "/Contents"));
	if (c > 0 && (size_t)c < f->n && f->o[c].at != 0)
		return mark_artifacts(f, c);
	return 0;
}

/* array_each callback of /Kids: a page, or a node of pages to walk. */
static void
kid_page_each(const fin *cf, span v, void *arg)
{
	pages_arg *a = arg;
	fin *f = a->f;
	long r = ref_of(cf, v);
	if (a->rc != 0 || r <= 0 || (size_t)r >= f->n || f->o[r].at == 0 || f->o[r].seen)
		return;
	f->o[r].seen = 1;
	span d = f->o[r].val;
	if (name_is(f, dict_get(f, d, "/Type"), "/Pages") && a->depth < MAX_DEPTH) {
		a->depth++;
		array_each(f, dict_get_r(f, d, "/Kids"), kid_page_each, a);
		a->depth--;
	} else if ((a->mark_only ? mark_page(f, r) : page(f, r)) != 0) {
		a->rc = -1;
	}
}

/* Sets the catalog's language, marking and viewer preferences. */
static void
catalog(fin *f)
{
	static const char *const drop[] = { "/Lang", "/MarkInfo", "/ViewerPreferences", NULL };
	buf *e = edit_dict(f, f->root, drop);
	if (f->fi->lang != NULL && f->fi->lang[0] != '\0') {
		buf_puts(e, " /Lang ");
		put_text(e, f->fi->lang);
	}
	buf_puts(e, " /MarkInfo << /Marked true >> /ViewerPreferences << /DisplayDocTitle true >>"
	    " >>");
}

/* Sets the Info dictionary's dates to the day date ("YYYY-MM-DD") as PDF dates. */
static void
dates(fin *f, const char *date)
{
	int y, m, d;
	if (date == NULL || sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3 || f->info <= 0 ||
	    !is_dict(f, f->o[f->info].val))
		return;
	static const char *const drop[] = { "/CreationDate", "/ModDate", NULL };
	buf *e = edit_dict(f, f->info, drop);
	buf_printf(e, " /CreationDate (D:%04d%02d%02d000000Z) /ModDate (D:%04d%02d%02d000000Z)"
	    " >>", y, m, d, y, m, d);
}

/* ---- Reading the file ---- */

/* Parses an unsigned decimal at i (before e) into *v; returns the offset after it, or 0. */
static size_t
read_num(const fin *f, size_t i, size_t e, size_t *v)
{
	size_t j = skip_digits(f, i, e);
	if (j == i || j - i > 12)
		return 0;
	*v = 0;
	for (size_t k = i; k < j; k++)
		*v = *v * 10 + (size_t)(f->s[k] - '0');
	return j;
}

/* Reads the cross-reference table at the end of the file and the trailer into f.
 * Returns 0 or -1. */
static int
read_xref(fin *f)
{
	size_t tail = f->len > 64 ? f->len - 64 : 0, at = 0, x;
	for (size_t i = tail; i + 9 <= f->len; i++)
		if (memcmp(f->s + i, "startxref", 9) == 0)
			at = i;
	if (at == 0 || read_num(f, skip_ws(f, at + 9, f->len), f->len, &x) == 0 ||
	    x + 4 >= f->len || memcmp(f->s + x, "xref", 4) != 0)
		return fail(f, "no cross-reference table");
	size_t i = skip_ws(f, x + 4, f->len), first, count;
	while (i < f->len && f->s[i] >= '0' && f->s[i] <= '9') {
		i = read_num(f, i, f->len, &first);
		i = i ? read_num(f, skip_ws(f, i, f->len), f->len, &count) : 0;
		if (i == 0 || first + count > 10000000)
			return fail(f, "a malformed cross-reference table");
		i = skip_ws(f, i, f->len);
		if (first + count > f->n) {
			f->o = util_xrealloc(f->o, (first + count) * sizeof *f->o);
			memset(f->o + f->n, 0, (first + count - f->n) * sizeof *f->o);
			f->n = first + count;
		}
		for (size_t k = 0; k < count; k++, i += 20) {
			size_t off;
			if (i + 20 > f->len || read_num(f, i, i + 10, &off) != i + 10)
				return fail(f, "a malformed cross-reference entry");
			if (f->s[i + 17] == 'n' && first + k > 0)
				f->o[first + k].at = off;
		}
	}
	if (i + 7 > f->len || memcmp(f->s + i, "trailer", 7) != 0)
		return fail(f, "no trailer");
	size_t tb = skip_ws(f, i + 7, f->len);
	span tr = { tb, skip_value(f, tb, f->len) };
	if (tr.e == 0 || !is_dict(f, tr))
		return fail(f, "a malformed trailer");
	f->root = ref_of(f, dict_get(f, tr, "/Root"));
	f->info = ref_of(f, dict_get(f, tr, "/Info"));
	return 0;
}

/* Reads object n at its offset: its value and, for a stream, where its bytes are
 * (its /Length read from the object it refers to if indirect). Returns 0 or -1. */
static int
read_obj(fin *f, size_t n)
{
	obj *o = &f->o[n];
	size_t num, gen, i = read_num(f, o->at, f->len, &num);
	i = i ? read_num(f, skip_ws(f, i, f->len), f->len, &gen) : 0;
	i = i ? skip_ws(f, i, f->len) : 0;
	if (i == 0 || num != n || i + 3 > f->len || memcmp(f->s + i, "obj", 3) != 0)
		return fail(f, "an object is not where the cross-reference table says");
	size_t vb = skip_ws(f, i + 3, f->len);
	o->val = (span){ vb, skip_value(f, vb, f->len) };
	if (o->val.e == 0)
		return fail(f, "a malformed object");
	i = skip_ws(f, o->val.e, f->len);
	if (i + 6 <= f->len && memcmp(f->s + i, "stream", 6) == 0) {
		i += 6;
		if (i < f->len && f->s[i] == '\r')
			i++;
		if (i < f->len && f->s[i] == '\n')
			i++;
		o->data.b = i;
	}
	return 0;
}

/* Sets where stream n's bytes end, from its /Length. Returns 0 or -1. */
static int
stream_end(fin *f, size_t n)
{
	obj *o = &f->o[n];
	span l = dict_get(f, o->val, "/Length");
	long r = ref_of(f, l);
	if (r > 0 && (size_t)r < f->n && f->o[r].at != 0) {
		l = f->o[r].val;
		f->o[r].gone = 1; /* the length is written directly */
	}
	size_t len;
	if (l.e == 0 || read_num(f, l.b, l.e, &len) != l.e || o->data.b + len > f->len)
		return fail(f, "a stream's length is wrong");
	o->data.e = o->data.b + len;
	size_t i = skip_ws(f, o->data.e, f->len);
	if (i + 9 > f->len || memcmp(f->s + i, "endstream", 9) != 0)
		return fail(f, "a stream's length is wrong");
	return 0;
}

/* Reads every object of f. Returns 0 or -1. */
static int
read_all(fin *f)
{
	if (read_xref(f) != 0)
		return -1;
	for (size_t n = 1; n < f->n; n++)
		if (f->o[n].at != 0 && read_obj(f, n) != 0)
			return -1;
	for (size_t n = 1; n < f->n; n++)
		if (f->o[n].at != 0 && f->o[n].data.b != 0 && stream_end(f, n) != 0)
			return -1;
	if (f->root <= 0 || (size_t)f->root >= f->n || f->o[f->root].at == 0 ||
	    !is_dict(f, f->o[f->root].val))
		return fail(f, "no catalog");
	return 0;
}

/* ---- Writing the file ---- */

/* Where each object of the output is: type 1 (at an offset) or 2 (in a stream). */
typedef struct xent {
	unsigned char type;  /* 0 free, 1 offset, 2 in an object stream */
	size_t a;            /* the offset, or the object stream's number */
	size_t b;            /* the index in the object stream */
} xent;

/* Appends object n's value (edited or cairo's) to b. */
static void
put_value(buf *b, const fin *f, size_t n)
{
	const obj *o = &f->o[n];
	if (o->edited)
		buf_append(b, o->edit.data, o->edit.len);
	else
		put_span(b, f, o->val);
}

/* Writes stream object n to out: its dictionary with the length written directly. */
static void
write_stream(const fin *f, size_t n, buf *out)
{
	const obj *o = &f->o[n];
	static const char *const drop[] = { "/Length", NULL };
	const char *data = o->restream ? o->stream.data : f->s + o->data.b;
	size_t len = o->restream ? o->stream.len : o->data.e - o->data.b;
	buf_printf(out, "%zu 0 obj\n<<", n);
	copy_arg a = { out, drop };
	dict_each(f, o->val, copy_each, &a); /* a stream's dictionary is never edited */
	buf_printf(out, " /Length %zu >>\nstream\n", len);
	buf_append(out, data, len);
	buf_puts(out, "\nendstream\nendobj\n");
}

/* Writes object stream number sn holding the objects ids[0..k) to out, recording
 * where they are in x. */
static void
write_objstm(const fin *f, size_t sn, const size_t *ids, size_t k, xent *x, buf *out)
{
	buf head, body, z;
	buf_init(&head);
	buf_init(&body);
	buf_init(&z);
	for (size_t i = 0; i < k; i++) {
		buf_printf(&head, "%zu %zu ", ids[i], body.len);
		put_value(&body, f, ids[i]);
		buf_putc(&body, '\n');
		x[ids[i]] = (xent){ 2, sn, i };
	}
	head.data[head.len - 1] = '\n';
	buf_append(&head, body.data, body.len);
	deflate_to(head.data, head.len, &z);
	x[sn] = (xent){ 1, out->len, 0 };
	buf_printf(out, "%zu 0 obj\n<< /Type /ObjStm /N %zu /First %zu /Filter /FlateDecode"
	    " /Length %zu >>\nstream\n", sn, k, head.len - body.len, z.len);
	buf_append(out, z.data, z.len);
	buf_puts(out, "\nendstream\nendobj\n");
	buf_free(&head);
	buf_free(&body);
	buf_free(&z);
}

/* Appends the big-endian w-byte v to b. */
static void
put_be(buf *b, size_t v, int w)
{
	for (int i = w - 1; i >= 0; i--)
		buf_putc(b, (char)(v >> (8 * i) & 0xff));
}

/* Writes the cross-reference stream (object xn, entries x[0..xn]) and the end of the
 * file to out; the ID is the first 16 bytes of the SHA-256 of what out holds. */
static void
write_xref(const fin *f, size_t xn, xent *x, buf *out)
{
	uint8_t h[SHA256_LEN];
	sha256(out->data, out->len, h);
	x[xn] = (xent){ 1, out->len, 0 };
	buf rows, z;
	buf_init(&rows);
	buf_init(&z);
	for (size_t i = 0; i <= xn; i++) {
		buf_putc(&rows, (char)x[i].type);
		put_be(&rows, x[i].a, 4);
		put_be(&rows, i == 0 ? 0xffff : x[i].b, 2);
	}
	deflate_to(rows.data, rows.len, &z);
	char id[33];
	for (int i = 0; i < 16; i++)
		snprintf(id + 2 * i, 3, "%02x", h[i]);
	size_t at = out->len;
	buf_printf(out, "%zu 0 obj\n<< /Type /XRef /Size %zu /W [ 1 4 2 ] /Root %ld 0 R", xn,
	    xn + 1, f->root);
	if (f->info > 0 && (size_t)f->info < f->n && !f->o[f->info].gone && f->o[f->info].at)
		buf_printf(out, " /Info %ld 0 R", f->info);
	buf_printf(out, " /ID [ <%s> <%s> ] /Filter /FlateDecode /Length %zu >>\nstream\n", id,
	    id, z.len);
	buf_append(out, z.data, z.len);
	buf_printf(out, "\nendstream\nendobj\nstartxref\n%zu\n%%%%EOF\n", at);
	buf_free(&rows);
	buf_free(&z);
}

/* Writes f into out: cairo's header, the streams, every other object in object
 * streams, the cross-reference stream. */
static void
write_out(const fin *f, buf *out)
{
	size_t head = f->len;
	for (size_t n = 1; n < f->n; n++)
		if (f->o[n].at != 0 && f->o[n].at < head)
			head = f->o[n].at;
	buf_append(out, f->s, head);
	size_t nkept = 0;
	for (size_t n = 1; n < f->n; n++)
		nkept += f->o[n].at != 0 && !f->o[n].gone && f->o[n].data.e == 0;
	size_t nstm = (nkept + OBJSTM_MAX - 1) / OBJSTM_MAX, xn = f->n + nstm;
	xent *x = util_xcalloc(xn + 1, sizeof *x);
	for (size_t n = 1; n < f->n; n++)
		if (f->o[n].at != 0 && !f->o[n].gone && f->o[n].data.e != 0) {
			x[n] = (xent){ 1, out->len, 0 };
			write_stream(f, n, out);
		}
	size_t ids[OBJSTM_MAX], k = 0, sn = f->n;
	for (size_t n = 1; n < f->n; n++) {
		if (f->o[n].at == 0 || f->o[n].gone || f->o[n].data.e != 0)
			continue;
		ids[k++] = n;
		if (k == OBJSTM_MAX) {
			write_objstm(f, sn++, ids, k, x, out);
			k = 0;
		}
	}
	if (k > 0)
		write_objstm(f, sn++, ids, k, x, out);
	write_xref(f, xn, x, out);
	free(x);
}

/* Edits f: the structure tree, the parent tree, the pages, the catalog, the dates.
 * Returns 0 or -1. */
static int
edit(fin *f)
{
	span st = dict_get_r(f, f->o[f->root].val, "/StructTreeRoot");
	long stn = ref_of(f, dict_get(f, f->o[f->root].val, "/StructTreeRoot"));
	if (!is_dict(f, st) || stn <= 0)
		return fail(f, "cairo wrote no structure tree");
	buf kids;
	buf_init(&kids);
	int rc = walk_kids(f, dict_get(f, st, "/K"), &kids);
	if (rc == 0 && kids.len > 0) {
		static const char *const drop[] = { "/K", NULL };
		buf *e = edit_dict(f, stn, drop);
		buf_puts(e, " /K ");
		buf_append(e, kids.data, kids.len);
		buf_puts(e, " >>");
	}
	buf_free(&kids);
	if (rc != 0)
		return -1;
	null_parents(f, ref_of(f, dict_get(f, st, "/ParentTree")));
	if (f->nfig != f->fi->nalts) {
		char m[96];
		snprintf(m, sizeof m, "%zu Figure elements for %zu alt texts", f->nfig,
		    f->fi->nalts);
		return fail(f, m);
	}
	pages_arg pa = { f, 0, 0, 0 };
	span pages = dict_get(f, f->o[f->root].val, "/Pages");
	array_each(f, dict_get_r(f, resolve(f, pages), "/Kids"), kid_page_each, &pa);
	if (pa.rc != 0)
		return -1;
	catalog(f);
	dates(f, f->fi->date);
	return 0;
}

/* pdf_finish, reading the pages' content unless marked. */
static int
finish_in(buf *pdf, const pdf_finish_info *info, char *why, size_t n, int marked)
{
	char reason[200] = "";
	fin f = { pdf->data, pdf->len, NULL, 0, -1, -1, info, hash_new(HASH_BORROW), 0, 0,
		reason, sizeof reason, marked };
	for (size_t i = 0; i < info->ndests; i++)
		hash_add(f.dests, info->dests[i].dest, i, NULL);
	buf out;
	buf_init(&out);
	int rc = pdf->data != NULL && read_all(&f) == 0 && edit(&f) == 0 ? 0 : -1;
	if (rc == 0) {
		out.data = util_xmalloc(pdf->len + 65536); /* one block, as a rule big enough */
		out.cap = pdf->len + 65536;
		write_out(&f, &out);
		buf_free(pdf); /* handed over, not copied (f points into the old bytes) */
		*pdf = out;
		buf_init(&out);
	} else if (strstr(reason, "structure") != NULL || strstr(reason, "Figure") != NULL) {
		snprintf(why, n, "%s", reason);
	} else {
		snprintf(why, n, "cannot read cairo's PDF: %s", reason[0] ? reason : "empty");
	}
	for (size_t i = 0; i < f.n; i++) {
		buf_free(&f.o[i].edit);
		buf_free(&f.o[i].stream);
	}
	free(f.o);
	hash_free(f.dests);
	buf_free(&out);
	return rc;
}

int
pdf_finish(buf *pdf, const pdf_finish_info *info, char *why, size_t n)
{
	return finish_in(pdf, info, why, n, 0);
}

int
pdf_finish_marked(buf *pdf, const pdf_finish_info *info, char *why, size_t n)
{
	return finish_in(pdf, info, why, n, 1);
}

/* Writes f into out in cairo's form: its header, every object in use (streams with
 * their length written directly, rewritten ones with their new bytes), a
 * cross-reference table and the trailer. */
static void
write_plain(const fin *f, buf *out)
{
	size_t head = f->len;
	for (size_t n = 1; n < f->n; n++)
		if (f->o[n].at != 0 && f->o[n].at < head)
			head = f->o[n].at;
	buf_append(out, f->s, head);
	size_t *at = util_xcalloc(f->n + 1, sizeof *at);
	for (size_t n = 1; n < f->n; n++) {
		const obj *o = &f->o[n];
		if (o->at == 0 || o->gone)
			continue;
		at[n] = out->len;
		if (o->data.e != 0) {
			write_stream(f, n, out);
			continue;
		}
		buf_printf(out, "%zu 0 obj\n", n);
		put_value(out, f, n);
		buf_puts(out, "\nendobj\n");
	}
	size_t x = out->len;
	buf_printf(out, "xref\n0 %zu\n0000000000 65535 f \n", f->n);
	for (size_t n = 1; n < f->n; n++)
		if (at[n] != 0)
			buf_printf(out, "%010zu 00000 n \n", at[n]);
		else
			buf_puts(out, "0000000000 65535 f \n");
	buf_printf(out, "trailer\n<< /Size %zu /Root %ld 0 R", f->n, f->root);
	if (f->info > 0)
		buf_printf(out, " /Info %ld 0 R", f->info);
	buf_printf(out, " >>\nstartxref\n%zu\n%%%%EOF\n", x);
	free(at);
}

int
pdf_mark_artifacts(buf *pdf, char *why, size_t n)
{
	char reason[200] = "";
	fin f = { pdf->data, pdf->len, NULL, 0, -1, -1, NULL, NULL, 0, 0, reason, sizeof reason,
		0 };
	int rc = pdf->data != NULL && read_all(&f) == 0 ? 0 : -1;
	if (rc == 0) {
		pages_arg pa = { &f, 0, 0, 1 };
		span pages = dict_get(&f, f.o[f.root].val, "/Pages");
		array_each(&f, dict_get_r(&f, resolve(&f, pages), "/Kids"), kid_page_each, &pa);
		rc = pa.rc;
	}
	if (rc == 0) {
		buf out;
		buf_init(&out);
		write_plain(&f, &out);
		buf_free(pdf);
		*pdf = out;
	} else {
		snprintf(why, n, "cannot read cairo's PDF: %s", reason[0] ? reason : "empty");
	}
	for (size_t i = 0; i < f.n; i++) {
		buf_free(&f.o[i].edit);
		buf_free(&f.o[i].stream);
	}
	free(f.o);
	return rc;
}

/* ---- Joining parts (pdf_join) ---- */

enum {
	J_CATALOG = 1, J_PAGES, J_STRUCT, J_DOC, J_PARENTS, J_NAMES, J_DESTS, J_INFO,
	J_OUTLINES, J_FIRST /* the numbers the joined file gives its own objects, then the
	                     * parts' objects from J_FIRST on */
};

/* One part being joined. */
typedef struct jpart {
	fin f;             /* the part, read */
	size_t *to;        /* the joined number of each of its objects, 0: left out */
	long pages, st, doc, parents, dests; /* its page tree root, structure tree root,
	                                      * Document element, parent tree and
	                                      * destinations' name array object (or -1) */
	long keys;         /* 1 + its highest parent tree key (0: none) */
	long key0;         /* what its keys are moved by */
} jpart;

/* One named destination of the joined file. */
typedef struct jdest {
	char *name;        /* its name (owned) */
	size_t part;       /* the part it is in */
	span val;          /* its value in that part */
} jdest;

/* The joining. */
typedef struct join {
	jpart *p;          /* the parts */
	size_t np;         /* entries of p */
	jdest *d;          /* every named destination */
	size_t nd, capd;   /* entries of d used, allocated */
	size_t next;       /* the next free object number */
	buf out;           /* the joined file */
	size_t *at;        /* the offset of each joined object (0: not written) */
	char *why;         /* the reason of a failure */
	size_t nwhy;
} join;

/* Records the reason of a failure (the first one) and returns -1. */
static int
jfail(join *j, const char *what)
{
	if (j->why[0] == '\0')
		snprintf(j->why, j->nwhy, "%s", what);
	return -1;
}

/* If s[i..e) starts with a reference "N G R", sets *n and returns the offset after
 * it; else returns 0. */
static size_t
ref_at(const fin *f, size_t i, size_t e, size_t *n)
{
	size_t g, a = read_num(f, i, e, n);
	if (a == 0 || a >= e || !is_ws(f->s[a]))
		return 0;
	size_t b = skip_ws(f, a, e);
	b = read_num(f, b, e, &g);
	if (b == 0 || b >= e || !is_ws(f->s[b]))
		return 0;
	b = skip_ws(f, b, e);
	if (b >= e || f->s[b] != 'R' || (b + 1 < e && !is_delim(f->s[b + 1])))
		return 0;
	return b + 1;
}

/* Appends value v of part p to out with every reference renumbered and the integer
 * after /StructParents or /StructParent moved by p's key0. Returns 0, or -1 for a
 * reference to an object the joined file leaves out or a malformed string. */
static int
renum(join *j, const jpart *p, span v, buf *out)
{
	const fin *f = &p->f;
	int key = 0; /* 1: the next integer is a parent tree key */
	for (size_t i = v.b; i < v.e;) {
		char c = f->s[i];
		size_t e, n;
		if (c == '(') {
			e = skip_literal(f, i, v.e);
			if (e == 0)
				return jfail(j, "a part has a malformed string");
		} else if (c == '<' && i + 1 < v.e && f->s[i + 1] == '<') {
			e = i + 2;
		} else if (c == '<') {
			const char *q = memchr(f->s + i, '>', v.e - i);
			if (q == NULL)
				return jfail(j, "a part has a malformed string");
			e = (size_t)(q - f->s) + 1;
		} else if (c == '/') {
			e = skip_word(f, i + 1, v.e);
			span k = { i, e };
			key = name_is(f, k, "/StructParents") || name_is(f, k, "/StructParent");
			put_span(out, f, k);
			i = e;
			continue;
		} else if (c >= '0' && c <= '9' && (e = ref_at(f, i, v.e, &n)) != 0) {
			if (n >= f->n || p->to[n] == 0)
				return jfail(j, "a part refers to an object the joined file leaves out");
			buf_printf(out, "%zu 0 R", p->to[n]);
			i = e;
			continue;
		} else if (c >= '0' && c <= '9' && key && skip_word(f, i, v.e) ==
		    skip_digits(f, i, v.e)) {
			e = read_num(f, i, v.e, &n);
			if (e == 0)
				return jfail(j, "a part has a malformed parent tree key");
			buf_printf(out, "%ld", (long)n + p->key0);
			key = 0;
			i = e;
			continue;
		} else {
			e = is_ws(c) || is_delim(c) ? i + 1 : skip_word(f, i, v.e);
			if (!is_ws(c))
				key = key && (c == '[' || c == ']');
		}
		buf_append(out, f->s + i, e - i);
		i = e;
	}
	return 0;
}

/* Returns the number of the element the structure tree root (or Document element)
 * value d has as its only child, or -1. */
static long
only_kid(const fin *f, span d)
{
	span k = dict_get(f, d, "/K");
	if (is_array(f, k)) {
		size_t i = skip_ws(f, k.b + 1, k.e), e = skip_value(f, i, k.e);
		if (e == 0 || skip_ws(f, e, k.e) != k.e - 1)
			return -1;
		k = (span){ i, e };
	}
	return ref_of(f, k);
}

/* array_each callback of a parent tree's /Nums: keeps the highest key. */
static void
max_key_each(const fin *f, span v, void *arg)
{
	long *keys = arg;
	size_t n;
	if (f->s[v.b] >= '0' && f->s[v.b] <= '9' && read_num(f, v.b, v.e, &n) == v.e &&
	    (long)n + 1 > *keys)
		*keys = (long)n + 1;
}

/* array_each callback of a name tree's /Names: records each name with its value. */
static void
dest_each(const fin *f, span v, void *arg)
{
	join *j = arg;
	if (f->s[v.b] == '(') {
		if (j->nd == j->capd) {
			j->capd = j->capd ? 2 * j->capd : 64;
			j->d = util_xrealloc(j->d, j->capd * sizeof *j->d);
		}
		buf name;
		buf_init(&name);
		literal_text(f, v, &name);
		j->d[j->nd++] = (jdest){ buf_detach(&name), j->np, { 0, 0 } };
		if (j->d[j->nd - 1].name == NULL)
			j->d[j->nd - 1].name = util_xstrdup("");
	} else if (j->nd > 0 && j->d[j->nd - 1].val.e == 0 && j->d[j->nd - 1].part == j->np) {
		j->d[j->nd - 1].val = v;
	}
}

/* Finds in part p (read) its page tree, structure tree, Document element, parent tree
 * and destinations, collecting the destinations into j. Returns 0 or -1. */
static int
find_roots(join *j, jpart *p)
{
	fin *f = &p->f;
	span cat = f->o[f->root].val;
	p->pages = ref_of(f, dict_get(f, cat, "/Pages"));
	p->st = ref_of(f, dict_get(f, cat, "/StructTreeRoot"));
	if (p->pages <= 0 || (size_t)p->pages >= f->n || p->st <= 0 || (size_t)p->st >= f->n ||
	    f->o[p->st].at == 0 || !is_dict(f, dict_get_r(f, cat, "/Pages")))
		return jfail(j, "a part has no page tree or no structure tree");
	span st = f->o[p->st].val;
	p->doc = only_kid(f, st);
	p->parents = ref_of(f, dict_get(f, st, "/ParentTree"));
	if (p->doc <= 0 || (size_t)p->doc >= f->n || f->o[p->doc].at == 0 || p->parents <= 0 ||
	    (size_t)p->parents >= f->n || f->o[p->parents].at == 0)
		return jfail(j, "a part's structure is not one Document element");
	array_each(f, dict_get_r(f, f->o[p->parents].val, "/Nums"), max_key_each, &p->keys);
	span dests = dict_get_r(f, dict_get_r(f, cat, "/Names"), "/Dests");
	p->dests = ref_of(f, dict_get(f, dict_get_r(f, cat, "/Names"), "/Dests"));
	size_t nd = j->nd;
	array_each(f, dict_get_r(f, dests, "/Names"), dest_each, j);
	for (size_t i = nd; i < j->nd; i++)
		if (j->d[i].val.e == 0)
			return jfail(j, "a part has a malformed destination");
	return 0;
}

/* Numbers the objects of part p that the joined file keeps, from j->next on; its
 * page tree, structure tree root and Document element become the joined file's. */
static void
number(join *j, jpart *p)
{
	fin *f = &p->f;
	p->to = util_xcalloc(f->n + 1, sizeof *p->to);
	long names = ref_of(f, dict_get(f, f->o[f->root].val, "/Names"));
	long outl = ref_of(f, dict_get(f, f->o[f->root].val, "/Outlines"));
	for (size_t n = 1; n < f->n; n++) {
		long l = (long)n;
		if (f->o[n].at == 0 || l == f->root || l == f->info || l == p->parents ||
		    l == names || l == p->dests || l == outl)
			continue;
		p->to[n] = l == p->pages ? J_PAGES : l == p->st ? J_STRUCT : l == p->doc ? J_DOC :
		    j->next++;
	}
}

/* Starts joined object n in j->out. */
static void
jobj(join *j, size_t n)
{
	j->at[n] = j->out.len;
	buf_printf(&j->out, "%zu 0 obj\n", n);
}

/* Writes the objects of part p that the joined file keeps as they are (renumbered).
 * Returns 0 or -1. */
static int
write_part(join *j, const jpart *p)
{
	const fin *f = &p->f;
	for (size_t n = 1; n < f->n; n++) {
		size_t to = p->to[n];
		if (to < J_FIRST)
			continue;
		const obj *o = &f->o[n];
		jobj(j, to);
		if (renum(j, p, o->val, &j->out) != 0)
			return -1;
		if (o->data.b != 0) {
			buf_puts(&j->out, "\nstream\n");
			buf_append(&j->out, f->s + o->data.b, o->data.e - o->data.b);
			buf_puts(&j->out, "\nendstream");
		}
		buf_puts(&j->out, "\nendobj\n");
	}
	return 0;
}

/* Appends the items of the array key of the dictionary v of every part (its pages'
 * /Kids, its Document's /K) to the joined file, renumbered. Returns 0 or -1. */
static int
join_arrays(join *j, int doc, const char *key)
{
	buf_puts(&j->out, "[");
	for (size_t i = 0; i < j->np; i++) {
		const jpart *p = &j->p[i];
		span v = dict_get(&p->f, p->f.o[doc ? p->doc : p->pages].val, key);
		if (v.e == 0)
			continue;
		if (is_array(&p->f, v)) /* else one element, written as it is */
			v = (span){ v.b + 1, v.e - 1 };
		buf_putc(&j->out, ' ');
		if (renum(j, p, v, &j->out) != 0)
			return -1;
	}
	buf_puts(&j->out, " ]");
	return 0;
}

/* array_each callback of a parent tree's /Nums: copies one key or value. */
typedef struct jnums_arg {
	join *j;
	const jpart *p;
	int rc;
} jnums_arg;

static void
nums_each(const fin *f, span v, void *arg)
{
	jnums_arg *a = arg;
	size_t n;
	buf_putc(&a->j->out, ' ');
	if (f->s[v.b] >= '0' && f->s[v.b] <= '9' && read_num(f, v.b, v.e, &n) == v.e)
		buf_printf(&a->j->out, "%ld", (long)n + a->p->key0);
	else if (renum(a->j, a->p, v, &a->j->out) != 0)
		a->rc = -1;
}

/* Writes the joined file's page tree, structure tree root, Document element and parent
 * tree. Returns 0 or -1. */
static int
write_trees(join *j)
{
	long pages = 0;
	for (size_t i = 0; i < j->np; i++) {
		span c = dict_get(&j->p[i].f, j->p[i].f.o[j->p[i].pages].val, "/Count");
		size_t n;
		if (c.e == 0 || read_num(&j->p[i].f, c.b, c.e, &n) != c.e)
			return jfail(j, "a part's page tree has no count");
		pages += (long)n;
	}
	jobj(j, J_PAGES);
	buf_puts(&j->out, "<< /Type /Pages /Kids ");
	if (join_arrays(j, 0, "/Kids") != 0)
		return -1;
	buf_printf(&j->out, " /Count %ld >>\nendobj\n", pages);
	jobj(j, J_STRUCT);
	buf_printf(&j->out, "<< /Type /StructTreeRoot /K [ %d 0 R ] /ParentTree %d 0 R >>\n"
	    "endobj\n", J_DOC, J_PARENTS);
	jobj(j, J_DOC);
	buf_puts(&j->out, "<< /S /Document /K ");
	if (join_arrays(j, 1, "/K") != 0)
		return -1;
	buf_printf(&j->out, " /P %d 0 R >>\nendobj\n", J_STRUCT);
	jobj(j, J_PARENTS);
	buf_puts(&j->out, "<< /Nums [");
	jnums_arg a = { j, NULL, 0 };
	for (size_t i = 0; i < j->np; i++) {
		a.p = &j->p[i];
		array_each(&a.p->f, dict_get_r(&a.p->f, a.p->f.o[a.p->parents].val, "/Nums"),
		    nums_each, &a);
	}
	buf_puts(&j->out, " ] >>\nendobj\n");
	return a.rc;
}

/* qsort comparison of destinations by name. */
static int
dest_cmp(const void *a, const void *b)
{
	return strcmp(((const jdest *)a)->name, ((const jdest *)b)->name);
}

/* Writes the joined file's /Names dictionary and its sorted /Dests. Returns 0 or -1. */
static int
write_dests(join *j)
{
	qsort(j->d, j->nd, sizeof *j->d, dest_cmp);
	jobj(j, J_NAMES);
	buf_printf(&j->out, "<< /Dests %d 0 R >>\nendobj\n", J_DESTS);
	jobj(j, J_DESTS);
	buf_puts(&j->out, "<< /Names [");
	for (size_t i = 0; i < j->nd; i++) {
		if (i > 0 && strcmp(j->d[i].name, j->d[i - 1].name) == 0)
			return jfail(j, "two parts name the same destination");
		buf_puts(&j->out, "\n");
		put_text(&j->out, j->d[i].name);
		buf_putc(&j->out, ' ');
		if (renum(j, &j->p[j->d[i].part], j->d[i].val, &j->out) != 0)
			return -1;
	}
	buf_puts(&j->out, " ] >>\nendobj\n");
	return 0;
}

enum {
	JOIN_LEVELS = 8 /* outline levels nested (as pdf.c's outline did) */
};

/* How the outline's items are linked: for each item (-1: none) its parent, previous
 * and next sibling, first and last child, and its number of children. */
typedef struct otree {
	long *up, *prev, *next, *kid0, *kid1, *count;
	long root0, root1, nroot;  /* the first and last top item, the number of them */
} otree;

/* Links the n entries e into o (allocated here; free with otree_free): each nested
 * under the nearest entry before it of a lower level. */
static void
otree_make(otree *o, const pdf_outline_entry *e, size_t n)
{
	long **a[] = { &o->up, &o->prev, &o->next, &o->kid0, &o->kid1, &o->count };
	for (size_t k = 0; k < sizeof a / sizeof *a; k++)
		*a[k] = util_xcalloc(n + 1, sizeof **a[k]);
	long last[JOIN_LEVELS];
	o->root0 = o->root1 = -1;
	o->nroot = 0;
	for (int k = 0; k < JOIN_LEVELS; k++)
		last[k] = -1;
	for (size_t i = 0; i < n; i++) {
		int lv = e[i].level < 1 ? 1 : e[i].level >= JOIN_LEVELS ? JOIN_LEVELS - 1 :
		    e[i].level;
		long u = -1;
		for (int k = lv - 1; k >= 1 && u < 0; k--)
			u = last[k];
		o->up[i] = u;
		o->kid0[i] = o->kid1[i] = o->next[i] = -1;
		long *tail = u < 0 ? &o->root1 : &o->kid1[u];
		o->prev[i] = *tail;
		if (*tail >= 0)
			o->next[*tail] = (long)i;
		else
			*(u < 0 ? &o->root0 : &o->kid0[u]) = (long)i;
		*tail = (long)i;
		*(u < 0 ? &o->nroot : &o->count[u]) += 1;
		last[lv] = (long)i;
		for (int k = lv + 1; k < JOIN_LEVELS; k++)
			last[k] = -1;
	}
}

/* Frees what o holds. */
static void
otree_free(otree *o)
{
	free(o->up);
	free(o->prev);
	free(o->next);
	free(o->kid0);
	free(o->kid1);
	free(o->count);
}

/* Writes the outline of the n entries e (n > 0): item i is object first + i, nested
 * as otree_make says, closed (a negative /Count), going to its named destination. */
static void
write_outline(join *j, const pdf_outline_entry *e, size_t n, size_t first)
{
	otree o;
	otree_make(&o, e, n);
	jobj(j, J_OUTLINES);
	buf_printf(&j->out, "<< /Type /Outlines /First %zu 0 R /Last %zu 0 R /Count %ld >>\n"
	    "endobj\n", first + (size_t)o.root0, first + (size_t)o.root1, o.nroot);
	for (size_t i = 0; i < n; i++) {
		jobj(j, first + i);
		buf_puts(&j->out, "<< /Title ");
		put_text(&j->out, e[i].title);
		buf_printf(&j->out, " /Parent %zu 0 R", o.up[i] < 0 ? (size_t)J_OUTLINES :
		    first + (size_t)o.up[i]);
		const char *name[] = { "/Prev", "/Next", "/First", "/Last" };
		long v[] = { o.prev[i], o.next[i], o.kid0[i], o.kid1[i] };
		for (int k = 0; k < 4; k++)
			if (v[k] >= 0)
				buf_printf(&j->out, " %s %zu 0 R", name[k], first + (size_t)v[k]);
		if (o.count[i] > 0)
			buf_printf(&j->out, " /Count -%ld", o.count[i]);
		buf_puts(&j->out, " /Dest ");
		put_text(&j->out, e[i].dest);
		buf_puts(&j->out, " >>\nendobj\n");
	}
	otree_free(&o);
}

/* Writes the catalog, the Info dictionary (part 0's), the cross-reference table and
 * the trailer of the joined file of size objects. Returns 0 or -1. */
static int
write_end(join *j, int outline, size_t size)
{
	jobj(j, J_CATALOG);
	buf_printf(&j->out, "<< /Type /Catalog /Pages %d 0 R /StructTreeRoot %d 0 R"
	    " /Names %d 0 R", J_PAGES, J_STRUCT, J_NAMES);
	if (outline)
		buf_printf(&j->out, " /Outlines %d 0 R", J_OUTLINES);
	buf_puts(&j->out, " >>\nendobj\n");
	const jpart *p = &j->p[0];
	if (p->f.info <= 0 || (size_t)p->f.info >= p->f.n || p->f.o[p->f.info].at == 0)
		return jfail(j, "the first part has no Info dictionary");
	jobj(j, J_INFO);
	if (renum(j, p, p->f.o[p->f.info].val, &j->out) != 0)
		return -1;
	buf_puts(&j->out, "\nendobj\n");
	size_t x = j->out.len;
	buf_printf(&j->out, "xref\n0 %zu\n0000000000 65535 f \n", size);
	for (size_t n = 1; n < size; n++)
		if (j->at[n] != 0)
			buf_printf(&j->out, "%010zu 00000 n \n", j->at[n]);
		else
			buf_puts(&j->out, "0000000000 65535 f \n");
	buf_printf(&j->out, "trailer\n<< /Size %zu /Root %d 0 R /Info %d 0 R >>\n"
	    "startxref\n%zu\n%%%%EOF\n", size, J_CATALOG, J_INFO, x);
	return 0;
}

/* Reads the n parts into j and numbers their objects. Returns 0 or -1. */
static int
read_parts(join *j, const buf *const *parts, size_t n, char *reason, size_t nreason)
{
	j->p = util_xcalloc(n + 1, sizeof *j->p);
	j->next = J_FIRST;
	long key0 = 0;
	for (size_t i = 0; i < n; i++) {
		jpart *p = &j->p[i];
		p->f = (fin){ parts[i]->data, parts[i]->len, NULL, 0, -1, -1, NULL, NULL, 0, 0,
			reason, nreason, 0 };
		j->np = i;
		if (p->f.s == NULL || read_all(&p->f) != 0) {
			j->np = i + 1;
			return jfail(j, reason[0] ? reason : "a part is empty");
		}
		j->np = i;
		int rc = find_roots(j, p);
		j->np = i + 1;
		if (rc != 0)
			return -1;
		p->key0 = key0;
		key0 += p->keys;
		number(j, p);
	}
	return 0;
}

int
pdf_join(const buf *const *parts, size_t n, const pdf_outline_entry *out, size_t nout,
    buf *pdf, char *why, size_t nwhy)
{
	char reason[200] = "";
	join j = { NULL, 0, NULL, 0, 0, 0, { NULL, 0, 0 }, NULL, reason, sizeof reason };
	buf_init(&j.out);
	int rc = n > 0 && parts[0]->data != NULL ? read_parts(&j, parts, n, reason,
	    sizeof reason) : jfail(&j, "no parts");
	if (rc == 0) {
		size_t size = j.next + nout;
		j.at = util_xcalloc(size + 1, sizeof *j.at);
		size_t head = j.p[0].f.len;
		for (size_t k = 1; k < j.p[0].f.n; k++)
			if (j.p[0].f.o[k].at != 0 && j.p[0].f.o[k].at < head)
				head = j.p[0].f.o[k].at;
		size_t all = 0; /* the output in one block, not grown and copied piece by piece */
		for (size_t i = 0; i < n; i++)
			all += parts[i]->len;
		j.out.data = util_xmalloc(all + all / 8 + 65536);
		j.out.cap = all + all / 8 + 65536;
		buf_append(&j.out, j.p[0].f.s, head);
		for (size_t i = 0; i < j.np && rc == 0; i++)
			rc = write_part(&j, &j.p[i]);
		if (rc == 0 && write_trees(&j) == 0 && write_dests(&j) == 0) {
			if (nout > 0)
				write_outline(&j, out, nout, j.next);
			rc = write_end(&j, nout > 0, size);
		} else {
			rc = -1;
		}
	}
	if (rc == 0) { /* handed over, not copied */
		buf_free(pdf);
		*pdf = j.out;
		buf_init(&j.out);
	} else {
		snprintf(why, nwhy, "cannot join the PDF's parts: %s", reason);
	}
	for (size_t i = 0; i < j.np; i++) {
		free(j.p[i].f.o);
		free(j.p[i].to);
	}
	for (size_t i = 0; i < j.nd; i++)
		free(j.d[i].name);
	free(j.d);
	free(j.p);
	free(j.at);
	buf_free(&j.out);
	return rc;
}
