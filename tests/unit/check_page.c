/* check_page: the HTML5 serializer, template loading (no entities) and whole pages. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "cmd/cmd.h"
#include "model/metrics.h"
#include "render/page.h"
#include "util/buf.h"
#include "check_main.h"

static char tmpdir[64];

static void
setup(void)
{
	strcpy(tmpdir, "/tmp/check_page_XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void
teardown(void)
{
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Writes text to tmpdir/name and returns the path (static buffer). */
static const char *
write_tmp(const char *name, const char *text)
{
	static char path[256];
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	return path;
}

/* Returns 1 if diagnostic text of d contains s anywhere. */
static int
diag_has(const diag *d, const char *s)
{
	for (int i = 0; i < diag_count(d); i++)
		if (strstr(diag_text(d, i), s) != NULL)
			return 1;
	return 0;
}

/* Returns how many times needle occurs in hay. */
static int
count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(hay, needle); p != NULL; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* ---- html5_serialize ---- */

START_TEST(test_serialize_escaping_and_void)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr p = xmlNewDocNode(doc, NULL, BAD_CAST "p", NULL);
	xmlDocSetRootElement(doc, p);
	xmlSetProp(p, BAD_CAST "class", BAD_CAST "a\"b&c");
	xmlSetProp(p, BAD_CAST "id", BAD_CAST "z");
	xmlAddChild(p, xmlNewDocText(doc, BAD_CAST "x < y & \"z\" > w &amp;"));
	xmlAddChild(p, xmlNewDocNode(doc, NULL, BAD_CAST "br", NULL));
	xmlNodePtr img = xmlNewDocNode(doc, NULL, BAD_CAST "img", NULL);
	xmlSetProp(img, BAD_CAST "alt", BAD_CAST "\"><img onerror=x>");
	xmlAddChild(p, img);
	xmlAddChild(p, xmlNewDocComment(doc, BAD_CAST " secret "));
	xmlNodePtr span = xmlNewDocNode(doc, NULL, BAD_CAST "span", NULL);
	xmlNsPtr ns = xmlNewNs(span, BAD_CAST "http://www.w3.org/1999/xhtml", BAD_CAST "h");
	xmlSetNs(span, ns);
	xmlAddChild(p, span);
	buf out;
	buf_init(&out);
	html5_serialize(p, &out);
	ck_assert_str_eq(buf_str(&out),
	    "<p class=\"a&quot;b&amp;c\" id=\"z\">x &lt; y &amp; \"z\" &gt; w &amp;amp;"
	    "<br><img alt=\"&quot;&gt;&lt;img onerror=x&gt;\"><span></span></p>\n");
	buf_free(&out);
	xmlFreeDoc(doc);
}
END_TEST

/* ---- tmpl_load ---- */

static const char *const good_tmpl =
    "<?xml version=\"1.0\"?>\n"
    "<html xmlns=\"http://www.w3.org/1999/xhtml\" data-slot=\"lang\">\n"
    "<head><title data-slot=\"title\">T</title></head>\n"
    "<body><div data-slot=\"content\"/></body></html>\n";

START_TEST(test_tmpl_good)
{
	diag *d = diag_new();
	tmpl *t = tmpl_load(write_tmp("t.html", good_tmpl), "t.html", d);
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(diag_count(d), 0);
	tmpl_free(t);
	tmpl_free(NULL);
	diag_free(d);
}
END_TEST

START_TEST(test_tmpl_external_entity_refused)
{
	diag *d = diag_new();
	const char *text =
	    "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE html [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
	    "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>\n"
	    "<p>&x;</p><div data-slot=\"content\"/></body></html>\n";
	tmpl *t = tmpl_load(write_tmp("xxe.html", text), "xxe.html", d);
	ck_assert_ptr_null(t);
	ck_assert_int_ge(diag_errors(d), 1);
	ck_assert(diag_has(d, "xxe.html:"));
	ck_assert(!diag_has(d, "root:"));
	diag_free(d);
}
END_TEST

