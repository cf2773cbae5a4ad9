/* diag: diagnostics collected over a whole run, printed GCC style. */
#ifndef MKR_DIAG_H
#define MKR_DIAG_H

#include <stdarg.h>
#include <stdio.h>

/* A position in a source file. line and col are 1-based; 0 means unknown.
 * file points to a string interned by diag_intern (lives as long as the diag). */
typedef struct diag_pos {
	const char *file; /* path as shown to the user, e.g. "content/data/finance.yaml" */
	int line;         /* 1-based line, 0 if unknown */
	int col;          /* 1-based column, 0 if unknown */
} diag_pos;

typedef struct diag diag;

/* Returns a new, empty diagnostics collector; never NULL (aborts on OOM). Free with diag_free. */
diag *diag_new(void);

/* Frees d and every interned string. NULL is a no-op. */
void diag_free(diag *d);

/* Returns a copy of path owned by d, stable until diag_free; equal paths share one copy. */
const char *diag_intern(diag *d, const char *path);

/* Records an error at pos. The message is formatted like printf and must not end in a newline. */
void diag_error(diag *d, diag_pos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Records a warning at pos (does not count as an error). */
void diag_warn(diag *d, diag_pos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Same as diag_error with a va_list. */
void diag_verror(diag *d, diag_pos pos, const char *fmt, va_list ap);

/* Moves every diagnostic of from to the end of to, in from's order, leaving from
 * empty (its interned strings stay). For diagnostics recorded on other threads. */
void diag_move(diag *to, diag *from);

/* Returns how many errors were recorded so far. */
int diag_errors(const diag *d);

/* Returns how many diagnostics (errors and warnings) were recorded so far. */
int diag_count(const diag *d);

/* Returns the text of diagnostic i (0-based, in recorded order) as printed, without colour
 * and without the trailing newline; NULL if i is out of range. Owned by d. */
const char *diag_text(const diag *d, int i);

/* Prints every recorded diagnostic in recorded order to f, one per line:
 * "file:line:col: error: message". color != 0 highlights "error"/"warning". */
void diag_print(const diag *d, FILE *f, int color);

/* Returns a position with no line information for file (interned). */
diag_pos diag_file_pos(diag *d, const char *file);

/* Told that one more item of stage is done out of total (0: a stage without a count
 * has begun). stage is a string that outlives the build ("pages", "charts"). */
typedef void (*diag_progress_fn)(void *arg, const char *stage, size_t total);

/* Sets the process's progress hook to fn with arg (NULL: none, the default). Call it
 * before the build's threads start and after they end; fn must be thread-safe. */
void diag_progress_hook(diag_progress_fn fn, void *arg);

/* Tells the progress hook, if one is set, that one more item of stage is done out of
 * total (see diag_progress_fn). Any thread; a no-op without a hook. */
void diag_progress(const char *stage, size_t total);

#endif
