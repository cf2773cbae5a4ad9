/* check_ytree: the YAML tree reader (positions, aliases, limits) and schema's typed reads. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "yaml/schema.h"
#include "yaml/ytree.h"
#include "util/buf.h"
#include "check_main.h"

static diag *d;

static void
setup(void)
{
	d = diag_new();
}

static void
teardown(void)
{
	diag_free(d);
}

static yt_node *
parse(const char *s)
{
	return yt_parse_string("t.yaml", s, strlen(s), 0, d);
}

/* Asserts that diagnostic i reads exactly want. */
static void
want_diag(int i, const char *want)
{
	const char *got = diag_text(d, i);
	ck_assert_ptr_nonnull(got);
	ck_assert_str_eq(got, want);
}

START_TEST(scalars_maps_seqs)
{
	yt_node *r = parse("a: 1\nb:\n  - x\n  - 'y'\n");
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(r->kind, YT_MAP);
	ck_assert_uint_eq(r->n, 2);
	ck_assert_str_eq(r->keys[0]->str, "a");
	ck_assert_int_eq(r->keys[0]->pos.line, 1);
	ck_assert_int_eq(r->keys[0]->pos.col, 1);
	ck_assert_str_eq(r->vals[0]->str, "1");
	ck_assert_int_eq(r->vals[0]->plain, 1);
	ck_assert_int_eq(r->vals[0]->pos.col, 4);
	yt_node *b = yt_get(r, "b");
	ck_assert_int_eq(b->kind, YT_SEQ);
	ck_assert_uint_eq(b->n, 2);
	ck_assert_int_eq(b->pos.line, 3);
	ck_assert_int_eq(b->pos.col, 3);
	ck_assert_str_eq(b->vals[1]->str, "y");
	ck_assert_int_eq(b->vals[1]->plain, 0);
	ck_assert_int_eq(b->vals[1]->pos.line, 4);
	ck_assert_int_eq(b->vals[1]->pos.col, 5);
	ck_assert_str_eq(b->vals[0]->pos.file, "t.yaml");
	ck_assert_ptr_null(yt_get(r, "c"));
	ck_assert_ptr_null(yt_get(b, "a"));
	ck_assert_int_eq(diag_count(d), 0);
	yt_free(r);
}
END_TEST

START_TEST(empty_and_null)
{
	yt_node *r = parse("# only a comment\n");
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(r->kind, YT_MAP);
	ck_assert_uint_eq(r->n, 0);
	yt_free(r);
	r = parse("a: ~\nb:\nc: 'null'\nd: NULL\n");
	ck_assert(yt_is_null(yt_get(r, "a")));
	ck_assert(yt_is_null(yt_get(r, "b")));
	ck_assert(!yt_is_null(yt_get(r, "c")));
	ck_assert(yt_is_null(yt_get(r, "d")));
	yt_free(r);
	yt_free(NULL);
}
END_TEST

START_TEST(line_offset)
{
	const char *s = "a:\n  b: 2\n";
	yt_node *r = yt_parse_string("page.md", s, strlen(s), 10, d);
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(r->keys[0]->pos.line, 11);
	ck_assert_int_eq(yt_get(r, "a")->keys[0]->pos.line, 12);
	ck_assert_int_eq(yt_get(r, "a")->keys[0]->pos.col, 3);
	yt_free(r);
	ck_assert_ptr_null(yt_parse_string("page.md", "a: [1", 5, 10, d));
	want_diag(0, "page.md:12:1: error: syntax error: did not find expected ',' or ']' "
	    "(while parsing a flow sequence at line 11, column 4)");
}
END_TEST

START_TEST(aliases_copied)
{
	yt_node *r = parse("a: &x {k: [1, 2]}\nb: *x\nc: &s hello\nd: *s\n");
	ck_assert_ptr_nonnull(r);
	yt_node *a = yt_get(r, "a"), *b = yt_get(r, "b");
	ck_assert_ptr_ne(a, b);
	ck_assert_int_eq(b->kind, YT_MAP);
	ck_assert_uint_eq(yt_get(b, "k")->n, 2);
	ck_assert_str_eq(yt_get(b, "k")->vals[1]->str, "2");
	ck_assert_ptr_ne(yt_get(a, "k"), yt_get(b, "k"));
	ck_assert_str_eq(yt_get(r, "d")->str, "hello");
	yt_node *c = yt_clone(r);
	yt_free(r);
	ck_assert_str_eq(yt_get(yt_get(c, "b"), "k")->vals[0]->str, "1");
	yt_free(c);
}
END_TEST

