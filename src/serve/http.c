/* http: the preview's HTTP server: site files, the reload script and event stream,
 * the error page. Runs on libmicrohttpd's threads: plain malloc, no longjmp. */
#include "serve/http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <dlfcn.h>

#include <microhttpd.h>

#include "serve/files.h"

/* libmicrohttpd is loaded when the server starts (mhd_load), not with every command:
 * it brings GnuTLS and eight more libraries, about 10 ms of every run's start-up.
 * MHD_FNS lists the functions used; each MHD_x below calls through p_MHD_x. */
#define MHD_FNS(X) X(MHD_start_daemon) X(MHD_stop_daemon) X(MHD_get_daemon_info) \
	X(MHD_create_response_from_buffer) X(MHD_create_response_from_callback) \
	X(MHD_create_response_from_fd64) \
	X(MHD_add_response_header) X(MHD_destroy_response) X(MHD_queue_response) \
	X(MHD_lookup_connection_value)
#define MHD_PTR(f) static __typeof__(f) *p_##f;
MHD_FNS(MHD_PTR)
#define MHD_start_daemon (*p_MHD_start_daemon)
#define MHD_stop_daemon (*p_MHD_stop_daemon)
#define MHD_get_daemon_info (*p_MHD_get_daemon_info)
#define MHD_create_response_from_buffer (*p_MHD_create_response_from_buffer)
#define MHD_create_response_from_callback (*p_MHD_create_response_from_callback)
#define MHD_create_response_from_fd64 (*p_MHD_create_response_from_fd64)
#define MHD_add_response_header (*p_MHD_add_response_header)
#define MHD_destroy_response (*p_MHD_destroy_response)
#define MHD_queue_response (*p_MHD_queue_response)
#define MHD_lookup_connection_value (*p_MHD_lookup_connection_value)

/* Loads libmicrohttpd and its functions once. Returns 0, or -1 after saying why on
 * standard error. */
static int
mhd_load(void)
{
	static void *lib;
	if (lib != NULL)
		return 0;
	void *h = dlopen("libmicrohttpd.so.12", RTLD_NOW | RTLD_LOCAL);
	if (h == NULL)
		h = dlopen("libmicrohttpd.so", RTLD_NOW | RTLD_LOCAL);
	const char *missing = h == NULL ? "libmicrohttpd.so.12" : NULL;
#define MHD_SYM(f) \
	if (missing == NULL && (*(void **)&p_##f = dlsym(h, #f)) == NULL) \
		missing = #f;
	MHD_FNS(MHD_SYM)
#undef MHD_SYM
	if (missing != NULL) {
		fprintf(stderr, "mkreport serve: cannot load libmicrohttpd (%s): %s\n", missing,
		    h == NULL ? dlerror() : "a function is missing");
		if (h != NULL)
			dlclose(h);
		return -1;
	}
	lib = h;
	return 0;
}

enum {
	HTML_MAX = 64 << 20,   /* largest HTML page read to add the script */
	IDLE_SEC = 60,         /* an idle keep-alive connection is closed after this */
	GEN_BYTES = 48,        /* a generation string's size */
};

struct serve_http {
	struct MHD_Daemon *d; /* the library's server */
	const char *site;     /* the folder served (borrowed) */
	const char *base;     /* the URL prefix of the site, "/..../" (borrowed) */
	size_t nbase;         /* strlen(base) */
	serve_events *e;      /* the build state (borrowed) */
	unsigned port;        /* the port listened on */
};

/* Adds the common headers to r, queues it with status and releases it. */
static enum MHD_Result
send_response(struct MHD_Connection *c, unsigned status, struct MHD_Response *r,
    const char *type)
{
	if (r == NULL)
		return MHD_NO;
	if (type != NULL)
		MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	enum MHD_Result ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

/* Answers status with the static text msg. */
static enum MHD_Result
send_text(struct MHD_Connection *c, unsigned status, const char *msg)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(msg), (void *)msg,
	    MHD_RESPMEM_PERSISTENT);
	return send_response(c, status, r, "text/plain; charset=utf-8");
}

/* Answers status with the HTML page html (n bytes, malloc'd: taken over), with the
 * reload script added. */
static enum MHD_Result
send_html(const serve_http *h, struct MHD_Connection *c, unsigned status, char *html,
    size_t n)
{
	char gen[GEN_BYTES];
	serve_events_generation(h->e, gen, sizeof gen);
	size_t outn = 0;
	char *out = serve_inject(html, n, gen, &outn);
	free(html);
	if (out == NULL)
		return send_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory\n");
	struct MHD_Response *r = MHD_create_response_from_buffer(outn, out,
	    MHD_RESPMEM_MUST_FREE);
	if (r == NULL)
		free(out);
	return send_response(c, status, r, "text/html; charset=utf-8");
}

/* Answers with the error page if the last build failed; returns MHD_NO with *sent 0
 * if it did not. */
static enum MHD_Result
send_error_page(const serve_http *h, struct MHD_Connection *c, int *sent)
{
	size_t n = 0;
	char *page = serve_events_error_page(h->e, &n);
	*sent = page != NULL;
	return page ? send_html(h, c, MHD_HTTP_INTERNAL_SERVER_ERROR, page, n) : MHD_NO;
}

/* Reads the regular file fd (size bytes) into a malloc'd buffer and closes fd.
 * Returns it, or NULL. */
static char *
read_all(int fd, size_t size)
{
	char *p = size <= HTML_MAX ? malloc(size + 1) : NULL;
	size_t got = 0;
	while (p != NULL && got < size) {
		ssize_t k = read(fd, p + got, size - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			free(p);
			p = NULL;
		} else {
			got += (size_t)k;
		}
	}
	close(fd);
	return p;
}

/* Answers status with the file fd (closed or taken over) named name. */
static enum MHD_Result
send_file(const serve_http *h, struct MHD_Connection *c, unsigned status, int fd,
    int is_html, const char *name)
{
	struct stat st;
	if (fstat(fd, &st) != 0) {
		close(fd);
		return send_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "cannot read the file\n");
	}
	if (is_html) {
		char *html = read_all(fd, (size_t)st.st_size);
		if (html == NULL)
			return send_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "cannot read the page\n");
		return send_html(h, c, status, html, (size_t)st.st_size);
	}
	struct MHD_Response *r = MHD_create_response_from_fd64((uint64_t)st.st_size, fd);
	if (r == NULL)
		close(fd);
	return send_response(c, status, r, serve_content_type(name));
}

