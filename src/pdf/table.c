/* table: tables fitted to the text width (smaller type, then wrapped cells), rows
 * never split, the header row repeated on each page the table continues to. */
#include "pdf/pdf_int.h"

#include <stdlib.h>
#include <string.h>

#define CELL_PAD 4.0     /* points left and right of a cell's text */
#define CELL_VPAD 3.0    /* points above and below it */
#define MAX_COLS 32      /* columns set; more are dropped */
#define MEASURE_SIZE 8.5 /* the first size tried, at which cells are measured */
#define KEEP_ROWS 3      /* body rows kept with the header where a table starts */

/* One cell's text and lines. */
typedef struct cell {
	pdf_text tx;      /* its styled text */
	pdf_para *l;      /* its lines at the table's size and column width (owned) */
	int num;          /* 1: a number, right-aligned */
} cell;

/* One row of cells. */
typedef struct row {
	cell c[MAX_COLS]; /* the cells, ncols used */
	int n;            /* cells present */
	int head;         /* 1: a header row (bold) */
	double h;         /* height with padding */
} row;

/* A table being set. */
typedef struct tbl {
	row *rows;        /* every row, header rows first (owned) */
	size_t nrows;     /* rows used */
	int ncols;        /* columns */
	double w[MAX_COLS]; /* column widths with padding */
	double size;      /* type size chosen */
} tbl;

/* Adds tr's cells to t as a row (head: a header row). */
static void
add_row(tbl *tb, xmlNodePtr tr, int head)
{
	tb->rows = util_xrealloc(tb->rows, (tb->nrows + 1) * sizeof *tb->rows);
	row *r = &tb->rows[tb->nrows++];
	memset(r, 0, sizeof *r);
	r->head = head;
	for (xmlNodePtr c = tr->children; c != NULL && r->n < MAX_COLS; c = c->next) {
		if (!pdf_is(c, "td") && !pdf_is(c, "th"))
			continue;
		cell *k = &r->c[r->n++];
		pdf_text_init(&k->tx);
		pdf_text_inline(&k->tx, c);
		while (k->tx.s.len && k->tx.s.data[k->tx.s.len - 1] == ' ')
			k->tx.s.len--;
		if (head)
			pdf_text_bold(&k->tx, 0);
		k->num = pdf_has_class(c, "num");
	}
	tb->ncols = r->n > tb->ncols ? r->n : tb->ncols;
}

/* Collects the rows of table: thead rows first, then tbody, tfoot and bare rows. */
static void
collect(tbl *tb, xmlNodePtr table)
{
	for (xmlNodePtr g = table->children; g != NULL; g = g->next)
		for (xmlNodePtr tr = pdf_is(g, "thead") ? g->children : NULL; tr; tr = tr->next)
			if (pdf_is(tr, "tr"))
				add_row(tb, tr, 1);
	for (xmlNodePtr g = table->children; g != NULL; g = g->next) {
		if (pdf_is(g, "tr"))
			add_row(tb, g, 0);
		if (!pdf_is(g, "tbody") && !pdf_is(g, "tfoot"))
			continue;
		for (xmlNodePtr tr = g->children; tr != NULL; tr = tr->next)
			if (pdf_is(tr, "tr"))
				add_row(tb, tr, 0);
	}
}

/* Right-aligns the header cell of every column whose body cells are all numbers. */
static void
align_heads(tbl *tb)
{
	for (int j = 0; j < tb->ncols; j++) {
		int all = 0;
		for (size_t i = 0; i < tb->nrows; i++) {
			const row *r = &tb->rows[i];
			if (r->head)
				continue;
			if (j >= r->n || !r->c[j].num) {
				all = 0;
				break;
			}
			all = 1;
		}
		for (size_t i = 0; all && i < tb->nrows && tb->rows[i].head; i++)
			if (j < tb->rows[i].n)
				tb->rows[i].c[j].num = 1;
	}
}

/* Measures every column at MEASURE_SIZE: its widest cell unwrapped (nat) and its
 * widest word (min), text only; each cell is laid out once, its words shaped once. */
static void
measure_cols(pdf_doc *t, tbl *tb, double *nat, double *min)
{
	for (size_t i = 0; i < tb->nrows; i++)
		for (int j = 0; j < tb->rows[i].n; j++) {
			pdf_para *l = pdf_para_new(t, &tb->rows[i].c[j].tx, MEASURE_SIZE,
			    PANGO_WEIGHT_NORMAL, 0, 1.0);
			double a = pdf_para_natural(l), b = pdf_para_widest_word(l);
			pdf_para_free(l);
			nat[j] = a > nat[j] ? a : nat[j];
			min[j] = b > min[j] ? b : min[j];
		}
}

/* Chooses column widths that fill avail at size, from the widths measure_cols found
 * (unhinted text scales with its size); returns 0, or -1 if even each column's widest
 * word does not fit (unless force). */
static int
fit(tbl *tb, const double *nat0, const double *min0, double size, double avail, int force)
{
	double nat[MAX_COLS], min[MAX_COLS], snat = 0, smin = 0, k = size / MEASURE_SIZE;
	for (int j = 0; j < tb->ncols; j++) {
		nat[j] = nat0[j] * k + 2 * CELL_PAD + 0.5;
		min[j] = min0[j] * k + 2 * CELL_PAD + 0.5;
		snat += nat[j];
		smin += min[j];
	}
	if (smin > avail && !force)
		return -1;
	for (int j = 0; j < tb->ncols; j++) {
		if (snat <= avail)
			tb->w[j] = nat[j] + (avail - snat) * nat[j] / snat;
		else if (smin <= avail)
			tb->w[j] = min[j] + (avail - smin) * (nat[j] - min[j]) / (snat - smin);
		else
			tb->w[j] = avail * min[j] / smin;
	}
	tb->size = size;
	return 0;
}

