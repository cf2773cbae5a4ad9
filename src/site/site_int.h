/* site_int: what the site module's files share (not part of its interface). */
#ifndef MKR_SITE_INT_H
#define MKR_SITE_INT_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#include "site/site.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/sha256.h"

/* The list of files a build produced, kept in the output folder. */
#define SITE_MANIFEST ".mkreport-manifest"

/* Who a placed file is: what site_out_record keeps of a named file, and what the
 * next build checks before it links the old site's file without reading it. */
typedef struct site_ident {
	unsigned long long dev, ino, size; /* device, inode and length */
	long long mtime_s, mtime_ns;       /* last modification */
} site_ident;

/* One output file. */
typedef struct site_file {
	char *path;   /* relative path, validated or listed in bad */
	char *bytes;  /* owned copy of the contents (NULL once streamed out, or when named
	                 and left where site_out's fetch finds them) */
	size_t n;     /* bytes */
	int placed;   /* streaming: 0 not yet, 1 hard-linked (unchanged), 2 written */
	struct iovec *iov; /* the bytes in pieces (site_out_add_pieces; borrowed, during
	                      that call only), or NULL */
	size_t niov;  /* pieces of iov */
	int has_id;   /* 1: id names the bytes (site_out_add_named) */
	uint8_t id[SHA256_LEN];
	int known;    /* 1: ident holds the placed file's identity */
	site_ident ident;
} site_file;

/* What the previous commit recorded of one named file (site_out_use_record). */
typedef struct site_rec {
	uint8_t id[SHA256_LEN];
	site_ident ident;
} site_rec;

/* A commit under way: the new site's folder beside the old one (commit.c). */
typedef struct site_stage site_stage;

struct site_out {
	site_file *files;  /* in the order added, until site_out_sort */
	size_t n;          /* files used */
	size_t cap;        /* files allocated */
	int sorted;        /* files are sorted by path (strcmp) */
	hash_table *index;        /* path -> index in files (keys borrowed from files) */
	char **bad;        /* relpaths refused by site_out_add, reported by site_commit */
	size_t nbad;       /* count of bad */
	site_stage *stage; /* streaming: where each added file goes at once, or NULL */
	struct iovec *iov; /* site_out_add_pieces' pieces while it adds them, or NULL */
	size_t niov;       /* their number */
	site_fetch *fetch; /* where named files without bytes are read from, or NULL */
	void *fetch_arg;   /* its argument */
	int stale;         /* 1: fetch failed for a file (the commit fails, nothing said) */
	hash_table *recs;  /* path -> index in rec: the previous commit's named files */
	site_rec *rec;     /* their records (paths owned by recs' keys in rec_paths) */
	char **rec_paths;  /* the recorded paths (owned) */
	size_t nrec;       /* records */
	size_t rec_cap;    /* room in rec and rec_paths */
	long long swapped_s, swapped_ns; /* when site_commit swapped the folder in */
};

/* Frees o's records of the previous commit (site_out_use_record). */
void site_rec_clear(site_out *o);

/* Returns the previous commit's record of relpath in o, or NULL. */
const site_rec *site_rec_find(const site_out *o, const char *relpath);

/* Sorts o's files by path (once; later adds unsort them again). */
void site_out_sort(site_out *o);

/* Returns the file of o at relpath, or NULL. */
site_file *site_out_find(const site_out *o, const char *relpath);

/* Opens a commit of o into s: sweeps leftovers, opens the old site, makes the new
 * folder beside it and reads the old manifest. Returns the stage, or NULL after
 * recording an error in d. */
site_stage *site_stage_open(site_out *o, site_dest *s, diag *d);

/* Puts f into the stage's new folder (hard-linked from the old site if its bytes are
 * the same there, else written; a file placed before at that path is replaced) and
 * sets f->placed. Does nothing once an error was recorded or a stop was asked.
 * Returns 0, or -1 after an error. */
int site_stage_put(site_stage *g, site_file *f);

/* Removes the new folder (unless swapped in) and frees g. NULL is a no-op. */
void site_stage_free(site_stage *g);

struct site_dest {
	char *shown;  /* the output folder as the caller named it (for messages) */
	char *parent; /* the real path of the folder that holds it */
	char *name;   /* its name in parent (one component, no symlink) */
	int pfd;      /* parent, open as a folder */
	int lockfd;   /* parent/.NAME.mkreport-lock, held with flock(LOCK_EX) */
	const volatile sig_atomic_t *stop; /* nonzero: a signal asks the build to stop */
};

/* A folder below a root folder, opened one component at a time without following
 * symlinks; the last one opened is kept for the next call. */
typedef struct site_cursor {
	int root; /* the root's descriptor (not owned) */
	buf dir;  /* the relative folder held in fd */
	int fd;   /* its descriptor, or -1 */
} site_cursor;

/* Returns 1 if rel is a clean relative path: non-empty components, none "." or "..",
 * no leading '/', and not the manifest's own name. */
int site_path_ok(const char *rel);

/* Starts c at root (nothing opened yet). */
void site_cursor_init(site_cursor *c, int root);

/* Closes what c holds. */
void site_cursor_free(site_cursor *c);

/* Returns a descriptor (owned by c, valid until the next call) of the folder made of
 * the first k bytes of rel below c's root (k == 0: the root). Each component must be
 * a real folder, never a symlink; with create, missing ones are made (mode 0777 less
 * the umask). Returns -1 with errno when that fails. */
int site_cursor_dir(site_cursor *c, const char *rel, size_t k, int create);

/* Removes name (a file, or a folder with everything below it) from the folder at,
 * never following a symlink nor entering a mount point. Returns 0, or -1 with errno
 * (what could go is gone). */
int site_rm_tree(int at, const char *name);

/* Returns 1 if name (in dest's parent) is a leftover of an interrupted build into
 * dest: ".NAME.mkreport-new-XXXXXX" or ".NAME.mkreport-old-XXXXXX". */
int site_is_leftover(const site_dest *s, const char *name);

/* Returns 1 if name is a temporary file of the earlier in-place writer
 * (".mkreport-tmp-XXXXXX"). */
int site_is_old_tmp(const char *name);

#endif