/* Answers 404 with the site's 404.html (or the error page while there is one). */
static enum MHD_Result
send_not_found(const serve_http *h, struct MHD_Connection *c)
{
	int sent, is_html;
	enum MHD_Result ret = send_error_page(h, c, &sent);
	if (sent)
		return ret;
	int fd = serve_open(h->site, "404.html", &is_html);
	if (fd < 0)
		return send_text(c, MHD_HTTP_NOT_FOUND, "not found\n");
	return send_file(h, c, MHD_HTTP_NOT_FOUND, fd, 1, "404.html");
}

/* Writes s percent-encoded (all but unreserved characters and '/') at q; returns the
 * end. */
static char *
pct_encode(char *q, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || strchr("-._~/", ch) != NULL) {
			*q++ = (char)ch;
		} else {
			*q++ = '%';
			*q++ = hex[ch >> 4];
			*q++ = hex[ch & 15];
		}
	}
	*q = '\0';
	return q;
}

/* Answers 301 to the path path + tail, percent-encoded. */
static enum MHD_Result
send_redirect(struct MHD_Connection *c, const char *path, const char *tail)
{
	char *loc = malloc(3 * (strlen(path) + strlen(tail)) + 1);
	if (loc == NULL)
		return MHD_NO;
	pct_encode(pct_encode(loc, path), tail);
	struct MHD_Response *r = MHD_create_response_from_buffer(0, NULL,
	    MHD_RESPMEM_PERSISTENT);
	if (r != NULL)
		MHD_add_response_header(r, "Location", loc);
	free(loc);
	return send_response(c, MHD_HTTP_MOVED_PERMANENTLY, r, NULL);
}

/* Answers with the event stream. */
static enum MHD_Result
send_events(const serve_http *h, struct MHD_Connection *c)
{
	serve_stream *s = serve_stream_new(h->e);
	if (s == NULL)
		return MHD_NO;
	struct MHD_Response *r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 256,
	    serve_stream_read, s, serve_stream_free);
	if (r == NULL) {
		serve_stream_free(s);
		return MHD_NO;
	}
	return send_response(c, MHD_HTTP_OK, r, "text/event-stream");
}