START_TEST(test_tmpl_parameter_entity_and_external_dtd)
{
	diag *d = diag_new();
	const char *pe =
	    "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE html [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>\n"
	    "<html><body><div data-slot=\"content\"/></body></html>\n";
	ck_assert_ptr_null(tmpl_load(write_tmp("pe.html", pe), "pe.html", d));
	ck_assert(!diag_has(d, "root:"));
	/* An external DTD is never loaded, so it cannot leak the file into the page. */
	const char *ext =
	    "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE html SYSTEM \"file:///etc/passwd\">\n"
	    "<html><body><p>x</p><div data-slot=\"content\"/></body></html>\n";
	diag *d2 = diag_new();
	tmpl *t = tmpl_load(write_tmp("ext.html", ext), "ext.html", d2);
	ck_assert_ptr_nonnull(t);
	buf out;
	buf_init(&out);
	html5_serialize((xmlNodePtr)tmpl_doc(t), &out);
	ck_assert_str_eq(buf_str(&out), "<html><body><p>x</p><div data-slot=\"content\"></div></body></html>\n");
	buf_free(&out);
	tmpl_free(t);
	diag_free(d2);
	diag_free(d);
}
END_TEST

START_TEST(test_tmpl_malformed_position)
{
	diag *d = diag_new();
	const char *text =
	    "<html>\n"
	    "<body>\n"
	    "  <p>x</div>\n"
	    "</body></html>\n";
	ck_assert_ptr_null(tmpl_load(write_tmp("bad.html", text), "bad.html", d));
	ck_assert_int_eq(diag_errors(d), 1);
	/* The mismatched end tag is on line 3; libxml2 reports the column after it. */
	const char *msg = diag_text(d, 0);
	ck_assert_msg(strncmp(msg, "bad.html:3:", 11) == 0, "got %s", msg);
	ck_assert(msg[11] >= '1' && msg[11] <= '9');
	ck_assert_ptr_nonnull(strstr(msg, "error: template is not well-formed XML"));
	diag_free(d);
}
END_TEST

START_TEST(test_tmpl_slot_checks)
{
	diag *d = diag_new();
	const char *unknown =
	    "<html>\n<body>\n<p data-slot=\"titel\"/>\n<div data-slot=\"content\"/>\n</body></html>\n";
	ck_assert_ptr_null(tmpl_load(write_tmp("u.html", unknown), "u.html", d));
	ck_assert(diag_has(d, "u.html:3: error: unknown template slot 'titel'"));
	const char *nocontent = "<html><body><p>x</p></body></html>";
	ck_assert_ptr_null(tmpl_load(write_tmp("n.html", nocontent), "n.html", d));
	ck_assert(diag_has(d, "n.html: error: template needs exactly one data-slot=\"content\""));
	ck_assert_ptr_null(tmpl_load("/nonexistent/missing.html", "missing.html", d));
	ck_assert(diag_has(d, "missing.html: error: cannot read the template: No such file"));
	diag_free(d);
}
END_TEST

/* ---- whole pages ---- */

/* A hand-built three-section report with two sources. */
typedef struct fixture {
	rep_section secs[3];
	rep_source srcs[2];
	report rep;
	metrics *m;
	diag *d;
	render_ctx c;
	tmpl *t;
} fixture;

static fixture fx;

static void
set_section(rep_section *s, char *slug, char *title, char *desc, char *text)
{
	memset(s, 0, sizeof *s);
	s->slug = slug;
	s->title = title;
	s->description = desc;
	s->file = slug;
	s->display = slug;
	s->text = text;
	s->len = strlen(text);
}

