/* cairo (shim): the drawing calls of src/chart written as plain SVG elements: paths in
 * device coordinates (the transformation applied as cairo applies it), colours as
 * #rrggbb, text as <text> elements. */
#include "cairo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	SHIM_STACK = 32, /* deepest save nesting */
	SHIM_DASHES = 8, /* most dash lengths */
};

/* An affine transformation: (x, y) -> (xx x + xy y + x0, yx x + yy y + y0). */
typedef struct shim_matrix {
	double xx, yx, xy, yy, x0, y0;
} shim_matrix;

/* What save and restore keep. */
typedef struct shim_state {
	shim_matrix m;              /* user to device */
	double rgba[4];             /* source colour */
	double width;               /* line width, user units */
	cairo_line_join_t join;     /* line join */
	cairo_line_cap_t cap;       /* line cap */
	double dash[SHIM_DASHES];   /* dash lengths, user units */
	int ndash;                  /* 0: solid */
	double dash_off;            /* dash offset */
	unsigned clip;              /* clip path number, 0 = none */
} shim_state;

struct _cairo {
	buf *out;                      /* where elements go */
	char *prefix;                  /* clip ids' prefix */
	shim_state st[SHIM_STACK];     /* st[depth] is current */
	int depth;                     /* saves outstanding */
	cairo_status_t status;         /* first error */
	buf path;                      /* the path's data, device coordinates */
	int has_point;                 /* 1: a current point */
	double cx, cy;                 /* current point, user space */
	double sx, sy;                 /* start of the subpath, user space */
	unsigned nclips;               /* clip paths written */
};

cairo_t *
shim_svg_new(buf *out, const char *prefix)
{
	cairo_t *cr = util_xcalloc(1, sizeof *cr);
	shim_state *s = &cr->st[0];
	cr->out = out;
	cr->prefix = util_xstrdup(prefix ? prefix : "");
	s->m.xx = s->m.yy = 1;
	s->rgba[3] = 1;
	s->width = 2;
	buf_init(&cr->path);
	return cr;
}

void
shim_svg_free(cairo_t *cr)
{
	if (!cr)
		return;
	buf_free(&cr->path);
	free(cr->prefix);
	free(cr);
}

/* The current state. */
static shim_state *
cur(cairo_t *cr)
{
	return &cr->st[cr->depth];
}

void
cairo_save(cairo_t *cr)
{
	if (cr->depth + 1 >= SHIM_STACK) {
		cr->status = CAIRO_STATUS_NO_MEMORY;
		return;
	}
	cr->st[cr->depth + 1] = cr->st[cr->depth];
	cr->depth++;
}

void
cairo_restore(cairo_t *cr)
{
	if (cr->depth == 0)
		cr->status = CAIRO_STATUS_INVALID_RESTORE;
	else
		cr->depth--;
}

cairo_status_t
cairo_status(cairo_t *cr)
{
	return cr->status;
}

/* Sets m to a then b: points go through b first (cairo_matrix_multiply(b, a)). */
static void
premultiply(shim_matrix *m, const shim_matrix *b)
{
	shim_matrix a = *m;
	m->xx = b->xx * a.xx + b->yx * a.xy;
	m->yx = b->xx * a.yx + b->yx * a.yy;
	m->xy = b->xy * a.xx + b->yy * a.xy;
	m->yy = b->xy * a.yx + b->yy * a.yy;
	m->x0 = b->x0 * a.xx + b->y0 * a.xy + a.x0;
	m->y0 = b->x0 * a.yx + b->y0 * a.yy + a.y0;
}

void
cairo_translate(cairo_t *cr, double tx, double ty)
{
	shim_matrix t = { 1, 0, 0, 1, tx, ty };
	premultiply(&cur(cr)->m, &t);
}

void
cairo_scale(cairo_t *cr, double sx, double sy)
{
	shim_matrix t = { sx, 0, 0, sy, 0, 0 };
	if (sx == 0 || sy == 0)
		cr->status = CAIRO_STATUS_INVALID_MATRIX;
	premultiply(&cur(cr)->m, &t);
}

void
cairo_rotate(cairo_t *cr, double angle)
{
	shim_matrix t = { cos(angle), sin(angle), -sin(angle), cos(angle), 0, 0 };
	premultiply(&cur(cr)->m, &t);
}

void
cairo_set_source_rgba(cairo_t *cr, double r, double g, double b, double a)
{
	double *c = cur(cr)->rgba;
	c[0] = r;
	c[1] = g;
	c[2] = b;
	c[3] = a;
}

void
cairo_set_line_width(cairo_t *cr, double w)
{
	cur(cr)->width = w;
}

void
cairo_set_line_join(cairo_t *cr, cairo_line_join_t j)
{
	cur(cr)->join = j;
}

void
cairo_set_line_cap(cairo_t *cr, cairo_line_cap_t c)
{
	cur(cr)->cap = c;
}

