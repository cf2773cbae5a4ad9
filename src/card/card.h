/* card: share cards (the 1200 x 630 PNG a link preview shows) and the site's icon,
 * drawn with cairo and pango in the charts' theme and fonts. */
#ifndef MKR_CARD_H
#define MKR_CARD_H

#include <stddef.h>

#include "chart/chart.h"
#include "util/buf.h"
#include "util/sha256.h"

enum {
	CARD_WIDTH = 1200, /* px of every card (Open Graph's recommended size) */
	CARD_HEIGHT = 630, /* px */
	CARD_ICON_SMALL = 32,  /* px of favicon-32.png */
	CARD_ICON_TOUCH = 180, /* px of apple-touch-icon.png */
};

/* What one card shows. A value struct: every pointer is borrowed and must live until
 * the card_* call returns. Strings are UTF-8 text (never markup). */
typedef struct card_spec {
	const char *kicker;      /* the line above the title (the report's name), NULL = none */
	const char *title;       /* the page's title (required) */
	const char *text;        /* a line under the title (a subtitle, a chart's figure
	                            title), at most 3 lines; NULL = none */
	const char *value;       /* the key figure's formatted value, NULL = no key figure */
	const char *label;       /* the key figure's label (with value) */
	const char *note;        /* the key figure's note, NULL = none */
	const chart_spec *chart; /* drawn small beside the title when there is no key figure
	                            (its title, size and theme are the card's), NULL = none */
	const char *foot;        /* the bottom line (date, address), NULL = none */
} card_spec;

/* Draws s as a CARD_WIDTH x CARD_HEIGHT PNG (opaque RGB, no time chunk) and appends it
 * to out. Texts too long for their room end in an ellipsis; a key figure's value is set
 * smaller until it fits. The bytes depend only on s and the fonts (chart_fonts_init).
 * Returns 0, or -1 with a reason in why (n bytes) and out unchanged: no title, an
 * invalid chart, text with glyphs no font covers, a cairo error. Thread-safe. */
int card_render(const card_spec *s, buf *out, char *why, size_t n);

/* Feeds h everything card_render draws of s (texts, the chart's spec as it is drawn),
 * for the build cache's key; the fonts are not fed (chart_fonts_digest). */
void card_digest(const card_spec *s, sha256_ctx *h);

/* Appends to out a text alternative of the card s (for og:image:alt): the title, the
 * kicker, and the key figure or that a chart is shown (with its caption). */
void card_alt(const card_spec *s, buf *out);

/* Appends the site's icon as an SVG document (favicon.svg) to out. */
void card_icon_svg(buf *out);

/* Draws the site's icon as a px x px PNG (px in 16..512) and appends it to out; with
 * square 1 the corners are square and opaque (an apple-touch-icon: the system rounds
 * it). The same shapes as card_icon_svg. Returns 0, or -1 with a reason in why. */
int card_icon_png(int px, int square, buf *out, char *why, size_t n);

/* Releases the font maps kept for reuse (at exit, for leak checkers). */
void card_pools_free(void);

#endif