static void
page_setup(void)
{
	setup();
	memset(&fx, 0, sizeof fx);
	set_section(&fx.secs[0], "index", "Summary", "The summary.",
	    "Opening paragraph.\n");
	set_section(&fx.secs[1], "money", "Money \"><img onerror=x>", "Where the money goes.",
	    "## First part\n\nA claim.[@s-a]\n\n### Detail\n\nAgain.[@s-b] And[@s-a].\n\n"
	    "## Second part\n\nEnd.\n");
	set_section(&fx.secs[2], "method", "How we did it", "How it was made.",
	    "## Only heading\n\nText.\n");
	fx.srcs[0] = (rep_source){ "s-a", "Pub & Co", "A <b>title</b>", "2025-10-29",
	    "https://example.org/a?x=1&y=2", "confirmed", { NULL, 0, 0 }, 0 };
	fx.srcs[1] = (rep_source){ "s-b", "Other", "A memo on terms", "2024-03", NULL,
	    "statement", { NULL, 0, 0 }, 1 }; /* a description: bracketed, not quoted */
	fx.rep.title = "Report <script>alert(1)</script>";
	fx.rep.subtitle = "A subtitle";
	fx.rep.author = "A. Writer";
	fx.rep.description = "Report summary.";
	fx.rep.as_of = "2026-11-01";
	fx.rep.lang = "en-GB";
	fx.rep.base_url = "https://example.org/r&d/";
	fx.rep.nsections = 3;
	fx.rep.sections = fx.secs;
	fx.rep.nsources = 2;
	fx.rep.sources = fx.srcs;
	fx.m = metrics_new();
	fx.d = diag_new();
	fx.c = (render_ctx){ &fx.rep, fx.m, fx.d, NULL, 0, 0, NULL, 0, NULL };
	fx.t = tmpl_load("templates/page.html", "templates/page.html", fx.d);
	ck_assert_ptr_nonnull(fx.t);
}

static void
page_teardown(void)
{
	tmpl_free(fx.t);
	metrics_free(fx.m);
	diag_free(fx.d);
	teardown();
}

/* Renders section i into a new string (caller frees); asserts success. */
static char *
render(size_t i)
{
	buf out;
	buf_init(&out);
	int rc = page_render(&fx.c, fx.t, i, &out);
	ck_assert_msg(rc == 0, "page_render failed: %s", diag_count(fx.d) ? diag_text(fx.d, 0) : "");
	return buf_detach(&out);
}

/* Returns a copy of the part of s from the first from to the first to after it. */
static char *
between(const char *s, const char *from, const char *to)
{
	const char *a = strstr(s, from);
	ck_assert_msg(a != NULL, "missing %s", from);
	const char *b = strstr(a, to);
	ck_assert_msg(b != NULL, "missing %s after %s", to, from);
	return util_xstrndup(a, (size_t)(b - a) + strlen(to));
}

START_TEST(test_page_escaping_and_head)
{
	char *html = render(1);
	ck_assert_int_eq(strncmp(html, "<!DOCTYPE html>\n<html lang=\"en-GB\">", 35), 0);
	size_t n = strlen(html);
	ck_assert_str_eq(html + n - 8, "</html>\n");
	ck_assert_ptr_null(strstr(html, "<script"));
	ck_assert_ptr_null(strstr(html, "<img"));
	ck_assert_ptr_null(strstr(html, "data-slot"));
	ck_assert_ptr_null(strstr(html, "xmlns"));
	ck_assert_ptr_nonnull(strstr(html,
	    "<title>Money \"&gt;&lt;img onerror=x&gt; \xe2\x80\x94 Report &lt;script&gt;alert(1)&lt;/script&gt;</title>"));
	ck_assert_ptr_nonnull(strstr(html,
	    "<meta property=\"og:title\" content=\"Money &quot;&gt;&lt;img onerror=x&gt; \xe2\x80\x94 Report"));
	ck_assert_ptr_nonnull(strstr(html, "<meta name=\"description\" content=\"Where the money goes.\">"));
	ck_assert_ptr_nonnull(strstr(html,
	    "<meta property=\"og:url\" content=\"https://example.org/r&amp;d/money.html\">"));
	ck_assert_ptr_nonnull(strstr(html, "<link rel=\"stylesheet\" href=\"style.css\">"));
	ck_assert_ptr_nonnull(strstr(html,
	    "<a href=\"index.html\">Report &lt;script&gt;alert(1)&lt;/script&gt;</a>"));
	ck_assert_ptr_nonnull(strstr(html, "<h1>Money \"&gt;&lt;img onerror=x&gt;</h1>"));
	ck_assert_int_eq(count(html, "<h1"), 1);
	free(html);
}
END_TEST

