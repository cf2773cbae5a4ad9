/* check_url: URLs read as the WHATWG URL parser reads them, and the link and image
 * policy. Each expected reading was checked against a browser engine's URL parser
 * (node's URL, the WHATWG reference) with the bases https://example.org/mini/page.html
 * and file:///home/u/site/page.html. */
#include <check.h>
#include <string.h>

#include "util/buf.h"
#include "util/url.h"
#include "check_main.h"

/* One URL: how it reads and whether links and images may use it. */
typedef struct url_case {
	const char *src;   /* as written */
	url_kind kind;     /* what it points at */
	const char *clean; /* as the browser parses it */
	int link_ok;       /* 1: a link may use it */
	int image_ok;      /* 1: an image may use it */
} url_case;

static const url_case cases[] = {
	/* another host, whatever mix of slashes: https://evil.example/x.png */
	{ "/\\evil.example/x.png", URL_HOST, "//evil.example/x.png", 0, 0 },
	{ "/\t/evil.example/x.png", URL_HOST, "//evil.example/x.png", 0, 0 },
	{ "\\\\evil.example/x", URL_HOST, "//evil.example/x", 0, 0 },
	{ "\\/evil.example/x", URL_HOST, "//evil.example/x", 0, 0 },
	{ "//evil.example/x", URL_HOST, "//evil.example/x", 0, 0 },
	{ "/\n/evil.example/x", URL_HOST, "//evil.example/x", 0, 0 },
	{ " \x01//evil.example/x", URL_HOST, "//evil.example/x", 0, 0 },
	/* schemes split by TAB/LF/CR, behind C0 controls, in any case */
	{ "java\tscript:alert(1)", URL_SCHEME, "javascript:alert(1)", 0, 0 },
	{ "java\nscript:alert(1)", URL_SCHEME, "javascript:alert(1)", 0, 0 },
	{ "java\r\nscript:alert(1)", URL_SCHEME, "javascript:alert(1)", 0, 0 },
	{ " \x01javascript:alert(1)", URL_SCHEME, "javascript:alert(1)", 0, 0 },
	{ "javascript:alert(1)\x7f", URL_SCHEME, "javascript:alert(1)\x7f", 0, 0 },
	{ "JaVaScRiPt:alert(1)", URL_SCHEME, "javascript:alert(1)", 0, 0 },
	{ "vbscript:x", URL_SCHEME, "vbscript:x", 0, 0 },
	{ "data:image/png;base64,AA", URL_SCHEME, "data:image/png;base64,AA", 0, 0 },
	{ "DATA:text/html,hi", URL_SCHEME, "data:text/html,hi", 0, 0 },
	{ "file:///etc/passwd", URL_SCHEME, "file:///etc/passwd", 0, 0 },
	{ "ftp://a/b", URL_SCHEME, "ftp://a/b", 0, 0 },
	{ "blob:https://a/x", URL_SCHEME, "blob:https://a/x", 0, 0 },
	/* percent-encoding does not make a scheme: a relative path with ':' in it */
	{ "java%73cript:alert(1)", URL_PATH, "java%73cript:alert(1)", 0, 0 },
	{ "%6Aavascript:alert(1)", URL_PATH, "%6Aavascript:alert(1)", 0, 0 },
	{ "1a:b", URL_PATH, "1a:b", 0, 0 },
	{ "\xc2\xa0javascript:x", URL_PATH, "\xc2\xa0javascript:x", 0, 0 },
	{ "./1a:b", URL_PATH, "./1a:b", 1, 1 },
	/* http(s): a host after "//" (any number of slashes of either kind) */
	{ "https://ok.example/?a=1&b=2", URL_SCHEME, "https://ok.example/?a=1&b=2", 1, 0 },
	{ "HTTP://ok.example/", URL_SCHEME, "http://ok.example/", 1, 0 },
	{ "https:\\\\ok.example\\x?a\\b", URL_SCHEME, "https://ok.example/x?a\\b", 1, 0 },
	{ "https:///ok.example/x", URL_SCHEME, "https:///ok.example/x", 1, 0 },
	{ " https://ok.example/ ", URL_SCHEME, "https://ok.example/", 1, 0 },
	{ "https:evil.example/x", URL_SCHEME, "https:evil.example/x", 0, 0 },
	{ "https://", URL_SCHEME, "https://", 0, 0 },
	{ "https://ok.example@evil.example/", URL_SCHEME, "https://ok.example@evil.example/", 0,
		0 },
	{ "https://ok.example/@x", URL_SCHEME, "https://ok.example/@x", 1, 0 },
	{ "mailto:a@b.example", URL_SCHEME, "mailto:a@b.example", 1, 0 },
	{ "MailTo:a@b.example", URL_SCHEME, "mailto:a@b.example", 1, 0 },
	/* from the host's root: outside a site served from a folder */
	{ "/x.png", URL_ROOT, "/x.png", 0, 0 },
	{ "\\x.png", URL_ROOT, "/x.png", 0, 0 },
	{ "C|/x.png", URL_ROOT, "C|/x.png", 0, 0 }, /* file:///C:/x.png */
	{ "c|", URL_ROOT, "c|", 0, 0 },
	/* relative paths: inside the site, or climbing out with any spelling of ".." */
	{ "charts/a.svg", URL_PATH, "charts/a.svg", 1, 1 },
	{ "img\\x.png", URL_PATH, "img/x.png", 1, 1 },
	{ "x.png?a\\b", URL_PATH, "x.png?a\\b", 1, 1 },
	{ "money.html#top", URL_PATH, "money.html#top", 1, 1 },
	{ "a/../b.png", URL_PATH, "a/../b.png", 1, 1 },
	{ "a/%2e/b.png", URL_PATH, "a/%2e/b.png", 1, 1 },
	{ "./b.png", URL_PATH, "./b.png", 1, 1 },
	{ "..", URL_PATH, "..", 0, 0 },
	{ "../x.png", URL_PATH, "../x.png", 0, 0 },
	{ "..\\x.png", URL_PATH, "../x.png", 0, 0 },
	{ "a/../../x.png", URL_PATH, "a/../../x.png", 0, 0 },
	{ "%2e%2e/x.png", URL_PATH, "%2e%2e/x.png", 0, 0 },
	{ ".%2E/x.png", URL_PATH, ".%2E/x.png", 0, 0 },
	{ "%2E./x.png", URL_PATH, "%2E./x.png", 0, 0 },
	{ "a/b/../../../x", URL_PATH, "a/b/../../../x", 0, 0 },
	{ "..x/y.png", URL_PATH, "..x/y.png", 1, 1 },
	{ "x.png?../../y", URL_PATH, "x.png?../../y", 1, 1 },
	/* the page itself */
	{ "#f", URL_SAME, "#f", 1, 0 },
	{ "?q", URL_SAME, "?q", 1, 0 },
	{ "", URL_SAME, "", 0, 0 },
	{ " \t\n", URL_SAME, "", 0, 0 },
};

