/* share: each page's share card (og:image), drawn by src/card or taken from the build cache. */
#include "render/share.h"

#include <stdlib.h>
#include <string.h>

#include "cache/cache.h"
#include "card/card.h"
#include "chart/chart_key.h"
#include "render/render_int.h"

/* Returns the position of section i's page, for its errors. */
static diag_pos
section_pos(const render_ctx *c, size_t i)
{
	const rep_section *s = &c->rep->sections[i];
	return diag_file_pos(c->d, s->display ? s->display : s->file);
}

/* Stores in key the build cache's key of the card s: the tool, the fonts, and
 * everything the card draws. */
static void
card_key(const render_ctx *c, const card_spec *s, uint8_t key[SHA256_LEN])
{
	sha256_ctx h;
	cache_key_init(&h, c->cache, "card");
	chart_fonts_digest(&h);
	card_digest(s, &h);
	sha256_final(&h, key);
}

/* Sets out to the card s at path: its alt text, and its PNG drawn or taken from the
 * cache (stored there when drawn). Returns 0, or -1 after an error at pos. */
static int
share_draw(const render_ctx *c, const card_spec *s, const char *path, diag_pos pos,
    share_card *out)
{
	memset(out, 0, sizeof *out);
	out->path = util_xstrdup(path);
	buf b;
	buf_init(&b);
	card_alt(s, &b);
	out->alt = buf_detach(&b);
	uint8_t key[SHA256_LEN];
	if (c->cache != NULL) {
		card_key(c, s, key);
		if (cache_get(c->cache, key, &b) == 0) {
			out->len = b.len;
			out->png = b.data != NULL ? buf_detach(&b) : util_xcalloc(1, 1);
			return 0;
		}
		cache_computed(c->cache, path); /* for build -v */
	}
	char why[256];
	if (card_render(s, &b, why, sizeof why) != 0) {
		diag_error(c->d, pos, "share card '%s': %s", path, why);
		buf_free(&b);
		share_card_free(out);
		return -1;
	}
	if (c->cache != NULL)
		cache_put(c->cache, key, b.data, b.len);
	out->len = b.len;
	out->png = buf_detach(&b);
	return 0;
}

/* Appends every card's bottom line to out: "As of <date>", then the site's address
 * without its scheme and last slash when the report has a base_url. */
static void
put_foot(const report *r, buf *out)
{
	buf_puts(out, "As of ");
	render_put_date(out, r->as_of);
	const char *u = r->base_url;
	if (u == NULL)
		return;
	u += strncmp(u, "https://", 8) == 0 ? 8 : strncmp(u, "http://", 7) == 0 ? 7 : 0;
	size_t n = strlen(u);
	if (n > 0 && u[n - 1] == '/')
		n--;
	buf_puts(out, " \xc2\xb7 ");
	buf_append(out, u, n);
}

/* The report card's content. */
static card_spec
report_spec(const report *r, const char *foot)
{
	card_spec s = { r->author, r->title, r->subtitle ? r->subtitle : r->description, NULL,
		NULL, NULL, NULL, foot };
	return s;
}

/* Moves n bytes at data (owned) into a new entry path of *files (*n entries). */
static void
add_file(render_file **files, size_t *n, const char *path, char *data, size_t len)
{
	*files = util_xrealloc(*files, (*n + 1) * sizeof **files);
	memset(&(*files)[*n], 0, sizeof **files);
	(*files)[*n].path = util_xstrdup(path);
	(*files)[*n].data = data;
	(*files)[*n].len = len;
	(*n)++;
}

/* Adds the icon drawn at px (square corners if square) as path to *files. Returns 0,
 * or -1 after an error. */
static int
add_icon(const render_ctx *c, render_file **files, size_t *n, const char *path, int px,
    int square)
{
	char why[256];
	buf b;
	buf_init(&b);
	if (card_icon_png(px, square, &b, why, sizeof why) != 0) {
		diag_error(c->d, diag_file_pos(c->d, path), "%s", why);
		buf_free(&b);
		return -1;
	}
	size_t len = b.len;
	add_file(files, n, path, buf_detach(&b), len);
	return 0;
}

