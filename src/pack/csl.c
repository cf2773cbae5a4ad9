/* csl: the report's bibliography as CSL JSON (Citation Style Language input). */
#include "pack/pack.h"

#include <stdio.h>
#include <string.h>

#include "export/json.h"

/* Writes "issued": {"date-parts": [[y, m, d]]} from date (YYYY, YYYY-MM or
 * YYYY-MM-DD, as the loader checked); nothing for another form. */
static void
put_issued(json_writer *w, const char *date)
{
	int p[3], used = 0;
	size_t n = strlen(date);
	int k = n == 10 ? sscanf(date, "%4d-%2d-%2d%n", &p[0], &p[1], &p[2], &used) :
	    n == 7 ? sscanf(date, "%4d-%2d%n", &p[0], &p[1], &used) :
	    n == 4 ? sscanf(date, "%4d%n", &p[0], &used) : 0;
	if (k < 1 || (size_t)used != n)
		return;
	json_open(w, "issued", '{');
	json_open(w, "date-parts", '[');
	json_ints(w, NULL, p, (size_t)k);
	json_close(w, ']');
	json_close(w, '}');
}

/* Writes source s as one CSL item. A source the press reported is an
 * article-newspaper whose publisher is the paper (container-title); any other is a
 * document with its publisher. A description (s->described) is the title in brackets,
 * and the note says so. sources.yaml has no access dates: none is written. */
static void
put_item(json_writer *w, const rep_source *s)
{
	int press = s->confidence != NULL && strcmp(s->confidence, "reported-by-press") == 0;
	json_open(w, NULL, '{');
	json_str(w, "id", s->id);
	json_str(w, "type", press ? "article-newspaper" : "document");
	if (s->title != NULL && s->described) {
		buf t; /* a descriptive title in brackets, as APA and Chicago set one */
		buf_init(&t);
		buf_printf(&t, "[%s]", s->title);
		json_str(w, "title", buf_str(&t));
		buf_free(&t);
	} else if (s->title != NULL) {
		json_str(w, "title", s->title);
	}
	if (s->publisher != NULL)
		json_str(w, press ? "container-title" : "publisher", s->publisher);
	if (s->url != NULL)
		json_str(w, "URL", s->url);
	if (s->date != NULL)
		put_issued(w, s->date);
	if (s->confidence != NULL) {
		buf note;
		buf_init(&note);
		buf_printf(&note, "confidence: %s%s", s->confidence, s->described ?
		    "; the title is a description, not the document's own" : "");
		json_str(w, "note", buf_str(&note));
		buf_free(&note);
	}
	json_close(w, '}');
}

void
pack_csl(const report *r, buf *out)
{
	json_writer w;
	json_writer_init(&w, out);
	json_open(&w, NULL, '[');
	for (size_t i = 0; i < r->nsources; i++)
		put_item(&w, &r->sources[i]);
	json_close(&w, ']');
	buf_putc(out, '\n');
}