START_TEST(alias_bomb)
{
	const char *s =
	    "a: &a [x, x, x, x, x, x, x, x, x]\n"
	    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
	    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
	    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
	    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
	    "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
	    "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
	    "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
	    "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
	ck_assert_ptr_null(parse(s));
	ck_assert_int_eq(diag_errors(d), 1);
	ck_assert_ptr_nonnull(strstr(diag_text(d, 0), "alias expansion exceeds 200000 nodes"));
	ck_assert_ptr_nonnull(strstr(diag_text(d, 0), "t.yaml:6:"));
}
END_TEST

START_TEST(alias_cycle_and_undefined)
{
	ck_assert_ptr_null(parse("a: &a [1, *a]\nb: *nope\n"));
	ck_assert_int_eq(diag_errors(d), 2);
	want_diag(0, "t.yaml:1:11: error: alias '*a' refers to a node that contains it (a cycle)");
	want_diag(1, "t.yaml:2:4: error: undefined alias '*nope'");
}
END_TEST

START_TEST(duplicate_keys)
{
	ck_assert_ptr_null(parse("a: 1\nb: 2\nc:\n  x: 1\n  x: 2\na: 3\n"));
	ck_assert_int_eq(diag_errors(d), 2);
	want_diag(0, "t.yaml:5:3: error: duplicate key 'x' (first at line 4, column 3)");
	want_diag(1, "t.yaml:6:1: error: duplicate key 'a' (first at line 1, column 1)");
}
END_TEST

START_TEST(non_scalar_key_and_tag)
{
	ck_assert_ptr_null(parse("? [a, b]\n: 1\nc: !!str 5\n"));
	ck_assert_int_eq(diag_errors(d), 2);
	want_diag(0, "t.yaml:1:3: error: mapping keys must be scalars, found a sequence");
	want_diag(1, "t.yaml:3:4: error: explicit tags are not allowed "
	    "(found 'tag:yaml.org,2002:str')");
}
END_TEST

/* Returns n nested flow sequences "[[[...]]]" (caller frees). */
static char *
nested(int n)
{
	buf b;
	buf_init(&b);
	for (int i = 0; i < n; i++)
		buf_putc(&b, '[');
	for (int i = 0; i < n; i++)
		buf_putc(&b, ']');
	return buf_detach(&b);
}

START_TEST(depth_limit)
{
	char *ok = nested(YT_MAX_DEPTH);
	yt_node *r = parse(ok);
	ck_assert_ptr_nonnull(r);
	yt_free(r);
	free(ok);
	char *deep = nested(200000);
	ck_assert_ptr_null(parse(deep));
	free(deep);
	ck_assert_int_eq(diag_errors(d), 1);
	want_diag(0, "t.yaml:1:65: error: nesting deeper than 64 levels");
}
END_TEST

/* Returns the seconds parse(s) takes (the tree, if any, is freed). */
/* libyaml is quadratic in bracket depth (80,000 '[' take seconds): the depth limit must
 * stop reading at once (one error, at the first bracket past the limit). The 9 x 9
 * alias bomb (4e8 leaves if walked naively) is refused once the copies reach the node
 * limit. Their times are measured by bench/hostile.sh, not asserted here; Check's
 * per-test timeout only catches a hang. */
START_TEST(hostile_input_refused)
{
	char *deep = malloc(80001);
	memset(deep, '[', 80000);
	deep[80000] = '\0';
	ck_assert_ptr_null(parse(deep));
	ck_assert_int_eq(diag_errors(d), 1);
	ck_assert_ptr_nonnull(strstr(diag_text(d, 0), ":1:65: error: "));
	free(deep);
	const char *bomb =
	    "a: &a [x, x, x, x, x, x, x, x, x]\n"
	    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
	    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
	    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
	    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
	    "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
	    "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
	    "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
	    "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
	ck_assert_ptr_null(parse(bomb));
	ck_assert_int_eq(diag_errors(d), 2);
}
END_TEST