/* Lays out every cell at its column's width and sets each row's height. */
static void
layout_cells(pdf_doc *t, tbl *tb)
{
	for (size_t i = 0; i < tb->nrows; i++) {
		row *r = &tb->rows[i];
		r->h = 0;
		for (int j = 0; j < r->n; j++) {
			cell *k = &r->c[j];
			k->l = pdf_para_new(t, &k->tx, tb->size, PANGO_WEIGHT_NORMAL,
			    tb->w[j] - 2 * CELL_PAD, 1.0);
			double h = pdf_para_height(k->l) + 2 * CELL_VPAD;
			r->h = h > r->h ? h : r->h;
		}
	}
}

/* Draws row r at x on the current page and moves down past it. */
static void
draw_row(pdf_doc *t, const tbl *tb, const row *r, double x)
{
	double cx = x, w = 0;
	for (int j = 0; j < tb->ncols; j++)
		w += tb->w[j];
	pdf_tag(t, "TR");
	for (int j = 0; j < r->n; j++) {
		pdf_tag_leaf(t, r->head ? "TH" : "TD");
		pdf_para_draw_at(t, r->c[j].l, cx + CELL_PAD, t->y + CELL_VPAD,
		    r->c[j].num ? tb->w[j] - 2 * CELL_PAD : 0);
		pdf_tag_end(t);
		cx += tb->w[j];
	}
	pdf_tag_end(t);
	pdf_artifact_begin(t);
	t->y += r->h;
	cairo_set_line_width(t->cr, r->head ? 0.8 : 0.3);
	pdf_rgb(t, r->head ? 0.2 : 0.75, r->head ? 0.2 : 0.75, r->head ? 0.2 : 0.75);
	cairo_move_to(t->cr, x, t->y);
	cairo_line_to(t->cr, x + w, t->y);
	cairo_stroke(t->cr);
	pdf_artifact_end(t);
	pdf_rgb(t, 0.1, 0.1, 0.1);
}

/* Draws the header rows of tb at x. */
static void
draw_head(pdf_doc *t, const tbl *tb, double x)
{
	for (size_t i = 0; i < tb->nrows && tb->rows[i].head; i++)
		draw_row(t, tb, &tb->rows[i], x);
}

/* Returns the height of tb's header rows. */
static double
head_height(const tbl *tb)
{
	double h = 0;
	for (size_t i = 0; i < tb->nrows && tb->rows[i].head; i++)
		h += tb->rows[i].h;
	return h;
}

/* Sets the table's caption (bold, small) at x, kept with the table's first rows. */
static void
caption(pdf_doc *t, xmlNodePtr table, double x, double keep)
{
	xmlNodePtr cap = pdf_find(table, "caption", NULL);
	if (cap == NULL) {
		pdf_need(t, keep);
		return;
	}
	pdf_text tx;
	pdf_text_init(&tx);
	pdf_text_inline(&tx, cap);
	pdf_text_bold(&tx, 0);
	pdf_para *l = pdf_para_new(t, &tx, 9, PANGO_WEIGHT_NORMAL, PDF_LEFT + PDF_WIDTH - x,
	    PDF_LEAD);
	pdf_need(t, pdf_para_height(l) + 3 + keep);
	pdf_tag_leaf(t, "Caption");
	pdf_para_flow(t, l, x, &tx);
	pdf_tag_end(t);
	t->y += 3;
	pdf_para_free(l);
	pdf_text_free(&tx);
}

void
pdf_table(pdf_doc *t, xmlNodePtr table, double x)
{
	tbl tb;
	memset(&tb, 0, sizeof tb);
	collect(&tb, table);
	align_heads(&tb);
	double avail = PDF_LEFT + PDF_WIDTH - x;
	if (tb.nrows == 0 || tb.ncols == 0) {
		free(tb.rows);
		return;
	}
	static const double sizes[] = { MEASURE_SIZE, 7.5, 6.5 };
	double nat[MAX_COLS] = { 0 }, min[MAX_COLS] = { 0 };
	measure_cols(t, &tb, nat, min);
	for (size_t s = 0; s < 3; s++)
		if (fit(&tb, nat, min, sizes[s], avail, s == 2) == 0)
			break;
	layout_cells(t, &tb);
	size_t first = 0;
	while (first < tb.nrows && tb.rows[first].head)
		first++;
	double keep = head_height(&tb); /* with the header, its first rows (up to 3) */
	for (size_t i = first; i < tb.nrows && i < first + KEEP_ROWS; i++)
		keep += tb.rows[i].h;
	pdf_gap(t, 12);
	pdf_tag(t, "Table");
	caption(t, table, x, keep);
	draw_head(t, &tb, x);
	for (size_t i = first; i < tb.nrows; i++) {
		/* a row that does not fit goes on, and so does the last but one if the last
		 * would otherwise be alone under the repeated header */
		double bottom = pdf_bottom(t);
		int widow = i > first && i + 2 == tb.nrows &&
		    t->y + tb.rows[i].h + tb.rows[i + 1].h > bottom;
		if (t->y + tb.rows[i].h > bottom || widow) {
			pdf_page_new(t);
			pdf_artifact_begin(t); /* the header again: furniture */
			draw_head(t, &tb, x);
			pdf_artifact_end(t);
		}
		draw_row(t, &tb, &tb.rows[i], x);
	}
	pdf_tag_end(t);
	t->y += 6;
	for (size_t i = 0; i < tb.nrows; i++)
		for (int j = 0; j < tb.rows[i].n; j++) {
			pdf_para_free(tb.rows[i].c[j].l);
			pdf_text_free(&tb.rows[i].c[j].tx);
		}
	free(tb.rows);
}
