/* claims: the output paths of a build claimed before anything is rendered. */
#include "cmd/claims.h"

#include <stddef.h>

#include "pack/pack.h"
#include "render/explore_page.h"
#include "render/page.h"
#include "render/share.h"
#include "util/buf.h"

/* The files every site has, as the site's own. */
static const struct {
	const char *path; /* output path */
	const char *role; /* what it is */
} site_files[] = {
	{ "404.html", "its 404 page" },
	{ "robots.txt", "its robots.txt" },
	{ "style.css", "its style sheet" },
	{ "favicon.svg", "its icon" },
	{ "favicon-32.png", "its icon" },
	{ "apple-touch-icon.png", "its icon" },
	{ SHARE_REPORT_CARD, "the report's share card" },
	{ "data/metrics.json", "the metrics as JSON" },
	{ "data/metrics.csv", "the metrics as CSV" },
	{ PACK_BIBLIOGRAPHY, "the bibliography" },
};

/* The files of each chart: "charts/<id>" + suffix, or "cards/charts/<id>.png". */
static const struct {
	const char *suffix; /* appended to "charts/<id>" */
	const char *role;   /* what it is to the chart */
} chart_files[] = {
	{ ".svg", "its image" },
	{ "-dark.svg", "its dark image" },
	{ "-narrow.svg", "its narrow image" },
	{ "-narrow-dark.svg", "its narrow dark image" },
	{ "-download.svg", "its SVG download" },
	{ ".png", "its PNG download" },
	{ ".pdf", "its PDF download" },
	{ ".csv", "its data" },
	{ ".html", "its page" },
};

/* Claims the site's own files; returns 0 or -1. */
static int
claim_site(const render_ctx *c, site_claims *cl)
{
	diag_pos none = { NULL, 0, 0 };
	int rc = 0;
	for (size_t i = 0; i < sizeof site_files / sizeof site_files[0]; i++)
		rc |= site_claim(cl, site_files[i].path, "the site", site_files[i].role, none,
		    c->d);
	if (page_has_contents(c->rep))
		rc |= site_claim(cl, "contents.html", "the site", "its contents page", none, c->d);
	if (c->rep->base_url != NULL)
		rc |= site_claim(cl, "sitemap.xml", "the site", "its sitemap", none, c->d);
	if (explore_page_wanted(c->rep)) {
		rc |= site_claim(cl, EXPLORE_PAGE, "the site", "its explorer page", none, c->d);
		rc |= site_claim(cl, "model.js", "the site", "the explorer's model script",
		    none, c->d);
		rc |= site_claim(cl, "explore.js", "the site", "the explorer's page script",
		    none, c->d);
	}
	if (c->pdf)
		rc |= site_claim(cl, "report.pdf", "the site", "the report's PDF", none, c->d);
	buf b;
	buf_init(&b);
	render_pack_name(c->rep, &b);
	rc |= site_claim(cl, buf_str(&b), "the site", "the report's pack", none, c->d);
	buf_free(&b);
	return rc;
}

/* Claims each section's page and share card; returns 0 or -1. */
static int
claim_sections(const render_ctx *c, site_claims *cl)
{
	int rc = 0;
	buf who, path;
	buf_init(&who);
	buf_init(&path);
	for (size_t i = 0; i < c->rep->nsections; i++) {
		const rep_section *s = &c->rep->sections[i];
		buf_reset(&who);
		buf_printf(&who, "section '%s'", s->slug);
		buf_reset(&path);
		buf_printf(&path, "%s.html", s->slug);
		if (site_claim(cl, buf_str(&path), buf_str(&who), "its page", s->pos, c->d) != 0) {
			rc = -1;
			continue; /* one error per section */
		}
		buf_reset(&path);
		buf_printf(&path, "cards/%s.png", s->slug);
		rc |= site_claim(cl, buf_str(&path), buf_str(&who), "its share card", s->pos, c->d);
	}
	buf_free(&who);
	buf_free(&path);
	return rc;
}

/* Claims the files of chart g, up to its first clash; returns 0 or -1. */
static int
claim_chart(const render_ctx *c, const render_fig *g, site_claims *cl)
{
	int rc = 0;
	buf who, path;
	buf_init(&who);
	buf_init(&path);
	buf_printf(&who, "chart '%s'", g->id);
	for (size_t k = 0; rc == 0 && k < sizeof chart_files / sizeof chart_files[0]; k++) {
		buf_reset(&path);
		buf_printf(&path, "charts/%s%s", g->id, chart_files[k].suffix);
		rc = site_claim(cl, buf_str(&path), buf_str(&who), chart_files[k].role, g->pos,
		    c->d);
	}
	buf_reset(&path);
	buf_printf(&path, "cards/charts/%s.png", g->id);
	if (rc == 0)
		rc = site_claim(cl, buf_str(&path), buf_str(&who), "its share card", g->pos, c->d);
	buf_free(&who);
	buf_free(&path);
	return rc;
}

int
claims_outputs(const render_ctx *c, const render_figs *figs, site_claims *cl)
{
	int rc = claim_site(c, cl);
	rc |= claim_sections(c, cl);
	for (size_t i = 0; figs != NULL && i < figs->n; i++)
		rc |= claim_chart(c, &figs->figs[i], cl);
	return rc;
}

int
claims_cover(site_out *out, const site_claims *cl, diag *d)
{
	int rc = 0;
	for (size_t i = 0; i < site_out_count(out); i++) {
		const char *rel = site_out_path(out, i);
		if (!site_claimed(cl, rel)) {
			diag_error(d, diag_file_pos(d, rel), "internal error: output '%s' was written "
			    "without a claim (src/cmd/claims.c)", rel);
			rc = -1;
		}
	}
	return rc;
}
