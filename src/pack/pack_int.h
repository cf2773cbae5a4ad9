/* pack_int: what the pack's files share: one entry of the zip and the zip writer. */
#ifndef MKR_PACK_INT_H
#define MKR_PACK_INT_H

#include <stddef.h>

#include "util/buf.h"

/* One file of a zip archive. */
typedef struct pack_entry {
	char *name;        /* path in the archive, '/'-separated (owned) */
	const void *data;  /* its bytes (borrowed) */
	size_t len;        /* bytes of data */
	int deflate;       /* 1: deflated (level 6), 0: stored */
} pack_entry;

/* Appends to out a zip archive of the n entries e in that order, written with libzip
 * in memory: every entry dated as_of (YYYY-MM-DD; 00:00; a date before 1980 or not of
 * that form: 1980-01-01), Unix mode 0644, without extra fields (no times, no uids).
 * The same entries give the same bytes. prev, if not NULL, is an earlier archive made
 * by this function with the same zlib: an entry whose name and bytes it holds
 * unchanged is copied in its compressed form instead of deflated again (the result is
 * the same bytes, faster). Returns 0, or -1 with the reason in why (n bytes; out
 * unchanged). */
int pack_zip(const pack_entry *e, size_t n, const char *as_of, const buf *prev, buf *out,
    char *why, size_t whyn);

#endif
