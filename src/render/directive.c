/* directive: fenced blocks (cards, callout, table, sources, scenarios, risks, chart). */
#include "render/render_int.h"

#include <string.h>

#include "yaml/schema.h"

/* The directive names, in the order of dir_kind. */
static const char *const names[] = { "cards", "callout", "table", "sources", "scenarios",
	"chart", "risks", NULL };

enum dir_kind { DIR_CARDS, DIR_CALLOUT, DIR_TABLE, DIR_SOURCES, DIR_SCENARIOS, DIR_CHART,
	DIR_RISKS };

/* Returns the directive kind info names, or -1. */
static int
dir_kind_of(const char *info)
{
	for (int i = 0; info != NULL && names[i]; i++)
		if (strcmp(info, names[i]) == 0)
			return i;
	return -1;
}

int
render_is_directive(const char *info)
{
	return dir_kind_of(info) >= 0;
}

/* Checks a card's section and anchor and returns its link (in *href) or leaves it empty. */
static int
card_link(rnd *r, const yt_node *m, buf *href)
{
	const char *section, *anchor;
	if (render_opt_str(r, m, "section", "section", &section) != 0 ||
	    render_opt_str(r, m, "anchor", "anchor", &anchor) != 0)
		return -1;
	if (anchor != NULL && (section == NULL || anchor[strspn(anchor,
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")] != '\0')) {
		diag_error(r->d, yt_get(m, "anchor")->pos, section ? "bad anchor '%s': letters, "
		    "digits, '-' and '_' only" : "anchor '%s' needs a section", anchor);
		return -1;
	}
	if (section == NULL)
		return 0;
	if (report_section_index(r->rep, section) < 0) {
		diag_error(r->d, yt_get(m, "section")->pos, "unknown section '%s'", section);
		return -1;
	}
	buf_printf(href, "%s.html", section);
	if (anchor != NULL)
		buf_printf(href, "#%s", anchor);
	return 0;
}

/* One card: <a class="card" href> (or <div class="card">) with value, label, note. */
static void
render_card(rnd *r, const yt_node *m, xmlNodePtr parent)
{
	static const char *const keys[] = { "metric", "label", "format", "section", "anchor",
		"note", NULL };
	if (schema_kind(r->d, m, YT_MAP, "card") != 0)
		return;
	const char *ref, *fmt, *label, *note;
	int bad = schema_keys(r->d, m, keys, "card");
	bad |= render_read_metric(r, m, "card", &ref, &fmt);
	bad |= render_need_str(r, m, "label", "card", &label);
	bad |= render_opt_str(r, m, "note", "note", &note);
	buf href, val;
	buf_init(&href);
	buf_init(&val);
	bad |= card_link(r, m, &href);
	if (ref != NULL)
		bad |= render_value(r, ref, fmt, yt_get(m, "metric")->pos, &val);
	if (!bad) {
		xmlNodePtr card = render_el_class(r, parent, href.len ? "a" : "div", "card");
		if (href.len)
			render_attr(card, "href", href.data);
		xmlNodePtr v = render_el_text(r, card, "span", "card-value", val.data);
		render_attr(v, "data-metric", ref);
		render_el_text(r, card, "span", "card-label", label);
		if (note != NULL)
			render_el_text(r, card, "span", "card-note", note);
		if (r->keyfig.value == NULL) { /* the page's share card shows the first */
			r->keyfig.value = util_xstrdup(val.data);
			r->keyfig.label = util_xstrdup(label);
			r->keyfig.note = note != NULL ? util_xstrdup(note) : NULL;
		}
	}
	buf_free(&href);
	buf_free(&val);
}

/* cards: a sequence of cards in <div class="cards">. */
static void
render_cards(rnd *r, const yt_node *root, xmlNodePtr parent)
{
	if (schema_kind(r->d, root, YT_SEQ, "cards") != 0)
		return;
	xmlNodePtr div = render_el_class(r, parent, "div", "cards");
	for (size_t i = 0; i < root->n; i++)
		render_card(r, root->vals[i], div);
}

/* Returns the page line before the first line of the Markdown in scalar node v. */
static int
body_line_base(rnd *r, const yt_node *v)
{
	char c = render_char_at(r, v->pos.line, v->pos.col);
	return c == '|' || c == '>' ? v->pos.line : v->pos.line - 1;
}

/* callout: <aside class="callout callout-KIND" role="note"> with title and body. */
static void
render_callout(rnd *r, const yt_node *root, int end_line, xmlNodePtr parent)
{
	static const char *const keys[] = { "kind", "title", "body", NULL };
	if (schema_kind(r->d, root, YT_MAP, "callout") != 0)
		return;
	const char *kind, *title, *body;
	int bad = schema_keys(r->d, root, keys, "callout");
	bad |= render_need_str(r, root, "kind", "callout", &kind);
	bad |= render_opt_str(r, root, "title", "title", &title);
	bad |= render_need_str(r, root, "body", "callout", &body);
	if (kind && strcmp(kind, "note") && strcmp(kind, "key") && strcmp(kind, "caution")) {
		diag_error(r->d, yt_get(root, "kind")->pos,
		    "unknown callout kind '%s' (note, key or caution)", kind);
		bad = 1;
	}
	if (bad)
		return;
	buf cls;
	buf_init(&cls);
	buf_printf(&cls, "callout callout-%s", kind);
	xmlNodePtr aside = render_el_class(r, parent, "aside", cls.data);
	buf_free(&cls);
	render_attr(aside, "role", "note");
	if (title != NULL)
		render_el_text(r, aside, "p", "callout-title", title);
	r->nested = 1;
	render_md_into(r, body, strlen(body), body_line_base(r, yt_get(root, "body")),
	    end_line, aside);
	r->nested = 0;
}

/* sources, scenarios and risks take no body; returns 0 if it is empty. */
static int
no_body(rnd *r, const char *lit, int fence_line, const char *name)
{
	if (lit == NULL || lit[strspn(lit, " \t\r\n")] == '\0')
		return 0;
	diag_error(r->d, render_pos(r, fence_line + 1, 1), "the %s directive takes no body",
	    name);
	return -1;
}

/* Expands a directive whose body is YAML. */
static void
render_yaml_directive(rnd *r, int kind, cmark_node *n, int fence_line, xmlNodePtr parent)
{
	const char *lit = cmark_node_get_literal(n);
	/* a chart's YAML was parsed by the figure scan, with the page's tree */
	const yt_node *kept = kind == DIR_CHART && r->kept && !r->nested ?
	    render_figs_chart_root(r->c->figs, r->section, n) : NULL;
	yt_node *parsed = kept ? NULL : yt_parse_string(r->file, lit ? lit : "", lit ?
	    strlen(lit) : 0, fence_line, r->d);
	const yt_node *root = kept ? kept : parsed;
	if (root == NULL)
		return;
	if (kind == DIR_CARDS)
		render_cards(r, root, parent);
	else if (kind == DIR_CALLOUT)
		render_callout(r, root, r->line_base + cmark_node_get_end_line(n), parent);
	else if (kind == DIR_CHART)
		render_chart_directive(r, root, fence_line, parent);
	else
		render_table(r, root, parent);
	yt_free(parsed);
}

void
render_directive(rnd *r, cmark_node *n, xmlNodePtr parent)
{
	int kind = dir_kind_of(cmark_node_get_fence_info(n));
	int fence_line = r->line_base + cmark_node_get_start_line(n);
	if (kind == DIR_SOURCES || kind == DIR_SCENARIOS || kind == DIR_RISKS) {
		if (no_body(r, cmark_node_get_literal(n), fence_line, names[kind]) != 0)
			return;
		if (kind == DIR_SOURCES)
			render_sources(r, parent);
		else if (kind == DIR_SCENARIOS)
			render_scenarios(r, parent);
		else
			render_risks(r, fence_line, parent);
		return;
	}
	render_yaml_directive(r, kind, n, fence_line, parent);
}
