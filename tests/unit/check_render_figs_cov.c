/* check_render_figs_cov: figures (src/render/figures.c): charts found behind every
 * fence a page may write, figure numbers without a scan, and render_chart_with /
 * render_chart_files on unknown, failing and invalid charts. */
#include "render_fixture.h"

/* Returns the produced file path, or NULL. */
static const render_file *
file(const char *path)
{
	for (size_t i = 0; i < body.nfiles; i++)
		if (strcmp(body.files[i].path, path) == 0)
			return &body.files[i];
	return NULL;
}

#define HAS(hay, needle) ck_assert_msg(strstr((hay), (needle)) != NULL, \
	"missing %.300s in %.3000s", (needle), (hay))
#define FIRST_DIAG() (diag_count(dg) ? diag_text(dg, 0) : "(none)")


#define BARS "type: bar\ntitle: T\nalt: A.\nbars: [{label: A, metric: fact.a}]\n"

START_TEST(test_fences_found)
{
	/* tildes, a tab before the info string, CRLF lines, a fence in a list item */
	const char *md = "~~~ chart\nid: t1\n" BARS "~~~\n\n"
	    "```\tchart\r\nid: t2\r\ntype: bar\r\ntitle: T\r\nalt: A.\r\n"
	    "bars: [{label: A, metric: fact.a}]\r\n```\r\n\n"
	    "- item\n\n  ````chart\n  id: t3\n  type: bar\n  title: T\n  alt: A.\n"
	    "  bars: [{label: A, metric: fact.a}]\n  ````\n\n"
	    "See {{ figure t3 }}.\n";
	page(0, md);
	const char *h = render(0);
	ck_assert_msg(last_rc == 0, "%s", FIRST_DIAG());
	HAS(h, "id=\"fig-t1\"");
	HAS(h, "id=\"fig-t2\"");
	HAS(h, "id=\"fig-t3\"");
	HAS(h, "href=\"index.html#fig-t3\">Figure 3</a>");
	ck_assert_ptr_nonnull(file("charts/t2.svg"));
}
END_TEST

START_TEST(test_scan_skips_pages_without_charts)
{
	/* fences that are not charts, "``" runs, references on other lines */
	page(0, "``not a fence`` and `code`\n\n```python\nx = 1\n```\n\nA &amp; B \\ C\n");
	page(1, "Nothing here.\n");
	render_ctx c = { &rep, mt, dg, NULL, 0, 0, NULL, 0, NULL };
	render_figs *f = render_scan_figures(&c);
	ck_assert_ptr_null(render_figs_find(f, "x"));
	render_figs_free(f);
	const char *h = render(0);
	ck_assert_msg(last_rc == 0, "%s", FIRST_DIAG());
	HAS(h, "A &amp; B \\ C");
}
END_TEST

START_TEST(test_fence_with_reference_info)
{
	/* an info string spelled with a character reference is still a chart */
	page(0, "```&#99;hart\nid: r1\n" BARS "```\n\nSee {{ figure r1 }}.\n");
	const char *h = render(0);
	ck_assert_msg(last_rc == 0, "%s", FIRST_DIAG());
	HAS(h, "id=\"fig-r1\"");
	HAS(h, ">Figure 1</a>");
}
END_TEST

START_TEST(test_numbers_without_scan)
{
	/* without figs, charts are numbered per page and only earlier ones are found */
	page(0, "```chart\nid: a1\n" BARS "```\n\nSee {{ figure a1 }} and {{ figure\ta1 }}.\n");
	render_ctx c = { &rep, mt, dg, NULL, 0, 0, NULL, 0, NULL };
	render_body_free(&body);
	last_rc = render_markdown(&c, 0, doc, &body);
	ck_assert_msg(last_rc == 0, "%s", FIRST_DIAG());
	xmlBufferPtr b = xmlBufferCreate();
	xmlNodeDump(b, doc, body.root, 0, 0);
	const char *h = (const char *)xmlBufferContent(b);
	HAS(h, "<a class=\"figure-ref\" href=\"#fig-a1\">Figure 1</a> and <a class=\"figure-ref\" "
	    "href=\"#fig-a1\">Figure 1</a>");
	xmlBufferFree(b);
	xmlFreeNode(body.root);
	body.root = NULL;
	render_body_free(&body);
	page(0, "See {{ figure a1 }}.\n\n```chart\nid: a1\n" BARS "```\n");
	last_rc = render_markdown(&c, 0, doc, &body);
	ck_assert_int_eq(last_rc, -1);
	ck_assert_str_eq(FIRST_DIAG(), P0 ":1:5: error: unknown figure 'a1' (no chart "
	    "directive has that id)");
}
END_TEST

