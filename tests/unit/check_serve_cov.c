/* check_serve_cov: the preview server spoken to over a socket (methods, Host names,
 * redirects with characters to encode, %XX decoding, 404 with and without the site's
 * page, a FIFO, a long name), and serve_open's and serve_inject's edges (policies
 * written every way), and the folder watch on trees that change. */
#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "serve/events.h"
#include "serve/files.h"
#include "serve/http.h"
#include "serve/watch.h"
#include "util/path.h"
#include "check_main.h"
#include "tmp_root.h"

static serve_events *ev;
static serve_http *srv;


static void
make_dir(const char *rel)
{
	char *p = path_join(root, rel);
	ck_assert_int_eq(mkdir(p, 0777), 0);
	free(p);
}

static void
setup(void)
{
	signal(SIGPIPE, SIG_IGN);
	root_make("check_serve_cov");
	put_file("index.html", "<html><body><p>home</p></body></html>");
	put_file("A.txt", "upper a");
	put_file("j.txt", "lower j");
	make_dir("dir x");
	put_file("dir x/index.html", "<body>in dir x</body>");
	ev = serve_events_new();
	srv = serve_http_new(root, "/sub/", 0, ev);
	ck_assert_ptr_nonnull(srv);
}

static void
teardown(void)
{
	serve_events_stop(ev);
	serve_http_free(srv);
	serve_events_free(ev);
	root_remove();
}

/* Sends the raw request req to the server and returns its whole answer (static). */
static const char *
ask(const char *req)
{
	static char out[16384];
	int s = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_ge(s, 0);
	struct sockaddr_in sa;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)serve_http_port(srv));
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(connect(s, (struct sockaddr *)&sa, sizeof sa), 0);
	ck_assert_int_eq(write(s, req, strlen(req)), (ssize_t)strlen(req));
	size_t n = 0;
	ssize_t k;
	while (n < sizeof out - 1 && (k = read(s, out + n, sizeof out - 1 - n)) > 0)
		n += (size_t)k;
	out[n] = '\0';
	close(s);
	return out;
}

/* A GET of path with Host host (none if NULL), closing the connection. */
static const char *
get(const char *path, const char *host)
{
	char req[1024];
	snprintf(req, sizeof req, "GET %s HTTP/1.1\r\n%s%s%sConnection: close\r\n\r\n", path,
	    host ? "Host: " : "", host ? host : "", host ? "\r\n" : "");
	return ask(req);
}

/* Asserts that answer a starts with status line status and holds text. */
static void
want(const char *a, const char *status, const char *text)
{
	ck_assert_msg(strncmp(a, status, strlen(status)) == 0, "want %s, got %.200s", status, a);
	ck_assert_msg(strstr(a, text) != NULL, "want '%s' in %.400s", text, a);
}

