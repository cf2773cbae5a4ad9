/* table: the table directive's three shapes (scenario comparison, year series, free). */
#include "render/render_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "yaml/schema.h"

/* The parts of a table being built. */
typedef struct tbl {
	xmlNodePtr head; /* the <tr> of <thead> */
	xmlNodePtr body; /* <tbody> */
} tbl;

/* Returns 1 if n is an element called name whose class attribute lists cls. */
static int
el_has_class(xmlNodePtr n, const char *name, const char *cls)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name) != 0)
		return 0;
	xmlChar *v = xmlGetProp(n, BAD_CAST "class");
	int hit = 0;
	size_t len = strlen(cls);
	for (const char *c = (const char *)v; c != NULL && *c != '\0' && !hit; c += strcspn(c, " ")) {
		c += strspn(c, " ");
		hit = strncmp(c, cls, len) == 0 && (c[len] == '\0' || c[len] == ' ');
	}
	xmlFree(v);
	return hit;
}

/* Returns the first element child of n called name, or NULL. */
static xmlNodePtr
child_el(xmlNodePtr n, const char *name)
{
	for (n = n != NULL ? n->children : NULL; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0)
			return n;
	return NULL;
}

/* Returns cell col (0-based) of row tr, or NULL. */
static xmlNodePtr
row_cell(xmlNodePtr tr, size_t col)
{
	for (xmlNodePtr n = tr->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (col-- == 0)
			return n;
	}
	return NULL;
}

/* Returns 1 if n is a <td> with nothing in it but white space. */
static int
cell_empty(xmlNodePtr n)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "td") != 0)
		return 0;
	xmlChar *t = xmlNodeGetContent(n);
	int empty = t == NULL || t[strspn((const char *)t, " \t\n")] == '\0';
	xmlFree(t);
	return empty;
}

/* Returns 1 if cell n says only that a figure is missing ("not reported",
 * "Undisclosed", "n/a", a dash): a placeholder, which sits among figures. */
static int
cell_placeholder(xmlNodePtr n)
{
	static const char *const words[] = { "not reported", "undisclosed", "not disclosed",
		"n/a", "unknown", "none", "-", "\xe2\x80\x93", "\xe2\x80\x94", NULL };
	xmlChar *t = xmlNodeGetContent(n);
	const char *s = t != NULL ? (const char *)t + strspn((const char *)t, " \t\n") : "";
	size_t len = strcspn(s, "\t\n");
	while (len > 0 && s[len - 1] == ' ')
		len--;
	int hit = 0;
	for (size_t i = 0; words[i] != NULL && !hit; i++)
		hit = strlen(words[i]) == len && strncasecmp(s, words[i], len) == 0;
	xmlFree(t);
	return hit;
}

/* Returns 1 if column col of the body rows is numeric: it has a figure (<td class="num">)
 * and at least half of its non-empty cells are figures, or every other cell is a
 * placeholder (a survey column with two figures and four "not reported" is numeric). */
static int
column_numeric(xmlNodePtr tbody, size_t col)
{
	int nums = 0, filled = 0, words = 0;
	for (xmlNodePtr tr = tbody->children; tr != NULL; tr = tr->next) {
		if (tr->type != XML_ELEMENT_NODE)
			continue;
		xmlNodePtr cell = row_cell(tr, col);
		int num = el_has_class(cell, "td", "num");
		int text = !num && cell != NULL && !cell_empty(cell);
		filled += num || text;
		nums += num;
		words += text && !cell_placeholder(cell);
	}
	return nums > 0 && (2 * nums >= filled || words == 0);
}

/* Returns 1 if n's class attribute is exactly "num". */
static int
only_class_num(xmlNodePtr n)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST "class");
	int only = v != NULL && strcmp((const char *)v, "num") == 0;
	xmlFree(v);
	return only;
}

/* Aligns every cell of column col alike: the text cells among figures right (class
 * "num" added), or, in a column of words, the odd figure left (class "num" removed). */