/* 60,000 anchors then 60,000 aliases to the first parse (they took 13 s with a linear
 * search; bench/hostile.sh times them). A redefined anchor name refers to the latest. */
START_TEST(many_anchors)
{
	buf b;
	buf_init(&b);
	buf_puts(&b, "a: [");
	for (int i = 0; i < 60000; i++)
		buf_printf(&b, "%s&a%d x", i ? ", " : "", i);
	buf_puts(&b, "]\nb: [");
	for (int i = 0; i < 60000; i++)
		buf_printf(&b, "%s*a0", i ? ", " : "");
	buf_puts(&b, "]\n");
	yt_node *many = parse(buf_str(&b));
	ck_assert_ptr_nonnull(many);
	ck_assert_uint_eq(yt_get(many, "b")->n, 60000);
	ck_assert_str_eq(yt_get(many, "b")->vals[59999]->str, "x");
	yt_free(many);
	ck_assert_int_eq(diag_errors(d), 0);
	buf_free(&b);
	yt_node *r = parse("a: [&n 1, &n 2, *n]\n");
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(yt_get(r, "a")->vals[2]->str, "2");
	yt_free(r);
}
END_TEST

/* An alias copy sits where the alias is: a duplicate key spelt through an alias names
 * the alias's position and the first key's, not the anchor's. */
START_TEST(alias_position_duplicate_key)
{
	ck_assert_ptr_null(parse("x: &k a\nm:\n  a: 1\n  *k : 2\n"));
	ck_assert_int_eq(diag_errors(d), 1);
	want_diag(0, "t.yaml:4:3: error: duplicate key 'a' (first at line 3, column 3)");
	yt_node *r = parse("x: &v [1, 2]\ny:\n  *v\n");
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(yt_get(r, "y")->pos.line, 3);
	ck_assert_int_eq(yt_get(r, "y")->pos.col, 3);
	ck_assert_int_eq(yt_get(r, "y")->vals[0]->pos.line, 1);
	yt_free(r);
}
END_TEST

START_TEST(invalid_utf8)
{
	ck_assert_ptr_null(parse("a: b\nc: d\xc3\x28\n"));
	want_diag(0, "t.yaml:2:5: error: invalid UTF-8 (byte 0xc3)");
	ck_assert_ptr_null(parse("a: \xed\xa0\x80\n"));
	want_diag(1, "t.yaml:1:4: error: invalid UTF-8 (byte 0xed)");
	yt_node *r = parse("a: \xc3\xa9t\xc3\xa9\n");
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(yt_get(r, "a")->str, "\xc3\xa9t\xc3\xa9");
	yt_free(r);
}
END_TEST

START_TEST(bom_skipped)
{
	yt_node *r = parse("\xef\xbb\xbf" "a: 1\nb: x\n");
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->keys[0]->str, "a");
	ck_assert_int_eq(r->keys[0]->pos.line, 1);
	ck_assert_int_eq(r->keys[0]->pos.col, 1);
	ck_assert_int_eq(yt_get(r, "b")->pos.col, 4);
	yt_free(r);
	ck_assert_ptr_null(parse("\xef\xbb\xbf" "a: \x01\n"));
	want_diag(0, "t.yaml:1:4: error: control character U+0001 is not allowed");
	ck_assert_ptr_null(parse("\xef\xbb\xbf" "a: 1\n b: 2\n"));
	ck_assert_ptr_nonnull(strstr(diag_text(d, 1), "t.yaml:2:3: error: syntax error: "));
	ck_assert_ptr_null(parse("a: 1\n\xef\xbb\xbf" "b: 2\n")); /* only at the start */
	ck_assert_int_eq(diag_errors(d), 3);
}
END_TEST

