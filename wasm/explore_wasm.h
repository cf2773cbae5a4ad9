/* explore_wasm: what the WebAssembly module exports to the page's script (wasm/model.js).
 * A request is JSON text the script writes into memory from mkr_alloc; the answer (or
 * the error) is read from mkr_out / mkr_out_len and stays valid until the next call. */
#ifndef MKR_EXPLORE_WASM_H
#define MKR_EXPLORE_WASM_H

#include <stddef.h>

/* Returns n bytes of memory for a request (free with mkr_free), or NULL. */
void *mkr_alloc(size_t n);

/* Frees memory from mkr_alloc. */
void mkr_free(void *p);

/* Returns the last answer's bytes. */
const char *mkr_out(void);

/* Returns the last answer's length in bytes. */
size_t mkr_out_len(void);

/* explore_finance on in[0..len): 0 and the finance object, or -1 and the reason. */
int mkr_finance(const char *in, size_t len);

/* explore_report on in[0..len): 0 and the metrics object, or -1 and the reason. */
int mkr_report(const char *in, size_t len);

/* explore_mc on in[0..len): 0 and the Monte Carlo's metrics, or -1 and the reason. */
int mkr_mc(const char *in, size_t len);

/* Formats v (unit u, a metric_unit) by spec (NULL: the unit's default) as the pages
 * do: 0 and the text, or -1 for an unknown spec. */
int mkr_format(double v, int u, const char *spec);

#endif