static void
align_column(xmlNodePtr tbody, size_t col, int numeric)
{
	for (xmlNodePtr tr = tbody->children; tr != NULL; tr = tr->next) {
		if (tr->type != XML_ELEMENT_NODE)
			continue;
		xmlNodePtr cell = row_cell(tr, col);
		if (cell == NULL || strcmp((const char *)cell->name, "td") != 0)
			continue;
		if (numeric && xmlHasProp(cell, BAD_CAST "class") == NULL)
			xmlSetProp(cell, BAD_CAST "class", BAD_CAST "num");
		else if (!numeric && only_class_num(cell))
			xmlUnsetProp(cell, BAD_CAST "class");
	}
}

/* Gives each header cell of table's <thead> whose column is numeric the class "num",
 * and that column's text cells too, so headings and words line up with the figures;
 * a figure alone among words is aligned with the words. Tables with spanning cells are left alone.
 * table may be NULL. */
void
render_table_tidy(xmlNodePtr table)
{
	if (table == NULL)
		return;
	xmlNodePtr tbody = child_el(table, "tbody");
	xmlNodePtr tr = child_el(child_el(table, "thead"), "tr");
	if (tbody == NULL || tr == NULL)
		return;
	size_t col = 0;
	for (xmlNodePtr th = tr->children; th != NULL; th = th->next) {
		if (th->type != XML_ELEMENT_NODE)
			continue;
		if (xmlHasProp(th, BAD_CAST "colspan") != NULL)
			return;
		if (strcmp((const char *)th->name, "th") == 0 &&
		    xmlHasProp(th, BAD_CAST "class") == NULL) {
			int numeric = column_numeric(tbody, col);
			if (numeric)
				xmlSetProp(th, BAD_CAST "class", BAD_CAST "num");
			align_column(tbody, col, numeric);
		}
		col++;
	}
}

xmlNodePtr
render_table_figure(rnd *r, xmlNodePtr parent, const char *cls, const char *caption)
{
	xmlNodePtr fig = render_el_class(r, parent, "figure", cls);
	render_attr(fig, "tabindex", "0");
	render_attr(fig, "aria-label", caption != NULL ? caption : "Table");
	return render_el(r, fig, "table");
}

/* Opens <figure class="table"><table> with caption, header row and body. */
static tbl
tbl_open(rnd *r, const yt_node *root, xmlNodePtr parent)
{
	tbl t;
	const char *caption = NULL;
	render_opt_str(r, root, "caption", "caption", &caption);
	xmlNodePtr table = render_table_figure(r, parent, "table", caption);
	if (caption != NULL)
		render_el_text(r, table, "caption", NULL, caption);
	t.head = render_el(r, render_el(r, table, "thead"), "tr");
	t.body = render_el(r, table, "tbody");
	return t;
}

/* Appends <th scope="scope">text</th> to tr. */
static void
th(rnd *r, xmlNodePtr tr, const char *scope, const char *text)
{
	render_attr(render_el_text(r, tr, "th", NULL, text), "scope", scope);
}

/* Appends a right-aligned cell with metric ref's value (format fmt) to tr. */
static int
value_cell(rnd *r, xmlNodePtr tr, const char *ref, const char *fmt, diag_pos pos)
{
	buf v;
	buf_init(&v);
	int rc = render_value(r, ref, fmt, pos, &v);
	if (rc == 0)
		render_attr(render_el_text(r, tr, "td", render_value_is_status(fmt) ? NULL :
		    "num", v.data), "data-metric", ref);
	buf_free(&v);
	return rc;
}