/* A source URL outside the scheme allow-list (here one the loader did not vet) gives
 * the note's title (here a description, in brackets) as plain text, never a link. */
START_TEST(test_page_note_refused_url)
{
	fx.srcs[1].url = "javascript:alert(1)";
	char *html = render(1);
	ck_assert_ptr_null(strstr(html, "javascript:"));
	ck_assert_ptr_nonnull(strstr(html, "Other, [A memo on terms], March 2024."));
	free(html);
}
END_TEST

START_TEST(test_page_nav_toc_notes)
{
	char *html = render(1);
	char *nav = between(html, "<nav class=\"site-nav\"", "</nav>");
	ck_assert_ptr_nonnull(strstr(nav, "<li><a href=\"index.html\">Summary</a></li>"));
	ck_assert_ptr_nonnull(strstr(nav,
	    "<li><a href=\"money.html\" aria-current=\"page\">Money \"&gt;&lt;img onerror=x&gt;</a></li>"));
	ck_assert_ptr_nonnull(strstr(nav, "<li><a href=\"method.html\">How we did it</a></li>"));
	ck_assert_int_eq(count(nav, "aria-current"), 1);
	free(nav);
	char *toc = between(html, "<nav class=\"toc\" aria-label=\"On this page\">", "</nav>");
	/* First part with Detail nested under it, then Second part. */
	const char *a = strstr(toc, ">First part</a><ol><li><a href=\"#");
	const char *b = strstr(toc, ">Detail</a></li></ol></li><li><a href=\"#");
	const char *c = strstr(toc, ">Second part</a></li></ol>");
	ck_assert(a != NULL && b != NULL && c != NULL && a < b && b < c);
	ck_assert_int_eq(count(toc, "<li>"), 3);
	free(toc);
	char *notes = between(html, "<ol class=\"notes\">", "</ol>");
	ck_assert_str_eq(notes,
	    "<ol class=\"notes\"><li id=\"note-1\">Pub &amp; Co, \xe2\x80\x9c"
	    "<a href=\"https://example.org/a?x=1&amp;y=2\">A &lt;b&gt;title&lt;/b&gt;</a>"
	    "\xe2\x80\x9d, 29 October 2025. <a href=\"#cite-1-1\" class=\"note-back\" "
	    "aria-label=\"Back to citation 1\">\xe2\x86\xa9\xef\xb8\x8e</a></li>"
	    "<li id=\"note-2\">Other, [A memo on terms], March 2024. "
	    "<a href=\"#cite-2-1\" class=\"note-back\" aria-label=\"Back to citation 2\">"
	    "\xe2\x86\xa9\xef\xb8\x8e</a></li></ol>");
	free(notes);
	/* Cite links from render_markdown point at these notes. */
	ck_assert_ptr_nonnull(strstr(html, "href=\"#note-1\" id=\"cite-1-1\""));
	ck_assert_ptr_nonnull(strstr(html, "href=\"#note-1\" id=\"cite-1-2\""));
	free(html);
}
END_TEST

START_TEST(test_page_pager_footer)
{
	char *mid = render(1);
	ck_assert_ptr_nonnull(strstr(mid, "rel=\"prev\" href=\"index.html\""));
	ck_assert_ptr_nonnull(strstr(mid, "<span class=\"pager-title\">Summary</span>"));
	ck_assert_ptr_nonnull(strstr(mid, "rel=\"next\" href=\"method.html\""));
	ck_assert_ptr_nonnull(strstr(mid, "<p class=\"as-of\">As of 1 November 2026</p>"));
	ck_assert_ptr_nonnull(strstr(mid, "<p class=\"author\">By <span>A. Writer</span></p>"));
	ck_assert_ptr_nonnull(strstr(mid, "<p class=\"method\"><a href=\"method.html\">How we did it</a></p>"));
	ck_assert_ptr_nonnull(strstr(mid, "<p class=\"report-subtitle\">A subtitle</p>"));
	free(mid);
	char *first = render(0);
	ck_assert_ptr_null(strstr(first, "rel=\"prev\""));
	ck_assert_ptr_nonnull(strstr(first, "rel=\"next\" href=\"money.html\""));
	ck_assert_ptr_nonnull(strstr(first, "<title>Report &lt;script&gt;alert(1)&lt;/script&gt;</title>"));
	ck_assert_ptr_nonnull(strstr(first, "<meta name=\"description\" content=\"Report summary.\">"));
	ck_assert_ptr_nonnull(strstr(first, "content=\"https://example.org/r&amp;d/\">"));
	/* No headings, no citations: no contents list and no notes. */
	ck_assert_ptr_null(strstr(first, "class=\"toc\""));
	ck_assert_ptr_null(strstr(first, "class=\"notes"));
	free(first);
	char *last = render(2);
	ck_assert_ptr_null(strstr(last, "rel=\"next\""));
	ck_assert_ptr_null(strstr(last, "class=\"toc\""));
	free(last);
}
END_TEST

