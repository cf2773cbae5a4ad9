/* text: the loader's check of a page's paragraph runs (a cmark 0.30.2 defence). */
#include "load/text_int.h"

#include <string.h>

/* Returns the fence character if the line at s[0..n) opens or closes a fence (up to
 * three spaces, then three or more ` or ~), else 0. */
static char
fence_char(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && i < 3 && s[i] == ' ')
		i++;
	if (i + 3 > n || (s[i] != '`' && s[i] != '~'))
		return 0;
	return s[i + 1] == s[i] && s[i + 2] == s[i] ? s[i] : 0;
}

/* Returns 1 if s[0..n) holds only spaces and tabs. */
static int
blank_line(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

int
load_run_check(const char *s, size_t len, size_t max, int *line)
{
	size_t run = 0;
	int lno = 0, start = 0;
	char fence = 0;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (s + i)) : len - i;
		char f = fence_char(s + i, n);
		lno++;
		if (fence != 0 || f != 0) {
			fence = fence == 0 ? f : (f == fence ? 0 : fence);
			run = 0;
		} else if (blank_line(s + i, n)) {
			run = 0;
		} else {
			if (run == 0)
				start = lno;
			run += n + 1;
			if (run > max) {
				*line = start;
				return -1;
			}
		}
		i += n + 1;
	}
	return 0;
}