/* Reads a list of {metric, label, format} maps (key what) into the checked list. */
static const yt_node *
metric_rows(rnd *r, const yt_node *root, const char *what)
{
	static const char *const keys[] = { "metric", "label", "format", NULL };
	const yt_node *rows = schema_need(r->d, root, what, "table");
	if (rows == NULL || schema_kind(r->d, rows, YT_SEQ, what) != 0)
		return NULL;
	int bad = 0;
	for (size_t i = 0; i < rows->n; i++) {
		const yt_node *m = rows->vals[i];
		const char *ref, *fmt, *label;
		if (schema_kind(r->d, m, YT_MAP, what) != 0) {
			bad = 1;
			continue;
		}
		bad |= schema_keys(r->d, m, keys, what);
		bad |= render_read_metric(r, m, what, &ref, &fmt);
		bad |= render_need_str(r, m, "label", what, &label);
	}
	return bad ? NULL : rows;
}

/* Returns "name@scen" with any "[YEAR]" of name kept at the end (new string). */
static char *
scenario_ref(const char *name, const char *scen)
{
	size_t n = strcspn(name, "[");
	buf b;
	buf_init(&b);
	buf_printf(&b, "%.*s@%s%s", (int)n, name, scen, name + n);
	return buf_detach(&b);
}

/* Checks the scenarios list of a comparison table. Returns 0 or -1. */
static int
check_scenarios(rnd *r, const yt_node *sc)
{
	if (sc == NULL || schema_kind(r->d, sc, YT_SEQ, "scenarios") != 0)
		return -1;
	int bad = 0;
	for (size_t i = 0; i < sc->n; i++) {
		const char *name;
		if (schema_str(r->d, sc->vals[i], "scenario", 0, &name) != 0) {
			bad = -1;
		} else if (strcmp(name, "expected") != 0 &&
		    strcmp(name, "expected_posterior") != 0 &&
		    report_scenario_index(r->rep, name) < 0) {
			diag_error(r->d, sc->vals[i]->pos, "unknown scenario '%s'", name);
			bad = -1;
		}
	}
	return bad;
}

/* One row of a comparison table: label, then the metric for each scenario. */
static void
scenario_row(rnd *r, tbl *t, const yt_node *row, const yt_node *sc)
{
	const yt_node *mn = yt_get(row, "metric");
	const yt_node *fn = yt_get(row, "format");
	if (strchr(mn->str, '@') != NULL) {
		diag_error(r->d, mn->pos, "metric '%s': a scenario table names metrics "
		    "without '@scenario'", mn->str);
		return;
	}
	xmlNodePtr tr = render_el(r, t->body, "tr");
	th(r, tr, "row", yt_get(row, "label")->str);
	for (size_t i = 0; i < sc->n; i++) {
		char *ref = scenario_ref(mn->str, sc->vals[i]->str);
		int rc = value_cell(r, tr, ref, fn ? fn->str : NULL, mn->pos);
		free(ref);
		if (rc != 0)
			return;
	}
}

/* Scenario comparison: one column per scenario, one row per metric. */
static void
scenario_table(rnd *r, const yt_node *root, xmlNodePtr parent)
{
	static const char *const keys[] = { "caption", "scenarios", "rows", "key", NULL };
	int bad = schema_keys(r->d, root, keys, "table");
	bad |= check_scenarios(r, yt_get(root, "scenarios"));
	const yt_node *rows = metric_rows(r, root, "rows");
	const yt_node *sc = yt_get(root, "scenarios");
	if (bad || rows == NULL)
		return;
	tbl t = tbl_open(r, root, parent);
	render_el(r, t.head, "td");
	for (size_t i = 0; i < sc->n; i++) {
		int k = report_scenario_index(r->rep, sc->vals[i]->str);
		th(r, t.head, "col", k >= 0 ? r->rep->scenarios[k].title :
		    strcmp(sc->vals[i]->str, "expected") == 0 ?
		    "Expected (probability-weighted)" : "Expected (posterior weights)");
	}
	for (size_t i = 0; i < rows->n; i++)
		scenario_row(r, &t, rows->vals[i], sc);
}

