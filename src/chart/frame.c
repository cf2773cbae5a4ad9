/* frame: the header (title, subtitle) and footer (source, date, report, link) around a
 * chart in its downloads: texts wrapped and placed first, then drawn. */
#include "chart/chart_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
	FRAME_HEAD_LINES = 4,  /* lines the title or the subtitle may take; a longer text's
	                          last line ends in an ellipsis */
	FRAME_FOOT_LINES = 12, /* lines the source line or the date, report and link may take */
};

#define FRAME_ELLIPSIS "\xe2\x80\xa6"  /* U+2026 */
#define FRAME_SEP " \xc2\xb7 "         /* between date and report: a middle dot */
#define FRAME_WS " \t\r\n\f\v"         /* the breaks between words */

/* Returns the width of s at px with tm. */
static double
width_of(const chart_text *tm, const char *s, double px, int bold)
{
	double w, h;
	tm->measure(tm->ctx, s, px, bold, &w, &h);
	return w;
}

/* Returns whether the first n bytes of s fit width at px. */
static int
fits(const chart_text *tm, const char *s, size_t n, double px, int bold, double width)
{
	char *t = util_xstrndup(s, n);
	int ok = width_of(tm, t, px, bold) <= width;
	free(t);
	return ok;
}

/* Returns a copy of s with every run of whitespace made one space and none at the ends
 * (caller frees). */
static char *
squeeze(const char *s)
{
	char *t = util_xmalloc(strlen(s) + 1), *o = t;
	for (s += strspn(s, FRAME_WS); *s;) {
		size_t word = strcspn(s, FRAME_WS);
		if (o != t)
			*o++ = ' ';
		memcpy(o, s, word);
		o += word;
		s += word;
		s += strspn(s, FRAME_WS);
	}
	*o = '\0';
	return t;
}

/* Returns the bytes of the longest run of whole characters at the start of word (len
 * bytes) that fits width, at least one character. */
static size_t
cut_word(const chart_text *tm, const char *word, size_t len, double px, int bold,
    double width)
{
	size_t *at = util_xcalloc(len + 1, sizeof *at), n = 0;
	for (size_t i = 1; i <= len; i++) /* character boundaries after the first */
		if (i == len || (word[i] & 0xc0) != 0x80)
			at[n++] = i;
	size_t lo = 0, hi = n; /* at[lo - 1] fits (lo = 0: none known), at[hi] does not */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (fits(tm, word, at[mid], px, bold, width))
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t take = at[lo ? lo - 1 : 0];
	free(at);
	return take;
}

/* Returns the bytes of p (squeezed text) that go on one line of width: whole words, or
 * part of a first word wider than the line. */
static size_t
line_take(const chart_text *tm, const char *p, double px, int bold, double width)
{
	size_t take = 0;
	for (size_t end = strcspn(p, " ");; end += 1 + strcspn(p + end + 1, " ")) {
		if (!fits(tm, p, end, px, bold, width))
			break;
		take = end;
		if (p[end] == '\0')
			break;
	}
	return take ? take : cut_word(tm, p, strcspn(p, " "), px, bold, width);
}

/* Returns line (freed) with its end cut back until it fits width with an ellipsis after
 * it, the ellipsis added. */
static char *
ellipsize(const chart_text *tm, char *line, double px, int bold, double width)
{
	size_t len = strlen(line);
	for (;;) {
		while (len > 0 && line[len - 1] == ' ')
			len--;
		buf b;
		buf_init(&b);
		buf_printf(&b, "%.*s%s", (int)len, line, FRAME_ELLIPSIS);
		if (len == 0 || width_of(tm, buf_str(&b), px, bold) <= width) {
			free(line);
			return buf_detach(&b);
		}
		buf_free(&b);
		do
			len--;
		while (len > 0 && (line[len] & 0xc0) == 0x80);
	}
}

size_t
chart_frame_wrap(const chart_text *tm, const char *s, double px, int bold, double width,
    char **lines, size_t max)
{
	size_t n = 0;
	if (s == NULL || max == 0)
		return 0;
	char *t = squeeze(s);
	const char *p = t;
	while (*p && n < max) {
		size_t take = line_take(tm, p, px, bold, width);
		lines[n++] = util_xstrndup(p, take);
		p += take;
		p += *p == ' ';
	}
	if (*p)
		lines[n - 1] = ellipsize(tm, lines[n - 1], px, bold, width);
	free(t);
	return n;
}

/* Appends a placed line (s taken over) to fl. */
static void
add_line(chart_frame_layout *fl, char *s, double x, double y, double px, int bold,
    int muted, int right)
{
	fl->lines = util_xrealloc(fl->lines, (fl->n + 1) * sizeof *fl->lines);
	chart_frame_line l = { s, x, y, px, bold, muted, right };
	fl->lines[fl->n++] = l;
}

