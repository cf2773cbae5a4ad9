/* render: a report page's Markdown as a libxml2 subtree (directives, metrics, citations). */
#ifndef MKR_RENDER_H
#define MKR_RENDER_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "chart/chart.h"
#include "diag.h"
#include "load/report.h"
#include "model/metrics.h"
#include "util/buf.h"
#include "util/sha256.h"

/* One chart figure of the report, found by render_scan_figures. */
typedef struct render_fig {
	char *id;        /* the chart's id ([a-z0-9-]+, unique across the report) */
	char *title;     /* its title as written (owned), NULL if not a plain string */
	size_t section;  /* index of the section whose page holds it */
	int number;      /* report-wide figure number, 1-based, section then page order */
	diag_pos pos;    /* where its id is defined */
	const struct yt_node *root; /* its directive's YAML as the scan parsed it (owned by
	                               the table), or NULL if it did not parse cleanly */
	int fence;       /* page line of its directive's fence */
} render_fig;

/* The validated chart specs of a build, keyed by chart id: what render hands to the
 * PDF, so the typesetter draws every chart without reading Markdown or YAML again. */
typedef struct render_specs render_specs;

/* Every chart figure of the report, in figure-number order. */
enum {
	RENDER_MAX_CHARTS = 1000, /* chart directives in one report */
};

typedef struct render_figs {
	size_t n;            /* number of figures */
	render_fig *figs;    /* n figures (owned) */
	struct hash_table *ix; /* id -> index in figs (owned) */
	size_t ncharts;      /* chart directives in the report, with an id or not; above
	                        RENDER_MAX_CHARTS the scan reported an error */
	render_specs *specs; /* when rendering for report.pdf (render_ctx.pdf), each chart
	                        drawn on a page leaves here a copy of its validated spec (light
	                        theme, the title moved into the caption) (owned) */
	size_t nsections;    /* entries of parsed */
	struct render_parsed *parsed; /* per section, what the scan parsed of its page and
	                                 chart directives, for its render (owned) */
	diag *names;         /* file names in the kept YAML trees (owned) */
} render_figs;

/* What rendering reads. All pointers are borrowed. */
typedef struct render_ctx {
	const report *rep;  /* the loaded report */
	const metrics *m;   /* every metric: fact.*, finance.*@scenario, *@expected */
	diag *d;            /* where errors go */
	const render_figs *figs; /* figure numbers from render_scan_figures; NULL: numbered
	                            per page and {{ figure ID }} finds only earlier charts */
	int jobs;           /* threads drawing a chart's files (0 = the online cores) */
	int pdf;            /* 1: the site has report.pdf, and every page's footer links to it */
	struct cache *cache; /* the build cache: chart files are reused from it; NULL = none */
	int cache_read;     /* 1: a chart file reused from the cache is read at once; 0: it
	                       is left there (render_file.data NULL) until someone needs it */
	struct render_anchors *anchors; /* where each page's ids and links to #anchors are
	                                   recorded (render/anchors.h); NULL = not checked */
} render_ctx;

/* The first bytes of a file kept in render_file.head (a PNG's size is in its first 24). */
#define RENDER_FILE_HEAD 24

/* A file a page produced besides itself (a chart's SVG, PNG, PDF, CSV, chart page). */
typedef struct render_file {
	char *path;  /* path relative to the site root ("charts/id.svg"), owned */
	char *data;  /* the bytes (owned), or NULL: they are in the build cache under id
	                (render_file_fetch), not read (render_ctx.cache_read 0) */
	size_t len;  /* bytes of the file */
	int has_id;  /* 1: id names the bytes: two files with the same id hold the same */
	uint8_t id[SHA256_LEN]; /* the build cache's key of the bytes (a chart's files) */
	unsigned char head[RENDER_FILE_HEAD]; /* the first min(len, RENDER_FILE_HEAD) bytes */
} render_file;

/* Appends the bytes of f to out: its data, or the build cache's entry under its id.
 * Returns 0, or -1 (out unchanged) if f has neither (the entry is missing or damaged:
 * a damaged one is removed, so a build with cache_read 1 draws the chart again). */
int render_file_fetch(struct cache *c, const render_file *f, buf *out);

/* A heading of the page, for the on-page contents list. */
typedef struct render_heading {
	int level;   /* 1..6 */
	char *id;    /* unique anchor id on the page */
	char *text;  /* plain text of the heading */
} render_heading;

/* A chart figure rendered on a page (for its chart page). */
typedef struct render_chart {
	char *id;       /* chart id; the figure element has id "fig-<id>" (owned) */
	char *title;    /* "Figure N. Title" (owned) */
	char *caption;  /* the caption, for the chart page's description (owned) */
} render_chart;

/* The page's first key-figure card, for its share card. */
typedef struct render_keyfig {
	char *value; /* the formatted value (owned), NULL: the page has no key-figure card */
	char *label; /* its label (owned) */
	char *note;  /* its note (owned), or NULL */
} render_keyfig;