int
share_site_files(const render_ctx *c, render_file **files, size_t *n)
{
	*files = NULL;
	*n = 0;
	buf foot;
	buf_init(&foot);
	put_foot(c->rep, &foot);
	card_spec s = report_spec(c->rep, buf_str(&foot));
	share_card sc;
	int rc = share_draw(c, &s, SHARE_REPORT_CARD, diag_file_pos(c->d, "report.yaml"), &sc);
	buf_free(&foot);
	if (rc == 0) {
		add_file(files, n, sc.path, sc.png, sc.len);
		sc.png = NULL;
	}
	share_card_free(&sc);
	buf b;
	buf_init(&b);
	card_icon_svg(&b);
	size_t len = b.len;
	add_file(files, n, "favicon.svg", buf_detach(&b), len);
	rc |= add_icon(c, files, n, "favicon-32.png", CARD_ICON_SMALL, 0);
	rc |= add_icon(c, files, n, "apple-touch-icon.png", CARD_ICON_TOUCH, 1);
	if (rc != 0) {
		for (size_t k = 0; k < *n; k++) {
			free((*files)[k].path);
			free((*files)[k].data);
		}
		free(*files);
		*files = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

/* Sets out to name the report's card (bottom line foot) without drawing it. */
static void
share_report_ref(const render_ctx *c, const char *foot, share_card *out)
{
	card_spec s = report_spec(c->rep, foot);
	buf b;
	buf_init(&b);
	card_alt(&s, &b);
	memset(out, 0, sizeof *out);
	out->path = util_xstrdup(SHARE_REPORT_CARD);
	out->alt = buf_detach(&b);
}

void
share_report_card(const render_ctx *c, share_card *out)
{
	buf foot;
	buf_init(&foot);
	put_foot(c->rep, &foot);
	share_report_ref(c, buf_str(&foot), out);
	buf_free(&foot);
}

int
share_section(const render_ctx *c, size_t i, const render_body *b, share_card *out)
{
	const report *r = c->rep;
	const chart_spec *chart = b->ncharts > 0 ?
	    render_specs_find(b->specs, b->charts[0].id) : NULL;
	buf foot;
	buf_init(&foot);
	put_foot(r, &foot);
	if (i >= SHARE_MAX_CARDS || (b->keyfig.value == NULL && chart == NULL)) {
		share_report_ref(c, buf_str(&foot), out);
		buf_free(&foot);
		return 0;
	}
	card_spec s = { r->title, r->sections[i].title, NULL, b->keyfig.value, b->keyfig.label,
		b->keyfig.note, chart, buf_str(&foot) };
	if (b->keyfig.value == NULL) /* the chart's figure number and title */
		s.text = b->charts[0].title;
	if (i == 0) { /* the first page is the report's own: its title under the author */
		s.kicker = r->author;
		s.title = r->title;
	}
	buf path;
	buf_init(&path);
	buf_printf(&path, "cards/%s.png", r->sections[i].slug);
	int rc = share_draw(c, &s, buf_str(&path), section_pos(c, i), out);
	buf_free(&path);
	buf_free(&foot);
	return rc;
}

int
share_chart(const render_ctx *c, size_t i, const render_body *b, size_t k, share_card *out)
{
	const render_chart *ch = &b->charts[k];
	const chart_spec *chart = render_specs_find(b->specs, ch->id);
	buf foot;
	buf_init(&foot);
	put_foot(c->rep, &foot);
	card_spec s = { c->rep->title, ch->title, NULL, NULL, NULL, NULL, chart, buf_str(&foot) };
	buf path;
	buf_init(&path);
	buf_printf(&path, "cards/charts/%s.png", ch->id);
	int rc = share_draw(c, &s, buf_str(&path), section_pos(c, i), out);
	buf_free(&path);
	buf_free(&foot);
	return rc;
}

void
share_card_free(share_card *sc)
{
	if (sc == NULL)
		return;
	free(sc->path);
	free(sc->alt);
	free(sc->png);
	memset(sc, 0, sizeof *sc);
}
