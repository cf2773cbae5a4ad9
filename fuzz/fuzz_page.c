/* fuzz_page: libFuzzer target rendering arbitrary bytes as a page's Markdown. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

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

/* Renders data as the index page of content/'s report (its metrics, sources, other
 * sections), checks the body and every chart SVG are well-formed XML, and frees
 * everything. Always 0. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (fuzz_set_page(data, size) != 0)
		return 0;
	diag *d = diag_new();
	render_ctx c = fuzz_ctx(d);
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	render_body body;
	memset(&body, 0, sizeof body);
	if (render_markdown(&c, 0, doc, &body) == 0 && body.root != NULL) {
		fuzz_check_node("the page body", body.root);
		for (size_t i = 0; i < body.nfiles; i++) {
			size_t n = strlen(body.files[i].path);
			if (n > 4 && strcmp(body.files[i].path + n - 4, ".svg") == 0)
				fuzz_check_xml(body.files[i].path, body.files[i].data, body.files[i].len);
		}
		xmlFreeNode(body.root);
	}
	render_body_free(&body);
	xmlFreeDoc(doc);
	diag_free(d);
	return 0;
}