/* render_chart_fn that fails with a reason after noting the spec's caption. */
static int
fail_fn(void *arg, const chart_spec *s, char *why, size_t n)
{
	*(const char **)arg = s->caption;
	ck_assert_ptr_null(s->title);
	snprintf(why, n, "no room on the disk");
	return -1;
}

START_TEST(test_chart_with_failures)
{
	page(0, "Text.\n\n```chart\nid: w1\n" BARS "```\n\n```chart\nid: w2\ntype: bar\n"
	    "title: T\nalt: A.\nbars: [{label: A, metric: fact.nope}]\n```\n"
	    "\n```chart\nid: w3\ntype: line\ntitle: T\nalt: A.\ny: {log: true}\n"
	    "series: [{metric: finance.neg@base, label: N}]\n```\n");
	render_ctx c = { &rep, mt, dg, NULL, 1, 0, NULL, 0, NULL };
	render_figs *f = render_scan_figures(&c);
	c.figs = f;
	const char *cap = NULL;
	ck_assert_int_eq(render_chart_with(&c, "w1", fail_fn, &cap), -1);
	ck_assert_str_eq(cap, "T"); /* no caption: the title moves there */
	ck_assert_str_eq(FIRST_DIAG(), P0 ":3:1: error: chart 'w1': no room on the disk");
	diag_free(dg);
	dg = diag_new();
	c.d = dg;
	ck_assert_int_eq(render_chart_with(&c, "zz", fail_fn, &cap), -1);
	ck_assert_str_eq(FIRST_DIAG(), "mkreport: error: unknown chart 'zz'");
	diag_free(dg);
	dg = diag_new();
	c.d = dg;
	chart_format fmts[2] = { CHART_SVG, CHART_PNG };
	buf outs[2];
	buf_init(&outs[0]);
	buf_init(&outs[1]);
	ck_assert_int_eq(render_chart_files(&c, "w2", fmts, 2, outs), -1);
	ck_assert_str_eq(FIRST_DIAG(), P0 ":16:27: error: unknown metric 'fact.nope'");
	diag_free(dg);
	dg = diag_new();
	c.d = dg;
	ck_assert_int_eq(render_chart_files(&c, "w3", fmts, 2, outs), -1);
	ck_assert_str_eq(FIRST_DIAG(), P0 ":19:1: error: chart 'w3': series 'N' value 1 is -1: "
	    "a log scale needs values > 0");
	ck_assert_int_eq(render_chart_files(&c, "w1", fmts, 2, outs), 0);
	ck_assert_ptr_nonnull(strstr(outs[0].data, "<svg"));
	ck_assert_int_eq(memcmp(outs[1].data, "\x89PNG", 4), 0);
	buf_free(&outs[0]);
	buf_free(&outs[1]);
	render_figs_free(f);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("render_figs_cov");
	TCase *t = tcase_create("figs");
	tcase_set_timeout(t, 60);
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, test_fences_found);
	tcase_add_test(t, test_scan_skips_pages_without_charts);
	tcase_add_test(t, test_fence_with_reference_info);
	tcase_add_test(t, test_numbers_without_scan);
	tcase_add_test(t, test_chart_with_failures);
	suite_add_tcase(s, t);
	return s;
}

int
main(void)
{
	cmd_process_init();
	int rc = check_run(suite());
	cmd_process_fini();
	return rc;
}
