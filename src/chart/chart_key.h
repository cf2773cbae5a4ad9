/* chart_key: what a chart's drawings depend on, fed to a digest for the build cache. */
#ifndef MKR_CHART_KEY_H
#define MKR_CHART_KEY_H

#include "chart/chart.h"
#include "util/sha256.h"

/* Feeds h every field of s that the drawing and the CSV read: type, texts, axes,
 * categories, every series, fan, annotation and event, sizes, theme and frame. Two specs that
 * feed the same bytes draw the same files (with the same date, fonts and code). */
void chart_spec_digest(const chart_spec *s, sha256_ctx *h);

/* Feeds h every text of frame f (NULL feeds a marker of its own): what a download's
 * header and footer draw. */
void chart_frame_digest(const chart_frame *f, sha256_ctx *h);

/* Feeds h what the drawings read besides the spec and the tool's code: the bytes of
 * the fontconfig file $FONTCONFIG_FILE (chart_fonts_init sets it), the name, size and
 * modification time of every file under each <dir> it names, and the versions of cairo,
 * pango and harfbuzz the process runs with. These are read once per process and value
 * of $FONTCONFIG_FILE (fonts do not change while a build runs). Thread-safe. */
void chart_fonts_digest(sha256_ctx *h);

#endif
