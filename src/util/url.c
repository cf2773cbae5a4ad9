/* url: URLs cleaned and classified as the WHATWG URL parser reads them; link and image
 * policy. */
#include "util/url.h"

#include <string.h>

/* Returns 1 if c is an ASCII letter. */
static int
is_alpha(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* Returns 1 if c may follow a scheme's first letter (letter, digit, '+', '-', '.'). */
static int
is_scheme_char(unsigned char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

/* Appends src to out without leading and trailing C0 controls and spaces and without
 * any TAB, LF or CR (the WHATWG parser's first two steps). */
static void
clean_input(const char *src, buf *out)
{
	size_t a = 0, n = strlen(src);
	while (a < n && (unsigned char)src[a] <= 0x20)
		a++;
	while (n > a && (unsigned char)src[n - 1] <= 0x20)
		n--;
	for (size_t i = a; i < n; i++)
		if (src[i] != '\t' && src[i] != '\n' && src[i] != '\r')
			buf_putc(out, src[i]);
	if (out->data == NULL)
		buf_puts(out, "");
}

/* Returns the length of the scheme at s's start ("https" of "https:x"), 0 if none. */
static size_t
scheme_length(const char *s)
{
	if (!is_alpha((unsigned char)s[0]))
		return 0;
	size_t i = 1;
	while (is_scheme_char((unsigned char)s[i]))
		i++;
	return s[i] == ':' ? i : 0;
}

/* Returns 1 if s[0..n) is one of WHATWG's special schemes (lower case). */
static int
special(const char *s, size_t n)
{
	static const char *const names[] = { "http", "https", "ws", "wss", "ftp", "file" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i]) == n && memcmp(names[i], s, n) == 0)
			return 1;
	return 0;
}

/* Lower-cases s[0..n) in place. */
static void
lower(char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] >= 'A' && s[i] <= 'Z')
			s[i] = (char)(s[i] | 0x20);
}

/* Makes every '\' before the first '?' or '#' of s a '/'. */
static void
backslashes(char *s)
{
	for (; *s != '\0' && *s != '?' && *s != '#'; s++)
		if (*s == '\\')
			*s = '/';
}

/* Returns 1 if s[0..n) equals lit ignoring ASCII case. */
static int
same_ci(const char *s, size_t n, const char *lit)
{
	if (strlen(lit) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((s[i] | 0x20) != lit[i])
			return 0;
	return 1;
}

/* Returns 1 if the segment s[0..n) is ".." as WHATWG reads it (also ".%2e", "%2e.",
 * "%2e%2e", any case). */
static int
double_dot(const char *s, size_t n)
{
	return same_ci(s, n, "..") || same_ci(s, n, ".%2e") || same_ci(s, n, "%2e.") ||
	    same_ci(s, n, "%2e%2e");
}

/* Returns 1 if the segment s[0..n) is "." or "%2e". */
static int
single_dot(const char *s, size_t n)
{
	return same_ci(s, n, ".") || same_ci(s, n, "%2e");
}

/* Walks the relative path p (backslashes already made '/'), setting u->above, u->colon
 * and, for a first segment that is a Windows drive letter ("C|"), kind URL_ROOT. */
static void
read_path(url_view *u, const char *p)
{
	size_t end = strcspn(p, "?#");
	int depth = 0;
	for (size_t i = 0, k = 0; i <= end; k++) {
		size_t n = strcspn(p + i, "/?#");
		if (n > end - i)
			n = end - i;
		const char *s = p + i;
		if (k == 0 && memchr(s, ':', n) != NULL)
			u->colon = 1;
		if (k == 0 && n == 2 && is_alpha((unsigned char)s[0]) && (s[1] == '|' || s[1] == ':'))
			u->kind = URL_ROOT;
		int last = i + n >= end;
		if (double_dot(s, n))
			u->above |= --depth < 0;
		else if (!single_dot(s, n) && !last)
			depth++;
		i += n + 1;
	}
}

void
url_read(url_view *u, const char *src)
{
	memset(u, 0, sizeof *u);
	buf_init(&u->clean);
	clean_input(src, &u->clean);
	char *s = u->clean.data;
	size_t sl = scheme_length(s);
	if (sl > 0) {
		u->kind = URL_SCHEME;
		u->scheme_len = sl;
		lower(s, sl);
		if (special(s, sl))
			backslashes(s + sl + 1);
		return;
	}
	backslashes(s); /* the page's own URL is special (http, https or file) */
	if (s[0] == '\0' || s[0] == '?' || s[0] == '#')
		u->kind = URL_SAME;
	else if (s[0] == '/' && s[1] == '/')
		u->kind = URL_HOST;
	else if (s[0] == '/')
		u->kind = URL_ROOT;
	else {
		u->kind = URL_PATH;
		read_path(u, s);
	}
}

void
url_done(url_view *u)
{
	buf_free(&u->clean);
}

int
url_scheme_is(const url_view *u, const char *name)
{
	return u->kind == URL_SCHEME && strlen(name) == u->scheme_len &&
	    memcmp(u->clean.data, name, u->scheme_len) == 0;
}

/* Returns why an http(s) URL u is refused (no "//", no host, a user name), or NULL. */
static const char *
web_refusal(const url_view *u)
{
	const char *p = u->clean.data + u->scheme_len + 1;
	size_t slashes = strspn(p, "/");
	if (slashes == 0)
		return "has no '//' after its scheme (browsers read it as a path or a host "
		    "depending on the page): write scheme://host/";
	p += slashes;
	size_t n = strcspn(p, "/?#");
	if (n == 0)
		return "names no host";
	if (memchr(p, '@', n) != NULL)
		return "has a user name or password before '@' (the host is what follows it)";
	return NULL;
}

/* The refusals links and images share for relative paths, or NULL. */
static const char *
path_refusal(const url_view *u)
{
	if (u->above)
		return "climbs above the site's folder with '..'";
	if (u->colon)
		return "has ':' in its first segment, which other readers take for a scheme: "
		    "write './' before it";
	return NULL;
}

const char *
url_link_refusal(const url_view *u)
{
	switch (u->kind) {
	case URL_SAME:
		return u->clean.len == 0 ? "has no target" : NULL;
	case URL_PATH:
		return path_refusal(u);
	case URL_ROOT:
		return "starts at the host's root: links within the site are relative, so it "
		    "works from any folder";
	case URL_HOST:
		return "names another host without a scheme: write https://host/";
	case URL_SCHEME:
		if (url_scheme_is(u, "http") || url_scheme_is(u, "https"))
			return web_refusal(u);
		if (url_scheme_is(u, "mailto"))
			return NULL;
		return "has a scheme other than http, https or mailto";
	}
	return "is not a URL";
}

const char *
url_image_refusal(const url_view *u)
{
	switch (u->kind) {
	case URL_SAME:
		return "names no file";
	case URL_PATH:
		return path_refusal(u);
	case URL_ROOT:
		return "starts at the host's root: write it relative to the page, so the site "
		    "works from any folder";
	case URL_HOST:
	case URL_SCHEME:
		return "is loaded from elsewhere: the site makes no external requests";
	}
	return "is not a URL";
}

void
url_quote(buf *out, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\t')
			buf_puts(out, "\\t");
		else if (c == '\n')
			buf_puts(out, "\\n");
		else if (c == '\r')
			buf_puts(out, "\\r");
		else if (c < 0x20 || c == 0x7f)
			buf_printf(out, "\\x%02x", c);
		else
			buf_putc(out, (char)c);
	}
}
