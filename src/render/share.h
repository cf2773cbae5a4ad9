/* share: the share card (og:image) of each page and chart page, drawn or taken from the
 * build cache, and the rule for which pages get a card of their own. */
#ifndef MKR_SHARE_H
#define MKR_SHARE_H

#include <stddef.h>

#include "render/render.h"

enum {
	SHARE_MAX_CARDS = 1000, /* sections past this index share the report's card */
};

/* The report's own card, shared by every page without a card of its own. */
#define SHARE_REPORT_CARD "card.png"

/* A page's share card. */
typedef struct share_card {
	char *path; /* the card's path in the site ("cards/<slug>.png"...) (owned) */
	char *alt;  /* its text alternative, for og:image:alt (owned) */
	char *png;  /* the PNG drawn for this page (owned); NULL when the page shows the
	               report's card, written once by share_report */
	size_t len; /* bytes of png */
} share_card;

/* Makes the site's own images into *files (*n entries; free with page_files_free):
 * the report's card (SHARE_REPORT_CARD: its title, author and subtitle), drawn or taken
 * from c->cache, and the icon as favicon.svg, favicon-32.png and apple-touch-icon.png.
 * Returns 0, or -1 after recording an error in c->d (*files is then NULL). */
int share_site_files(const render_ctx *c, render_file **files, size_t *n);

/* Sets out to name the report's card (SHARE_REPORT_CARD, written by share_site_files)
 * without drawing it, for the pages that have no card of their own. */
void share_report_card(const render_ctx *c, share_card *out);

/* Makes the card of section i from its rendered body b into out: a card of its own
 * ("cards/<slug>.png": the section's title under the report's name, with the page's
 * first key-figure card, else its first chart) when the page has one of those and i <
 * SHARE_MAX_CARDS; else out names the report's card (png NULL). Returns 0, or -1 after
 * recording an error in c->d at the section's page. */
int share_section(const render_ctx *c, size_t i, const render_body *b, share_card *out);

/* Makes the card of chart figure k of section i's body b ("cards/charts/<id>.png": the
 * figure's title under the report's name, with the chart) into out. Returns 0, or -1
 * after recording an error in c->d. */
int share_chart(const render_ctx *c, size_t i, const render_body *b, size_t k,
    share_card *out);

/* Frees what sc owns and empties it. NULL is a no-op. */
void share_card_free(share_card *sc);

#endif
