/* report: the types of a loaded report (sections, parts, sources, scenarios) and
 * look-ups in it; load_report (load.h) makes one. */
#ifndef MKR_REPORT_H
#define MKR_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "model/competition.h"
#include "model/dependency.h"
#include "model/finance.h"
#include "model/metrics.h"
#include "model/risk.h"
#include "model/params.h"

/* One section (page) of the report, in report.yaml order; section 0 is the index. */
typedef struct rep_section {
	char *slug;        /* [a-z0-9-]+, unique; the page is slug.html ("index" for the first) */
	char *title;       /* title shown in navigation and <title> */
	char *description; /* one-sentence summary for <meta name="description"> */
	char *file;        /* Markdown path relative to the content folder */
	char *display;     /* the page path as shown in diagnostics (content/pages/x.md) */
	char *text;        /* the page's Markdown, valid UTF-8, NUL-terminated */
	size_t len;        /* bytes of text */
	diag_pos pos;      /* where the section is declared in report.yaml */
	size_t part;       /* index of its part in report.parts (0 when the report has none) */
} rep_section;

/* A part of the report: a run of consecutive sections under one title (report.yaml's
 * parts:). */
typedef struct rep_part {
	char *title;       /* shown in the navigation and on the contents page */
	size_t first;      /* index of its first section */
	size_t n;          /* number of its sections, at least 1 */
	diag_pos pos;      /* where the part is declared in report.yaml */
} rep_part;

/* One bibliography entry from data/sources.yaml, in file order. */
typedef struct rep_source {
	char *id;          /* key used in [@id] and source: fields */
	char *publisher;   /* who published it */
	char *title;       /* the document's own title, or our description of it (described) */
	char *date;        /* YYYY-MM-DD or YYYY-MM or YYYY */
	char *url;         /* http(s) URL, NULL if none */
	char *confidence;  /* confirmed | reported-by-press | statement | derived */
	diag_pos pos;      /* where it is defined */
	int described;     /* 1: title holds sources.yaml's description: (its exact title is
	                    * unknown), shown in brackets, never quoted or italic */
} rep_source;

/* One scenario, in data/scenarios.yaml order, with its inputs resolved. */
typedef struct rep_scenario {
	char *name;        /* id used in metric names: finance.npv@NAME */
	char *title;       /* human title */
	char *description; /* one or two sentences */
	char *extends;     /* parent scenario name, NULL for base */
	double probability;/* weight in the expectation; NaN for a counterfactual */
	int counterfactual;/* 1: shown for comparison, not weighted */
	fin_params fin;    /* resolved financial inputs */
	dep_params *dep;   /* resolved dependency inputs (owned); NULL without dependency.yaml */
	comp_params *comp; /* resolved competition inputs (owned); NULL without competition.yaml */
	diag_pos pos;      /* where the scenario is defined */
} rep_scenario;

/* One dated event of data/evidence.yaml with its likelihood under each scenario. */
typedef struct rep_evidence {
	char *id;          /* [a-z0-9_]+, unique: metrics evidence.<id>.*@<scenario> */
	char *date;        /* YYYY-MM-DD or YYYY-MM, not after as_of; the file lists them in order */
	char *event;       /* what happened, one line */
	char *source;      /* the source id (data/sources.yaml) reporting it */
	double *likelihood;/* per scenario, in r->scenarios order: P(event | scenario) in (0, 1];
	                      NaN for a counterfactual (owned) */
	diag_pos pos;      /* where the event is defined (its id) */
	diag_pos date_pos; /* where its date is */
} rep_evidence;

/* A whole loaded report. Every string is owned by the report. */
typedef struct report {
	char *content_dir;  /* the content folder as given (-C) */
	char *title;        /* report title */
	char *subtitle;     /* may be NULL */
	char *author;       /* may be NULL */
	char *edition;      /* e.g. "First edition"; may be NULL */
	char **keywords;    /* the PDF's Keywords, in order (owned); NULL if nkeywords is 0 */
	size_t nkeywords;   /* entries of keywords */
	char *description;  /* summary for the index page's meta description */
	char *as_of;        /* YYYY-MM-DD: the report's date, used for every date in output */
	char *lang;         /* BCP 47 language tag, default "en" */
	char *base_url;     /* absolute http(s) URL ending in '/' (sitemap.xml, og:url, og:image,
	                       canonical), or NULL: the site has none of them */
	int raw_html;       /* 1 if report.yaml allows raw HTML in pages */
	size_t nsections;
	rep_section *sections;
	size_t nparts;      /* 0: the sections are not grouped into parts */
	rep_part *parts;    /* in order; together they cover every section once */
	size_t nsources;
	rep_source *sources;
	size_t nscenarios;
	rep_scenario *scenarios;
	size_t nevidence;   /* entries of evidence; 0 without data/evidence.yaml */
	rep_evidence *evidence; /* data/evidence.yaml's events in file (date) order */
	metrics *facts;     /* fact.* metrics from data/facts.yaml (owned) */
	risk_register *risks; /* data/risks.yaml (owned); NULL without that file */
	size_t ninputs;
	char **inputs;      /* every file read, as paths usable by make, in read order */
	model_uparam *uncertain; /* base inputs with low/high or dist:, in file order (owned) */
	size_t nuncertain;  /* entries of uncertain */
	size_t mc_draws;    /* Monte Carlo draws (data/uncertainty.yaml; default 10000) */
	uint64_t mc_seed;   /* Monte Carlo seed (data/uncertainty.yaml; default 1) */
	struct hash_table *section_ix; /* slug -> index in sections (owned), see report_index */
	struct hash_table *source_ix;  /* id -> index in sources (owned), see report_index */
} report;

/* Frees r. NULL is a no-op. */
void report_free(report *r);

/* Indexes r's sections by slug and sources by id (again, if already indexed), so that
 * report_section_index and report_source_index take O(1). load_report calls it; a
 * report made by hand without it is searched linearly. The first of equal keys wins. */
void report_index(report *r);

/* Returns the index of the source with id, or -1. */
int report_source_index(const report *r, const char *id);

/* Returns the index of the section with slug, or -1. */
int report_section_index(const report *r, const char *slug);

/* Returns the index of the scenario named name, or -1. */
int report_scenario_index(const report *r, const char *name);

#endif
