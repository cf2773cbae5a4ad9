/* path: reading files safely inside a root folder. */
#ifndef MKR_PATH_H
#define MKR_PATH_H

#include <stddef.h>

/* Results of path_read. */
enum path_status {
	PATH_OK = 0,        /* read; *out holds the bytes */
	PATH_ERRNO = -1,    /* open/read failed: errno says why */
	PATH_TOO_BIG = -2,  /* larger than limit bytes */
	PATH_OUTSIDE = -3,  /* resolves (through .. or a symlink) outside root */
	PATH_NOT_FILE = -4, /* a FIFO, socket or device, not a regular file (errno EINVAL) */
};

/* Returns a newly allocated "a/b" (caller frees); a "" or "." a gives b alone. */
char *path_join(const char *a, const char *b);

/* Reads root/rel into *out (caller frees, NUL-terminated, *len bytes without NUL).
 * Refuses absolute rel, and any rel whose real path is not inside root's real path.
 * Files larger than limit bytes are refused with PATH_TOO_BIG. */
int path_read(const char *root, const char *rel, size_t limit, char **out, size_t *len);

/* Reads path into *out like path_read, without the root check. Never blocks on a FIFO:
 * a folder is PATH_ERRNO with errno EISDIR, any other non-regular file PATH_NOT_FILE. */
int path_read_file(const char *path, size_t limit, char **out, size_t *len);

/* Returns 1 if path exists as a regular file, else 0. */
int path_is_file(const char *path);

#endif
