/* fuzz_inline: libFuzzer target for metric references ({{ ... }}) and citations ([@id])
 * in a text run, without cmark in front. */
#include <stddef.h>
#include <stdint.h>

#include "render/render_int.h"
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

/* Renders data as one text run of the index page (content/'s report and metrics),
 * checks the result is well-formed XML, and frees everything. Always 0. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (fuzz_set_page(data, size) != 0)
		return 0;
	diag *d = diag_new();
	render_ctx c = fuzz_ctx(d);
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	rnd r;
	render_rnd_init(&r, &c, 0, doc);
	r.block_line = 1; /* one block: the whole text */
	r.cur = 0;
	r.win_end = r.len;
	xmlNodePtr p = render_el(&r, NULL, "p");
	render_text(&r, r.text, r.len, p);
	fuzz_check_node("the text run", p);
	xmlFreeNode(p);
	render_rnd_done(&r);
	xmlFreeDoc(doc);
	diag_free(d);
	return 0;
}