void
cairo_set_dash(cairo_t *cr, const double *dashes, int n, double offset)
{
	shim_state *s = cur(cr);
	s->ndash = n > 0 && n <= SHIM_DASHES ? n : 0;
	for (int i = 0; i < s->ndash; i++)
		s->dash[i] = dashes[i];
	s->dash_off = offset;
}

/* Appends v to out in the shortest of "%.3f" without trailing zeros. */
static void
put_num(buf *out, double v)
{
	char t[48];
	if (fabs(v) < 0.0005)
		v = 0;
	int n = snprintf(t, sizeof t, "%.3f", v);
	while (n > 0 && t[n - 1] == '0')
		n--;
	if (n > 0 && t[n - 1] == '.')
		n--;
	buf_append(out, t, (size_t)n);
}

/* Appends op and the device point of user point (x, y) to the path. */
static void
put_point(cairo_t *cr, char op, double x, double y)
{
	const shim_matrix *m = &cur(cr)->m;
	if (cr->path.len)
		buf_putc(&cr->path, ' ');
	buf_putc(&cr->path, op);
	put_num(&cr->path, m->xx * x + m->xy * y + m->x0);
	buf_putc(&cr->path, ' ');
	put_num(&cr->path, m->yx * x + m->yy * y + m->y0);
}

void
cairo_new_path(cairo_t *cr)
{
	buf_reset(&cr->path);
	cr->has_point = 0;
}

void
cairo_move_to(cairo_t *cr, double x, double y)
{
	put_point(cr, 'M', x, y);
	cr->has_point = 1;
	cr->cx = cr->sx = x;
	cr->cy = cr->sy = y;
}

void
cairo_line_to(cairo_t *cr, double x, double y)
{
	if (!cr->has_point) { /* cairo: a line_to without a point is a move_to */
		cairo_move_to(cr, x, y);
		return;
	}
	put_point(cr, 'L', x, y);
	cr->cx = x;
	cr->cy = y;
}

void
cairo_close_path(cairo_t *cr)
{
	if (!cr->has_point)
		return;
	buf_puts(&cr->path, " Z");
	cr->cx = cr->sx;
	cr->cy = cr->sy;
}

void
cairo_rectangle(cairo_t *cr, double x, double y, double w, double h)
{
	cairo_move_to(cr, x, y);
	cairo_line_to(cr, x + w, y);
	cairo_line_to(cr, x + w, y + h);
	cairo_line_to(cr, x, y + h);
	cairo_close_path(cr);
}

/* The factor the current transformation scales lengths by (uniform scales). */
static double
unit(const cairo_t *cr)
{
	const shim_matrix *m = &cr->st[cr->depth].m;
	return sqrt(fabs(m->xx * m->yy - m->xy * m->yx));
}

/* Appends an SVG arc of radius r (device px), the long way round if large, in the
 * direction of increasing angles, to user point (x, y). */
static void
put_arc(cairo_t *cr, double r, int large, double x, double y)
{
	const shim_matrix *m = &cur(cr)->m;
	int sweep = m->xx * m->yy - m->xy * m->yx > 0; /* mirrored: the other way */
	buf_puts(&cr->path, " A");
	put_num(&cr->path, r);
	buf_putc(&cr->path, ' ');
	put_num(&cr->path, r);
	buf_printf(&cr->path, " 0 %d %d ", large, sweep);
	put_num(&cr->path, m->xx * x + m->xy * y + m->x0);
	buf_putc(&cr->path, ' ');
	put_num(&cr->path, m->yx * x + m->yy * y + m->y0);
	cr->cx = x;
	cr->cy = y;
}

void
cairo_arc(cairo_t *cr, double xc, double yc, double r, double a1, double a2)
{
	while (a2 < a1)
		a2 += 2 * M_PI;
	double x1 = xc + r * cos(a1), y1 = yc + r * sin(a1);
	if (cr->has_point)
		cairo_line_to(cr, x1, y1);
	else
		cairo_move_to(cr, x1, y1);
	double rd = r * unit(cr);
	if (a2 - a1 >= 2 * M_PI - 1e-12) { /* a whole circle: two halves */
		put_arc(cr, rd, 0, xc - r * cos(a1), yc - r * sin(a1));
		put_arc(cr, rd, 0, x1, y1);
		return;
	}
	put_arc(cr, rd, a2 - a1 > M_PI, xc + r * cos(a2), yc + r * sin(a2));
}

/* Appends ` name="#rrggbb"` (and name-opacity when translucent) for colour c. */
static void
put_color(buf *out, const char *name, const double *c)
{
	int v[3];
	for (int i = 0; i < 3; i++) {
		double x = c[i] < 0 ? 0 : c[i] > 1 ? 1 : c[i];
		v[i] = (int)lround(x * 255);
	}
	buf_printf(out, " %s=\"#%02x%02x%02x\"", name, v[0], v[1], v[2]);
	if (c[3] < 1) {
		buf_printf(out, " %s-opacity=\"", name);
		put_num(out, c[3] < 0 ? 0 : c[3]);
		buf_putc(out, '"');
	}
}

