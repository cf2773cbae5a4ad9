/* load: a report's sources (report.yaml, pages, data/NAME.yaml) into typed structs. */
#ifndef MKR_LOAD_H
#define MKR_LOAD_H

#include <stddef.h>

#include "diag.h"
#include "load/report.h"

enum {
	LOAD_MAX_PAGE = 512 << 10, /* bytes in one Markdown page */
	LOAD_MAX_SECTIONS = 10000, /* sections in one report: up to it a build takes linear
	                              time and memory (bench/gen-report.py) */
	LOAD_MAX_TITLE = 256,      /* bytes in a section's title and in the report's title,
	                              subtitle, author, edition and each keyword (shown on
	                              other pages) */
	LOAD_MAX_KEYWORDS = 32,    /* entries in report.yaml's keywords */
	LOAD_MAX_TEXT_ERRORS = 20, /* bad characters reported in one page */
	LOAD_MAX_RUN = 8 << 10,    /* bytes of consecutive non-blank lines outside code fences:
	                              cmark 0.30.2 is quadratic within a block (CVE-2023-22486
	                              takes 2.8 s at 240 KB); with both limits the worst page
	                              takes about 0.4 s (bench/hostile.sh) */
};

/* Loads content_dir/report.yaml, its pages and the data files. Returns the report
 * (free with report_free), or NULL after recording every problem found in d. */
report *load_report(const char *content_dir, diag *d);

#endif
