/* schema: typed reads from ytree nodes, each failure a diagnostic at the node. */
#ifndef MKR_SCHEMA_H
#define MKR_SCHEMA_H

#include "diag.h"
#include "yaml/ytree.h"

/* Each function returns 0 on success and stores the value, or -1 after recording an
 * error at the node's position (the value is then untouched). what names the field
 * in messages, e.g. "discount_rate". */

/* A plain scalar that is a finite decimal number (no hex, inf, nan), and not one so close
 * to zero that a double cannot hold it (1e-400, or a subnormal such as 1e-310). */
int schema_num(diag *d, const yt_node *n, const char *what, double *out);

/* A plain scalar that is an integer in [lo, hi]. */
int schema_int(diag *d, const yt_node *n, const char *what, long lo, long hi, long *out);

/* Any scalar; *out points into the node (not copied). Empty strings are refused
 * unless allow_empty. */
int schema_str(diag *d, const yt_node *n, const char *what, int allow_empty, const char **out);

/* A plain true/false. */
int schema_bool(diag *d, const yt_node *n, const char *what, int *out);

/* The years a date may name (as_of, a source's or an evidence item's date). */
enum { SCHEMA_YEAR_MIN = 1800, SCHEMA_YEAR_MAX = 2300 };
#define SCHEMA_YEARS "1800..2300" /* the same range, for messages */

/* A date YYYY-MM-DD (a valid calendar date in a year of SCHEMA_YEAR_MIN..MAX). *out
 * points into the node. */
int schema_date(diag *d, const yt_node *n, const char *what, const char **out);

/* A URL whose scheme is http, https or mailto, or a relative reference without a
 * scheme. javascript:, data:, file: and every other scheme are refused. */
int schema_url(diag *d, const yt_node *n, const char *what, const char **out);

/* Requires n to be of kind k ("expected a mapping for 'what', found a scalar"). */
int schema_kind(diag *d, const yt_node *n, yt_kind k, const char *what);

/* Records an error for every key of map m not in the NULL-terminated list allowed
 * ("unknown key 'x' in what"); returns -1 if any was found. */
int schema_keys(diag *d, const yt_node *m, const char *const *allowed, const char *what);

/* Returns the value of required key in map m, or NULL after recording
 * "missing key 'key' in what" at m's position. */
const yt_node *schema_need(diag *d, const yt_node *m, const char *key, const char *what);

#endif
