/* check_anchors: links to #anchors checked against each rendered page's ids. */
#include <check.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "diag.h"
#include "render/anchors.h"
#include "check_main.h"

/* Parses the XML text xml (a page's body) into a new document. */
static xmlDocPtr
doc_of(const char *xml)
{
	xmlDocPtr d = xmlReadMemory(xml, (int)strlen(xml), "t.html", NULL, XML_PARSE_NONET);
	ck_assert_ptr_nonnull(d);
	return d;
}

/* Two sections: money.html (ids a, caf\xc3\xa9, nested deep) with its chart page
 * charts/c.html (id fig-c), and index.html (id top-part). */
static render_anchors *
two_pages(xmlDocPtr *d1, xmlDocPtr *d2, xmlDocPtr *d3)
{
	render_anchors *a = render_anchors_new(2);
	*d1 = doc_of("<body><h2 id=\"top-part\">x</h2></body>");
	*d2 = doc_of("<body><h2 id=\"a\">A</h2><div><p><span id=\"deep\"/></p></div>"
	    "<h3 id=\"caf\xc3\xa9\">C</h3></body>");
	*d3 = doc_of("<body><figure id=\"fig-c\"/></body>");
	render_anchors_page(a, 0, "index.html", xmlDocGetRootElement(*d1));
	render_anchors_page(a, 1, "money.html", xmlDocGetRootElement(*d2));
	render_anchors_page(a, 1, "charts/c.html", xmlDocGetRootElement(*d3));
	return a;
}

/* Records a link in section 0 (index.html) to url at line. */
static void
link0(render_anchors *a, diag *d, const char *url, int line)
{
	diag_pos pos = { diag_intern(d, "pages/index.md"), line, 5 };
	render_anchors_link(a, 0, "index.html", url, pos);
}

START_TEST(anchors_found_and_missing)
{
	xmlDocPtr d1, d2, d3;
	render_anchors *a = two_pages(&d1, &d2, &d3);
	diag *d = diag_new();
	link0(a, d, "money.html#a", 1);             /* found */
	link0(a, d, "./money.html#deep", 2);        /* found: nested, "./" */
	link0(a, d, "money.html?x=1#a", 3);         /* found: query ignored */
	link0(a, d, "money.html#caf%C3%A9", 4);     /* found once percent-decoded */
	link0(a, d, "#top-part", 5);                /* found on the page itself */
	link0(a, d, "#", 6);                        /* the top */
	link0(a, d, "money.html#TOP", 7);           /* the top, any case */
	link0(a, d, "charts/c.html#fig-c", 8);      /* found on a chart page */
	link0(a, d, "money.html#nope", 9);          /* missing */
	link0(a, d, "#a", 10);                      /* missing here (a is on money.html) */
	link0(a, d, "charts/c.html#a", 11);         /* missing on the chart page */
	link0(a, d, "money.html#A", 12);            /* ids are case-sensitive */
	ck_assert_int_eq(render_anchors_check(a, d), 4);
	ck_assert_int_eq(diag_count(d), 4);
	ck_assert_str_eq(diag_text(d, 0),
	    "pages/index.md:9:5: error: link to unknown anchor '#nope' on page 'money.html'");
	ck_assert_str_eq(diag_text(d, 1),
	    "pages/index.md:10:5: error: link to unknown anchor '#a' on this page");
	ck_assert_str_eq(diag_text(d, 2), "pages/index.md:11:5: error: link to unknown "
	    "anchor '#a' on page 'charts/c.html'");
	ck_assert_str_eq(diag_text(d, 3),
	    "pages/index.md:12:5: error: link to unknown anchor '#A' on page 'money.html'");
	render_anchors_free(a);
	diag_free(d);
	xmlFreeDoc(d1);
	xmlFreeDoc(d2);
	xmlFreeDoc(d3);
}
END_TEST

START_TEST(anchors_other_links_ignored)
{
	xmlDocPtr d1, d2, d3;
	render_anchors *a = two_pages(&d1, &d2, &d3);
	diag *d = diag_new();
	link0(a, d, "https://example.org/x.html#nope", 1); /* another site */
	link0(a, d, "mailto:a@example.org#nope", 2);
	link0(a, d, "money.html", 3);                      /* no anchor */
	link0(a, d, "risks.html#nope", 4);                 /* unknown page: reported elsewhere */
	link0(a, d, "../money.html#nope", 5);              /* leaves the site */
	link0(a, d, "data/metrics.json#nope", 6);          /* not a page */
	ck_assert_int_eq(render_anchors_check(a, d), 0);
	ck_assert_int_eq(diag_count(d), 0);
	ck_assert_int_eq(render_anchors_check(NULL, d), 0);
	render_anchors_page(NULL, 0, "x.html", NULL); /* NULL: no-ops */
	render_anchors_link(NULL, 0, "x.html", "#a", (diag_pos){ NULL, 0, 0 });
	render_anchors_free(NULL);
	render_anchors_free(a);
	diag_free(d);
	xmlFreeDoc(d1);
	xmlFreeDoc(d2);
	xmlFreeDoc(d3);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("anchors");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, anchors_found_and_missing);
	tcase_add_test(tc, anchors_other_links_ignored);
	suite_add_tcase(s, tc);
	return check_run(s);
}