/* Reads years: {from, to, step} into *from, *to, *step. Returns 0 or -1. */
static int
read_years(rnd *r, const yt_node *root, long *from, long *to, long *step)
{
	static const char *const keys[] = { "from", "to", "step", NULL };
	const yt_node *y = schema_need(r->d, root, "years", "table");
	if (y == NULL || schema_kind(r->d, y, YT_MAP, "years") != 0)
		return -1;
	const yt_node *f = schema_need(r->d, y, "from", "years");
	const yt_node *e = schema_need(r->d, y, "to", "years");
	const yt_node *s = yt_get(y, "step");
	int bad = schema_keys(r->d, y, keys, "years");
	*step = 1;
	bad |= !f || schema_int(r->d, f, "from", 1, 9999, from) != 0;
	bad |= !e || schema_int(r->d, e, "to", 1, 9999, to) != 0;
	bad |= s && schema_int(r->d, s, "step", 1, 100, step) != 0;
	if (!bad && (*to < *from || (*to - *from) / *step >= RENDER_MAX_YEARS)) {
		diag_error(r->d, y->pos, "years: 'to' must not be before 'from', and at most "
		    "%d rows", RENDER_MAX_YEARS);
		bad = 1;
	}
	return bad ? -1 : 0;
}

/* Year series: one row per year, one column per series. */
static void
series_table(rnd *r, const yt_node *root, xmlNodePtr parent)
{
	static const char *const keys[] = { "caption", "years", "series", "key", NULL };
	long from = 0, to = 0, step = 1;
	int bad = schema_keys(r->d, root, keys, "table");
	bad |= read_years(r, root, &from, &to, &step);
	const yt_node *series = metric_rows(r, root, "series");
	if (bad || series == NULL)
		return;
	tbl t = tbl_open(r, root, parent);
	th(r, t.head, "col", "Year");
	for (size_t i = 0; i < series->n; i++)
		th(r, t.head, "col", yt_get(series->vals[i], "label")->str);
	for (long y = from; y <= to; y += step) {
		xmlNodePtr tr = render_el(r, t.body, "tr");
		char year[24];
		snprintf(year, sizeof year, "%ld", y);
		th(r, tr, "row", year);
		for (size_t i = 0; i < series->n; i++) {
			const yt_node *mn = yt_get(series->vals[i], "metric");
			const yt_node *fn = yt_get(series->vals[i], "format");
			buf ref;
			buf_init(&ref);
			buf_printf(&ref, "%s[%ld]", mn->str, y);
			int rc = value_cell(r, tr, ref.data, fn ? fn->str : NULL, mn->pos);
			buf_free(&ref);
			if (rc != 0)
				return;
		}
	}
}

/* One cell of a free table: text (a row header when first) or {metric, format}. */
static int
free_cell(rnd *r, xmlNodePtr tr, const yt_node *cell, int first)
{
	static const char *const keys[] = { "metric", "format", NULL };
	const char *ref, *fmt;
	if (cell->kind == YT_SCALAR) {
		if (first)
			th(r, tr, "row", cell->str);
		else
			render_el_text(r, tr, "td", NULL, cell->str);
		return 0;
	}
	if (schema_kind(r->d, cell, YT_MAP, "cell") != 0 ||
	    schema_keys(r->d, cell, keys, "cell") != 0 ||
	    render_read_metric(r, cell, "cell", &ref, &fmt) != 0)
		return -1;
	return value_cell(r, tr, ref, fmt, yt_get(cell, "metric")->pos);
}

/* One row of a free table, which must have ncols cells. */
static void
free_row(rnd *r, tbl *t, const yt_node *row, size_t ncols)
{
	if (schema_kind(r->d, row, YT_SEQ, "row") != 0)
		return;
	if (row->n != ncols) {
		diag_error(r->d, row->pos, "row has %zu cells, the table %zu columns", row->n,
		    ncols);
		return;
	}
	xmlNodePtr tr = render_el(r, t->body, "tr");
	for (size_t i = 0; i < row->n; i++)
		free_cell(r, tr, row->vals[i], i == 0);
}

