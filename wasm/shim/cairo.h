/* cairo (shim): the part of cairo's API that src/chart draws with, for the WebAssembly
 * build, where a drawing becomes plain SVG text (wasm/shim/cairo.c). Same names and
 * meanings as cairo 1.16, so the files of src/chart compile unchanged; nothing else. */
#ifndef MKR_SHIM_CAIRO_H
#define MKR_SHIM_CAIRO_H

#include "util/buf.h"

typedef struct _cairo cairo_t;                 /* a drawing context (opaque) */
typedef struct _cairo_surface cairo_surface_t; /* declared only: no surfaces here */

/* A context's status. */
typedef enum _cairo_status {
	CAIRO_STATUS_SUCCESS = 0, /* fine */
	CAIRO_STATUS_NO_MEMORY,   /* unused: allocation failures trap */
	CAIRO_STATUS_INVALID_RESTORE, /* restore without save */
	CAIRO_STATUS_INVALID_MATRIX   /* a transformation that is not invertible */
} cairo_status_t;

/* How lines join. */
typedef enum _cairo_line_join {
	CAIRO_LINE_JOIN_MITER, /* default */
	CAIRO_LINE_JOIN_ROUND,
	CAIRO_LINE_JOIN_BEVEL
} cairo_line_join_t;

/* How lines end. */
typedef enum _cairo_line_cap {
	CAIRO_LINE_CAP_BUTT, /* default */
	CAIRO_LINE_CAP_ROUND,
	CAIRO_LINE_CAP_SQUARE
} cairo_line_cap_t;

/* Graphics state, as cairo's. */
void cairo_save(cairo_t *cr);
void cairo_restore(cairo_t *cr);
cairo_status_t cairo_status(cairo_t *cr);
void cairo_translate(cairo_t *cr, double tx, double ty);
void cairo_scale(cairo_t *cr, double sx, double sy);
void cairo_rotate(cairo_t *cr, double angle);
void cairo_set_source_rgba(cairo_t *cr, double r, double g, double b, double a);
void cairo_set_line_width(cairo_t *cr, double w);
void cairo_set_line_join(cairo_t *cr, cairo_line_join_t j);
void cairo_set_line_cap(cairo_t *cr, cairo_line_cap_t c);
void cairo_set_dash(cairo_t *cr, const double *dashes, int n, double offset);

/* Paths, as cairo's (arcs: whole circles are exact, other arcs too). */
void cairo_new_path(cairo_t *cr);
void cairo_move_to(cairo_t *cr, double x, double y);
void cairo_line_to(cairo_t *cr, double x, double y);
void cairo_close_path(cairo_t *cr);
void cairo_rectangle(cairo_t *cr, double x, double y, double w, double h);
void cairo_arc(cairo_t *cr, double xc, double yc, double r, double a1, double a2);

/* Painting: each appends one SVG element and clears the path (clip: later marks are
 * clipped to the path until the state is restored). */
void cairo_stroke(cairo_t *cr);
void cairo_fill(cairo_t *cr);
void cairo_clip(cairo_t *cr);

/* Beyond cairo: the SVG writer's own calls (wasm/shim/cairo.c). */

/* Returns a new context drawing into out (SVG elements only: the caller writes the
 * <svg> element around them); ids of clip paths start with prefix (copied). Free with
 * shim_svg_free. */
cairo_t *shim_svg_new(buf *out, const char *prefix);

/* Frees cr (NULL: nothing); out is the caller's. */
void shim_svg_free(cairo_t *cr);

/* Writes the text s (UTF-8, escaped here) with its anchor at user-space point (x, y)
 * on the baseline: anchor 0 = start, 1 = middle, 2 = end; size px, weight 400 or 600,
 * in the current colour, turned with the current transformation. Lines of s after the
 * first ('\n') go line px further down each, starting at the same x. */
void shim_svg_text(cairo_t *cr, const char *s, double x, double y, double px, int weight,
    int anchor, double line);

#endif
