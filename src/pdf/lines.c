/* lines: running text broken into lines from words shaped once: a paragraph is itemized,
 * each distinct word (font and text) is shaped once per report and reused everywhere
 * it recurs, and lines are filled greedily at spaces, hyphens and slashes. */
#include "pdf/pdf_int.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { PIECE_MAX = 128 }; /* bytes in one piece of a word (add_piece) */

/* One shaped piece of a line: a run of text in one item with no break inside. */
typedef struct piece {
	PangoGlyphString *g;   /* its glyphs (owned by the words table) */
	PangoItem *item;       /* the item it belongs to (owned by the paragraph) */
	uint32_t start;        /* first byte in the paragraph's text */
	uint32_t len;          /* bytes */
	int w;                 /* width, pango units */
	unsigned char space;   /* 1: white space between words (dropped at a line's end) */
	unsigned char brk;     /* 1: a line may break after it */
	unsigned char hard;    /* 1: a forced line break ('\n') follows it */
} piece;

/* One line: pieces [first, first + n). */
typedef struct line {
	size_t first; /* first piece */
	size_t n;     /* pieces on it, without the spaces at its end */
	size_t gap;   /* 1: it ends at a run of spaces (drawn, though blank, so that text
	                 read back from the PDF has a space between its words) */
} line;

struct pdf_para {
	char *text;      /* the text (owned) */
	size_t len;      /* bytes of text */
	GList *items;    /* its items (owned) */
	piece *p;        /* its pieces in order (owned) */
	size_t np;       /* entries of p */
	size_t cap;      /* entries allocated in p */
	line *lines;     /* its lines (owned) */
	size_t nlines;   /* entries of lines */
	double size;     /* base size, pt */
	double lead;     /* leading factor */
	int kept;        /* 1: owned by a pdf_doc.paras table, not by the caller */
};

/* A key of the words table: a word's font, direction and text. */
typedef struct word_key {
	PangoFont *font; /* the item's font (a reference held while the key lives) */
	int level;       /* its bidi level */
	size_t n;        /* bytes of s */
	char s[];        /* the text (not NUL-terminated) */
} word_key;

/* GHashFunc of word_key: FNV-1a over the text, mixed with the font. */
static guint
word_hash(gconstpointer p)
{
	const word_key *k = p;
	guint h = 2166136261u ^ (guint)(uintptr_t)k->font ^ (guint)k->level;
	for (size_t i = 0; i < k->n; i++)
		h = (h ^ (unsigned char)k->s[i]) * 16777619u;
	return h;
}

/* GEqualFunc of word_key. */
static gboolean
word_equal(gconstpointer a, gconstpointer b)
{
	const word_key *x = a, *y = b;
	return x->font == y->font && x->level == y->level && x->n == y->n &&
	    memcmp(x->s, y->s, x->n) == 0;
}

/* GDestroyNotify of word_key. */
static void
word_key_free(gpointer p)
{
	word_key *k = p;
	g_object_unref(k->font);
	free(k);
}

GHashTable *
pdf_words_new(void)
{
	return g_hash_table_new_full(word_hash, word_equal, word_key_free,
	    (GDestroyNotify)pango_glyph_string_free);
}

/* Returns the glyphs of s[0..n) in item's font and direction, shaped once per t
 * (owned by t->words). */
static PangoGlyphString *
shaped(pdf_doc *t, const PangoItem *item, const char *s, size_t n)
{
	word_key *k = util_xmalloc(sizeof *k + n);
	k->font = item->analysis.font;
	k->level = item->analysis.level;
	k->n = n;
	memcpy(k->s, s, n);
	PangoGlyphString *g = g_hash_table_lookup(t->words, k);
	if (g != NULL) {
		free(k);
		return g;
	}
	g = pdf_shapes_shape(t->shapes, &item->analysis,
	    pango_context_get_round_glyph_positions(t->pc) ? PANGO_SHAPE_ROUND_POSITIONS :
	    PANGO_SHAPE_NONE, s, n);
	g_object_ref(k->font); /* the key outlives the paragraph whose item held the font */
	g_hash_table_insert(t->words, k, g);
	return g;
}

