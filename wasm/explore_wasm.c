/* explore_wasm: the WebAssembly module's exports, a thin layer over src/explore. */
#include "explore_wasm.h"

#include <stdlib.h>

#include "explore/explore.h"
#include "model/format.h"
#include "util/buf.h"
#include "util/oom.h"

#define MKR_EXPORT(name) __attribute__((export_name(name)))

static buf mkr_answer; /* the last call's answer or error text */

MKR_EXPORT("mkr_alloc") void *
mkr_alloc(size_t n)
{
	return malloc(n ? n : 1);
}

MKR_EXPORT("mkr_free") void
mkr_free(void *p)
{
	free(p);
}

MKR_EXPORT("mkr_out") const char *
mkr_out(void)
{
	return buf_str(&mkr_answer);
}

MKR_EXPORT("mkr_out_len") size_t
mkr_out_len(void)
{
	return mkr_answer.len;
}

MKR_EXPORT("mkr_finance") int
mkr_finance(const char *in, size_t len)
{
	buf err;
	int st;

	buf_reset(&mkr_answer);
	buf_init(&err);
	st = explore_finance(in, len, &mkr_answer, &err);
	if (st < 0)
		buf_puts(&mkr_answer, buf_str(&err));
	buf_free(&err);
	return st;
}

MKR_EXPORT("mkr_report") int
mkr_report(const char *in, size_t len)
{
	buf err;
	int st;

	buf_reset(&mkr_answer);
	buf_init(&err);
	st = explore_report(in, len, &mkr_answer, &err);
	if (st < 0)
		buf_puts(&mkr_answer, buf_str(&err));
	buf_free(&err);
	return st;
}

MKR_EXPORT("mkr_mc") int
mkr_mc(const char *in, size_t len)
{
	buf err;
	int st;

	buf_reset(&mkr_answer);
	buf_init(&err);
	st = explore_mc(in, len, &mkr_answer, &err);
	if (st < 0)
		buf_puts(&mkr_answer, buf_str(&err));
	buf_free(&err);
	return st;
}

MKR_EXPORT("mkr_format") int
mkr_format(double v, int u, const char *spec)
{
	buf_reset(&mkr_answer);
	return format_value(v, (metric_unit)u, spec, &mkr_answer);
}

/* Running out of memory in the browser ends the module's call with a trap. */
void
util_oom(void)
{
	abort();
}