/* Answers a request for url inside the base: rel is the part below it. */
static enum MHD_Result
send_site(const serve_http *h, struct MHD_Connection *c, const char *url, const char *rel)
{
	int is_html, sent;
	int fd = serve_open(h->site, rel, &is_html);
	if (fd == SERVE_REFUSED)
		return send_text(c, MHD_HTTP_FORBIDDEN, "refused: outside the site or a "
		    "symbolic link\n");
	if (fd == SERVE_DIR)
		return send_redirect(c, url, "/");
	if (fd < 0)
		return send_not_found(h, c);
	if (is_html) {
		enum MHD_Result ret = send_error_page(h, c, &sent);
		if (sent) {
			close(fd);
			return ret;
		}
	}
	return send_file(h, c, MHD_HTTP_OK, fd, is_html, rel);
}

/* Returns the value of the hex digit ch, or -1. */
static int
hex_digit(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* libmicrohttpd's URL decoder: decodes %XX in place, except %00 (kept as the three
 * characters, so a NUL cannot cut a path short). Returns the new length. */
static size_t
on_unescape(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls, (void)c;
	char *w = s;
	for (const char *r = s; *r; r++) {
		int hi = r[0] == '%' ? hex_digit(r[1]) : -1;
		int lo = hi >= 0 ? hex_digit(r[2]) : -1;
		if (lo >= 0 && (hi | lo) != 0) {
			*w++ = (char)(hi * 16 + lo);
			r += 2;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return (size_t)(w - s);
}

/* Returns 1 if the request's Host names the loopback interface (or is absent, as in
 * HTTP/1.0): another name that resolves here is a DNS rebinding, a page of some other
 * site reading the preview. */
static int
host_ok(struct MHD_Connection *c)
{
	static const char *const names[] = { "127.0.0.1", "localhost", "[::1]" };
	const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
	if (host == NULL)
		return 1;
	const char *colon = host[0] == '[' ? strchr(host, ']') : host;
	colon = colon ? strchr(colon, ':') : NULL;
	size_t n = colon ? (size_t)(colon - host) : strlen(host);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i]) == n && strncasecmp(host, names[i], n) == 0)
			return 1;
	return 0;
}

/* libmicrohttpd's request handler: url is already percent-decoded (on_unescape). */
static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
    const char *version, const char *upload, size_t *nupload, void **state)
{
	(void)version, (void)upload, (void)nupload, (void)state;
	const serve_http *h = cls;
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
		return send_text(c, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET and HEAD\n");
	if (!host_ok(c))
		return send_text(c, MHD_HTTP_FORBIDDEN, "refused: the Host is not 127.0.0.1 or "
		    "localhost\n");
	if (strcmp(url, "/__mkreport/reload.js") == 0) {
		struct MHD_Response *r = MHD_create_response_from_buffer(
		    strlen(serve_reload_js), (void *)serve_reload_js, MHD_RESPMEM_PERSISTENT);
		return send_response(c, MHD_HTTP_OK, r, "text/javascript; charset=utf-8");
	}
	if (strcmp(url, "/__mkreport/events") == 0)
		return send_events(h, c);
	if (strncmp(url, h->base, h->nbase) == 0)
		return send_site(h, c, url, url + h->nbase);
	if (strcmp(url, "/") == 0 || (strlen(url) == h->nbase - 1 &&
	    strncmp(url, h->base, h->nbase - 1) == 0))
		return send_redirect(c, h->base, "");
	return send_not_found(h, c);
}

serve_http *
serve_http_new(const char *site, const char *base, unsigned port, serve_events *e)
{
	serve_http *h = calloc(1, sizeof *h);
	if (h == NULL)
		return NULL;
	*h = (serve_http){ NULL, site, base, strlen(base), e, port };
	struct sockaddr_in sa;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (mhd_load() != 0) {
		free(h);
		return NULL;
	}
	h->d = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_POLL | MHD_USE_ERROR_LOG, (uint16_t)port, NULL, NULL, on_request, h,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_SEC,
	    MHD_OPTION_UNESCAPE_CALLBACK, on_unescape, NULL, MHD_OPTION_END);
	if (h->d == NULL) {
		fprintf(stderr, "mkreport serve: cannot listen on 127.0.0.1:%u\n", port);
		free(h);
		return NULL;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(h->d, MHD_DAEMON_INFO_BIND_PORT);
	if (info != NULL && info->port != 0)
		h->port = info->port;
	return h;
}

unsigned
serve_http_port(const serve_http *h)
{
	return h->port;
}

void
serve_http_free(serve_http *h)
{
	if (h == NULL)
		return;
	MHD_stop_daemon(h->d);
	free(h);
}
