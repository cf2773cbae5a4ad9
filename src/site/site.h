/* site: the output folder, written all or nothing, only changed files touched. */
#ifndef MKR_SITE_H
#define MKR_SITE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/uio.h>

#include "diag.h"
#include "util/buf.h"
#include "util/sha256.h"

typedef struct site_out site_out;

/* The output folder of a build, resolved and locked against other builds. */
typedef struct site_dest site_dest;

/* Counts of what site_commit did. */
typedef struct site_stats {
	size_t written;   /* files created or replaced */
	size_t unchanged; /* files whose bytes were already right */
	size_t removed;   /* files of the previous build no longer produced */
} site_stats;

/* Returns a new, empty set of output files; free with site_out_free. */
site_out *site_out_new(void);

/* Frees o. NULL is a no-op. */
void site_out_free(site_out *o);

/* Adds (or replaces) the file at relpath ("charts/x.svg"; no "..", no leading '/')
 * with n bytes: a copy is kept, or, once o streams (site_out_stream), the bytes are
 * put in the new site's folder at once and not kept. O(1) per file. */
void site_out_add(site_out *o, const char *relpath, const void *bytes, size_t n);

/* Same as site_out_add with the bytes given in n pieces v (not kept after the call
 * unless o does not stream: then they are copied into one block). */
void site_out_add_pieces(site_out *o, const char *relpath, const struct iovec *v, size_t n);

/* Same as site_out_add with b's bytes taken over (no copy); leaves b empty. */
void site_out_take(site_out *o, const char *relpath, buf *b);

/* Reads the n bytes named id (site_out_add_named) and appends them to out. Returns 0,
 * or -1 (out unchanged) if they cannot be had. */
typedef int site_fetch(void *arg, const uint8_t id[SHA256_LEN], size_t n, buf *out);

/* Makes fn (with arg) the way o reads a named file added without its bytes. */
void site_out_fetch_from(site_out *o, site_fetch *fn, void *arg);

/* Adds (or replaces) relpath as site_out_add does, a file of n bytes named id: two
 * files with the same id hold the same bytes. bytes may be NULL: then they are read
 * with o's fetch, and only if the old site does not hold the file already: a file the
 * previous build recorded (site_out_use_record) at relpath with the same id, whose
 * device, inode, size and modification time are still those recorded, is hard-linked
 * without being read. If fetch fails, the commit fails with nothing recorded and
 * site_out_stale says so. */
void site_out_add_named(site_out *o, const char *relpath, const void *bytes, size_t n,
    const uint8_t id[SHA256_LEN]);

/* Gives o what site_out_record wrote after the previous build's commit (n bytes at
 * rec; anything malformed is ignored, so at worst files are read and compared). Call
 * before site_out_stream. */
void site_out_use_record(site_out *o, const void *rec, size_t n);

/* After a successful site_commit of o: appends to out the record of o's named files as
 * placed (path, id, device, inode, size, modification time), leaving out a file
 * modified in the last 100 ms before the swap (the clock's granularity could hide a
 * later change made in the same tick). */
void site_out_record(const site_out *o, buf *out);

/* Returns 1 if the commit of o failed because a named file's bytes could not be
 * fetched (nothing was recorded in d; build again, reading every file), else 0. */
int site_out_stale(const site_out *o);

/* Returns the number of files and the i-th path in sorted order (o is sorted once
 * after adds, hence not const). */
size_t site_out_count(const site_out *o);
const char *site_out_path(site_out *o, size_t i);

/* Returns the bytes of relpath (and *n), or NULL if not added or streamed out. */
const void *site_out_get(const site_out *o, const char *relpath, size_t *n);