/* A text style of the frame. */
typedef struct frame_font {
	double px;   /* size */
	int bold;    /* semibold */
	int muted;   /* muted colour */
	double lead; /* line advance */
	size_t max;  /* most lines of one text */
} frame_font;

/* Wraps s to width and places its lines at x from *y down, moving *y past them.
 * Returns the number of lines. */
static size_t
add_text(chart_frame_layout *fl, const chart_text *tm, const char *s, frame_font f,
    double x, double width, double *y)
{
	char *lines[FRAME_FOOT_LINES];
	size_t n = chart_frame_wrap(tm, s, f.px, f.bold, width, lines, f.max);
	for (size_t i = 0; i < n; i++) {
		add_line(fl, lines[i], x, *y, f.px, f.bold, f.muted, 0);
		*y += f.lead;
	}
	return n;
}

/* Returns whether s has something to show. */
static int
has(const char *s)
{
	return s != NULL && s[strspn(s, FRAME_WS)] != '\0';
}

/* Places the footer's last part: date and report on the left and the link on the right
 * of one line when both fit on it, else each wrapped on lines of their own. */
static void
add_meta(chart_frame_layout *fl, const chart_text *tm, const chart_frame *f, frame_font ft,
    double x, double width, double *y)
{
	buf left;
	buf_init(&left);
	if (has(f->date))
		buf_puts(&left, f->date);
	if (has(f->credit))
		buf_printf(&left, "%s%s", left.len ? FRAME_SEP : "", f->credit);
	char *lt = squeeze(buf_str(&left));
	char *lk = has(f->link) ? squeeze(f->link) : NULL;
	double gap = 2 * ft.px;
	if (lk != NULL && *lt && width_of(tm, lt, ft.px, 0) + gap + width_of(tm, lk, ft.px, 0) <=
	    width) {
		add_line(fl, lt, x, *y, ft.px, 0, 1, 0);
		add_line(fl, lk, x + width, *y, ft.px, 0, 1, 1);
		*y += ft.lead;
	} else {
		add_text(fl, tm, lt, ft, x, width, y);
		add_text(fl, tm, lk, ft, x, width, y);
		free(lt);
		free(lk);
	}
	buf_free(&left);
}

void
chart_frame_lay(const chart_text *tm, const theme *th, const chart_frame *f, double w,
    double h, chart_frame_layout *fl)
{
	frame_font title = { th->frame_title_px, 1, 0, round(th->frame_title_px * 1.25),
		FRAME_HEAD_LINES };
	frame_font sub = { th->frame_sub_px, 0, 1, round(th->frame_sub_px * 1.4),
		FRAME_HEAD_LINES };
	frame_font note = { th->frame_note_px, 0, 1, round(th->frame_note_px * 1.45),
		FRAME_FOOT_LINES };
	double x = th->pad, width = w - 2 * th->pad, y = round(th->pad * 1.5);
	memset(fl, 0, sizeof *fl);
	fl->w = w;
	fl->h = h;
	if (add_text(fl, tm, f->title, title, x, width, &y) && has(f->subtitle))
		y += round(th->pad / 3);
	add_text(fl, tm, f->subtitle, sub, x, width, &y);
	fl->head = fl->n ? ceil(y + th->pad / 2) : 0; /* whole px, as the image rows are */
	size_t nhead = fl->n;
	y = fl->head + h + round(th->pad * 0.75);
	fl->rule_y = fl->head + h;
	if (add_text(fl, tm, f->source, note, x, width, &y) &&
	    (has(f->date) || has(f->credit) || has(f->link)))
		y += round(th->pad / 3);
	add_meta(fl, tm, f, note, x, width, &y);
	fl->foot = fl->n > nhead ? ceil(y + th->pad - fl->head - h) : 0;
}

void
chart_frame_layout_free(chart_frame_layout *fl)
{
	for (size_t i = 0; i < fl->n; i++)
		free(fl->lines[i].s);
	free(fl->lines);
	fl->lines = NULL;
	fl->n = 0;
}

void
chart_frame_draw(chart_ctx *c, const chart_frame_layout *fl)
{
	chart_fill_rect(c->cr, 0, 0, fl->w, fl->head + fl->h + fl->foot, c->th.bg);
	if (fl->foot > 0) {
		double y = floor(fl->rule_y) + 0.5;
		chart_set_color(c->cr, c->th.grid, 1);
		cairo_set_line_width(c->cr, c->th.grid_w);
		cairo_move_to(c->cr, c->th.pad, y);
		cairo_line_to(c->cr, fl->w - c->th.pad, y);
		cairo_stroke(c->cr);
	}
	for (size_t i = 0; i < fl->n; i++) {
		const chart_frame_line *l = &fl->lines[i];
		chart_text_draw(c, l->s, l->x, l->y, l->px, l->bold, l->right ? 1 : 0, 0, 0,
		    l->muted ? c->th.muted : c->th.text);
	}
}