/* Free table: given column headers and rows of cells. */
static void
free_table(rnd *r, const yt_node *root, xmlNodePtr parent)
{
	static const char *const keys[] = { "caption", "columns", "rows", "key", NULL };
	int bad = schema_keys(r->d, root, keys, "table");
	const yt_node *cols = yt_get(root, "columns");
	const yt_node *rows = schema_need(r->d, root, "rows", "table");
	bad |= schema_kind(r->d, cols, YT_SEQ, "columns");
	bad |= rows == NULL || schema_kind(r->d, rows, YT_SEQ, "rows") != 0;
	for (size_t i = 0; !bad && i < cols->n; i++) {
		const char *s;
		bad |= schema_str(r->d, cols->vals[i], "column", 1, &s);
	}
	if (bad)
		return;
	tbl t = tbl_open(r, root, parent);
	for (size_t i = 0; i < cols->n; i++)
		th(r, t.head, "col", cols->vals[i]->str);
	for (size_t i = 0; i < rows->n; i++)
		free_row(r, &t, rows->vals[i], cols->n);
}

/* Returns 1 if class attribute value v (may be NULL) lists cls. */
static int
class_lists(const xmlChar *v, const char *cls)
{
	size_t len = strlen(cls);
	for (const char *c = (const char *)v; c != NULL && *c != '\0'; c += strcspn(c, " ")) {
		c += strspn(c, " ");
		if (strncmp(c, cls, len) == 0 && (c[len] == '\0' || c[len] == ' '))
			return 1;
	}
	return 0;
}

/* Adds cls to n's class attribute unless it is there already. */
static void
add_class(xmlNodePtr n, const char *cls)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST "class");
	if (!class_lists(v, cls)) {
		buf b;
		buf_init(&b);
		buf_printf(&b, "%s%s%s", v != NULL && *v ? (const char *)v : "",
		    v != NULL && *v ? " " : "", cls);
		xmlSetProp(n, BAD_CAST "class", BAD_CAST b.data);
		buf_free(&b);
	}
	xmlFree(v);
}

/* Returns the number of element children of tr. */
static size_t
row_len(xmlNodePtr tr)
{
	size_t n = 0;
	for (xmlNodePtr c = tr != NULL ? tr->children : NULL; c != NULL; c = c->next)
		n += c->type == XML_ELEMENT_NODE;
	return n;
}

/* Returns 1 if a phone should show table as stacked rows: four columns or more, or
 * three with words beside the row label (they would not fit 390 px side by side). */
static int
table_stacks(xmlNodePtr table, size_t ncols)
{
	if (ncols >= 4)
		return 1;
	if (ncols < 3)
		return 0;
	xmlNodePtr tbody = child_el(table, "tbody");
	for (xmlNodePtr tr = tbody != NULL ? tbody->children : NULL; tr != NULL; tr = tr->next)
		for (size_t i = 1; i < ncols; i++) {
			xmlNodePtr c = row_cell(tr, i);
			if (c != NULL && strcmp((const char *)c->name, "td") == 0 &&
			    !el_has_class(c, "td", "num") && !cell_empty(c))
				return 1;
		}
	return 0;
}