START_TEST(characters_at_their_column)
{
	/* DEL and a C1 control on one line, a noncharacter raw (libyaml takes it), a CR alone */
	ck_assert_ptr_null(parse("a: x\x7fy\xc2\x9b\nb: \xef\xb7\x90\nc: d\re\n"));
	want_diag(0, "t.yaml:1:5: error: control character U+007F is not allowed");
	want_diag(1, "t.yaml:1:7: error: control character U+009B is not allowed");
	want_diag(2, "t.yaml:2:4: error: noncharacter U+FDD0 is not allowed");
	want_diag(3, "t.yaml:3:5: error: carriage return (U+000D) not followed by a line feed");
	ck_assert_int_eq(diag_errors(d), 4);
	yt_node *r = parse("a: x\r\nb: \"tab\\there\"\n"); /* CR LF and TAB are fine */
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(yt_get(r, "b")->str, "tab\there");
	yt_free(r);
}
END_TEST

START_TEST(characters_from_escapes)
{
	ck_assert_ptr_null(parse("a: ok\nb: \"x\\x01y\"\nc: \"\\uFFFE\"\nd: '\\x01'\n"));
	want_diag(0, "t.yaml:2:4: error: control character U+0001 is not allowed (from an "
	    "escape in this string)");
	want_diag(1, "t.yaml:3:4: error: noncharacter U+FFFE is not allowed (from an escape in "
	    "this string)");
	ck_assert_int_eq(diag_errors(d), 2); /* single quotes have no escapes */
	ck_assert_ptr_null(parse("k: \"\\r\"\n\"\\x7f\": v\n"));
	want_diag(2, "t.yaml:1:4: error: carriage return (U+000D) not followed by a line feed "
	    "(from an escape in this string)");
	want_diag(3, "t.yaml:2:1: error: control character U+007F is not allowed (from an "
	    "escape in this string)");
}
END_TEST

START_TEST(bad_characters_capped)
{
	buf b;
	buf_init(&b);
	for (int i = 0; i < 50; i++)
		buf_puts(&b, "k\x01\n");
	ck_assert_ptr_null(parse(buf_str(&b)));
	ck_assert_int_eq(diag_errors(d), YT_MAX_TEXT_ERRORS);
	want_diag(YT_MAX_TEXT_ERRORS - 1, "t.yaml:20:2: error: control character U+0001 is not "
	    "allowed");
	buf_free(&b);
}
END_TEST

/* Parses "key: <n times c>" (or a one-item list under key if list) and returns the
 * number of errors it added. */
static int
long_value(const char *key, size_t n, int list)
{
	buf b;
	buf_init(&b);
	buf_printf(&b, "%s: %s", key, list ? "[" : "");
	for (size_t i = 0; i < n; i++)
		buf_putc(&b, 'x');
	buf_puts(&b, list ? "]\n" : "\n");
	int before = diag_errors(d);
	yt_free(parse(buf_str(&b)));
	buf_free(&b);
	return diag_errors(d) - before;
}

START_TEST(length_by_kind)
{
	ck_assert_int_eq(long_value("title", YT_MAX_TITLE, 0), 0);
	ck_assert_int_eq(long_value("title", YT_MAX_TITLE + 1, 0), 1);
	want_diag(0, "t.yaml:1:8: error: 'title' is longer than 512 bytes: shorten it");
	ck_assert_int_eq(long_value("label", YT_MAX_LABEL, 0), 0);
	ck_assert_int_eq(long_value("label", YT_MAX_LABEL + 1, 0), 1);
	ck_assert_int_eq(long_value("labels", YT_MAX_LABEL + 1, 1), 1);
	want_diag(2, "t.yaml:1:10: error: 'labels' is longer than 256 bytes: shorten it");
	ck_assert_int_eq(long_value("url", YT_MAX_URL + 1, 0), 1);
	ck_assert_int_eq(long_value("caption", YT_MAX_PROSE, 0), 0);
	ck_assert_int_eq(long_value("caption", YT_MAX_PROSE + 1, 0), 1);
	ck_assert_int_eq(long_value("body", YT_MAX_BODY, 0), 0);
	ck_assert_int_eq(long_value("body", YT_MAX_BODY + 1, 0), 1);
	ck_assert_int_eq(long_value("other", YT_MAX_BODY + 1, 0), 0); /* up to YT_MAX_SCALAR */
	ck_assert_int_eq(long_value("other", YT_MAX_SCALAR + 1, 0), 1);
	ck_assert_int_eq(long_value("title", YT_MAX_SCALAR + 1, 0), 1); /* one error, not two */
	ck_assert_int_eq(diag_errors(d), 8);
}
END_TEST