/* Returns the byte length of the UTF-8 character at s (1 for a stray byte). */
static size_t
char_len(const char *s)
{
	unsigned char c = (unsigned char)*s;
	return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

/* Returns whether a line may break after the character c (UTF-8 at s, k bytes) when
 * it is followed by the text at next: after a hyphen, an en or em dash, or a slash
 * (not before a digit), as Unicode line breaking allows. */
static int
break_after(const char *s, size_t k, const char *next, const char *end)
{
	if (next >= end || *next == ' ' || *next == '\n')
		return 0;
	if (k == 1 && (*s == '-' || *s == '/'))
		return !(*next >= '0' && *next <= '9') && *next != '/';
	return k == 3 && (memcmp(s, "\xe2\x80\x93", 3) == 0 || memcmp(s, "\xe2\x80\x94", 3) == 0);
}

/* Inserts a zeroed piece at index at of p and returns it. */
static piece *
insert_piece(pdf_para *p, size_t at)
{
	if (p->np == p->cap) { /* only when a word is split: pdf_para_new sizes p */
		p->cap = p->cap ? 2 * p->cap : 8;
		p->p = util_xrealloc(p->p, p->cap * sizeof *p->p);
	}
	memmove(&p->p[at + 1], &p->p[at], (p->np - at) * sizeof *p->p);
	p->np++;
	memset(&p->p[at], 0, sizeof *p->p);
	return &p->p[at];
}

/* Sets k to bytes [a, b) of p's text in item, shaped. */
static void
set_piece(pdf_doc *t, const pdf_para *p, piece *k, PangoItem *item, size_t a, size_t b)
{
	k->g = shaped(t, item, p->text + a, b - a);
	k->item = item;
	k->start = (uint32_t)a;
	k->len = (uint32_t)(b - a);
	k->w = pango_glyph_string_get_width(k->g);
}

/* Appends a piece of bytes [a, b) of p's text in item to p: a word, or the spaces
 * after one (space 1, where a line may break). A word longer than PIECE_MAX bytes is
 * cut (at characters) into pieces with no break between them, so that breaking it
 * shapes one piece again, not the rest of the word: a 64 KiB word was shaped again
 * whole for each of its lines (quadratic time and memory). */
static void
add_piece(pdf_doc *t, pdf_para *p, PangoItem *item, size_t a, size_t b, int space)
{
	if (b <= a)
		return;
	while (!space && b - a > PIECE_MAX) {
		size_t c = a + PIECE_MAX;
		while (c > a + 1 && ((unsigned char)p->text[c] & 0xc0) == 0x80)
			c--;
		set_piece(t, p, insert_piece(p, p->np), item, a, c);
		a = c;
	}
	piece *k = insert_piece(p, p->np);
	set_piece(t, p, k, item, a, b);
	k->space = space;
	k->brk = space;
}

/* Cuts the text of item into pieces: words (shaped whole, so kerning inside them is
 * kept) and the runs of spaces between them; a '\n' ends a piece with a forced break. */
static void
item_pieces(pdf_doc *t, pdf_para *p, PangoItem *item)
{
	const char *s = p->text, *end = p->text + item->offset + item->length;
	size_t a = (size_t)item->offset, i = a;
	while (s + i < end) {
		size_t k = char_len(s + i);
		if (s[i] == '\n') {
			add_piece(t, p, item, a, i, 0);
			if (p->np > 0)
				p->p[p->np - 1].hard = 1;
			a = i + 1;
		} else if (s[i] == ' ') {
			add_piece(t, p, item, a, i, 0);
			size_t j = i;
			while (s + j < end && s[j] == ' ')
				j++;
			add_piece(t, p, item, i, j, 1);
			a = j;
			k = j - i;
		}
		i += k;
	}
	add_piece(t, p, item, a, (size_t)(end - s), 0);
}

/* Splits piece i of p after its first cut bytes (0 < cut < its length): the parts are
 * shaped apart, and a line may break between them. */
static void
split_at(pdf_doc *t, pdf_para *p, size_t i, size_t cut)
{
	PangoItem *item = p->p[i].item;
	size_t a = p->p[i].start, b = a + p->p[i].len;
	int hard = p->p[i].hard;
	set_piece(t, p, &p->p[i], item, a, a + cut);
	p->p[i].brk = 1;
	p->p[i].hard = 0;
	piece *rest = insert_piece(p, i + 1);
	set_piece(t, p, rest, item, a + cut, b);
	rest->hard = hard;
}

/* Splits word piece i of p after its last hyphen, dash or slash where the first part
 * still fits in room (pango units): the parts are shaped apart, the first may end a
 * line. Returns 0, or -1 if it has no such place. */
static int
split_word(pdf_doc *t, pdf_para *p, size_t i, int room)
{
	const piece *k = &p->p[i];
	const char *s = p->text, *end = s + k->start + k->len;
	size_t best = 0;
	for (size_t j = k->start; s + j < end; j += char_len(s + j)) {
		size_t n = char_len(s + j);
		if (break_after(s + j, n, s + j + n, end) &&
		    pango_glyph_string_get_width(shaped(t, k->item, s + k->start,
		    j + n - k->start)) <= room)
			best = j + n;
	}
	if (best == 0)
		return -1;
	split_at(t, p, i, best - k->start);
	return 0;
}

/* Adds line [first, first + n) to p, without the spaces at its end. */
static void
add_line(pdf_para *p, size_t first, size_t n)
{
	size_t all = n;
	while (n > 0 && p->p[first + n - 1].space)
		n--;
	if ((p->nlines & (p->nlines - 1)) == 0)
		p->lines = util_xrealloc(p->lines, (p->nlines ? 2 * p->nlines : 1) *
		    sizeof *p->lines);
	p->lines[p->nlines++] = (line){ first, n, n > 0 && n < all };
}

/* Returns the end of the unbreakable run of pieces from i (one past its last). */
static size_t
run_end(const pdf_para *p, size_t i)
{
	while (i < p->np && !p->p[i].brk && !p->p[i].hard)
		i++;
	return i < p->np ? i + 1 : i;
}

/* Returns the start of the last character after the first of left-to-right piece k
 * (text s) whose left edge is at most room (pango units), or cut if none is. The edge
 * grows with the character, so a binary search finds it: each
 * pango_glyph_string_index_to_x walks the whole glyph string, and asking it of every
 * character made a long word quadratic (an 8 KB word took 5 s; found by fuzz_pdf). */
static size_t
fit_chars(const piece *k, const char *s, int room, size_t cut)
{
	size_t n = 0;
	size_t *at = util_xmalloc((k->len + 1) * sizeof *at);
	for (size_t j = char_len(s); j < k->len; j += char_len(s + j))
		at[n++] = j;
	size_t lo = 0, hi = n; /* at[0..lo) fit, at[hi..n) do not */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int x = 0;
		pango_glyph_string_index_to_x(k->g, (char *)s, (int)k->len,
		    (PangoAnalysis *)&k->item->analysis, (int)at[mid], FALSE, &x);
		if (x > room)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (lo > 0)
		cut = at[lo - 1];
	free(at);
	return cut;
}

/* Splits word piece i of p after its last character that still fits in room (pango
 * units), or after its first one if force; the parts are shaped apart. Returns 0, or
 * -1 if no character fits (and not force) or the piece is one character. */
static int
split_chars(pdf_doc *t, pdf_para *p, size_t i, int room, int force)
{
	const piece *k = &p->p[i];
	const char *s = p->text + k->start;
	size_t cut = force ? char_len(s) : 0;
	if (k->item->analysis.level % 2 == 0) {
		cut = fit_chars(k, s, room, cut);
	} else {
		for (size_t j = char_len(s); j < k->len; j += char_len(s + j)) {
			int x = 0;
			pango_glyph_string_index_to_x(k->g, (char *)s, (int)k->len,
			    (PangoAnalysis *)&k->item->analysis, (int)j, FALSE, &x);
			if (x > room)
				break;
			cut = j;
		}
	}
	if (cut == 0 || cut >= k->len)
		return -1;
	split_at(t, p, i, cut);
	return 0;
}

/* Makes a place to break in the unbreakable run [i, e) of p, wider than a whole line
 * of width (pango units) and first on its line: inside the piece where it overflows,
 * after its last character that fits, else before that piece, else after the run's
 * first character. Returns 0, or -1 if the run cannot be cut (one character). */
static int
cut_run(pdf_doc *t, pdf_para *p, size_t i, size_t e, int width)
{
	int x = 0;
	for (size_t k = i; k < e && !p->p[k].space; k++) {
		if (x + p->p[k].w > width) {
			if (split_chars(t, p, k, width - x, k == i) == 0)
				return 0;
			if (k == i)
				return -1;
			p->p[k - 1].brk = 1;
			return 0;
		}
		x += p->p[k].w;
	}
	return -1;
}

/* Returns the width of the run [i, e) of p without its spaces, pango units. */
static int
run_width(const pdf_para *p, size_t i, size_t e)
{
	int w = 0;
	for (size_t k = i; k < e; k++)
		w += p->p[k].space ? 0 : p->p[k].w;
	return w;
}

/* Fills lines of at most width (pango units) greedily: a word that does not fit goes
 * to the next line, split after a hyphen, dash or slash if its first part fits; a
 * word wider than a whole line is cut between characters. */
static void
break_lines(pdf_doc *t, pdf_para *p, int width)
{
	size_t first = 0, i = 0;
	int x = 0;
	while (i < p->np) {
		size_t e = run_end(p, i);
		int w = run_width(p, i, e);
		if (width > 0 && x + w > width) {
			if (!p->p[i].space && !p->p[i].brk && split_word(t, p, i, width - x) == 0)
				continue; /* the run now ends after the hyphen */
			if (i > first) {
				add_line(p, first, i - first);
				first = i;
				x = 0;
				continue;
			}
			if (cut_run(t, p, i, e, width) == 0)
				continue; /* the run now ends where it fits */
		}
		x += run_width(p, i, e) + (p->p[e - 1].space ? p->p[e - 1].w : 0);
		i = e;
		if (p->p[e - 1].hard) {
			add_line(p, first, i - first);
			first = i;
			x = 0;
		}
	}
	if (first < p->np || p->nlines == 0)
		add_line(p, first, p->np - first);
}

/* Returns a copy of attrs with the base font (Inter, size pt, weight w) under them. */
static PangoAttrList *
base_attrs(const PangoAttrList *attrs, double size, PangoWeight w)
{
	PangoAttrList *al = pango_attr_list_copy((PangoAttrList *)attrs);
	if (al == NULL)
		al = pango_attr_list_new();
	PangoFontDescription *fd = pango_font_description_from_string("Inter");
	pango_font_description_set_size(fd, (gint)(size * PANGO_SCALE + 0.5));
	pango_font_description_set_weight(fd, w);
	PangoAttribute *a = pango_attr_font_desc_new(fd);
	a->start_index = 0;
	a->end_index = G_MAXUINT;
	pango_attr_list_insert_before(al, a);
	pango_font_description_free(fd);
	return al;
}

/* Frees p whatever owns it. */
static void
para_free(pdf_para *p)
{
	g_list_free_full(p->items, (GDestroyNotify)pango_item_free);
	free(p->p);
	free(p->lines);
	free(p->text);
	free(p);
}

/* Returns how many pieces item_pieces can at most cut p's items into: per item, a
 * word and a run of spaces at each space, a piece at each '\n', and its last word. */
static size_t
pieces_bound(const pdf_para *p)
{
	size_t n = 1;
	for (size_t i = 0; i < p->len; i++)
		n += p->text[i] == ' ' ? 2 : p->text[i] == '\n';
	return n + g_list_length(p->items);
}

GHashTable *
pdf_paras_new(void)
{
	return g_hash_table_new_full(g_str_hash, g_str_equal, free, (GDestroyNotify)para_free);
}

/* Appends v in thousandths, rounded, in decimal and a '|' to k (printf's %.3f cost
 * about 2,000 instructions a number, a tenth of a paragraph's layout). */
static void
key_num(buf *k, double v)
{
	char d[24], *e = d + sizeof d, *p = e;
	long long n = llround(v * 1000);
	unsigned long long u = n < 0 ? 0 - (unsigned long long)n : (unsigned long long)n;
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (n < 0)
		*--p = '-';
	buf_append(k, p, (size_t)(e - p));
	buf_putc(k, '|');
}

/* Returns the key of a paragraph's text and settings in pdf_doc.paras (caller frees). */
static char *
para_key(const pdf_text *x, double size, PangoWeight w, double width, double lead)
{
	buf k;
	buf_init(&k);
	char *attrs = pango_attr_list_to_string(x->attrs);
	key_num(&k, size);
	key_num(&k, (double)w);
	key_num(&k, width);
	key_num(&k, lead);
	buf_puts(&k, attrs);
	buf_putc(&k, '|');
	g_free(attrs);
	buf_append(&k, x->s.data ? x->s.data : "", x->s.len);
	return buf_detach(&k);
}

pdf_para *
pdf_para_new(pdf_doc *t, const pdf_text *x, double size, PangoWeight w, double width,
    double lead)
{
	char *key = t->paras ? para_key(x, size, w, width, lead) : NULL;
	pdf_para *p = key ? g_hash_table_lookup(t->paras, key) : NULL;
	if (p != NULL) {
		free(key);
		return p;
	}
	p = util_xcalloc(1, sizeof *p);
	p->len = x->s.len;
	p->text = util_xstrndup(x->s.data ? x->s.data : "", p->len);
	p->size = size;
	p->lead = lead;
	PangoAttrList *al = base_attrs(x->attrs, size, w);
	p->items = pango_itemize(t->pc, p->text, 0, (int)p->len, al, NULL);
	pango_attr_list_unref(al);
	p->cap = pieces_bound(p);
	p->p = util_xmalloc(p->cap * sizeof *p->p);
	for (GList *l = p->items; l != NULL; l = l->next)
		item_pieces(t, p, l->data);
	break_lines(t, p, (int)(width * PANGO_SCALE));
	if (key != NULL) {
		p->kept = 1;
		g_hash_table_insert(t->paras, key, p);
	}
	return p;
}

void
pdf_para_free(pdf_para *p)
{
	if (p != NULL && !p->kept)
		para_free(p);
}

size_t
pdf_para_lines(const pdf_para *p)
{
	return p->nlines;
}

double
pdf_para_pitch(const pdf_para *p)
{
	return p->size * PDF_INTER_LINE * p->lead;
}

double
pdf_para_height(const pdf_para *p)
{
	return (double)p->nlines * pdf_para_pitch(p);
}

/* Returns the x offset (pango units) of byte index i of piece k (i within it). */
static int
piece_x(const pdf_para *p, const piece *k, size_t i)
{
	int x = 0;
	if (i <= k->start)
		return 0;
	if (i >= k->start + k->len)
		return k->w;
	pango_glyph_string_index_to_x(k->g, p->text + k->start, (int)k->len,
	    (PangoAnalysis *)&k->item->analysis, (int)(i - k->start), FALSE, &x);
	return x;
}

/* Finds the horizontal extent [*xs, *xe) (pango units from the line's start) of bytes
 * [s, e) on line ln. Returns 0 if none of them is on it. */
static int
line_span(const pdf_para *p, const line *ln, size_t s, size_t e, int *xs, int *xe)
{
	int x = 0, found = 0;
	for (size_t i = ln->first; i < ln->first + ln->n; i++) {
		const piece *k = &p->p[i];
		size_t a = k->start > s ? k->start : s, b = k->start + k->len < e ?
		    k->start + k->len : e;
		if (a < b) {
			if (!found)
				*xs = x + piece_x(p, k, a);
			*xe = x + piece_x(p, k, b);
			found = 1;
		}
		x += k->w;
	}
	return found;
}

/* Makes the parts of links (may be NULL) on line ln clickable: drawn at x0, top y,
 * height h. */
static void
para_links(pdf_doc *t, const pdf_para *p, const line *ln, const pdf_text *links, double x0,
    double y, double h)
{
	for (size_t i = 0; links != NULL && i < links->nlinks; i++) {
		int xs, xe;
		if (line_span(p, ln, links->links[i].start, links->links[i].end, &xs, &xe))
			pdf_link_rect(t, links->links[i].uri, x0 + xs / (double)PANGO_SCALE, y,
			    (xe - xs) / (double)PANGO_SCALE, h);
	}
}

/* How a piece is drawn besides its font: raised by rise points, in colour rgb when
 * coloured. */
typedef struct ink {
	double rise;   /* points above the baseline */
	int coloured;  /* 1: rgb is set */
	double rgb[3]; /* the colour */
} ink;

/* Returns how item's attributes draw it. */
static ink
item_ink(const PangoItem *item)
{
	ink k = { 0, 0, { 0, 0, 0 } };
	for (GSList *l = item->analysis.extra_attrs; l != NULL; l = l->next) {
		PangoAttribute *a = l->data;
		if (a->klass->type == PANGO_ATTR_RISE) {
			k.rise = ((PangoAttrInt *)a)->value / (double)PANGO_SCALE;
		} else if (a->klass->type == PANGO_ATTR_FOREGROUND) {
			PangoColor c = ((PangoAttrColor *)a)->color;
			k.coloured = 1;
			k.rgb[0] = c.red / 65535.0;
			k.rgb[1] = c.green / 65535.0;
			k.rgb[2] = c.blue / 65535.0;
		}
	}
	return k;
}

/* Returns whether pieces a and b draw in the same font, rise and colour. */
static int
same_ink(const piece *a, const piece *b)
{
	if (a->item == b->item)
		return 1;
	ink x = item_ink(a->item), y = item_ink(b->item);
	return a->item->analysis.font == b->item->analysis.font && x.rise == y.rise &&
	    x.coloured == y.coloured && memcmp(x.rgb, y.rgb, sizeof x.rgb) == 0;
}

/* A run of a line being drawn: its glyphs, the text they show and the clusters that
 * map the one to the other (so the PDF's text reads back as written, even where the
 * font draws a character with a glyph of its own, such as Inter's colon between
 * figures). */
typedef struct glyph_run {
	cairo_glyph_t *g;                /* glyphs (room for all of the line's) */
	int n;                           /* glyphs used */
	char *text;                      /* UTF-8 text shown (room for the line's) */
	int len;                         /* bytes used */
	cairo_text_cluster_t *clusters;  /* clusters (room for one per glyph) */
	int nclusters;                   /* clusters used; -1: no text (glyphs only) */
} glyph_run;

/* Draws run r in font and ink k, then empties it. */
static void
show_run(pdf_doc *t, PangoFont *font, const ink *k, glyph_run *r)
{
	if (r->n > 0 || r->len > 0) {
		cairo_save(t->cr);
		if (k->coloured)
			cairo_set_source_rgb(t->cr, k->rgb[0], k->rgb[1], k->rgb[2]);
		cairo_set_scaled_font(t->cr,
		    pango_cairo_font_get_scaled_font((PangoCairoFont *)font));
		if (r->nclusters >= 0)
			cairo_show_text_glyphs(t->cr, r->text, r->len, r->g, r->n, r->clusters,
			    r->nclusters, 0);
		else
			cairo_show_glyphs(t->cr, r->g, r->n);
		cairo_restore(t->cr);
	}
	r->n = r->len = r->nclusters = 0;
}

/* Appends to r the text of piece k (text: the paragraph's) and its glyphs, its left
 * end at x on baseline y, with one cluster for each run of glyphs of the same
 * character(s); glyphs no font has are left out (the fonts cover the text). Text set
 * right to left is drawn as glyphs only. */
static void
add_glyphs(const piece *k, const char *text, double x, double y, glyph_run *r)
{
	const PangoGlyphString *gs = k->g;
	if (k->item->analysis.level % 2)
		r->nclusters = -1;
	int pos = 0;
	for (int i = 0; i < gs->num_glyphs;) {
		int at = gs->log_clusters[i], j = i, drawn = 0;
		for (; j < gs->num_glyphs && gs->log_clusters[j] == at; j++) {
			const PangoGlyphInfo *gi = &gs->glyphs[j];
			if (gi->glyph != PANGO_GLYPH_EMPTY && !(gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
				r->g[r->n].index = gi->glyph;
				r->g[r->n].x = x + (pos + gi->geometry.x_offset) / (double)PANGO_SCALE;
				r->g[r->n].y = y + gi->geometry.y_offset / (double)PANGO_SCALE;
				r->n++;
				drawn++;
			}
			pos += gi->geometry.width;
		}
		int end = j < gs->num_glyphs ? gs->log_clusters[j] : (int)k->len;
		if (r->nclusters >= 0 && end > at && (drawn > 0 || end > at)) {
			memcpy(r->text + r->len, text + k->start + at, (size_t)(end - at));
			r->len += end - at;
			r->clusters[r->nclusters++] = (cairo_text_cluster_t){ end - at, drawn };
		} else if (r->nclusters >= 0) {
			r->nclusters = -1; /* clusters out of logical order: glyphs only */
		}
		i = j;
	}
}

/* Draws line ln of p with its left end at x on baseline y: one glyph run for each
 * stretch of pieces in the same font, rise and colour; then the first run of spaces
 * after it, if it broke at one (blank ink, but text read back from the PDF keeps its
 * words apart). */
static void
draw_line(pdf_doc *t, const pdf_para *p, const line *ln, double x, double y)
{
	int cap = 0, bytes = 0;
	size_t end = ln->first + ln->n + (ln->gap ? 1 : 0);
	for (size_t i = ln->first; i < end; i++) {
		cap += p->p[i].g->num_glyphs;
		bytes += (int)p->p[i].len;
	}
	glyph_run r = { util_xcalloc((size_t)cap + 1, sizeof *r.g), 0,
		util_xmalloc((size_t)bytes + 1), 0,
		util_xcalloc((size_t)cap + 1, sizeof *r.clusters), 0 };
	const piece *run = NULL;
	ink k = { 0, 0, { 0, 0, 0 } };
	for (size_t i = ln->first; i < end; i++) {
		const piece *pc = &p->p[i];
		if (run == NULL || !same_ink(run, pc)) {
			if (run != NULL)
				show_run(t, run->item->analysis.font, &k, &r);
			run = pc;
			k = item_ink(pc->item);
		}
		add_glyphs(pc, p->text, x, y - k.rise, &r);
		x += pc->w / (double)PANGO_SCALE;
	}
	if (run != NULL)
		show_run(t, run->item->analysis.font, &k, &r);
	free(r.g);
	free(r.text);
	free(r.clusters);
}

void
pdf_para_flow(pdf_doc *t, const pdf_para *p, double x, const pdf_text *links)
{
	double h = pdf_para_pitch(p);
	double base = p->size * PDF_INTER_LINE * (p->lead - 1) / 2 + p->size * PDF_INTER_ASC;
	size_t n = p->nlines;
	int span = links != NULL && links->nlinks > 0; /* text in a Span, beside its Links */
	if (span)
		pdf_tag_leaf(t, "Span");
	for (size_t i = 0; i < n; i++) {
		/* no first line alone at a page's foot, no last line alone at its head */
		pdf_need(t, n >= 2 && (i == 0 || i == n - 2) ? 2 * h : h);
		if (t->marker) /* first, so the item's text reads "3. Text..." */
			pdf_marker_draw(t, t->y + base);
		if (!t->dry) {
			pdf_tag_ink(t);
			draw_line(t, p, &p->lines[i], x, t->y + base);
		}
		if (!t->dry)
			para_links(t, p, &p->lines[i], links, x, t->y, h);
		t->y += h;
		pdf_quote_rule(t, t->y);
	}
	if (span)
		pdf_tag_end(t);
}

/* Returns the width of line ln of p, pango units. */
static int
line_width(const pdf_para *p, const line *ln)
{
	int w = 0;
	for (size_t i = ln->first; i < ln->first + ln->n; i++)
		w += p->p[i].w;
	return w;
}

double
pdf_para_natural(const pdf_para *p)
{
	int w = 0;
	for (size_t i = 0; i < p->nlines; i++) {
		int lw = line_width(p, &p->lines[i]);
		w = lw > w ? lw : w;
	}
	return w / (double)PANGO_SCALE;
}

double
pdf_para_widest_word(const pdf_para *p)
{
	int w = 0;
	for (size_t i = 0; i < p->np;) {
		size_t e = run_end(p, i);
		int rw = 0;
		for (size_t k = i; k < e; k++)
			rw += p->p[k].space ? 0 : p->p[k].w;
		w = rw > w ? rw : w;
		i = e;
	}
	return w / (double)PANGO_SCALE;
}

void
pdf_para_draw_at(pdf_doc *t, const pdf_para *p, double x, double y, double right)
{
	double base = p->size * PDF_INTER_ASC + p->size * PDF_INTER_LINE * (p->lead - 1) / 2;
	if (!t->dry)
		pdf_tag_ink(t);
	for (size_t i = 0; i < p->nlines && !t->dry; i++) {
		double dx = right > 0 ? right - line_width(p, &p->lines[i]) / (double)PANGO_SCALE : 0;
		draw_line(t, p, &p->lines[i], x + dx, y + base + i * pdf_para_pitch(p));
	}
}
