/* chart_key: what a chart's drawings depend on, fed to a digest for the build cache. */
#include "chart/chart_key.h"

#include <dirent.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <hb.h>
#include <pango/pango.h>

#include "util/path.h"

enum { FONT_DIR_DEPTH = 4 }; /* sub-folders followed below a font folder */

/* chart_spec_digest feeds every field of these structs: a field added to one must be
 * fed too (then update the size here). Sizes on LP64. */
_Static_assert(sizeof(void *) != 8 || (sizeof(chart_spec) == 280 && sizeof(chart_frame) == 48 &&
    sizeof(chart_axis) == 56 && sizeof(chart_series) == 40 && sizeof(chart_fan) == 64 &&
    sizeof(chart_annot) == 32 && sizeof(chart_event) == 16),
    "a field was added to a chart struct: feed it in chart_spec_digest");

/* Feeds an axis. */
static void
axis_digest(const chart_axis *a, sha256_ctx *h)
{
	sha256_feed_str(h, a->label);
	sha256_feed_i64(h, a->unit);
	sha256_feed_str(h, a->format);
	sha256_feed_i64(h, a->log);
	sha256_feed_i64(h, a->has_min);
	sha256_feed_f64(h, a->min);
	sha256_feed_i64(h, a->has_max);
	sha256_feed_f64(h, a->max);
}

/* Feeds n doubles, or a marker if v is NULL. */
static void
doubles_digest(const double *v, size_t n, sha256_ctx *h)
{
	sha256_feed_i64(h, v == NULL ? -1 : (int64_t)n);
	for (size_t i = 0; v != NULL && i < n; i++)
		sha256_feed_f64(h, v[i]);
}

/* Feeds n years, or a marker if y is NULL. */
static void
years_digest(const int *y, size_t n, sha256_ctx *h)
{
	sha256_feed_i64(h, y == NULL ? -1 : (int64_t)n);
	for (size_t i = 0; y != NULL && i < n; i++)
		sha256_feed_i64(h, y[i]);
}

/* Feeds one series. */
static void
series_digest(const chart_series *se, sha256_ctx *h)
{
	sha256_feed_str(h, se->label);
	doubles_digest(se->vals, se->n, h);
	years_digest(se->years, se->n, h);
	sha256_feed_i64(h, se->notes != NULL);
	for (size_t i = 0; se->notes != NULL && i < se->n; i++)
		sha256_feed_str(h, se->notes[i]);
}

/* Feeds the fans, annotations and events of s. */
static void
extras_digest(const chart_spec *s, sha256_ctx *h)
{
	sha256_feed_i64(h, (int64_t)s->nfans);
	for (size_t i = 0; i < s->nfans; i++) {
		sha256_feed_str(h, s->fans[i].label);
		years_digest(s->fans[i].years, s->fans[i].n, h);
		for (int k = 0; k < 5; k++)
			doubles_digest(s->fans[i].p[k], s->fans[i].n, h);
	}
	sha256_feed_i64(h, (int64_t)s->nannots);
	for (size_t i = 0; i < s->nannots; i++) {
		sha256_feed_i64(h, s->annots[i].kind);
		sha256_feed_f64(h, s->annots[i].x);
		sha256_feed_f64(h, s->annots[i].y);
		sha256_feed_str(h, s->annots[i].label);
	}
	sha256_feed_i64(h, (int64_t)s->nevents);
	for (size_t i = 0; i < s->nevents; i++) {
		sha256_feed_i64(h, s->events[i].year);
		sha256_feed_i64(h, s->events[i].month);
		sha256_feed_str(h, s->events[i].label);
	}
}

void
chart_frame_digest(const chart_frame *f, sha256_ctx *h)
{
	sha256_feed_i64(h, f != NULL);
	if (f == NULL)
		return;
	sha256_feed_str(h, f->title);
	sha256_feed_str(h, f->subtitle);
	sha256_feed_str(h, f->source);
	sha256_feed_str(h, f->date);
	sha256_feed_str(h, f->credit);
	sha256_feed_str(h, f->link);
}

