/* output: one drawing written to SVG, PNG (2x) or PDF bytes through cairo's stream surfaces;
 * sets of them drawn on threads. */
#include "chart/chart_int.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "util/oom.h"
#include "util/pool.h"

/* cairo write callback: appends to the buf in closure. */
static cairo_status_t
to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Writes a reason and returns -1. */
static int
fail(char *why, size_t n, const char *msg, const char *detail)
{
	if (n)
		snprintf(why, n, "%s%s%s", msg, detail ? ": " : "", detail ? detail : "");
	return -1;
}

/* Writes cairo's reason for status st and returns -1; exhausted memory unwinds
 * (util_oom) instead, like every other allocation. */
static int
fail_cairo(char *why, size_t n, cairo_status_t st)
{
	if (st == CAIRO_STATUS_NO_MEMORY)
		util_oom();
	return fail(why, n, "cairo", cairo_status_to_string(st));
}

/* Chart width and height in CSS px. */
static void
chart_size(const chart_spec *s, double *w, double *h)
{
	*w = s->width ? s->width : CHART_DEFAULT_WIDTH;
	*h = s->height ? s->height : CHART_DEFAULT_HEIGHT;
}

/* Checks that the theme's family is the font pango picks (no silent fallback). */
static int
check_family(chart_ctx *c, char *why, size_t n)
{
	char *got = chart_text_family(c->text, &c->th);
	int ok = strcmp(got, c->th.family) == 0;
	if (!ok && n)
		snprintf(why, n, "font family '%s' is not installed (pango chose '%s'): run make deps",
		    c->th.family, got);
	free(got);
	return ok ? 0 : -1;
}

/* Lays out and draws s on cr (its current transformation: 1 unit = 1 CSS px), inside
 * a save/restore, below the header and above the footer of fl when fl is not NULL,
 * measuring and drawing text with the state text (chart_text_new), or with a state of its
 * own if text is NULL. Returns 0, or -1 with a reason in why. */
static int
draw_cr(cairo_t *cr, const chart_spec *s, const chart_frame_layout *fl, void *text,
    char *why, size_t n)
{
	chart_ctx c;
	int rc = 0;
	memset(&c, 0, sizeof c);
	c.s = s;
	c.th = theme_default(s->dark);
	c.cr = cr;
	cairo_save(cr);
	c.text = text ? text : chart_text_new(&c.th);
	c.tm.ctx = c.text;
	c.tm.measure = chart_text_measure;
	chart_size(s, &c.L.w, &c.L.h);
	if (check_family(&c, why, n)) {
		rc = -1;
	} else {
		if (fl != NULL) {
			chart_frame_draw(&c, fl);
			cairo_translate(cr, 0, fl->head);
		}
		chart_plan_build(&c);
		if (s->type != CHART_MULTIPLES)
			chart_layout_compute(&c, 0, 0, c.L.w, c.L.h, 1);
		chart_draw(&c);
		chart_plan_free(&c.p);
		if (cairo_status(c.cr) != CAIRO_STATUS_SUCCESS)
			rc = fail_cairo(why, n, cairo_status(c.cr));
		else if (c.unknown)
			rc = fail(why, n, "a label has characters no installed font covers", NULL);
	}
	if (!text)
		chart_text_free(c.text);
	cairo_restore(cr);
	return rc;
}

/* Lays out and draws s on surface, unit device units per CSS px, framed by fl (or not,
 * NULL), text through text. */
static int
draw_on(cairo_surface_t *surface, double unit, const chart_spec *s,
    const chart_frame_layout *fl, void *text, char *why, size_t n)
{
	cairo_t *cr = cairo_create(surface);
	cairo_scale(cr, unit, unit);
	int rc = draw_cr(cr, s, fl, text, why, n);
	cairo_destroy(cr);
	return rc;
}

int
chart_draw_cairo(cairo_t *cr, const chart_spec *s, char *why, size_t n)
{
	if (chart_validate(s, why, n))
		return -1;
	return draw_cr(cr, s, NULL, NULL, why, n);
}