/* Opens the output folder dir for a commit: resolves it (a symlink to a folder is
 * followed: the folder it names is the one replaced; a missing dir is created by the
 * commit, its missing parents now; "/", the current folder and folders holding it
 * are refused), then takes an exclusive flock on
 * PARENT/.NAME.mkreport-lock beside it. If another build holds that lock, prints
 * "mkreport: DIR: another build is writing this folder; waiting" to note (if not NULL)
 * and waits. stop (may be NULL) is polled while waiting: a signal handler that sets it
 * ends the wait. Returns the dest (free with site_dest_free, which releases the lock),
 * or NULL: after recording an error in d, or with nothing recorded if *stop was set. */
site_dest *site_dest_open(const char *dir, const volatile sig_atomic_t *stop, FILE *note,
    diag *d);

/* Releases the lock and frees s. NULL is a no-op. */
void site_dest_free(site_dest *s);

/* Replaces the folder of s with exactly the files of o, all or nothing:
 *  1. removes leftovers of interrupted builds into the same folder (sibling folders
 *     .NAME.mkreport-new-* / -old-*; we hold the lock, so none is in use);
 *  2. builds the new site in a fresh sibling folder .NAME.mkreport-new-XXXXXX: a file
 *     whose bytes equal the old site's file (a regular file reached without any
 *     symlink) is hard-linked from it (same inode and time); others are written new;
 *     the list of o's paths, .mkreport-manifest, is handled like any file;
 *  3. carries across (hard links; symlinks as symlinks) what the old folder holds
 *     that the previous build did not produce (not in its manifest), except where o
 *     puts a file or folder (o's wins; a folder holding anything but the previous
 *     build's files where o puts a file is an error EISDIR); files of the previous build that o lacks and the .mkreport-tmp-*
 *     files of interrupted in-place builds are left behind (removed with the old
 *     tree); a mount point in the old folder is an error;
 *  4. swaps the two folders in one renameat2(RENAME_EXCHANGE) (a plain rename when
 *     there was no old folder), then removes the old tree.
 * Nothing is ever written through a symlink of the old site. The output folder may
 * not be a mount point. st gets the counts: written (new bytes), unchanged (linked)
 * and removed (files of the previous build that o lacks). Returns 0; -1 after
 * recording an error in d (the old site is untouched, the new folder removed);
 * SITE_STOPPED if *stop was set before the swap (old site untouched, new folder
 * removed, nothing recorded). */
int site_commit(site_out *o, site_dest *s, diag *d, site_stats *st);

/* Starts the commit of o into s now (steps 1 and 2 of site_commit), so the memory
 * does not grow with the output: the files o holds and every file added later are put
 * in the new folder at once (linked or written) and their bytes not kept. An error
 * writing one is recorded in d then, and makes site_commit fail. Finish with
 * site_commit(o, s, ...) (steps 3 and 4, the manifest and the swap); site_out_free
 * of o without it removes the new folder and leaves the old site as it was. Free o
 * before s. Returns 0, or -1 after recording an error in d (o is then unchanged). */
int site_out_stream(site_out *o, site_dest *s, diag *d);

/* Every output path of one build, each claimed once, with what writes it. */
typedef struct site_claims site_claims;

/* Returns a new, empty set of claims; free with site_claims_free. */
site_claims *site_claims_new(void);

/* Frees c. NULL is a no-op. */
void site_claims_free(site_claims *c);

/* Claims the output path rel ("charts/x.svg", as site_out_add takes it) for who, the
 * source that writes it ("chart 'x'", "the site"), as role ("its dark image"), both
 * copied; pos is where who is written (file NULL: nowhere, a file the site always
 * writes). Returns 0 if rel is free; -1 after recording an error in d (at pos, or at
 * the earlier claim's position when pos has none) naming both sources, when rel was
 * claimed before, or is a folder an earlier path lies in ("charts" after
 * "charts/x.svg"), or lies in a folder an earlier claim writes as a file. */
int site_claim(site_claims *c, const char *rel, const char *who, const char *role,
    diag_pos pos, diag *d);

/* Returns 1 if the file rel was claimed in c, else 0. */
int site_claimed(const site_claims *c, const char *rel);

/* site_commit's result when a signal stopped it before the swap. */
#define SITE_STOPPED (-2)

#endif
