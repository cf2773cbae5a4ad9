/* fuzz_chart: libFuzzer target reading arbitrary bytes as a chart directive's YAML. */
#include <stddef.h>
#include <stdint.h>

#include "render/chart_spec.h"
#include "fixture.h"

/* Loads content/'s report and computes its metrics before the first input. Always 0. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_ctx(NULL);
	return 0;
}

/* Reads data as a chart directive on the index page of content/'s report (every
 * metric looked up), validates it, and if valid draws it as SVG (checked to be
 * well-formed XML) and writes its CSV. Always 0. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	diag *d = diag_new();
	yt_node *root = yt_parse_string("chart.yaml", (const char *)data, size, 1, d);
	if (root == NULL || !fuzz_tree_ok(root)) { /* refused by the YAML reader (issue 11) */
		yt_free(root);
		diag_free(d);
		return 0;
	}
	render_ctx c = fuzz_ctx(d);
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	rnd r;
	render_rnd_init(&r, &c, 0, doc);
	cspec *cs = cspec_read(&r, root, render_pos(&r, 1, 1));
	char why[256];
	if (cs != NULL) {
		const char *title = cs->s.title; /* as render_chart_directive moves it */
		cs->s.title = NULL;
		if (cs->s.caption == NULL)
			cs->s.caption = title;
		if (chart_validate(&cs->s, why, sizeof why) == 0) {
			buf svg, csv;
			buf_init(&svg);
			buf_init(&csv);
			if (chart_render(&cs->s, CHART_SVG, NULL, &svg, why, sizeof why) == 0)
				fuzz_check_xml("the chart's SVG", svg.data, svg.len);
			chart_csv(&cs->s, &csv);
			buf_free(&svg);
			buf_free(&csv);
		}
		cspec_free(cs);
	}
	render_rnd_done(&r);
	xmlFreeDoc(doc);
	yt_free(root);
	diag_free(d);
	return 0;
}
