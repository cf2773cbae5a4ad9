/* fuzz_data: libFuzzer target loading arbitrary bytes as one of the data files. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fixture.h"

/* The data files, each picked by a letter (the first byte of an input). */
static const struct {
	char key;
	const char *file;
} files[] = {
	{ 's', "data/sources.yaml" },
	{ 'f', "data/facts.yaml" },
	{ 'x', "data/finance.yaml" },
	{ 'c', "data/scenarios.yaml" },
	{ 'd', "data/dependency.yaml" },
	{ 'm', "data/competition.yaml" },
	{ 'r', "data/risks.yaml" },
	{ 'e', "data/evidence.yaml" },
	{ 'u', "data/uncertainty.yaml" },
};

/* Loads and computes the mini report with data[1..] as the data file data[0] picks
 * (its letter, else data[0] modulo the number of files). Always 0. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n = sizeof files / sizeof *files, k;
	if (size == 0)
		return 0;
	for (k = 0; k < n && files[k].key != (char)data[0]; k++)
		;
	if (k == n)
		k = data[0] % n;
	fuzz_load_with(files[k].file, data + 1, size - 1);
	return 0;
}
