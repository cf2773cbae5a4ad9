/* jin: a small strict JSON reader (RFC 8259) into a tree, for the explorer's inputs. */
#ifndef MKR_JIN_H
#define MKR_JIN_H

#include <stddef.h>

enum { JIN_MAX_DEPTH = 32 }; /* deepest nesting accepted */

/* What a value is. */
typedef enum jin_kind { JIN_NULL, JIN_BOOL, JIN_NUM, JIN_STR, JIN_ARR, JIN_OBJ } jin_kind;

/* One value of the tree; an object's or array's members follow in items. */
typedef struct jin_value {
	jin_kind kind;
	double num;              /* JIN_NUM: the number; JIN_BOOL: 0 or 1 */
	char *str;               /* JIN_STR: the decoded text, NUL-terminated (owned) */
	size_t n;                /* JIN_ARR, JIN_OBJ: number of members */
	char **keys;             /* JIN_OBJ: n keys, decoded (owned) */
	struct jin_value *items; /* JIN_ARR, JIN_OBJ: n values (owned) */
} jin_value;

/* Parses the JSON text s[0..len) (one value, surrounding white space allowed).
 * Returns the tree (free with jin_free), or NULL on a syntax error, a number out of
 * double's range, a string that is not valid UTF-8 or nesting deeper than
 * JIN_MAX_DEPTH (a number whose magnitude overflows, or underflows to zero, is
 * out of range); then *errpos (if not NULL) is the byte offset of the error. */
jin_value *jin_parse(const char *s, size_t len, size_t *errpos);

/* Frees v and everything under it. NULL is a no-op. */
void jin_free(jin_value *v);

/* Returns the member key of object v (the last one if repeated), or NULL if v is not
 * an object or has no such member. */
const jin_value *jin_get(const jin_value *v, const char *key);

#endif
