/* chart_wasm: JSON chart specs read back into chart_spec and drawn with src/chart onto
 * the SVG-writing cairo shim, wrapped in an <svg> element with its title and
 * description. */
#include "chart_wasm.h"

#include <stdio.h>
#include <string.h>

#include "chart/chart_int.h"
#include "chart_read.h"
#include "explore/jin.h"

#define MKR_EXPORT(name) __attribute__((export_name(name)))

static buf chart_answer; /* the last call's SVG or error text */

/* Appends s as escaped XML text to out. */
static void
put_text(buf *out, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '&': buf_puts(out, "&amp;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '"': buf_puts(out, "&quot;"); break;
		default: buf_putc(out, *s);
		}
}

/* Draws valid spec s into out as an SVG document; clip ids start with prefix. */
static void
draw_svg(const chart_spec *s, const char *prefix, buf *out)
{
	chart_ctx c;
	memset(&c, 0, sizeof c);
	c.s = s;
	c.th = theme_default(s->dark);
	c.L.w = s->width ? s->width : CHART_DEFAULT_WIDTH;
	c.L.h = s->height ? s->height : CHART_DEFAULT_HEIGHT;
	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%g\" height=\"%g\" "
	    "viewBox=\"0 0 %g %g\" role=\"img\" font-family=\"%s, system-ui, sans-serif\">\n",
	    c.L.w, c.L.h, c.L.w, c.L.h, c.th.family);
	buf_puts(out, "<title>");
	put_text(out, s->caption ? s->caption : s->title);
	buf_puts(out, "</title>\n<desc>");
	put_text(out, s->alt);
	buf_puts(out, "</desc>\n");
	c.cr = shim_svg_new(out, prefix);
	c.text = chart_text_new(&c.th);
	c.tm.ctx = c.text;
	c.tm.measure = chart_text_measure;
	chart_plan_build(&c);
	if (s->type != CHART_MULTIPLES)
		chart_layout_compute(&c, 0, 0, c.L.w, c.L.h, 1);
	chart_draw(&c);
	chart_plan_free(&c.p);
	chart_text_free(c.text);
	shim_svg_free(c.cr);
	buf_puts(out, "</svg>\n");
}

MKR_EXPORT("mkr_chart") int
mkr_chart(const char *in, size_t len)
{
	char why[256];
	chart_spec s;
	chart_reader a = { 0 };
	size_t at = 0;
	int rc = -1;
	buf_reset(&chart_answer);
	jin_value *o = jin_parse(in, len, &at);
	if (!o)
		snprintf(why, sizeof why, "the spec is not JSON (byte %zu)", at);
	else if (chart_read_spec(&a, o, &s, why, sizeof why) == 0 &&
	    chart_validate(&s, why, sizeof why) == 0) {
		const jin_value *idv = jin_get(o, "id");
		const char *id = idv && idv->kind == JIN_STR ? idv->str : NULL;
		buf prefix;
		buf_init(&prefix);
		for (const char *p = id ? id : "chart"; *p; p++) /* ids: letters, digits, '-' */
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || *p == '-')
				buf_putc(&prefix, *p);
		buf_puts(&prefix, "-clip");
		draw_svg(&s, buf_str(&prefix), &chart_answer);
		buf_free(&prefix);
		rc = 0;
	}
	if (rc != 0)
		buf_puts(&chart_answer, why);
	chart_reader_free(&a);
	jin_free(o);
	return rc;
}

MKR_EXPORT("mkr_chart_out") const char *
mkr_chart_out(void)
{
	return buf_str(&chart_answer);
}

MKR_EXPORT("mkr_chart_out_len") size_t
mkr_chart_out_len(void)
{
	return chart_answer.len;
}
