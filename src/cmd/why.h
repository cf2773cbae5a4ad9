/* why: for `build -v`, the inputs changed since the last build, and so why each output
 * the build computed was not taken from the cache. */
#ifndef MKR_WHY_H
#define MKR_WHY_H

#include <stdio.h>

#include "cache/cache.h"
#include "load/load.h"

/* Compares the digest of every input of r (its files, templates_dir's page.html,
 * style.css and fonts.conf, the fonts) and the tool's identity with the record the last
 * build left in c's folder; if print is 1, prints to f one line per output c computed
 * ("mkreport: charts/x.*: content/data/finance.yaml changed"); then writes this build's
 * record (a file named last-inputs, which cache_sweep leaves). Call after a successful
 * build; failing to write the record is not an error. */
void why_report(cache *c, const report *r, const char *templates_dir, int print, FILE *f);

#endif