START_TEST(multiple_documents)
{
	ck_assert_ptr_null(parse("a: 1\n---\nb: 2\n"));
	ck_assert_int_eq(diag_errors(d), 1);
	want_diag(0, "t.yaml:2:1: error: more than one document in the file");
}
END_TEST

START_TEST(syntax_error)
{
	ck_assert_ptr_null(parse("a: 1\n b: 2\n"));
	ck_assert_int_eq(diag_errors(d), 1);
	ck_assert_ptr_nonnull(strstr(diag_text(d, 0), "t.yaml:2:3: error: syntax error: "));
}
END_TEST

START_TEST(file_limits)
{
	size_t n = (size_t)YT_MAX_FILE + 1;
	char *big = malloc(n);
	memset(big, 'a', n);
	ck_assert_ptr_null(yt_parse_string("big.yaml", big, n, 0, d));
	free(big);
	want_diag(0, "big.yaml: error: file is larger than 4 MiB");
	ck_assert_ptr_null(yt_parse_file("/nonexistent/x.yaml", "x.yaml", d));
	want_diag(1, "x.yaml: error: cannot read file: No such file or directory");
}
END_TEST

START_TEST(kind_names)
{
	ck_assert_str_eq(yt_kind_name(YT_SCALAR), "a scalar");
	ck_assert_str_eq(yt_kind_name(YT_MAP), "a mapping");
	ck_assert_str_eq(yt_kind_name(YT_SEQ), "a sequence");
}
END_TEST

/* Parses "v: text" and returns the tree; *v is the value node. */
static yt_node *
value(const char *text, const yt_node **v)
{
	buf b;
	buf_init(&b);
	buf_printf(&b, "v: %s\n", text);
	yt_node *r = parse(buf_str(&b));
	buf_free(&b);
	ck_assert_ptr_nonnull(r);
	*v = yt_get(r, "v");
	return r;
}

/* Returns schema_num's status for text, storing the number in *out. */
static int
num(const char *text, double *out)
{
	const yt_node *v;
	yt_node *r = value(text, &v);
	int st = schema_num(d, v, "x", out);
	yt_free(r);
	return st;
}

START_TEST(numbers)
{
	double x = -1;
	ck_assert_int_eq(num("1e3", &x), 0);
	ck_assert(x == 1000.0);
	ck_assert_int_eq(num("-2.5", &x), 0);
	ck_assert(x == -2.5);
	ck_assert_int_eq(num(".5", &x), 0);
	ck_assert(x == 0.5);
	ck_assert_int_eq(num("+7.", &x), 0);
	ck_assert(x == 7.0);
	x = 42;
	ck_assert_int_eq(num("0x10", &x), -1);
	ck_assert_int_eq(num(".inf", &x), -1);
	ck_assert_int_eq(num("nan", &x), -1);
	ck_assert_int_eq(num("\"5\"", &x), -1);
	ck_assert_int_eq(num("1e999", &x), -1);
	ck_assert_int_eq(num("1e", &x), -1);
	ck_assert_int_eq(num("[1]", &x), -1);
	ck_assert(x == 42);
	ck_assert_int_eq(num("1e-400", &x), -1); /* would be read as 0 */
	ck_assert_int_eq(num("-1.5e-310", &x), -1); /* subnormal */
	ck_assert(x == 42);
	ck_assert_int_eq(num("0e-400", &x), 0);
	ck_assert(x == 0.0);
	ck_assert_int_eq(num("2.3e-308", &x), 0);
	ck_assert(x == 2.3e-308);
	want_diag(7, "t.yaml:1:4: error: number '1e-400' for 'x' is too close to zero (below "
	    "2.2e-308)");
	want_diag(0, "t.yaml:1:4: error: expected a number for 'x', found '0x10'");
	want_diag(3, "t.yaml:1:4: error: expected a number for 'x', found the quoted string \"5\"");
	want_diag(4, "t.yaml:1:4: error: number '1e999' for 'x' is out of range");
	want_diag(6, "t.yaml:1:4: error: expected a number for 'x', found a sequence");
}
END_TEST