/* Finishes surface and reports its status. */
static int
finish(cairo_surface_t *surface, int rc, char *why, size_t n)
{
	cairo_surface_finish(surface);
	if (rc == 0 && cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
		rc = fail_cairo(why, n, cairo_surface_status(surface));
	cairo_surface_destroy(surface);
	return rc;
}

enum {
	IMG_POOL_MAX = 8, /* pixel buffers kept for reuse (one per concurrent PNG) */
};

/* The process's idle pixel buffers for PNG drawings: a 1600 x 900 image is 5.8 MB, which
 * a fresh allocation pays for in page faults or zeroing on every chart. No clearing is
 * needed on reuse: chart_draw paints every pixel with the opaque background first. */
static util_pool img_pool = UTIL_POOL_INIT(IMG_POOL_MAX);

/* Takes an idle pixel buffer of at least len bytes, or allocates one; *cap gets its size. */
static unsigned char *
img_take(size_t len, size_t *cap)
{
	unsigned char *p = util_pool_take(&img_pool, len, cap);
	if (!p) {
		p = util_xmalloc(len);
		*cap = len;
	}
	return p;
}

/* Gives buffer p (cap bytes) back to the pool, or frees it when the pool is full. */
static void
img_give(unsigned char *p, size_t cap)
{
	free(util_pool_give(&img_pool, p, cap));
}

void
chart_pools_free(void)
{
	util_pool_drain(&img_pool, free);
	chart_text_pool_free();
}

/* Returns a new image surface of w x h pixels on a buffer from the pool (stored in *px,
 * its size in *cap: give it back after destroying the surface). */
static cairo_surface_t *
pooled_image(int w, int h, unsigned char **px, size_t *cap)
{
	int stride = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, w);
	*px = img_take((size_t)stride * (size_t)h, cap);
	return cairo_image_surface_create_for_data(*px, CAIRO_FORMAT_ARGB32, w, h, stride);
}

/* Returns a new surface for fmt writing into raw, w x h CSS px; stores the device units
 * per CSS px in unit. PNG images are drawn on a pooled buffer (*px, *cap) first and
 * encoded by chart_png_encode. */
static cairo_surface_t *
make_surface(const chart_spec *s, chart_format fmt, const char *iso, double w, double h,
    buf *raw, double *unit, unsigned char **px, size_t *cap)
{
	cairo_surface_t *sf;
	if (fmt == CHART_PNG) {
		*unit = 2;
		return pooled_image((int)w * 2, (int)h * 2, px, cap);
	}
	if (fmt == CHART_SVG) {
		*unit = 1;
		sf = cairo_svg_surface_create_for_stream(to_buf, raw, w, h);
		cairo_svg_surface_restrict_to_version(sf, CAIRO_SVG_VERSION_1_1);
		cairo_svg_surface_set_document_unit(sf, CAIRO_SVG_UNIT_PX);
		return sf;
	}
	*unit = 0.75; /* 1 CSS px = 0.75 pt */
	sf = cairo_pdf_surface_create_for_stream(to_buf, raw, w * 0.75, h * 0.75);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATE_DATE, iso);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_MOD_DATE, iso);
	const char *title = s->frame && s->frame->title && *s->frame->title ? s->frame->title :
	    s->caption ? s->caption : s->title;
	if (title)
		cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, title);
	return sf;
}

cairo_surface_t *
chart_image(const chart_spec *s, char *why, size_t n)
{
	double unit, w, h;
	if (chart_validate(s, why, n))
		return NULL;
	chart_size(s, &w, &h);
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)w * 2, (int)h * 2);
	unit = 2;
	if (draw_on(sf, unit, s, NULL, NULL, why, n) == 0 && cairo_surface_status(sf) == CAIRO_STATUS_SUCCESS)
		return sf;
	if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS)
		fail_cairo(why, n, cairo_surface_status(sf));
	cairo_surface_destroy(sf);
	return NULL;
}

/* Completes the file drawn into raw (freed) with status rc and appends it to out: the PDF's
 * dates fixed, the SVG rewritten by chart_svg_finish. Returns rc, or -1 if that fails. */
static int
finish_bytes(const chart_spec *s, chart_format fmt, int rc, buf *raw, buf *out, char *why,
    size_t n)
{
	if (rc == 0 && fmt == CHART_PDF)
		chart_pdf_fix_dates(raw); /* cairo 1.16 omits "D:"; unfixable files stay as drawn */
	if (rc == 0 && fmt == CHART_SVG)
		rc = chart_svg_finish(s, buf_str(raw), raw->len, out, why, n);
	else if (rc == 0)
		buf_append(out, raw->data, raw->len);
	buf_free(raw);
	return rc;
}

/* Draws s as fmt into raw (bytes as cairo writes them; PNG encoded) at w x h CSS px,
 * framed by fl (or not, NULL), text through text. Returns 0, or -1 with a reason. */
