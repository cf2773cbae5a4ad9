/* chart_keep: the validated chart specs render keeps for the PDF, deep copies in a
 * report-wide table keyed by chart id, so the PDF never reads Markdown or YAML again. */
#include "render/chart_spec.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/hash.h"

/* One kept spec: the chart and every allocation its pointers point into. */
typedef struct kept {
	char *id;      /* the chart id (owned) */
	chart_spec s;  /* the chart; every pointer into owned */
	void **owned;  /* every allocation made for s */
	size_t nowned; /* entries of owned */
	size_t cap;    /* entries allocated */
} kept;

struct render_specs {
	kept **v;           /* the kept specs, in the order added */
	size_t n;           /* entries of v */
	hash_table *ix;     /* chart id (borrowed from v[i]->id) -> i */
	pthread_mutex_t mu; /* guards the table: pages render on threads */
};

/* Remembers p as owned by k and returns it. */
static void *
own(kept *k, void *p)
{
	if (k->nowned == k->cap) {
		k->cap = k->cap ? 2 * k->cap : 16;
		k->owned = util_xrealloc(k->owned, k->cap * sizeof *k->owned);
	}
	k->owned[k->nowned++] = p;
	return p;
}

/* Returns a copy of s owned by k (NULL for NULL). */
static const char *
str(kept *k, const char *s)
{
	return s ? own(k, util_xstrdup(s)) : NULL;
}

/* Returns a copy of the n items of size bytes at p owned by k (NULL for NULL). */
static void *
mem(kept *k, const void *p, size_t n, size_t size)
{
	if (p == NULL)
		return NULL;
	void *q = own(k, util_xcalloc(n ? n : 1, size));
	if (n)
		memcpy(q, p, n * size);
	return q;
}

/* Returns a copy of the n strings at v (entries may be NULL) owned by k. */
static const char *const *
strs(kept *k, const char *const *v, size_t n)
{
	if (v == NULL)
		return NULL;
	const char **q = own(k, util_xcalloc(n ? n : 1, sizeof *q));
	for (size_t i = 0; i < n; i++)
		q[i] = str(k, v[i]);
	return q;
}

/* Copies the axis a's strings into k. */
static void
axis(kept *k, chart_axis *a)
{
	a->label = str(k, a->label);
	a->format = str(k, a->format);
}

/* Makes k->s (a shallow copy of a spec) own everything it points to. */
static void
deepen(kept *k)
{
	chart_spec *s = &k->s;
	s->title = str(k, s->title);
	s->caption = str(k, s->caption);
	s->alt = str(k, s->alt);
	s->total_label = str(k, s->total_label);
	axis(k, &s->x);
	axis(k, &s->y);
	s->cats = strs(k, s->cats, s->ncats);
	s->cat_ref = mem(k, s->cat_ref, s->ncats, sizeof *s->cat_ref);
	chart_series *se = mem(k, s->series, s->nseries, sizeof *se);
	for (size_t i = 0; se != NULL && i < s->nseries; i++) {
		se[i].label = str(k, se[i].label);
		se[i].vals = mem(k, se[i].vals, se[i].n, sizeof *se[i].vals);
		se[i].years = mem(k, se[i].years, se[i].n, sizeof *se[i].years);
		se[i].notes = strs(k, se[i].notes, se[i].n);
	}
	s->series = se;
	chart_fan *f = mem(k, s->fans, s->nfans, sizeof *f);
	for (size_t i = 0; f != NULL && i < s->nfans; i++) {
		f[i].label = str(k, f[i].label);
		f[i].years = mem(k, f[i].years, f[i].n, sizeof *f[i].years);
		for (int p = 0; p < 5; p++)
			f[i].p[p] = mem(k, f[i].p[p], f[i].n, sizeof *f[i].p[p]);
	}
	s->fans = f;
	chart_annot *a = mem(k, s->annots, s->nannots, sizeof *a);
	for (size_t i = 0; a != NULL && i < s->nannots; i++)
		a[i].label = str(k, a[i].label);
	s->annots = a;
	chart_event *e = mem(k, s->events, s->nevents, sizeof *e);
	for (size_t i = 0; e != NULL && i < s->nevents; i++)
		e[i].label = str(k, e[i].label);
	s->events = e;
}

/* Frees k and what it owns. */
static void
kept_free(kept *k)
{
	for (size_t i = 0; i < k->nowned; i++)
		free(k->owned[i]);
	free(k->owned);
	free(k->id);
	free(k);
}

render_specs *
render_specs_new(void)
{
	render_specs *t = util_xcalloc(1, sizeof *t);
	t->ix = hash_new(HASH_BORROW);
	pthread_mutex_init(&t->mu, NULL);
	return t;
}

void
render_specs_free(render_specs *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->n; i++)
		kept_free(t->v[i]);
	free(t->v);
	hash_free(t->ix);
	pthread_mutex_destroy(&t->mu);
	free(t);
}

void
render_specs_add(render_specs *t, const char *id, const chart_spec *s)
{
	kept *k = util_xcalloc(1, sizeof *k); /* the copy is made outside the lock */
	k->id = util_xstrdup(id);
	k->s = *s;
	deepen(k);
	pthread_mutex_lock(&t->mu);
	if (hash_add(t->ix, k->id, t->n, NULL)) {
		if ((t->n & (t->n - 1)) == 0) /* 0, 1, 2, 4...: double */
			t->v = util_xrealloc(t->v, (t->n ? 2 * t->n : 1) * sizeof *t->v);
		t->v[t->n++] = k;
		k = NULL;
	}
	pthread_mutex_unlock(&t->mu);
	if (k != NULL)
		kept_free(k); /* the id was kept already */
}

const chart_spec *
render_specs_find(const render_specs *t, const char *id)
{
	if (t == NULL || id == NULL)
		return NULL;
	size_t i;
	if (!hash_get(t->ix, id, &i)) /* read by the PDF, once the pages are done */
		return NULL;
	return &t->v[i]->s;
}

size_t
render_specs_count(const render_specs *t)
{
	return t ? t->n : 0;
}