/* A rendered page body. */
typedef struct render_body {
	xmlNodePtr root;            /* <div class="content">, owned by the doc given */
	size_t nheadings;
	render_heading *headings;   /* every heading in order */
	size_t ncites;
	int *cites;                 /* note k (1-based) cites rep->sources[cites[k-1]] */
	size_t nfiles;
	render_file *files;         /* chart files, in page order (owned) */
	size_t ncharts;
	render_chart *charts;       /* the page's chart figures, in order (owned) */
	render_keyfig keyfig;       /* the first key-figure card (value NULL: none) */
	render_specs *specs;        /* the validated spec of each chart figure, by id (light
	                               theme, title moved into the caption; owned), or NULL */
} render_body;

/* Renders section's Markdown into a new <div class="content"> created in doc (not
 * yet linked into it). Returns 0, or -1 after recording errors in c->d at the page's
 * file:line:col (unknown metric, format, directive, source id, bad directive YAML...).
 * On -1, out->root may be NULL. Free out's arrays with render_body_free. */
int render_markdown(const render_ctx *c, size_t section, xmlDocPtr doc, render_body *out);

/* Frees out's headings, cites, files and chart ids (not the nodes, which belong to
 * the doc). */
void render_body_free(render_body *out);

/* Pre-pass over every page: collects the id of each `chart` directive and numbers the
 * figures report-wide (section order, then page order). A second chart with an id
 * already used is an error at its id naming the first's position. Malformed directives
 * are skipped here (rendering reports them). A page that may hold a chart directive is
 * parsed here, and its tree and its charts' YAML are kept in the table, so rendering
 * the page (render_markdown with this table in c->figs) parses neither again. Returns
 * a new table (never NULL) whose specs table is empty until the pages are rendered;
 * free with render_figs_free. */
render_figs *render_scan_figures(const render_ctx *c);

/* Frees f. NULL is a no-op. */
void render_figs_free(render_figs *f);

/* Returns the figure with id in f, or NULL (f may be NULL). */
const render_fig *render_figs_find(const render_figs *f, const char *id);

/* What render_chart_with does with a chart's spec: returns 0, or -1 with a reason in why
 * (n bytes) that is reported at the chart's directive. */
typedef int render_chart_fn(void *arg, const chart_spec *s, char *why, size_t n);

/* Reads chart id's directive (found through c->figs, required) and calls fn with its
 * spec (light theme, the title moved into the caption), valid during the call only.
 * Returns fn's result, or -1 after recording errors in c->d (an unknown id is an error
 * naming it; a bad directive reports its own). */
int render_chart_with(const render_ctx *c, const char *id, render_chart_fn *fn, void *arg);

/* Draws chart id alone (light theme) as each of the n formats fmts[i] into outs[i], on
 * c->jobs threads, for `mkreport chart`: finds its page through c->figs (required), reads
 * and validates its directive once. Returns 0, or -1 after recording errors in c->d (an
 * unknown id is an error naming it). */
int render_chart_files(const render_ctx *c, const char *id, const chart_format *fmts,
    size_t n, buf *outs);

/* Appends text slugified to out: ASCII letters (lowercased) and digits kept, every
 * other run of bytes one '-', none at either end; fallback if nothing is left. */
void render_slugify(const char *text, const char *fallback, buf *out);

/* Appends r's slug: its title slugified, "report" if nothing is left. */
void render_report_slug(const report *r, buf *out);

/* Appends the file name of r's pack for stakeholders: "<report slug>-pack.zip". */
void render_pack_name(const report *r, buf *out);

/* Returns a new empty table of chart specs; free with render_specs_free. */
render_specs *render_specs_new(void);

/* Frees t and every spec in it (pointers from render_specs_find become invalid). NULL
 * is a no-op. */
void render_specs_free(render_specs *t);

/* Adds a deep copy of s under id (copied) to t; t owns every byte of the copy, s may
 * be freed afterwards. An id already in t keeps its first spec. Thread-safe (pages
 * render on threads). */
void render_specs_add(render_specs *t, const char *id, const chart_spec *s);

/* Returns the spec kept under id in t (owned by t, valid until render_specs_free; not
 * while render_specs_add may run on another thread), or
 * NULL (t may be NULL). */
const chart_spec *render_specs_find(const render_specs *t, const char *id);

/* Returns the number of specs in t (0 for NULL). */
size_t render_specs_count(const render_specs *t);

/* Returns how many chart directives this process has read into chart specs so far
 * (every metric looked up, the spec built): rendering a build's pages reads each
 * directive once (the figure pre-scan reads only their ids), typesetting the PDF
 * reads none, and `mkreport chart` (render_chart_with) reads its chart once. */
unsigned long render_chart_reads(void);

#endif
