/* fixture: what the fuzz targets share: content/'s report and metrics loaded once, a
 * loader sandbox holding a copy of the mini fixture, and the output checks. */
#ifndef MKR_FUZZ_FIXTURE_H
#define MKR_FUZZ_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "render/render.h"
#include "yaml/ytree.h"

/* libFuzzer's entry, defined by each target; fuzz/driver.c calls it without libFuzzer. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* libFuzzer's set-up before the first input (outside -timeout), defined by the targets
 * that render (they load content/ there); fuzz/driver.c calls it when it is defined. */
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Returns FUZZ_SRCDIR/rel (the source tree the target was built from) in a buffer
 * that the next call overwrites. */
const char *fuzz_path(const char *rel);

/* Returns a context for content/'s report and metrics (loaded and computed on the
 * first call, charts drawn with templates/fonts.conf, one thread), with d set to d.
 * Aborts if content/ does not build: the targets need a report to render into. */
render_ctx fuzz_ctx(diag *d);

/* Makes data section 0's page (the index) of fuzz_ctx's report, copied and
 * NUL-terminated. Returns 0, or -1 (the page left as it was) if the loader would refuse
 * the bytes as a page: too long, not UTF-8, a control character other than TAB, LF
 * and CR, a noncharacter (U+FFFE...), or a longer paragraph run than LOAD_MAX_RUN. */
int fuzz_set_page(const uint8_t *data, size_t size);

/* Returns 1 if every scalar of the tree n passes the check fuzz_set_page makes of a
 * page (issue 11: strings are checked where they are read, by src/yaml), else 0. */
int fuzz_tree_ok(const yt_node *n);

/* Writes data as the file rel (report.yaml, data/x.yaml) of a private copy of
 * tests/fixtures/mini/content, loads that report (load_report: every file read and
 * checked; the model is not run), frees it, and puts the file back as it was (or removes it). */
void fuzz_load_with(const char *rel, const uint8_t *data, size_t size);

/* Aborts, naming what, unless s[0..n) is well-formed XML (a page's body, an SVG). */
void fuzz_check_xml(const char *what, const char *s, size_t n);

/* Aborts unless the element root, serialized, is well-formed XML. */
void fuzz_check_node(const char *what, xmlNodePtr root);

#endif
