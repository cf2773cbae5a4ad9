/* starter: the files of the report `mkreport init` writes, embedded in the binary at
 * build time from starter/ (tools/embed.sh writes the table). */
#ifndef MKR_STARTER_H
#define MKR_STARTER_H

#include <stddef.h>

/* One file of the starter report. */
typedef struct starter_file {
	const char *path;          /* relative to the report's folder ("pages/index.md") */
	const unsigned char *data; /* its bytes (static) */
	size_t len;                /* bytes of data */
} starter_file;

/* Every file of starter/, sorted by path (static). */
extern const starter_file starter_files[];

/* Entries of starter_files. */
extern const size_t starter_nfiles;

#endif
