/* refs: metric references {{ NAME | FORMAT }} and citations [@id; @id] in prose. */
#include "render/render_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Returns s[0..n) with leading and trailing whitespace removed, as a new string. */
static char *
trimmed(const char *s, size_t n)
{
	while (n > 0 && strchr(" \t\r\n", s[0]) != NULL) {
		s++;
		n--;
	}
	while (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
		n--;
	return util_xstrndup(s, n);
}

/* Returns the offset of "}}" in s[from..n), or n if there is none. */
static size_t
find_close(const char *s, size_t n, size_t from)
{
	for (size_t i = from; i + 1 < n; i++)
		if (s[i] == '}' && s[i + 1] == '}')
			return i;
	return n;
}

/* Renders the reference whose inner text is s[0..n) (between the braces), found at pos. */
static void
metric_ref(rnd *r, const char *s, size_t n, diag_pos pos, xmlNodePtr parent)
{
	const char *bar = memchr(s, '|', n);
	char *name = trimmed(s, bar ? (size_t)(bar - s) : n);
	char *fmt = bar ? trimmed(bar + 1, n - (size_t)(bar + 1 - s)) : NULL;
	buf val;
	buf_init(&val);
	if (name[0] == '\0')
		diag_error(r->d, pos, "empty metric reference");
	else if (render_is_figure_ref(name))
		render_figure_ref(r, name, pos, parent);
	else if (render_value(r, name, fmt, pos, &val) == 0) {
		xmlNodePtr span = render_el_class(r, parent, "span", "metric");
		render_attr(span, "data-metric", name);
		render_add_text(r, span, val.data, val.len);
	}
	buf_free(&val);
	free(name);
	free(fmt);
}

/* Handles "{{" at s[i]; returns the offset where scanning resumes. */
static size_t
scan_metric(rnd *r, const char *s, size_t n, size_t i, xmlNodePtr parent)
{
	size_t close = find_close(s, n, i + 2);
	if (close == n) {
		diag_error(r->d, render_locate(r, "{{", 2), "unclosed '{{' (a metric reference "
		    "ends with '}}')");
		return n; /* no later '{{' of this text can close either */
	}
	diag_pos pos = render_locate(r, s + i, close + 2 - i);
	metric_ref(r, s + i + 2, close - i - 2, pos, parent);
	return close + 2;
}

/* Returns 1 if c may appear in a cited source id. */
static int
id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    c == '-' || c == '_' || c == '.';
}

/* Reads "@id" at s[*j] (after optional spaces) into [*start, *start + *len) and moves *j
 * past it and past a following ';' or to the ']' . Returns 1, or 0 if malformed. */
static int
next_id(const char *s, size_t n, size_t *j, size_t *start, size_t *len)
{
	size_t k = *j;
	while (k < n && s[k] == ' ')
		k++;
	if (k >= n || s[k] != '@')
		return 0;
	*start = ++k;
	while (k < n && id_char(s[k]))
		k++;
	*len = k - *start;
	while (k < n && s[k] == ' ')
		k++;
	if (*len == 0 || k >= n || (s[k] != ';' && s[k] != ']'))
		return 0;
	*j = s[k] == ';' ? k + 1 : k;
	return 1;
}

/* Returns the offset just past the citation "[@a; @b]" starting at s[i], or 0. */
static size_t
cite_end(const char *s, size_t n, size_t i)
{
	size_t j = i + 1, start, len;
	while (next_id(s, n, &j, &start, &len))
		if (s[j] == ']')
			return j + 1;
	return 0;
}

/* Returns the note number (1-based) of source index src, adding a note if new. */
static int
note_of(rnd *r, int src)
{
	if (r->note_of == NULL)
		r->note_of = util_xcalloc(r->rep->nsources, sizeof(int));
	if (r->note_of[src] > 0)
		return r->note_of[src];
	if ((r->ncites & (r->ncites - 1)) == 0) { /* 0, 1, 2, 4...: double */
		size_t cap = r->ncites ? 2 * r->ncites : 1;
		r->cites = util_xrealloc(r->cites, cap * sizeof(int));
		r->uses = util_xrealloc(r->uses, cap * sizeof(int));
	}
	r->cites[r->ncites] = src;
	r->uses[r->ncites] = 0;
	r->note_of[src] = (int)++r->ncites;
	return r->note_of[src];
}

/* Appends <a href="#note-K" id="cite-K-J">K</a> for source index src to sup. */
static void
cite_link(rnd *r, int src, xmlNodePtr sup)
{
	int k = note_of(r, src);
	int j = ++r->uses[k - 1];
	char href[32], id[48], num[16];
	snprintf(href, sizeof href, "#note-%d", k);
	snprintf(id, sizeof id, "cite-%d-%d", k, j);
	snprintf(num, sizeof num, "%d", k);
	if (sup->children != NULL)
		render_add_text(r, sup, ",", 1);
	xmlNodePtr a = render_el(r, sup, "a");
	render_attr(a, "href", href);
	render_attr(a, "id", id);
	render_add_text(r, a, num, strlen(num));
}

/* Renders the citation s[0..n) ("[@a; @b]") into parent. */
static void
citation(rnd *r, const char *s, size_t n, xmlNodePtr parent)
{
	diag_pos pos = render_locate(r, s, n);
	if (r->in_link) {
		diag_error(r->d, pos, "a citation cannot be inside a link's text");
		return;
	}
	xmlNodePtr sup = render_el_class(r, parent, "sup", "cite");
	size_t j = 1, start, len;
	while (next_id(s, n, &j, &start, &len)) {
		char *id = util_xstrndup(s + start, len);
		int src = report_source_index(r->rep, id);
		if (src < 0)
			diag_error(r->d, render_pos(r, pos.line, pos.col ? pos.col + (int)start : 0),
			    "unknown source '%s'", id);
		else
			cite_link(r, src, sup);
		free(id);
		if (s[j] == ']')
			break;
	}
}

void
render_text(rnd *r, const char *s, size_t n, xmlNodePtr parent)
{
	size_t i = 0, lit = 0;
	if (n == 0)
		return;
	while (i < n) {
		size_t end = 0;
		if (s[i] == '{' && i + 1 < n && s[i + 1] == '{') {
			render_add_text(r, parent, s + lit, i - lit);
			i = lit = scan_metric(r, s, n, i, parent);
			continue;
		}
		if (s[i] == '[' && i + 1 < n && s[i + 1] == '@' && (end = cite_end(s, n, i))) {
			size_t k = i; /* the marker sits against the words it supports */
			while (k > lit && (s[k - 1] == ' ' || s[k - 1] == '\n'))
				k--;
			render_add_text(r, parent, s + lit, k - lit);
			citation(r, s + i, end - i, parent);
			i = lit = end;
			continue;
		}
		i++;
	}
	render_add_text(r, parent, s + lit, n - lit);
}