START_TEST(integers_bools_strings)
{
	const yt_node *v;
	long l = 0;
	yt_node *r = value("2019", &v);
	ck_assert_int_eq(schema_int(d, v, "year", 1900, 2100, &l), 0);
	ck_assert_int_eq(l, 2019);
	ck_assert_int_eq(schema_int(d, v, "year", 2020, 2100, &l), -1);
	want_diag(0, "t.yaml:1:4: error: 'year' must be between 2020 and 2100, found 2019");
	yt_free(r);
	r = value("2019.5", &v);
	ck_assert_int_eq(schema_int(d, v, "year", 1900, 2100, &l), -1);
	yt_free(r);
	int b = 5;
	r = value("true", &v);
	ck_assert_int_eq(schema_bool(d, v, "flag", &b), 0);
	ck_assert_int_eq(b, 1);
	yt_free(r);
	r = value("'true'", &v);
	ck_assert_int_eq(schema_bool(d, v, "flag", &b), -1);
	const char *s = NULL;
	ck_assert_int_eq(schema_str(d, v, "t", 0, &s), 0);
	ck_assert_str_eq(s, "true");
	yt_free(r);
	r = value("''", &v);
	ck_assert_int_eq(schema_str(d, v, "t", 0, &s), -1);
	ck_assert_int_eq(schema_str(d, v, "t", 1, &s), 0);
	ck_assert_str_eq(s, "");
	ck_assert_int_eq(schema_kind(d, v, YT_MAP, "t"), -1);
	want_diag(diag_count(d) - 1, "t.yaml:1:4: error: expected a mapping for 't', found a scalar");
	yt_free(r);
}
END_TEST

/* Returns schema_date's status for text. */
static int
date(const char *text)
{
	const yt_node *v;
	const char *out;
	yt_node *r = value(text, &v);
	int st = schema_date(d, v, "as_of", &out);
	yt_free(r);
	return st;
}

START_TEST(dates)
{
	ck_assert_int_eq(date("2024-02-29"), 0);
	ck_assert_int_eq(date("2000-02-29"), 0);
	ck_assert_int_eq(date("2026-11-01"), 0);
	ck_assert_int_eq(date("2023-02-29"), -1);
	ck_assert_int_eq(date("1900-02-29"), -1);
	ck_assert_int_eq(date("2024-13-01"), -1);
	ck_assert_int_eq(date("2024-04-31"), -1);
	ck_assert_int_eq(date("2024-1-01"), -1);
	ck_assert_int_eq(date("2024-01-00"), -1);
	ck_assert_int_eq(date("2024"), -1);
	ck_assert_int_eq(date("0000-01-01"), -1); /* years SCHEMA_YEAR_MIN..MAX */
	ck_assert_int_eq(date("1799-12-31"), -1);
	ck_assert_int_eq(date("1800-01-01"), 0);
	ck_assert_int_eq(date("2300-12-31"), 0);
	ck_assert_int_eq(date("2301-01-01"), -1);
	ck_assert_int_eq(diag_errors(d), 10);
	want_diag(7, "t.yaml:1:4: error: expected a date YYYY-MM-DD in 1800..2300 for 'as_of', "
	    "found '0000-01-01'");
}
END_TEST

/* Returns schema_url's status for text. */
static int
url(const char *text)
{
	const yt_node *v;
	const char *out;
	yt_node *r = value(text, &v);
	int st = schema_url(d, v, "url", &out);
	yt_free(r);
	return st;
}

