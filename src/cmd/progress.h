/* progress: a build's stages and counts on one terminal line, rewritten in place. */
#ifndef MKR_PROGRESS_H
#define MKR_PROGRESS_H

#include <stdio.h>

typedef struct progress progress;

/* Starts showing the build's progress on f (stderr) through diag_progress_hook, if f
 * is a terminal: a line such as "mkreport: model, pages 7/11, charts 12/18, report.pdf"
 * rewritten in place with \r, first drawn once the build has run for a second (a
 * shorter build shows nothing). No colour (so NO_COLOR holds); with TERM=dumb or unset
 * no escape sequence either (the old line is blanked with spaces). Returns NULL (and
 * sets no hook) if f is not a terminal. Free with progress_free before printing. */
progress *progress_new(FILE *f);

/* Removes the hook and clears the line if one was drawn (call before printing
 * anything else); nothing is drawn after. NULL is a no-op; a second call too. */
void progress_end(progress *p);

/* progress_end, then frees p. NULL is a no-op. */
void progress_free(progress *p);

#endif
