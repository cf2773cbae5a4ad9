/* nav: which sections a page's navigation lists, and the contents page of a large report. */
#ifndef MKR_NAV_H
#define MKR_NAV_H

#include <stddef.h>

#include <libxml/tree.h>

#include "diag.h"
#include "load/report.h"
#include "util/buf.h"

enum {
	NAV_FULL_MAX = 40, /* up to this many sections, every page lists every section */
	NAV_LINKS = 15,    /* past it, the most section links a page's navigation lists */
};

/* The contents page's file name (written only when nav_bounded). */
#define NAV_CONTENTS "contents.html"

/* Returns 1 if r has more than NAV_FULL_MAX sections: its pages show a bounded
 * navigation and the site has NAV_CONTENTS; else 0. */
int nav_bounded(const report *r);

/* Sets [*first, *end) to the sections a page's navigation lists. near is the section
 * the page belongs to (a chart page: the section of its figure; pages of no section:
 * 0). Every section when !nav_bounded(r); else near's part when it has at most
 * NAV_LINKS sections, else the NAV_LINKS sections around near inside its part (inside
 * the report when it has no parts). Never more than NAV_LINKS past the threshold. */
void nav_range(const report *r, size_t near, size_t *first, size_t *end);

/* Appends to ol one <li><a href="SLUG.html">TITLE</a></li> per section of [first,
 * end); the link of section current (if it is in the range) gets aria-current="page". */
void nav_list(xmlNodePtr ol, const report *r, size_t first, size_t end, size_t current);

/* Returns 1 if the page of section current (nsections or more: a page of no section)
 * has something to say in the nav-where line: the report is bounded, or it has parts
 * and the page is a section's. */
int nav_has_where(const report *r, size_t current);

/* Appends to p where the listed sections [first, end) of near's page sit: on a bounded
 * report "Sections A–B of N", or with parts the part's title (a link to its place on
 * the contents page) and " · sections A–B of N"; on a report of at most NAV_FULL_MAX
 * sections with parts, the part's title alone. */
void nav_where(xmlNodePtr p, const report *r, size_t near, size_t first, size_t end);

/* Appends to out the text of the link to the contents page ("All N sections"). */
void nav_contents_label(const report *r, buf *out);

/* Returns the contents page's body, created in doc and not yet linked: a <div
 * class="content"> listing every section as a numbered link, under one <h2> per part
 * (id part-K, K from 1) when the report has parts. The caller owns it. */
xmlNodePtr nav_contents_body(xmlDocPtr doc, const report *r);

/* Checks that no section takes the contents page's name (slug "contents") when r is
 * bounded; records an error at that section in d and returns -1, else returns 0. */
int nav_check(const report *r, diag *d);

#endif
