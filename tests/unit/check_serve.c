/* check_serve: serve's pieces without a server: opening under the site folder,
 * content types, the reload script and CSP in served pages, the event streams, the
 * error page, the watcher. */
#include <check.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "serve/errpage.h"
#include "serve/events.h"
#include "serve/files.h"
#include "serve/watch.h"
#include "util/buf.h"
#include "check_main.h"

static char root[64];  /* a scratch folder: site/ and outside.txt */
static char site[96];  /* root/site: the folder served */

/* Writes text into root/rel. */
static void
put(const char *rel, const char *text)
{
	char p[256];
	snprintf(p, sizeof p, "%s/%s", root, rel);
	FILE *f = fopen(p, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* Makes the folder root/rel. */
static void
dir(const char *rel)
{
	char p[256];
	snprintf(p, sizeof p, "%s/%s", root, rel);
	ck_assert_int_eq(mkdir(p, 0777), 0);
}

static void
setup(void)
{
	strcpy(root, "/tmp/check_serve_XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(root));
	snprintf(site, sizeof site, "%s/site", root);
	dir("site");
	dir("site/charts");
	put("site/index.html", "<p>home</p>");
	put("site/charts/index.html", "<p>charts</p>");
	put("site/charts/a.svg", "<svg/>");
	put("outside.txt", "secret");
	char p[256], q[256];
	snprintf(p, sizeof p, "%s/outside.txt", root);
	snprintf(q, sizeof q, "%s/site/leak.txt", root);
	ck_assert_int_eq(symlink(p, q), 0);
	snprintf(q, sizeof q, "%s/site/up", root);
	ck_assert_int_eq(symlink(root, q), 0);
	snprintf(q, sizeof q, "%s/site/fifo.svg", root);
	ck_assert_int_eq(mkfifo(q, 0666), 0);
}

static void
teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", root);
	ck_assert_int_eq(system(cmd), 0);
}

/* Returns what serve_open gives for rel, closing a descriptor (then 0, or 1 if HTML). */
static int
open_status(const char *rel)
{
	int html;
	int fd = serve_open(site, rel, &html);
	if (fd < 0)
		return fd;
	close(fd);
	return html;
}

START_TEST(test_open_inside)
{
	ck_assert_int_eq(open_status("charts/a.svg"), 0);
	ck_assert_int_eq(open_status("index.html"), 1);
	ck_assert_int_eq(open_status(""), 1);         /* the folder's index.html */
	ck_assert_int_eq(open_status("charts/"), 1);
	ck_assert_int_eq(open_status("charts//a.svg"), 0);
	ck_assert_int_eq(open_status("charts"), SERVE_DIR);
	ck_assert_int_eq(open_status("nope.html"), SERVE_NOT_FOUND);
	ck_assert_int_eq(open_status("charts/a.svg/x"), SERVE_NOT_FOUND);
}
END_TEST

START_TEST(test_open_refused)
{
	ck_assert_int_eq(open_status("../outside.txt"), SERVE_REFUSED);
	ck_assert_int_eq(open_status("charts/../../outside.txt"), SERVE_REFUSED);
	ck_assert_int_eq(open_status("charts/../index.html"), SERVE_REFUSED);
	ck_assert_int_eq(open_status("./index.html"), SERVE_REFUSED);
	ck_assert_int_eq(open_status("/etc/passwd"), SERVE_REFUSED);
	ck_assert_int_eq(open_status("leak.txt"), SERVE_REFUSED);      /* symlink to a file */
	ck_assert_int_eq(open_status("up/outside.txt"), SERVE_REFUSED); /* symlink folder */
	ck_assert_int_eq(open_status("fifo.svg"), SERVE_REFUSED);      /* and no blocking */
}
END_TEST

START_TEST(test_content_types)
{
	ck_assert_str_eq(serve_content_type("a/b.html"), "text/html; charset=utf-8");
	ck_assert_str_eq(serve_content_type("x.CSV"), "text/csv; charset=utf-8");
	ck_assert_str_eq(serve_content_type("c.svg"), "image/svg+xml");
	ck_assert_str_eq(serve_content_type("r.pdf"), "application/pdf");
	ck_assert_str_eq(serve_content_type("p.zip"), "application/zip");
	ck_assert_str_eq(serve_content_type("m.wasm"), "application/wasm");
	ck_assert_str_eq(serve_content_type("sitemap.xml"), "application/xml");
	ck_assert_str_eq(serve_content_type("d.json"), "application/json");
	ck_assert_str_eq(serve_content_type("robots.txt"), "text/plain; charset=utf-8");
	ck_assert_str_eq(serve_content_type("a.b/noext"), "application/octet-stream");
}
END_TEST

/* Returns serve_inject(html, gen) as a string (caller frees). */
static char *
inject(const char *html, const char *gen)
{
	size_t n = 0;
	char *out = serve_inject(html, strlen(html), gen, &n);
	ck_assert_ptr_nonnull(out);
	ck_assert_uint_eq(strlen(out), n);
	return out;
}

START_TEST(test_inject)
{
	char *s = inject("<html><body><p>x</p></body></html>", "12.3");
	ck_assert_str_eq(s, "<html><body><p>x</p><script src=\"/__mkreport/reload.js\" "
	    "data-generation=\"12.3\"></script></body></html>");
	free(s);
	s = inject("<p>no body end</p>", "1.1\"><x>"); /* only digits and dots kept */
	ck_assert_str_eq(s, "<p>no body end</p><script src=\"/__mkreport/reload.js\" "
	    "data-generation=\"1.1\"></script>");
	free(s);
	s = inject("<BODY><p>a</body>b</BODY>", "2"); /* the last one */
	ck_assert_ptr_nonnull(strstr(s, "b<script"));
	free(s);
}
END_TEST

/* Returns the CSP of the served copy of a page whose CSP meta has policy. */
static char *
served_csp(const char *policy)
{
	char page[512];
	snprintf(page, sizeof page, "<head><meta http-equiv=\"Content-Security-Policy\" "
	    "content=\"%s\"/></head><body></body>", policy);
	char *s = inject(page, "1");
	char *c = strstr(s, "content=\"") + 9;
	*strchr(c, '"') = '\0';
	memmove(s, c, strlen(c) + 1);
	return s;
}

START_TEST(test_csp)
{
	char *s = served_csp("default-src 'none'; img-src 'self'");
	ck_assert_str_eq(s, "default-src 'none'; img-src 'self'; script-src 'self'; "
	    "connect-src 'self'");
	free(s);
	s = served_csp("default-src 'self' https://a.example");
	ck_assert_str_eq(s, "default-src 'self' https://a.example; script-src 'self' "
	    "https://a.example; connect-src 'self' https://a.example");
	free(s);
	s = served_csp("script-src 'none'; style-src 'self'; connect-src 'self'");
	ck_assert_str_eq(s, "script-src 'self'; style-src 'self'; connect-src 'self'");
	free(s);
	s = served_csp("img-src 'self'"); /* scripts not restricted: unchanged */
	ck_assert_str_eq(s, "img-src 'self'");
	free(s);
	char *t = inject("<meta name=\"content-security-policy\"/><body></body>", "1");
	ck_assert_ptr_nonnull(strstr(t, "<meta name=\"content-security-policy\"/>"));
	free(t);
}
END_TEST

/* Reads everything a stream has ready (it must not block: an event is due). */
static void
stream_next(serve_stream *s, char *out, size_t size)
{
	ssize_t n = serve_stream_read(s, 0, out, size - 1);
	ck_assert_int_gt(n, 0);
	out[n] = '\0';
}

START_TEST(test_events)
{
	serve_events *e = serve_events_new();
	ck_assert_ptr_nonnull(e);
	char gen[64], got[256], want[256];
	serve_events_generation(e, gen, sizeof gen);
	serve_stream *s = serve_stream_new(e);
	stream_next(s, got, sizeof got);
	snprintf(want, sizeof want, "retry: 500\nevent: hello\ndata: %s\n\n", gen);
	ck_assert_str_eq(got, want);
	size_t n;
	ck_assert_ptr_null(serve_events_error_page(e, &n));
	ck_assert_int_eq(serve_events_publish(e, "<p>err</p>", 10), 0);
	serve_events_generation(e, gen, sizeof gen);
	stream_next(s, got, sizeof got);
	snprintf(want, sizeof want, "event: reload\ndata: %s\n\n", gen);
	ck_assert_str_eq(got, want);
	char *page = serve_events_error_page(e, &n);
	ck_assert_str_eq(page, "<p>err</p>");
	ck_assert_uint_eq(n, 10);
	free(page);
	ck_assert_int_eq(serve_events_publish(e, NULL, 0), 0);
	ck_assert_ptr_null(serve_events_error_page(e, &n));
	char small[4]; /* an event longer than the reader's room comes in pieces */
	ck_assert_int_eq(serve_stream_read(s, 0, small, sizeof small), 4);
	ck_assert_int_eq(memcmp(small, "even", 4), 0);
	serve_events_stop(e);
	ck_assert_int_eq(serve_stream_read(s, 0, got, sizeof got), -1);
	serve_stream_free(s);
	serve_events_free(e);
}
END_TEST

START_TEST(test_error_page)
{
	diag *d = diag_new();
	diag_error(d, (diag_pos){ diag_intern(d, "pages/a.md"), 3, 7 }, "unknown metric "
	    "'<script>alert(1)</script>' & more");
	buf b;
	buf_init(&b);
	serve_error_page(d, &b);
	const char *s = buf_str(&b);
	ck_assert_ptr_nonnull(strstr(s, "<code>pages/a.md:3:7</code>"));
	ck_assert_ptr_nonnull(strstr(s, "error: unknown metric '&lt;script&gt;alert(1)"
	    "&lt;/script&gt;' &amp; more"));
	ck_assert_ptr_null(strstr(s, "<script>"));
	ck_assert_ptr_nonnull(strstr(s, "<!DOCTYPE html>"));
	buf_free(&b);
	diag_free(d);
}
END_TEST

/* Returns what serve_watch_read counts once w's descriptor is readable (1 s most). */
static int
watch_count(serve_watch *w)
{
	struct pollfd p = { serve_watch_fd(w), POLLIN, 0 };
	if (poll(&p, 1, 1000) != 1)
		return 0;
	usleep(20000);
	return serve_watch_read(w, NULL);
}

START_TEST(test_watch)
{
	const char *dirs[] = { site };
	serve_watch *w = serve_watch_new(dirs, 1);
	ck_assert_ptr_nonnull(w);
	put("site/charts/a.svg", "<svg></svg>");              /* a write below the top */
	ck_assert_int_gt(watch_count(w), 0);
	dir("site/new");                                      /* a new folder... */
	ck_assert_int_gt(watch_count(w), 0);
	put("site/new/.x.swp", "scratch");                    /* ...scratch: not counted */
	put("site/new/b~", "backup");
	ck_assert_int_eq(watch_count(w), 0);
	put("site/new/.tmp", "new text");                     /* saved by rename */
	char from[256], to[256];
	snprintf(from, sizeof from, "%s/new/.tmp", site);
	snprintf(to, sizeof to, "%s/new/page.md", site);
	ck_assert_int_eq(rename(from, to), 0);
	const char *path = NULL;
	struct pollfd p = { serve_watch_fd(w), POLLIN, 0 };
	ck_assert_int_eq(poll(&p, 1, 1000), 1);
	usleep(20000);
	ck_assert_int_gt(serve_watch_read(w, &path), 0);
	ck_assert_str_eq(path, to);
	serve_watch_free(w);
	const char *none[] = { "/nonexistent/folder" };
	ck_assert_ptr_null(serve_watch_new(none, 1));
}
END_TEST

static Suite *
serve_suite(void)
{
	Suite *s = suite_create("serve");
	TCase *tc = tcase_create("serve");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_open_inside);
	tcase_add_test(tc, test_open_refused);
	tcase_add_test(tc, test_content_types);
	tcase_add_test(tc, test_inject);
	tcase_add_test(tc, test_csp);
	tcase_add_test(tc, test_events);
	tcase_add_test(tc, test_error_page);
	tcase_add_test(tc, test_watch);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(serve_suite());
}
