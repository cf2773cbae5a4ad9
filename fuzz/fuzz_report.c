/* fuzz_report: libFuzzer target loading arbitrary bytes as a report's report.yaml. */
#include <stddef.h>
#include <stdint.h>

#include "fixture.h"

/* Loads and computes the mini report with data as its report.yaml. Always 0. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_load_with("report.yaml", data, size);
	return 0;
}