START_TEST(test_page_optional_slots_dropped)
{
	fx.rep.subtitle = NULL;
	fx.rep.author = NULL;
	fx.rep.nsections = 1;
	fx.rep.lang = NULL;
	char *html = render(0);
	ck_assert_ptr_nonnull(strstr(html, "<html lang=\"en\">"));
	ck_assert_ptr_null(strstr(html, "report-subtitle"));
	ck_assert_ptr_null(strstr(html, "class=\"author\""));
	ck_assert_ptr_null(strstr(html, "class=\"method\""));
	ck_assert_ptr_null(strstr(html, "class=\"pager"));
	ck_assert_ptr_nonnull(strstr(html, "As of 1 November 2026"));
	free(html);
}
END_TEST

START_TEST(test_page_markdown_h1_not_doubled)
{
	fx.secs[2].text = "# Own heading\n\nText.\n\n## A\n\nx\n\n## B\n\ny\n";
	fx.secs[2].len = strlen(fx.secs[2].text);
	char *html = render(2);
	ck_assert_int_eq(count(html, "<h1"), 1);
	const char *h1 = strstr(html, "<h1");
	const char *toc = strstr(html, "<nav class=\"toc\"");
	const char *body = strstr(html, "<div class=\"content\">");
	ck_assert(h1 != NULL && toc != NULL && body != NULL && h1 < toc && toc < body);
	ck_assert_ptr_nonnull(strstr(h1, ">Own heading"));
	ck_assert_ptr_null(strstr(html, "<h1>How we did it</h1>"));
	/* The section title still names the page in <title> and the navigation. */
	ck_assert_ptr_nonnull(strstr(html, "<title>How we did it \xe2\x80\x94 Report"));
	free(html);
}
END_TEST

START_TEST(test_page_render_error)
{
	fx.secs[0].text = "Claim.[@nope]\n";
	fx.secs[0].len = strlen(fx.secs[0].text);
	buf out;
	buf_init(&out);
	ck_assert_int_eq(page_render(&fx.c, fx.t, 0, &out), -1);
	ck_assert_int_ge(diag_errors(fx.d), 1);
	buf_free(&out);
}
END_TEST

START_TEST(test_page_404)
{
	buf out;
	buf_init(&out);
	ck_assert_int_eq(page_render_404(&fx.c, fx.t, &out), 0);
	const char *html = buf_str(&out);
	ck_assert_ptr_nonnull(strstr(html, "<h1>Page not found</h1>"));
	/* absolute from base_url's path (/r&d/), so it works served at any depth */
	ck_assert_ptr_nonnull(strstr(html, "<a href=\"/r&amp;d/index.html\">Summary</a>"));
	ck_assert_ptr_nonnull(strstr(html,
	    "<link rel=\"stylesheet\" href=\"/r&amp;d/style.css\">"));
	ck_assert_ptr_nonnull(strstr(html, "href=\"/r&amp;d/favicon.svg\""));
	ck_assert_ptr_nonnull(strstr(html, "href=\"#page-main\"")); /* fragments stay */
	ck_assert_ptr_null(strstr(html, "href=\"index.html\""));
	ck_assert_ptr_null(strstr(html, "og:url"));
	ck_assert_ptr_null(strstr(html, "canonical"));
	ck_assert_ptr_null(strstr(html, "aria-current"));
	ck_assert_ptr_null(strstr(html, "class=\"pager"));
	ck_assert_ptr_null(strstr(html, "<script"));
	ck_assert_ptr_null(strstr(html, "https://"));
	ck_assert_ptr_nonnull(strstr(html, "As of 1 November 2026"));
	buf_reset(&out);
	fx.rep.base_url = NULL; /* no base_url: from the host's root */
	ck_assert_int_eq(page_render_404(&fx.c, fx.t, &out), 0);
	html = buf_str(&out);
	ck_assert_ptr_nonnull(strstr(html, "<a href=\"/index.html\">Summary</a>"));
	ck_assert_ptr_nonnull(strstr(html, "<link rel=\"stylesheet\" href=\"/style.css\">"));
	buf_free(&out);
}
END_TEST

