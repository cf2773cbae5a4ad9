/* http: the preview's HTTP server (libmicrohttpd) on the loopback interface. */
#ifndef MKR_SERVE_HTTP_H
#define MKR_SERVE_HTTP_H

#include "serve/events.h"

typedef struct serve_http serve_http;

/* Starts serving the folder site (GET and HEAD only) on 127.0.0.1:port (0 = a free
 * port the system picks) under base ("/" or "/sub/path/", already checked: '/' at
 * both ends, no "." or ".." segment), one thread per connection:
 *  - base + rel: the file serve_open finds (a folder without its '/' is redirected);
 *    HTML pages get the reload script (serve_inject); a refused path is 403; a
 *    missing one is 404 with the site's 404.html;
 *  - /__mkreport/reload.js and /__mkreport/events (the event stream), from memory;
 *  - while e holds an error page, it answers (status 500) every request for a page;
 *  - a Host header other than 127.0.0.1, localhost or [::1] (with any port) is 403.
 * Every answer says Cache-Control: no-store. site and base must outlive the server;
 * so must e. Returns the server (free with serve_http_free), or NULL after printing
 * why to stderr. Call with the stop signals blocked: its threads inherit the mask. */
serve_http *serve_http_new(const char *site, const char *base, unsigned port,
    serve_events *e);

/* Returns the port h listens on. */
unsigned serve_http_port(const serve_http *h);

/* Stops h (after serve_events_stop on its e, so event streams end) and frees it,
 * waiting for its threads. NULL is a no-op. */
void serve_http_free(serve_http *h);

#endif
