/* check_render_html5_cov: the HTML5 serializer (src/render/html5.c) on the nodes the
 * pages rarely hold: xml:lang, other prefixes, boolean attributes with and without a
 * value, attribute values of several nodes, CDATA, comments and documents. */
#include <check.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "render/page.h"
#include "check_main.h"

/* Serializes the XML text xml's root (or the document when whole) into a static string. */
static const char *
ser(const char *xml, int whole)
{
	static char out[4096];
	xmlDocPtr d = xmlReadMemory(xml, (int)strlen(xml), "t.xml", NULL, XML_PARSE_NONET);
	ck_assert_ptr_nonnull(d);
	buf b;
	buf_init(&b);
	html5_serialize(whole ? (xmlNodePtr)d : xmlDocGetRootElement(d), &b);
	snprintf(out, sizeof out, "%s", buf_str(&b));
	buf_free(&b);
	xmlFreeDoc(d);
	return out;
}

START_TEST(test_attributes)
{
	ck_assert_str_eq(ser("<p xml:lang=\"fr\" xmlns:x=\"urn:x\" x:a=\"1\">t</p>", 0),
	    "<p xml:lang=\"fr\" a=\"1\">t</p>\n");
	ck_assert_str_eq(ser("<details open=\"\" hidden=\"hidden\"><summary>S</summary></details>",
	    0), "<details open hidden=\"hidden\"><summary>S</summary></details>\n");
	ck_assert_str_eq(ser("<details open=\"a &amp; &quot;b&quot;\">x</details>", 0),
	    "<details open=\"a &amp; &quot;b&quot;\">x</details>\n");
	ck_assert_str_eq(ser("<img alt=\"&lt;&gt;\" src=\"a.png\"/>", 0),
	    "<img alt=\"&lt;&gt;\" src=\"a.png\">\n");
}
END_TEST

START_TEST(test_attribute_of_several_nodes)
{
	/* an attribute whose value holds an entity reference is not one text node */
	xmlDocPtr d = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr p = xmlNewDocNode(d, NULL, BAD_CAST "p", NULL);
	xmlDocSetRootElement(d, p);
	xmlAttrPtr a = xmlNewProp(p, BAD_CAST "title", BAD_CAST "A & ");
	xmlNodePtr t2 = xmlNewDocText(d, BAD_CAST "\"B\""); /* linked by hand: not merged */
	t2->parent = (xmlNodePtr)a;
	t2->prev = a->children;
	a->children->next = t2;
	a->last = t2;
	buf b;
	buf_init(&b);
	html5_serialize(p, &b);
	ck_assert_str_eq(buf_str(&b), "<p title=\"A &amp; &quot;B&quot;\"></p>\n");
	buf_free(&b);
	xmlFreeDoc(d);
}
END_TEST

START_TEST(test_nodes)
{
	ck_assert_str_eq(ser("<div><![CDATA[a < b]]><!-- gone --><?pi gone?><br/>x</div>", 0),
	    "<div>a &lt; b<br>x</div>\n");
	ck_assert_str_eq(ser("<!DOCTYPE div><div>d</div>", 1), "<div>d</div>\n");
	buf b;
	buf_init(&b);
	html5_serialize(NULL, &b);
	ck_assert_str_eq(buf_str(&b), "\n");
	buf_free(&b);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("render_html5_cov");
	TCase *t = tcase_create("html5");
	tcase_add_test(t, test_attributes);
	tcase_add_test(t, test_attribute_of_several_nodes);
	tcase_add_test(t, test_nodes);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	return check_run(suite());
}