static int
draw_format(const chart_spec *s, chart_format fmt, const char *iso, double w, double h,
    const chart_frame_layout *fl, void *text, buf *raw, char *why, size_t n)
{
	double unit;
	unsigned char *px = NULL;
	size_t cap = 0;
	cairo_surface_t *sf = make_surface(s, fmt, iso, w, h, raw, &unit, &px, &cap);
	int rc = draw_on(sf, unit, s, fl, text, why, n);
	if (rc == 0 && fmt == CHART_PNG)
		rc = chart_png_encode(sf, raw, why, n);
	rc = finish(sf, rc, why, n);
	if (px)
		img_give(px, cap);
	return rc;
}

/* chart_render with text drawn through the state text (NULL: a state of its own). */
static int
render_with(const chart_spec *s, chart_format fmt, const char *date, void *text, buf *out,
    char *why, size_t n)
{
	char iso[40] = "";
	double w, h;
	buf raw;
	chart_frame_layout fl;
	if (chart_validate(s, why, n))
		return -1;
	if ((unsigned)fmt > CHART_PDF)
		return fail(why, n, "unknown output format", NULL);
	if (fmt == CHART_PDF && (!date || strlen(date) != 10))
		return fail(why, n, "a PDF needs the report's date as YYYY-MM-DD", NULL);
	if (fmt == CHART_PDF)
		snprintf(iso, sizeof iso, "%sT00:00:00Z", date);
	chart_size(s, &w, &h);
	void *own = NULL;
	if (s->frame != NULL) { /* the frame's size is known before the surface is made */
		theme th = theme_default(s->dark);
		own = text ? NULL : chart_text_new(&th);
		text = text ? text : own;
		chart_text tm = { text, chart_text_measure };
		chart_frame_lay(&tm, &th, s->frame, w, h, &fl);
		h = ceil(fl.head + h + fl.foot);
	}
	buf_init(&raw);
	int rc = draw_format(s, fmt, iso, w, h, s->frame ? &fl : NULL, text, &raw, why, n);
	if (s->frame != NULL)
		chart_frame_layout_free(&fl);
	chart_text_free(own);
	return finish_bytes(s, fmt, rc, &raw, out, why, n);
}

int
chart_render(const chart_spec *s, chart_format fmt, const char *date, buf *out, char *why,
    size_t n)
{
	return render_with(s, fmt, date, NULL, out, why, n);
}

enum {
	CHART_MAX_THREADS = 64, /* most threads of one chart_render_set */
};

/* The state of one chart_render_set shared by its threads. */
typedef struct render_set {
	chart_job *jobs;  /* the files */
	size_t n;         /* how many */
	const char *date; /* the report's date */
	atomic_size_t next; /* next job to take */
	atomic_int oom;     /* 1 once a thread ran out of memory */
} render_set;

/* Thread body: renders jobs of the set until none is left, every string laid out once
 * for all of them (one text state per thread: the layouts do not depend on the surface,
 * so the bytes do not depend on which thread drew which job). */
static void
render_worker(void *arg)
{
	render_set *rs = arg;
	void *text = NULL;
	size_t i;
	while ((i = atomic_fetch_add(&rs->next, 1)) < rs->n) {
		chart_job *j = &rs->jobs[i];
		j->why[0] = '\0';
		if (!text) {
			theme th = theme_default(0);
			text = chart_text_new(&th);
		}
		j->rc = render_with(j->s, j->fmt, rs->date, text, j->out, j->why, sizeof j->why);
	}
	chart_text_free(text);
}

/* render_worker with the thread's own out-of-memory catch point: a failure stops this
 * thread and is raised again by chart_render_set once every thread has stopped (a
 * jump straight out of a thread, or out of the caller while threads run, would leave
 * them drawing while the process ends). */
static void *
render_worker_guarded(void *arg)
{
	render_set *rs = arg;
	if (util_oom_guard(render_worker, rs))
		atomic_store(&rs->oom, 1);
	return NULL;
}

int
chart_render_set(chart_job *jobs, size_t n, const char *date, int threads)
{
	render_set rs = { jobs, n, date, 0, 0 };
	pthread_t t[CHART_MAX_THREADS];
	long want = threads > 0 ? threads : sysconf(_SC_NPROCESSORS_ONLN);
	if (want > (long)n)
		want = (long)n;
	if (want > CHART_MAX_THREADS)
		want = CHART_MAX_THREADS;
	int started = 0;
	atomic_init(&rs.next, 0);
	atomic_init(&rs.oom, 0);
	while (started < want - 1 &&
	    pthread_create(&t[started], NULL, render_worker_guarded, &rs) == 0)
		started++;
	render_worker_guarded(&rs);
	for (int i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	if (atomic_load(&rs.oom))
		util_oom();
	int rc = 0;
	for (size_t i = 0; i < n; i++)
		rc |= jobs[i].rc;
	return rc ? -1 : 0;
}