START_TEST(methods_and_hosts)
{
	want(ask("POST /sub/ HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n"
	    "Connection: close\r\n\r\n"), "HTTP/1.1 405", "only GET and HEAD");
	want(get("/sub/A.txt", "evil.example"), "HTTP/1.1 403", "the Host is not 127.0.0.1");
	want(get("/sub/A.txt", "localhost.evil.example:80"), "HTTP/1.1 403", "Host");
	want(get("/sub/A.txt", "[::1"), "HTTP/1.1 403", "Host");
	want(get("/sub/A.txt", "[::1]:8080"), "HTTP/1.1 200", "upper a");
	want(get("/sub/A.txt", "LOCALHOST"), "HTTP/1.1 200", "upper a");
	want(get("/sub/A.txt", "127.0.0.1:1"), "HTTP/1.1 200", "Cache-Control: no-store");
	want(ask("GET /sub/A.txt HTTP/1.0\r\n\r\n"), "HTTP/1.1 200", "upper a");
	want(ask("HEAD /sub/A.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
	    "HTTP/1.1 200", "Content-Length: 7");
}
END_TEST

/* The root and the base without its slash go to the base; a folder without its slash
 * to itself with one, percent-encoded. */
START_TEST(redirects)
{
	want(get("/", "localhost"), "HTTP/1.1 301", "Location: /sub/\r\n");
	want(get("/sub", "localhost"), "HTTP/1.1 301", "Location: /sub/\r\n");
	want(get("/sub/dir%20x", "localhost"), "HTTP/1.1 301", "Location: /sub/dir%20x/\r\n");
	want(get("/sub/dir%20x/", "localhost"), "HTTP/1.1 200", "in dir x");
	make_dir("Az-09._~%");
	want(get("/sub/Az-09._~%25", "localhost"), "HTTP/1.1 301",
	    "Location: /sub/Az-09._~%25/\r\n");
	want(get("/xyz", "localhost"), "HTTP/1.1 404", "not found");
	want(get("/sub/", "localhost"), "HTTP/1.1 200", "reload.js");
}
END_TEST

/* %XX in either case is decoded, a bad or %00 escape kept as it is. */
START_TEST(decoding)
{
	want(get("/sub/%41.txt", "localhost"), "HTTP/1.1 200", "upper a");
	want(get("/sub/%6a.txt", "localhost"), "HTTP/1.1 200", "lower j");
	want(get("/sub/%6A.txt", "localhost"), "HTTP/1.1 200", "lower j");
	want(get("/sub/%zz.txt", "localhost"), "HTTP/1.1 404", "not found");
	want(get("/sub/%.1.txt", "localhost"), "HTTP/1.1 404", "not found");
	want(get("/sub/%G1.txt", "localhost"), "HTTP/1.1 404", "not found");
	want(get("/sub/%4G.txt", "localhost"), "HTTP/1.1 404", "not found");
	want(get("/sub/A%00.txt", "localhost"), "HTTP/1.1 404", "not found");
	want(get("/sub/%2e%2e/x", "localhost"), "HTTP/1.1 403", "refused");
}
END_TEST

/* Missing files: the plain answer, then the site's 404 page once there is one; paths
 * outside the base too; a FIFO and a name longer than any file name. */
START_TEST(not_found)
{
	want(get("/sub/nothing.html", "localhost"), "HTTP/1.1 404", "not found\n");
	want(get("/elsewhere", "localhost"), "HTTP/1.1 404", "not found\n");
	put_file("404.html", "<body>lost</body>");
	want(get("/sub/nothing.html", "localhost"), "HTTP/1.1 404", "lost");
	want(get("/elsewhere", "localhost"), "HTTP/1.1 404", "reload.js");
	char *fifo = path_join(root, "pipe");
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	free(fifo);
	want(get("/sub/pipe", "localhost"), "HTTP/1.1 403", "refused");
	char path[400] = "/sub/";
	memset(path + 5, 'a', 300);
	path[305] = '\0';
	want(get(path, "localhost"), "HTTP/1.1 404", "lost");
	want(get("/__mkreport/reload.js", "localhost"), "HTTP/1.1 200", "EventSource");
	char *big = path_join(root, "big.html"); /* sparse, above the size a page is read at */
	FILE *f = fopen(big, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(truncate(big, (off_t)65 << 20), 0);
	free(big);
	want(get("/sub/big.html", "localhost"), "HTTP/1.1 500", "cannot read the page");
}
END_TEST

/* serve_open: a folder's index.html that is missing or is itself a folder, "a//b",
 * a root that is not there. */
START_TEST(open_edges)
{
	int is_html;
	make_dir("e");
	ck_assert_int_eq(serve_open(root, "e/", &is_html), SERVE_NOT_FOUND);
	make_dir("e/index.html");
	ck_assert_int_eq(serve_open(root, "e/", &is_html), SERVE_DIR);
	int fd = serve_open(root, "dir x//index.html", &is_html);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(is_html, 1);
	close(fd);
	fd = serve_open(root, "A.txt", &is_html);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(is_html, 0);
	close(fd);
	ck_assert_int_eq(serve_open("/nonexistent-mkreport-root", "A.txt", &is_html),
	    SERVE_NOT_FOUND);
	ck_assert_str_eq(serve_content_type("x.HTML"), "text/html; charset=utf-8");
	ck_assert_str_eq(serve_content_type("noext"), "application/octet-stream");
	ck_assert_str_eq(serve_content_type("a.b/c"), "application/octet-stream");
}
END_TEST

/* Returns serve_inject's copy of html with generation 3 (a static copy). */
static const char *
injected(const char *html)
{
	static char out[1024];
	size_t n = 0;
	char *t = serve_inject(html, strlen(html), "3", &n);
	ck_assert_ptr_nonnull(t);
	ck_assert_uint_eq(strlen(t), n);
	snprintf(out, sizeof out, "%s", t);
	free(t);
	return out;
}

#define CSP(p) "<meta http-equiv=\"Content-Security-Policy\" content=\"" p "\"><body></body>"
#define SCRIPT "<script src=\"/__mkreport/reload.js\" data-generation=\"3\"></script>"
#define CSP_OUT(p) "<meta http-equiv=\"Content-Security-Policy\" content=\"" p "\"><body>" \
	SCRIPT "</body>"

/* Policies written with tabs, empty source lists, the two directives in either order,
 * 'NONE' and 'SELF' in capitals, a longer directive that only starts like one; meta
 * elements without a policy, unterminated, or cut short; pages shorter than </body>. */
START_TEST(inject_policies)
{
	ck_assert_str_eq(injected(CSP("default-src\t'self';\tscript-src\t'none'")),
	    CSP_OUT("default-src\t'self';\tscript-src 'self'; connect-src 'self'"));
	ck_assert_str_eq(injected(CSP("script-src")), CSP_OUT("script-src 'self'"));
	ck_assert_str_eq(injected(CSP("script-src ;connect-src 'none'")),
	    CSP_OUT("script-src 'self';connect-src 'self'"));
	ck_assert_str_eq(injected(CSP("connect-src 'NONE'; script-src 'SELF' https://a.example")),
	    CSP_OUT("connect-src 'self'; script-src 'SELF' https://a.example"));
	ck_assert_str_eq(injected(CSP("default-src 'none'; script-src-attr 'none'")),
	    CSP_OUT("default-src 'none'; script-src-attr 'none'; script-src 'self'; "
	    "connect-src 'self'"));
	ck_assert_str_eq(injected("<p>x<meta content=\"a\""), "<p>x<meta content=\"a\"" SCRIPT);
	ck_assert_str_eq(injected("<p>"), "<p>" SCRIPT);
	ck_assert_str_eq(injected(""), SCRIPT);
	ck_assert_str_eq(injected("<META HTTP-EQUIV=\"content-security-policy\" "
	    "CONTENT=\"default-src 'self'\"><meta name=x content=\"y\"><meta http-equiv=\""
	    "Content-Security-Policy\" content=\"default-src 'self'>"),
	    "<META HTTP-EQUIV=\"content-security-policy\" CONTENT=\"default-src 'self'; "
	    "script-src 'self'; connect-src 'self'\"><meta name=x content=\"y\"><meta "
	    "http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'>" SCRIPT);
}
END_TEST

/* Waits up to a second for events of w, then reads them; returns serve_watch_read's. */
static int
watch_count(serve_watch *w, const char **path)
{
	struct pollfd p = { serve_watch_fd(w), POLLIN, 0 };
	if (poll(&p, 1, 1000) != 1)
		return 0;
	usleep(20000);
	return serve_watch_read(w, path);
}

/* Many folders at the start (the table grows), files and symlinks beside them, scratch
 * names of every kind, a folder moved in (then watched), a watched folder removed. */
START_TEST(watch_trees)
{
	char p[256], q[256];
	make_dir("w");
	for (int i = 0; i < 20; i++) {
		snprintf(p, sizeof p, "w/d%02d", i);
		make_dir(p);
	}
	put_file("w/file.md", "x");
	snprintf(p, sizeof p, "%s/w/d00", root);
	snprintf(q, sizeof q, "%s/w/link", root);
	ck_assert_int_eq(symlink(p, q), 0);
	snprintf(p, sizeof p, "%s/w", root);
	const char *dirs[] = { p };
	serve_watch *w = serve_watch_new(dirs, 1);
	ck_assert_ptr_nonnull(w);
	const char *path = NULL;
	ck_assert_int_eq(serve_watch_read(w, &path), 0);
	ck_assert_str_eq(path, "");
	put_file("w/d19/a.md", "deep");
	ck_assert_int_gt(watch_count(w, &path), 0);
	snprintf(q, sizeof q, "%s/w/d19/a.md", root);
	ck_assert_str_eq(path, q);
	put_file("w/d03/#a.md#", "emacs");
	put_file("w/d03/4913", "vim");
	put_file("w/d03/.hidden", "h");
	put_file("w/d03/x.swx", "vim");
	put_file("w/d03/x.swpx", "vim");
	ck_assert_int_eq(watch_count(w, NULL), 0);
	make_dir("outside");
	make_dir("outside/inner");
	snprintf(p, sizeof p, "%s/outside", root);
	snprintf(q, sizeof q, "%s/w/moved", root);
	ck_assert_int_eq(rename(p, q), 0);
	ck_assert_int_gt(watch_count(w, &path), 0);
	ck_assert_str_eq(path, q);
	put_file("w/moved/inner/b.md", "new");
	ck_assert_int_gt(watch_count(w, &path), 0);
	snprintf(q, sizeof q, "%s/w/moved/inner/b.md", root);
	ck_assert_str_eq(path, q);
	snprintf(p, sizeof p, "%s/w/d05", root);
	ck_assert_int_eq(rmdir(p), 0);
	ck_assert_int_gt(watch_count(w, &path), 0);
	ck_assert_str_eq(path, p);
	serve_watch_free(w);
	serve_watch_free(NULL);
}
END_TEST

static Suite *
serve_cov_suite(void)
{
	Suite *s = suite_create("serve_cov");
	TCase *tc = tcase_create("http");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, methods_and_hosts);
	tcase_add_test(tc, redirects);
	tcase_add_test(tc, decoding);
	tcase_add_test(tc, not_found);
	tcase_add_test(tc, open_edges);
	suite_add_tcase(s, tc);
	TCase *ti = tcase_create("inject");
	tcase_add_test(ti, inject_policies);
	tcase_add_test(tc, watch_trees);
	suite_add_tcase(s, ti);
	return s;
}

int
main(void)
{
	return check_run(serve_cov_suite());
}