void
chart_spec_digest(const chart_spec *s, sha256_ctx *h)
{
	sha256_feed_i64(h, s->type);
	sha256_feed_str(h, s->title);
	sha256_feed_str(h, s->caption);
	sha256_feed_str(h, s->alt);
	axis_digest(&s->x, h);
	axis_digest(&s->y, h);
	sha256_feed_i64(h, (int64_t)s->ncats);
	for (size_t i = 0; i < s->ncats; i++)
		sha256_feed_str(h, s->cats[i]);
	years_digest(s->cat_ref, s->ncats, h); /* flags, fed as the ints they are */
	sha256_feed_i64(h, (int64_t)s->nseries);
	for (size_t i = 0; i < s->nseries; i++)
		series_digest(&s->series[i], h);
	extras_digest(s, h);
	sha256_feed_i64(h, s->stacked);
	sha256_feed_i64(h, s->horizontal);
	sha256_feed_f64(h, s->base);
	sha256_feed_str(h, s->total_label);
	sha256_feed_i64(h, s->width);
	sha256_feed_i64(h, s->height);
	sha256_feed_i64(h, s->dark);
	chart_frame_digest(s->frame, h);
}

/* qsort comparison of two strings. */
static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends "path size mtime" of every file under dir (depth levels of folders) to
 * *list (*n entries). */
static void
list_files(const char *dir, int depth, char ***list, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d != NULL && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char *p = path_join(dir, e->d_name);
		struct stat st;
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode) && depth > 0) {
			list_files(p, depth - 1, list, n);
		} else if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
			buf b;
			buf_init(&b);
			buf_printf(&b, "%s %lld %lld.%09ld", p, (long long)st.st_size,
			    (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
			*list = util_xrealloc(*list, (*n + 1) * sizeof **list);
			(*list)[(*n)++] = buf_detach(&b);
		}
		free(p);
	}
	if (d != NULL)
		closedir(d);
}

/* Feeds the files of every <dir>...</dir> of the fontconfig text conf, sorted. */
static void
font_dirs_digest(const char *conf, sha256_ctx *h)
{
	char **list = NULL;
	size_t n = 0;
	for (const char *s = strstr(conf, "<dir"); s != NULL; s = strstr(s + 1, "<dir")) {
		const char *open = strchr(s, '>'), *close = strstr(s, "</dir>");
		if (open == NULL || close == NULL || close < open || (s[4] != '>' && s[4] != ' '))
			continue;
		char *dir = util_xstrndup(open + 1, (size_t)(close - open - 1));
		list_files(dir, FONT_DIR_DEPTH, &list, &n);
		free(dir);
	}
	qsort(list, n, sizeof *list, cmp_str);
	sha256_feed_i64(h, (int64_t)n);
	for (size_t i = 0; i < n; i++) {
		sha256_feed_str(h, list[i]);
		free(list[i]);
	}
	free(list);
}

/* Stores in out the digest of what chart_fonts_digest feeds, read now. */
static void
fonts_read(const char *conf, uint8_t out[SHA256_LEN])
{
	sha256_ctx h;
	char *data = NULL;
	size_t len = 0;
	sha256_init(&h);
	sha256_feed_str(&h, cairo_version_string());
	sha256_feed_str(&h, pango_version_string());
	sha256_feed_str(&h, hb_version_string());
	sha256_feed_str(&h, conf);
	if (conf != NULL && path_read_file(conf, 1 << 20, &data, &len) == PATH_OK) {
		sha256_feed_mem(&h, data, len);
		font_dirs_digest(data, &h);
	}
	free(data);
	sha256_final(&h, out);
}

void
chart_fonts_digest(sha256_ctx *h)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	static char *memo_conf;         /* the $FONTCONFIG_FILE memo was read for */
	static uint8_t memo[SHA256_LEN]; /* its digest */
	static int have;                 /* 1 once memo is set */
	const char *conf = getenv("FONTCONFIG_FILE");
	pthread_mutex_lock(&lock);
	if (!have || (conf == NULL) != (memo_conf == NULL) ||
	    (conf != NULL && strcmp(conf, memo_conf) != 0)) {
		fonts_read(conf, memo);
		free(memo_conf);
		memo_conf = conf ? util_xstrdup(conf) : NULL;
		have = 1;
	}
	sha256_feed_mem(h, memo, SHA256_LEN);
	pthread_mutex_unlock(&lock);
}
