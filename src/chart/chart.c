/* chart: the chart types' table and the one drawing function every format shares. */
#include "chart/chart_int.h"

#include <string.h>

/* Type names, indexed by chart_type. */
static const char *const type_names[CHART_TYPE_COUNT_] = {
	"line", "area", "bar", "tornado", "fan", "waterfall", "matrix", "timeline", "multiples",
};

/* Each type's functions, indexed by chart_type. */
static const chart_kind kinds[CHART_TYPE_COUNT_] = {
	{ chart_line_plan, chart_line_draw, chart_series_csv },
	{ chart_area_plan, chart_area_draw, chart_series_csv },
	{ chart_bar_plan, chart_bar_draw, chart_series_csv },
	{ chart_tornado_plan, chart_tornado_draw, chart_tornado_csv },
	{ chart_fan_plan, chart_fan_draw, chart_fan_csv },
	{ chart_waterfall_plan, chart_waterfall_draw, chart_waterfall_csv },
	{ chart_matrix_plan, chart_matrix_draw, chart_matrix_csv },
	{ chart_timeline_plan, chart_timeline_draw, chart_timeline_csv },
	{ chart_multiples_plan, chart_multiples_draw, chart_series_csv },
};

const chart_kind *
chart_kind_of(chart_type t)
{
	return &kinds[t];
}

const char *
chart_type_name(chart_type t)
{
	return (unsigned)t < CHART_TYPE_COUNT_ ? type_names[t] : "?";
}

int
chart_type_parse(const char *s, chart_type *out)
{
	for (int i = 0; i < CHART_TYPE_COUNT_; i++)
		if (strcmp(s, type_names[i]) == 0) {
			*out = (chart_type)i;
			return 0;
		}
	return -1;
}

void
chart_plan_build(chart_ctx *c)
{
	chart_plan *p = &c->p;
	memset(p, 0, sizeof(*p));
	kinds[c->s->type].plan(c->s, &c->th, p);
	for (size_t i = 0; i < c->s->nannots; i++) {
		const chart_annot *a = &c->s->annots[i];
		if (a->kind != CHART_ANNOT_VLINE && !p->y.band && !p->y.none)
			chart_plan_extend(&p->y, a->y);
		if (a->kind != CHART_ANNOT_HLINE && !p->x.band && !p->x.none)
			chart_plan_extend(&p->x, a->x);
	}
	chart_plan_wrap_bands(c);
}

void
chart_draw(chart_ctx *c)
{
	/* every pixel painted opaque first: PNG drawings reuse buffers without clearing */
	chart_fill_rect(c->cr, 0, 0, c->L.w, c->L.h, c->th.bg);
	chart_title_draw(c);
	if (c->s->type == CHART_MULTIPLES) {
		chart_multiples_draw(c);
		return;
	}
	chart_axes_draw(c);
	kinds[c->s->type].draw(c);
	chart_annots_draw(c);
	chart_keys_draw(c);
}
