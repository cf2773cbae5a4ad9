/* csv: CSV fields and numbers. */
#include "export/csv.h"

#include <string.h>

#include "export/num.h"

int
csv_guarded(const char *s, size_t n)
{
	return n > 0 && s[0] != '\0' && strchr(CSV_GUARD_STARTS, s[0]) != NULL;
}

void
csv_text(buf *out, const char *s, size_t n)
{
	int guard = csv_guarded(s, n), quote = guard;
	for (size_t i = 0; i < n; i++)
		quote |= s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
	if (!quote) {
		buf_append(out, s, n);
		return;
	}
	buf_putc(out, '"');
	if (guard)
		buf_putc(out, '\'');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			buf_putc(out, '"');
		buf_putc(out, s[i]);
	}
	buf_putc(out, '"');
}

void
csv_num(buf *out, double v)
{
	num_put(out, v);
}