void
render_table_phone(xmlNodePtr table, const unsigned char *key)
{
	xmlNodePtr head = child_el(child_el(table, "thead"), "tr");
	xmlNodePtr tbody = child_el(table, "tbody");
	size_t ncols = row_len(head);
	if (head == NULL || tbody == NULL || ncols == 0)
		return;
	for (size_t i = 0; i < ncols; i++) {
		xmlNodePtr h = row_cell(head, i);
		if (xmlHasProp(h, BAD_CAST "colspan") != NULL)
			return;
		if (key != NULL && key[i])
			add_class(h, "key");
	}
	for (xmlNodePtr tr = tbody->children; tr != NULL; tr = tr->next) {
		if (tr->type != XML_ELEMENT_NODE)
			continue;
		for (size_t i = 0; i < ncols; i++) {
			xmlNodePtr c = row_cell(tr, i);
			if (c == NULL)
				break;
			xmlChar *label = xmlNodeGetContent(row_cell(head, i));
			if (label != NULL && *label != '\0' && (i > 0 ||
			    strcmp((const char *)c->name, "td") == 0))
				xmlSetProp(c, BAD_CAST "data-label", label);
			xmlFree(label);
			if (key != NULL && key[i])
				add_class(c, "key");
		}
	}
	if (table->parent != NULL && table_stacks(table, ncols))
		add_class(table->parent, "stack");
}

/* Returns the names by which `key:` may name the columns of table spec root (column 0
 * first; NULL where a column has none), or NULL if the spec has no columns. *n is set to
 * the number of columns. The caller frees the array (not the strings). */
static const char **
column_names(const yt_node *root, size_t *n)
{
	const yt_node *sc = yt_get(root, "scenarios"), *se = yt_get(root, "series");
	const yt_node *co = yt_get(root, "columns");
	const yt_node *list = sc != NULL ? sc : se != NULL ? se : co;
	*n = 0;
	if (list == NULL || list->kind != YT_SEQ)
		return NULL;
	*n = list->n + (co == NULL);
	const char **names = util_xcalloc(*n, sizeof *names);
	names[0] = sc != NULL ? NULL : "Year";
	for (size_t i = 0; i < list->n; i++) {
		const yt_node *v = se != NULL ? yt_get(list->vals[i], "label") : list->vals[i];
		names[i + (co == NULL)] = v != NULL ? v->str : NULL;
	}
	return names;
}

/* Reads the `key:` list of table spec root into a new array of one flag per column
 * (*out; NULL when there is no key). Returns 0, or -1 after an error for each entry that
 * names no column. */
static int
read_key(rnd *r, const yt_node *root, unsigned char **out)
{
	const yt_node *k = yt_get(root, "key");
	*out = NULL;
	if (k == NULL)
		return 0;
	if (schema_kind(r->d, k, YT_SEQ, "key") != 0)
		return -1;
	size_t n;
	const char **names = column_names(root, &n);
	unsigned char *flag = util_xcalloc(n + 1, 1);
	int bad = 0;
	for (size_t i = 0; i < k->n; i++) {
		const char *s;
		if (schema_str(r->d, k->vals[i], "key", 0, &s) != 0) {
			bad = -1;
			continue;
		}
		size_t j = 0;
		while (j < n && (names[j] == NULL || strcmp(names[j], s) != 0))
			j++;
		if (j == n) {
			diag_error(r->d, k->vals[i]->pos, "key: '%s' names no column of the table "
			    "(a column's header, a series' label or a scenario's name)", s);
			bad = -1;
		} else {
			flag[j] = 1;
		}
	}
	free(names);
	if (bad)
		free(flag);
	else
		*out = flag;
	return bad;
}

void
render_table(rnd *r, const yt_node *root, xmlNodePtr parent)
{
	if (schema_kind(r->d, root, YT_MAP, "table") != 0)
		return;
	if (yt_get(root, "scenarios") != NULL)
		scenario_table(r, root, parent);
	else if (yt_get(root, "years") != NULL)
		series_table(r, root, parent);
	else if (yt_get(root, "columns") != NULL)
		free_table(r, root, parent);
	else {
		diag_error(r->d, root->pos, "a table needs 'scenarios', 'years' or 'columns'");
		return;
	}
	unsigned char *key;
	int bad = read_key(r, root, &key);
	xmlNodePtr fig = parent->last;
	if (!bad && el_has_class(fig, "figure", "table")) {
		render_table_tidy(child_el(fig, "table"));
		render_table_phone(child_el(fig, "table"), key);
	}
	free(key);
}
