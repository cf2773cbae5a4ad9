/* check_render_text_cov: the characters a page may not carry, each made U+FFFD
 * (render_clean_text, src/render/dom.c), and anchors found after percent-decoding or
 * skipped for paths no page has (src/render/anchors.c). */
#include <check.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "diag.h"
#include "render/anchors.h"
#include "render/render.h"
#include "render/render_int.h"
#include "check_main.h"

#define FFFD "\xef\xbf\xbd"

/* Asserts that render_clean_text keeps in as it is. */
static void
kept(const char *in)
{
	buf out;
	ck_assert_msg(render_clean_text(in, strlen(in), &out) == 0, "changed '%s'", in);
}

/* Asserts that render_clean_text turns in (n bytes) into want. */
static void
cleaned(const char *in, size_t n, const char *want)
{
	buf out;
	ck_assert_int_eq(render_clean_text(in, n, &out), 1);
	ck_assert_str_eq(buf_str(&out), want);
	buf_free(&out);
}

START_TEST(test_clean_text_keeps)
{
	kept("plain words");
	kept("tab\tline\ncr\r");
	kept("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");  /* 2, 3 and 4 bytes */
	kept("\xef\xb7\x8f \xef\xb7\xb0 \xef\xbf\xbd");        /* U+FDCF, U+FDF0, U+FFFD */
	kept("\xf4\x8f\xbf\xbd \xf0\x90\x80\x80");              /* U+10FFFD, U+10000 */
	kept("\xc2\xa0");                                       /* NBSP, past C1 */
}
END_TEST

START_TEST(test_clean_text_replaces)
{
	cleaned("a\x01z", 3, "a" FFFD "z");                 /* C0 control */
	cleaned("a\x7f", 2, "a" FFFD);                      /* DEL */
	cleaned("\xc2\x85z", 3, FFFD "z");                  /* C1 control, one U+FFFD */
	cleaned("\x80z", 2, FFFD "z");                      /* a stray continuation byte */
	cleaned("\xc1\xbf", 2, FFFD FFFD);                  /* never a lead byte */
	cleaned("ab\xe2\x82", 4, "ab" FFFD FFFD);           /* cut short at the end */
	cleaned("\xe2\x41\x41", 3, FFFD "AA");              /* no continuation */
	cleaned("\xe0\x80\x80", 3, FFFD FFFD FFFD);         /* overlong */
	cleaned("\xed\xa0\x80", 3, FFFD FFFD FFFD);         /* a surrogate */
	cleaned("\xf0\x80\x80\x80", 4, FFFD FFFD FFFD FFFD); /* overlong 4 bytes */
	cleaned("\xf4\x90\x80\x80", 4, FFFD FFFD FFFD FFFD); /* above U+10FFFF */
	cleaned("\xf5\x80", 2, FFFD FFFD);                   /* no such lead byte */
	cleaned("\xef\xb7\x90!", 4, FFFD "!");               /* U+FDD0 */
	cleaned("\xef\xb7\xaf", 3, FFFD);                    /* U+FDEF */
	cleaned("\xef\xbf\xbe\xef\xbf\xbf", 6, FFFD FFFD);   /* U+FFFE, U+FFFF */
	cleaned("\xf0\x9f\xbf\xbe", 4, FFFD);                /* U+1FFFE */
	cleaned("\xf4\x8f\xbf\xbf", 4, FFFD);                /* U+10FFFF */
	cleaned("a\0b", 3, "a" FFFD "b");                    /* NUL */
}
END_TEST

/* Parses the XML text xml into a new document. */
static xmlDocPtr
doc_of(const char *xml)
{
	xmlDocPtr d = xmlReadMemory(xml, (int)strlen(xml), "t.html", NULL, XML_PARSE_NONET);
	ck_assert_ptr_nonnull(d);
	return d;
}

START_TEST(test_anchor_decoding_and_skipped_paths)
{
	render_anchors *a = render_anchors_new(1);
	xmlDocPtr d1 = doc_of("<body><h2 id=\"Abc\">x</h2><h2 id=\"k%zz\">y</h2></body>");
	render_anchors_page(a, 0, "index.html", xmlDocGetRootElement(d1));
	render_anchors_page(a, 3, "x.html", xmlDocGetRootElement(d1)); /* no section 3 */
	diag *d = diag_new();
	diag_pos pos = { diag_intern(d, "pages/index.md"), 1, 1 };
	const char *found[] = { "#%41bc", "#%41%62%63", "#%61bc" /* 'a' is not 'A' */,
		"#k%zz", "#%74%6F%70" /* top */ };
	for (size_t i = 0; i < sizeof found / sizeof found[0]; i++) {
		pos.line = (int)i + 1;
		render_anchors_link(a, 0, "index.html", found[i], pos);
	}
	/* not links to an anchor of a recorded page: skipped */
	const char *skipped[] = { "other.htm#x", "sub/p.html#x", "a%2fb.html#x",
		"charts/.hidden.html#x", ".x.html#x", "x.html", "mailto:a#b", "p\\q.html#x" };
	for (size_t i = 0; i < sizeof skipped / sizeof skipped[0]; i++)
		render_anchors_link(a, 0, "index.html", skipped[i], pos);
	render_anchors_link(a, 5, "index.html", "#nope", pos); /* no such section */
	render_anchors_link(a, 0, "index.html", NULL, pos);
	ck_assert_int_eq(render_anchors_check(a, d), 1);
	ck_assert_int_eq(diag_count(d), 1);
	ck_assert_str_eq(diag_text(d, 0),
	    "pages/index.md:3:1: error: link to unknown anchor '#%61bc' on this page");
	render_anchors_free(a);
	diag_free(d);
	xmlFreeDoc(d1);
}
END_TEST

START_TEST(test_anchor_nul_escape)
{
	render_anchors *a = render_anchors_new(1);
	xmlDocPtr d1 = doc_of("<body><h2 id=\"top-x\">x</h2></body>");
	render_anchors_page(a, 0, "index.html", xmlDocGetRootElement(d1));
	diag *d = diag_new();
	diag_pos pos = { diag_intern(d, "pages/index.md"), 7, 2 };
	/* %00 decodes to NUL: the decoded name is cut short, so it names nothing */
	render_anchors_link(a, 0, "index.html", "#top%00", pos);
	ck_assert_int_eq(render_anchors_check(a, d), 1);
	ck_assert_str_eq(diag_text(d, 0),
	    "pages/index.md:7:2: error: link to unknown anchor '#top%00' on this page");
	render_anchors_free(a);
	diag_free(d);
	xmlFreeDoc(d1);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("render_text_cov");
	TCase *t = tcase_create("text");
	tcase_add_test(t, test_clean_text_keeps);
	tcase_add_test(t, test_clean_text_replaces);
	tcase_add_test(t, test_anchor_decoding_and_skipped_paths);
	tcase_add_test(t, test_anchor_nul_escape);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	return check_run(suite());
}