START_TEST(urls)
{
	ck_assert_int_eq(url("https://example.org/a?b#c"), 0);
	ck_assert_int_eq(url("HTTP://EXAMPLE.ORG/"), 0);
	ck_assert_int_eq(url("mailto:a@example.org"), 0);
	ck_assert_int_eq(url("pages/x.html"), 0);
	ck_assert_int_eq(url("./path:with-colon"), 0);
	ck_assert_int_eq(url("'#anchor'"), 0);
	ck_assert_int_eq(diag_errors(d), 0);
	ck_assert_int_eq(url("javascript:alert(1)"), -1);
	ck_assert_int_eq(url("JavaScript:alert(1)"), -1);
	ck_assert_int_eq(url("\" javascript:alert(1)\""), -1);
	ck_assert_int_eq(url("\"java\\tscript:alert(1)\""), -1);
	ck_assert_int_eq(url("data:text/html,hi"), -1);
	ck_assert_int_eq(url("file:///etc/passwd"), -1);
	ck_assert_int_eq(url("vbscript:x"), -1);
	ck_assert_int_eq(url("''"), -1);
	ck_assert_int_eq(diag_errors(d), 8);
	/* read as a browser reads them: another host, the host's root, out of the site */
	ck_assert_int_eq(url("//evil.example/x"), -1);
	ck_assert_int_eq(url("/abs/path:with-colon"), -1);
	ck_assert_int_eq(url("a/../../x"), -1);
	ck_assert_int_eq(url("https://ok.example@evil.example/"), -1);
	ck_assert_int_eq(diag_errors(d), 12);
	want_diag(8, "t.yaml:1:4: error: URL '//evil.example/x' for 'url' names another host "
	    "without a scheme: write https://host/");
	want_diag(1, "t.yaml:1:4: error: URL scheme 'JavaScript:' is not allowed for 'url' "
	    "(use http, https, mailto or a relative path)");
	want_diag(2, "t.yaml:1:4: error: URL for 'url' must not contain spaces, backslashes "
	    "or control characters");
}
END_TEST

START_TEST(keys_and_need)
{
	yt_node *r = parse("a: 1\nzz: 2\nb: 3\n");
	const char *const allowed[] = { "a", "b", NULL };
	ck_assert_int_eq(schema_keys(d, r, allowed, "thing"), -1);
	want_diag(0, "t.yaml:2:1: error: unknown key 'zz' in thing");
	ck_assert_int_eq(diag_errors(d), 1);
	ck_assert_ptr_eq(schema_need(d, r, "b", "thing"), yt_get(r, "b"));
	ck_assert_ptr_null(schema_need(d, r, "c", "thing"));
	want_diag(1, "t.yaml:1:1: error: missing key 'c' in thing");
	yt_free(r);
}
END_TEST

static Suite *
ytree_suite(void)
{
	Suite *s = suite_create("ytree");
	TCase *t = tcase_create("tree");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_set_timeout(t, 20);
	tcase_add_test(t, scalars_maps_seqs);
	tcase_add_test(t, empty_and_null);
	tcase_add_test(t, line_offset);
	tcase_add_test(t, aliases_copied);
	tcase_add_test(t, alias_bomb);
	tcase_add_test(t, alias_cycle_and_undefined);
	tcase_add_test(t, duplicate_keys);
	tcase_add_test(t, non_scalar_key_and_tag);
	tcase_add_test(t, depth_limit);
	tcase_add_test(t, hostile_input_refused);
	tcase_add_test(t, alias_position_duplicate_key);
	tcase_add_test(t, many_anchors);
	tcase_add_test(t, invalid_utf8);
	tcase_add_test(t, bom_skipped);
	tcase_add_test(t, characters_at_their_column);
	tcase_add_test(t, characters_from_escapes);
	tcase_add_test(t, bad_characters_capped);
	tcase_add_test(t, length_by_kind);
	tcase_add_test(t, multiple_documents);
	tcase_add_test(t, syntax_error);
	tcase_add_test(t, file_limits);
	tcase_add_test(t, kind_names);
	suite_add_tcase(s, t);
	TCase *u = tcase_create("schema");
	tcase_add_checked_fixture(u, setup, teardown);
	tcase_add_test(u, numbers);
	tcase_add_test(u, integers_bools_strings);
	tcase_add_test(u, dates);
	tcase_add_test(u, urls);
	tcase_add_test(u, keys_and_need);
	suite_add_tcase(s, u);
	return s;
}

int
main(void)
{
	return check_run(ytree_suite());
}