START_TEST(test_sitemap_robots)
{
	buf out;
	buf_init(&out);
	render_fig figs[2] = { { .id = "cash-flow", .section = 1, .number = 1 },
		{ .id = "npv", .section = 2, .number = 2 } };
	render_figs f;
	memset(&f, 0, sizeof f);
	f.n = 2;
	f.figs = figs;
	page_sitemap(&fx.rep, &f, &out);
	ck_assert_str_eq(buf_str(&out),
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
	    "<url><loc>https://example.org/r&amp;d/</loc><lastmod>2026-11-01</lastmod></url>\n"
	    "<url><loc>https://example.org/r&amp;d/money.html</loc><lastmod>2026-11-01</lastmod></url>\n"
	    "<url><loc>https://example.org/r&amp;d/method.html</loc><lastmod>2026-11-01</lastmod></url>\n"
	    "<url><loc>https://example.org/r&amp;d/charts/cash-flow.html</loc><lastmod>2026-11-01</lastmod></url>\n"
	    "<url><loc>https://example.org/r&amp;d/charts/npv.html</loc><lastmod>2026-11-01</lastmod></url>\n"
	    "</urlset>\n");
	buf_reset(&out);
	page_robots(&fx.rep, &out);
	ck_assert_str_eq(buf_str(&out),
	    "User-agent: *\nAllow: /\nSitemap: https://example.org/r&d/sitemap.xml\n");
	buf_reset(&out);
	fx.rep.base_url = NULL; /* no base_url: no sitemap line */
	page_robots(&fx.rep, &out);
	ck_assert_str_eq(buf_str(&out), "User-agent: *\nAllow: /\n");
	buf_free(&out);
}
END_TEST

START_TEST(test_template_is_not_changed_by_pages)
{
	char *a = render(1);
	char *b = render(1);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
}
END_TEST

static Suite *
page_suite(void)
{
	Suite *s = suite_create("page");
	TCase *tc = tcase_create("serialize-tmpl");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_serialize_escaping_and_void);
	tcase_add_test(tc, test_tmpl_good);
	tcase_add_test(tc, test_tmpl_external_entity_refused);
	tcase_add_test(tc, test_tmpl_parameter_entity_and_external_dtd);
	tcase_add_test(tc, test_tmpl_malformed_position);
	tcase_add_test(tc, test_tmpl_slot_checks);
	suite_add_tcase(s, tc);
	TCase *tp = tcase_create("pages");
	tcase_add_checked_fixture(tp, page_setup, page_teardown);
	tcase_add_test(tp, test_page_escaping_and_head);
	tcase_add_test(tp, test_page_nav_toc_notes);
	tcase_add_test(tp, test_page_note_refused_url);
	tcase_add_test(tp, test_page_pager_footer);
	tcase_add_test(tp, test_page_optional_slots_dropped);
	tcase_add_test(tp, test_page_markdown_h1_not_doubled);
	tcase_add_test(tp, test_page_render_error);
	tcase_add_test(tp, test_page_404);
	tcase_add_test(tp, test_sitemap_robots);
	tcase_add_test(tp, test_template_is_not_changed_by_pages);
	suite_add_tcase(s, tp);
	return s;
}

int
main(void)
{
	cmd_process_init();
	int rc = check_run(page_suite());
	cmd_process_fini();
	return rc;
}