START_TEST(url_reads_as_browsers)
{
	const url_case *c = &cases[_i];
	url_view u;
	url_read(&u, c->src);
	ck_assert_msg(u.kind == c->kind, "case %d: kind %d, expected %d", _i, (int)u.kind,
	    (int)c->kind);
	ck_assert_str_eq(buf_str(&u.clean), c->clean);
	ck_assert_msg((url_link_refusal(&u) == NULL) == c->link_ok, "case %d (%s): link %s", _i,
	    c->clean, url_link_refusal(&u) ? url_link_refusal(&u) : "accepted");
	ck_assert_msg((url_image_refusal(&u) == NULL) == c->image_ok, "case %d (%s): image %s",
	    _i, c->clean, url_image_refusal(&u) ? url_image_refusal(&u) : "accepted");
	url_done(&u);
}
END_TEST

/* The refusals say what is wrong in words a writer can act on. */
START_TEST(url_refusal_reasons)
{
	url_view u;
	url_read(&u, "/\\evil.example/x.png");
	ck_assert_str_eq(url_image_refusal(&u),
	    "is loaded from elsewhere: the site makes no external requests");
	ck_assert_str_eq(url_link_refusal(&u),
	    "names another host without a scheme: write https://host/");
	url_done(&u);
	url_read(&u, "java\tscript:x");
	ck_assert_str_eq(url_link_refusal(&u), "has a scheme other than http, https or mailto");
	ck_assert(url_scheme_is(&u, "javascript"));
	ck_assert(!url_scheme_is(&u, "java"));
	url_done(&u);
	url_read(&u, "a/../../x");
	ck_assert(u.above);
	ck_assert_str_eq(url_link_refusal(&u), "climbs above the site's folder with '..'");
	url_done(&u);
	url_read(&u, "https://a@b/");
	ck_assert_ptr_nonnull(strstr(url_link_refusal(&u), "user name or password"));
	url_done(&u);
}
END_TEST

START_TEST(url_quote_escapes_controls)
{
	buf b;
	buf_init(&b);
	url_quote(&b, "/\t/x\n\r\x01\x7f\xc3\xa9");
	ck_assert_str_eq(buf_str(&b), "/\\t/x\\n\\r\\x01\\x7f\xc3\xa9");
	buf_free(&b);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("url");
	TCase *tc = tcase_create("core");
	tcase_add_loop_test(tc, url_reads_as_browsers, 0, (int)(sizeof cases / sizeof cases[0]));
	tcase_add_test(tc, url_refusal_reasons);
	tcase_add_test(tc, url_quote_escapes_controls);
	suite_add_tcase(s, tc);
	return check_run(s);
}
