/* driver: runs a fuzz target once on each input file, without libFuzzer (make check). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fixture.h"

/* libFuzzer's optional set-up: a weak reference, NULL in targets without one. */
extern int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

/* Feeds the file at path to the target. Returns 0, or -1 if it cannot be read. */
static int
run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		perror(path);
		return -1;
	}
	size_t cap = 1 << 16, n = 0, k;
	unsigned char *data = malloc(cap);
	while (data != NULL && (k = fread(data + n, 1, cap - n, f)) > 0) {
		n += k;
		if (n == cap)
			data = realloc(data, cap *= 2);
	}
	fclose(f);
	if (data == NULL)
		return -1;
	LLVMFuzzerTestOneInput(data, n);
	free(data);
	return 0;
}

/* Compares two names for qsort. */
static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Feeds every file of folder dir to the target, in name order. Returns how many, or
 * -1 if one could not be read. */
static int
run_dir(const char *dir)
{
	DIR *dp = opendir(dir);
	if (dp == NULL) {
		perror(dir);
		return -1;
	}
	char **names = NULL;
	size_t n = 0;
	for (struct dirent *e; (e = readdir(dp)) != NULL;) {
		if (e->d_name[0] == '.')
			continue;
		names = realloc(names, (n + 1) * sizeof *names);
		names[n] = malloc(strlen(dir) + strlen(e->d_name) + 2);
		sprintf(names[n++], "%s/%s", dir, e->d_name);
	}
	closedir(dp);
	if (n > 0)
		qsort(names, n, sizeof *names, by_name);
	int count = 0;
	for (size_t i = 0; i < n; i++) {
		if (count >= 0)
			count = run_file(names[i]) == 0 ? count + 1 : -1;
		free(names[i]);
	}
	free(names);
	return count;
}

/* Runs the target on every file named, and on every file of every folder named.
 * Exit 0, or 1 if an input could not be read (a crash aborts). */
int
main(int argc, char **argv)
{
	int total = 0;
	if (LLVMFuzzerInitialize != NULL)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		struct stat st;
		int k = stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode) ? run_dir(argv[i]) :
		    run_file(argv[i]) == 0 ? 1 : -1;
		if (k < 0)
			return 1;
		total += k;
	}
	printf("%s: %d inputs\n", argc > 0 ? argv[0] : "fuzz", total);
	return 0;
}
