/* fuzz_ytree: libFuzzer target feeding arbitrary bytes to the YAML tree reader. */
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "yaml/ytree.h"
#include "fixture.h"

/* Parses data as one YAML file, then frees the tree and the diagnostics. Always 0. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	diag *d = diag_new();
	yt_node *n = yt_parse_string("fuzz.yaml", (const char *)data, size, 0, d);
	if (n != NULL) {
		yt_node *c = yt_clone(n);
		yt_free(c);
	}
	yt_free(n);
	diag_free(d);
	return 0;
}