/* Appends the clip-path attribute of the current state, if any. */
static void
put_clip(cairo_t *cr)
{
	if (cur(cr)->clip)
		buf_printf(cr->out, " clip-path=\"url(#%s%u)\"", cr->prefix, cur(cr)->clip);
}

void
cairo_stroke(cairo_t *cr)
{
	static const char *const joins[] = { "miter", "round", "bevel" };
	static const char *const caps[] = { "butt", "round", "square" };
	const shim_state *s = cur(cr);
	double k = unit(cr);
	if (cr->path.len) {
		buf_printf(cr->out, "<path d=\"%s\" fill=\"none\"", buf_str(&cr->path));
		put_color(cr->out, "stroke", s->rgba);
		buf_puts(cr->out, " stroke-width=\"");
		put_num(cr->out, s->width * k);
		buf_putc(cr->out, '"');
		if (s->join != CAIRO_LINE_JOIN_MITER)
			buf_printf(cr->out, " stroke-linejoin=\"%s\"", joins[s->join]);
		else
			buf_puts(cr->out, " stroke-miterlimit=\"10\""); /* cairo's default */
		if (s->cap != CAIRO_LINE_CAP_BUTT)
			buf_printf(cr->out, " stroke-linecap=\"%s\"", caps[s->cap]);
		for (int i = 0; i < s->ndash; i++) {
			buf_puts(cr->out, i ? "," : " stroke-dasharray=\"");
			put_num(cr->out, s->dash[i] * k);
		}
		if (s->ndash)
			buf_putc(cr->out, '"');
		put_clip(cr);
		buf_puts(cr->out, "/>\n");
	}
	cairo_new_path(cr);
}

void
cairo_fill(cairo_t *cr)
{
	if (cr->path.len) {
		buf_printf(cr->out, "<path d=\"%s\"", buf_str(&cr->path));
		put_color(cr->out, "fill", cur(cr)->rgba);
		put_clip(cr);
		buf_puts(cr->out, "/>\n");
	}
	cairo_new_path(cr);
}

void
cairo_clip(cairo_t *cr)
{
	unsigned id = ++cr->nclips;
	buf_printf(cr->out, "<clipPath id=\"%s%u\"><path d=\"%s\"", cr->prefix, id,
	    buf_str(&cr->path));
	put_clip(cr); /* nested clips intersect */
	buf_puts(cr->out, "/></clipPath>\n");
	cur(cr)->clip = id;
	cairo_new_path(cr);
}

/* Appends s to out escaped for XML text and attributes. */
static void
put_escaped(buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		switch (s[i]) {
		case '&': buf_puts(out, "&amp;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '"': buf_puts(out, "&quot;"); break;
		default: buf_putc(out, s[i]);
		}
}

void
shim_svg_text(cairo_t *cr, const char *s, double x, double y, double px, int weight,
    int anchor, double line)
{
	static const char *const anchors[] = { "start", "middle", "end" };
	const shim_matrix *m = &cur(cr)->m;
	double dx = m->xx * x + m->xy * y + m->x0, dy = m->yx * x + m->yy * y + m->y0;
	double k = unit(cr), deg = atan2(m->yx, m->xx) * 180 / M_PI;
	buf *o = cr->out;
	buf_puts(o, "<text x=\"");
	put_num(o, dx);
	buf_puts(o, "\" y=\"");
	put_num(o, dy);
	buf_puts(o, "\" font-size=\"");
	put_num(o, px * k);
	buf_putc(o, '"');
	if (weight != 400)
		buf_printf(o, " font-weight=\"%d\"", weight);
	if (anchor > 0 && anchor < 3)
		buf_printf(o, " text-anchor=\"%s\"", anchors[anchor]);
	put_color(o, "fill", cur(cr)->rgba);
	if (fabs(deg) > 1e-9) {
		buf_puts(o, " transform=\"rotate(");
		put_num(o, deg);
		buf_putc(o, ' ');
		put_num(o, dx);
		buf_putc(o, ' ');
		put_num(o, dy);
		buf_puts(o, ")\"");
	}
	put_clip(cr);
	buf_putc(o, '>');
	for (int first = 1;; first = 0) {
		size_t n = strcspn(s, "\n");
		if (first && s[n] == '\0') {
			put_escaped(o, s, n);
			break;
		}
		buf_puts(o, "<tspan x=\"");
		put_num(o, dx);
		buf_puts(o, "\" dy=\"");
		put_num(o, first ? 0 : line * k);
		buf_puts(o, "\">");
		put_escaped(o, s, n);
		buf_puts(o, "</tspan>");
		if (s[n] == '\0')
			break;
		s += n + 1;
	}
	buf_puts(o, "</text>\n");
}
