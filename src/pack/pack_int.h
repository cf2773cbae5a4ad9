/* pack_int: what the pack's files share: one entry of the zip and the zip writer. */
#ifndef MKR_PACK_INT_H
#define MKR_PACK_INT_H

#include <stddef.h>
#include <sys/uio.h>

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

/* Appends to out the archive staged (made by pack_zip) with entry e added before its
 * entry at (0: first; its number of entries: last), dated as_of (the as_of staged was
 * made with): e alone is zipped by pack_zip and its bytes spliced in (local record
 * between staged's, central header among staged's with their offsets moved), so the
 * result is the bytes pack_zip gives for the same entries with e among them, at the
 * cost of one copy. Returns 0, or -1 with the reason in why (staged not a zip of
 * pack_zip's plain form with at least at entries, or over 4 GB; out unchanged). */
int pack_zip_insert(const buf *staged, size_t at, const pack_entry *e, const char *as_of,
    buf *out, char *why, size_t whyn);

/* Returns the number of entries of the archive z if it is of pack_zip's plain form,
 * else 0. */
size_t pack_zip_count(const buf *z);

/* Appends to out the archive base (made by pack_zip) with the entries of each archive
 * add[j] (made by pack_zip with the same as_of; all its entries, in order) put before
 * base's entry at[j] (at non-decreasing; base's number of entries: at the end): the
 * result is the bytes pack_zip gives for all the entries in that order, at the cost
 * of one copy. Returns 0, or -1 with the reason in why (whyn bytes; out unchanged) if
 * an archive is not of pack_zip's plain form, at is out of order, or the result would
 * need zip64. */
int pack_zip_merge(const buf *base, const buf *const *add, const size_t *at, size_t nadd,
    buf *out, char *why, size_t whyn);

/* pack_zip_merge without the copy: sets *v (owned, *nv pieces) to the bytes of the
 * result in order: pieces of base and add (borrowed: they must outlive v) and, last,
 * the central directory, appended to cd. Returns 0, or -1 with the reason in why. */
int pack_zip_merge_pieces(const buf *base, const buf *const *add, const size_t *at, size_t nadd,
    struct iovec **v, size_t *nv, buf *cd, char *why, size_t whyn);

#endif
