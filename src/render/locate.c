/* locate: error positions of rendered pieces, found in the page's Markdown source. */
#include "render/render_int.h"

#include <string.h>

void
render_lines_init(rnd *r)
{
	int n = 1;
	for (size_t i = 0; i < r->len; i++)
		n += r->text[i] == '\n';
	r->lines = util_xmalloc((size_t)n * sizeof(size_t));
	r->lines[0] = 0;
	int k = 1;
	for (size_t i = 0; i < r->len; i++)
		if (r->text[i] == '\n')
			r->lines[k++] = i + 1;
	r->nlines = n;
}

/* Returns the byte offset where page line starts (clamped to the page). */
static size_t
line_start(const rnd *r, int line)
{
	if (line < 1)
		return 0;
	if (line > r->nlines)
		return r->len;
	return r->lines[line - 1];
}

/* Returns the byte offset just past page line's end (its newline included). */
static size_t
line_end(const rnd *r, int line)
{
	return line >= r->nlines ? r->len : line_start(r, line + 1);
}

/* Returns the page line holding byte offset off. */
static int
line_of(const rnd *r, size_t off)
{
	int lo = 0, hi = r->nlines - 1;
	while (lo < hi) {
		int mid = (lo + hi + 1) / 2;
		if (r->lines[mid] <= off)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo + 1;
}

/* Returns the first occurrence of s[0..n) in h[0..hn), or NULL (n > 0). */
static const char *
find(const char *h, size_t hn, const char *s, size_t n)
{
	const char *end = h + hn;
	while ((size_t)(end - h) >= n) {
		const char *p = memchr(h, s[0], (size_t)(end - h) - n + 1);
		if (p == NULL)
			return NULL;
		if (memcmp(p, s, n) == 0)
			return p;
		h = p + 1;
	}
	return NULL;
}

void
render_window(rnd *r, cmark_node *block)
{
	r->block_line = r->line_base + cmark_node_get_start_line(block);
	int last = r->end_line ? r->end_line : r->line_base + cmark_node_get_end_line(block);
	r->cur = line_start(r, r->block_line);
	r->win_end = line_end(r, last < r->block_line ? r->block_line : last);
	r->misses = 0;
}

diag_pos
render_pos(rnd *r, int line, int col)
{
	diag_pos p = { r->file, line, col };
	return p;
}

diag_pos
render_locate(rnd *r, const char *s, size_t n)
{
	if (n > 0 && r->misses < RENDER_MAX_MISSES && r->cur < r->win_end &&
	    n <= r->win_end - r->cur) {
		const char *hit = find(r->text + r->cur, r->win_end - r->cur, s, n);
		r->misses += hit == NULL;
		if (hit != NULL) {
			size_t off = (size_t)(hit - r->text);
			int line = line_of(r, off);
			r->cur = off + n;
			return render_pos(r, line, (int)(off - r->lines[line - 1]) + 1);
		}
	}
	return render_pos(r, r->block_line, 0);
}

char
render_char_at(rnd *r, int line, int col)
{
	if (line < 1 || line > r->nlines || col < 1)
		return '\0';
	size_t off = line_start(r, line) + (size_t)(col - 1);
	return off < line_end(r, line) ? r->text[off] : '\0';
}
