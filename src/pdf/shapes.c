/* shapes: the glyphs of words shaped by earlier builds, kept in the build cache so a
 * rebuild of report.pdf shapes only the words it has not seen. */
#include "pdf/pdf.h"
#include "pdf/pdf_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cache.h"

#define SHAPES_MAGIC "mkreport-shapes 2\n"

enum {
	SHAPES_RESAVE = 16 /* stored again once the new words reach 1/16 of those stored */
};

/* A word's glyphs as shaping gave them: stored ones point into pdf_shapes.raw (read
 * with memcpy: they need not be aligned), new ones own their copies. */
typedef struct shape {
	int n;                /* glyphs */
	int used;             /* 1: this build asked for it */
	const void *g;        /* n PangoGlyphInfo */
	const void *clusters; /* n log clusters (int) */
	char *own;            /* for a new word: its key, glyphs and clusters in one block */
} shape;

struct pdf_shapes {
	GHashTable *words; /* key (see word_id; a stored one points into raw) -> shape */
	GHashTable *fonts; /* PangoFont (a reference) -> its description (owned) */
	size_t stored;     /* words read from raw */
	size_t added;      /* words shaped this build that were not stored */
	buf raw;           /* the stored words, parsed on first use, then pointed into */
	int parsed;        /* 1: raw has been parsed into words */
	struct cache *cache;      /* where raw is read from on first use, or NULL */
	uint8_t key[SHA256_LEN];  /* its entry there */
	buf saved;         /* what pdf_shapes_save hands out, made by pdf_shapes_end */
	/* the key prefix of the last analysis asked for, and what it was made from */
	buf prefix;
	PangoFont *last_font;
	int last_level, last_script, last_flags;
	PangoLanguage *last_lang;
};

/* GDestroyNotify of shape. */
static void
shape_free(gpointer p)
{
	shape *s = p;
	free(s->own);
	free(s);
}

/* Keeps in s the word key (n bytes and a NUL, copied) shaped as g. */
static void
add_new(pdf_shapes *s, const char *key, size_t n, const PangoGlyphString *g)
{
	size_t gs = (size_t)g->num_glyphs * sizeof(PangoGlyphInfo);
	size_t cs = (size_t)g->num_glyphs * sizeof(int);
	shape *w = util_xcalloc(1, sizeof *w);
	w->own = util_xmalloc(gs + cs + n + 1);
	PangoGlyphInfo *gi = (PangoGlyphInfo *)(void *)w->own;
	for (int i = 0; i < g->num_glyphs; i++) { /* field by field: no stray bits */
		memset(&gi[i], 0, sizeof gi[i]);
		gi[i].glyph = g->glyphs[i].glyph;
		gi[i].geometry = g->glyphs[i].geometry;
		gi[i].attr.is_cluster_start = g->glyphs[i].attr.is_cluster_start;
		gi[i].attr.is_color = g->glyphs[i].attr.is_color;
	}
	memcpy(w->own + gs, g->log_clusters, cs);
	memcpy(w->own + gs + cs, key, n + 1);
	w->n = g->num_glyphs;
	w->used = 1;
	w->g = w->own;
	w->clusters = w->own + gs;
	g_hash_table_replace(s->words, w->own + gs + cs, w);
	s->added++;
}

/* Reads the stored word at *p (its key length with the NUL, key, glyph count, glyphs,
 * clusters) into s->words, pointing into the bytes. Returns 0, or -1 if malformed. */
static int
load_one(pdf_shapes *s, const char **p, size_t *left)
{
	uint32_t klen;
	int32_t n;
	if (*left < sizeof klen)
		return -1;
	memcpy(&klen, *p, sizeof klen);
	if (klen < 1 || *left - sizeof klen < (size_t)klen + sizeof n)
		return -1;
	const char *key = *p + sizeof klen;
	if (key[klen - 1] != '\0' || memchr(key, 0, klen - 1) != NULL)
		return -1;
	memcpy(&n, key + klen, sizeof n);
	size_t rest = *left - sizeof klen - klen - sizeof n;
	if (n < 0 || rest / (sizeof(PangoGlyphInfo) + sizeof(int)) < (size_t)n)
		return -1;
	shape *w = util_xcalloc(1, sizeof *w);
	w->n = n;
	w->g = key + klen + sizeof n;
	w->clusters = (const char *)w->g + (size_t)n * sizeof(PangoGlyphInfo);
	g_hash_table_replace(s->words, (char *)key, w);
	size_t step = sizeof klen + klen + sizeof n + (size_t)n * (sizeof(PangoGlyphInfo) +
	    sizeof(int));
	*p += step;
	*left -= step;
	return 0;
}

pdf_shapes *
pdf_shapes_new(const void *data, size_t n)
{
	pdf_shapes *s = util_xcalloc(1, sizeof *s);
	s->words = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, shape_free);
	s->fonts = g_hash_table_new_full(g_direct_hash, g_direct_equal, g_object_unref, free);
	buf_init(&s->raw);
	buf_init(&s->saved);
	buf_init(&s->prefix);
	if (data != NULL)
		buf_append(&s->raw, data, n);
	return s;
}

pdf_shapes *
pdf_shapes_from_cache(struct cache *c, const uint8_t key[SHA256_LEN])
{
	pdf_shapes *s = pdf_shapes_new(NULL, 0);
	s->cache = c;
	memcpy(s->key, key, SHA256_LEN);
	cache_keep(c, key); /* kept for a later build even if this one never reads it */
	return s;
}

pdf_shapes *
pdf_shapes_adopt(buf *b)
{
	pdf_shapes *s = pdf_shapes_new(NULL, 0);
	buf_free(&s->raw);
	s->raw = *b;
	buf_init(b);
	return s;
}

/* Parses s->raw into s->words once (on the typesetter's thread, not the caller's). */
static void
parse(pdf_shapes *s)
{
	size_t m = strlen(SHAPES_MAGIC);
	s->parsed = 1;
	if (s->cache != NULL && cache_get(s->cache, s->key, &s->raw) != 0)
		buf_reset(&s->raw);
	if (s->raw.len < m || memcmp(s->raw.data, SHAPES_MAGIC, m) != 0)
		return;
	const char *p = s->raw.data + m;
	size_t left = s->raw.len - m;
	while (left > 0)
		if (load_one(s, &p, &left) != 0) { /* damaged: nothing of it is used */
			g_hash_table_remove_all(s->words);
			return;
		}
	s->stored = g_hash_table_size(s->words);
}

void
pdf_shapes_free(pdf_shapes *s)
{
	if (s == NULL)
		return;
	g_hash_table_unref(s->words);
	g_hash_table_unref(s->fonts);
	buf_free(&s->raw);
	buf_free(&s->saved);
	buf_free(&s->prefix);
	free(s);
}

/* GCompareFunc of two keys (char *). */
static gint
key_cmp(gconstpointer a, gconstpointer b)
{
	return strcmp(a, b);
}

/* Appends to out every word s used, sorted by key. */
static void
serialize(const pdf_shapes *s, buf *out)
{
	GList *keys = g_list_sort(g_hash_table_get_keys(s->words), key_cmp);
	buf_puts(out, SHAPES_MAGIC);
	for (GList *l = keys; l != NULL; l = l->next) {
		const shape *w = g_hash_table_lookup(s->words, l->data);
		if (!w->used)
			continue;
		uint32_t klen = (uint32_t)strlen(l->data) + 1;
		int32_t n = w->n;
		buf_append(out, &klen, sizeof klen);
		buf_append(out, l->data, klen);
		buf_append(out, &n, sizeof n);
		buf_append(out, w->g, (size_t)n * sizeof(PangoGlyphInfo));
		buf_append(out, w->clusters, (size_t)n * sizeof(int));
	}
	g_list_free(keys);
}

/* Returns whether s is worth storing again: it had none, or the words shaped anew
 * reach 1/SHAPES_RESAVE of the stored ones (a few new ones cost less to shape again
 * than the whole store to write). */
static int
worth_saving(const pdf_shapes *s)
{
	return s->added > 0 && (s->stored == 0 || s->added * SHAPES_RESAVE >= s->stored);
}

void
pdf_shapes_end(pdf_shapes *s)
{
	if (s == NULL)
		return;
	g_hash_table_remove_all(s->fonts);
	s->last_font = NULL;
	buf_reset(&s->saved);
	if (worth_saving(s))
		serialize(s, &s->saved);
}

/* Returns the description of font (its family, style, weight, absolute size and
 * variations), made once per font (owned by s). */
static const char *
font_id(pdf_shapes *s, PangoFont *font)
{
	char *id = g_hash_table_lookup(s->fonts, font);
	if (id != NULL)
		return id;
	PangoFontDescription *fd = pango_font_describe_with_absolute_size(font);
	char *d = pango_font_description_to_string(fd);
	id = util_xstrdup(d);
	g_free(d);
	pango_font_description_free(fd);
	g_hash_table_insert(s->fonts, g_object_ref(font), id);
	return id;
}

/* Returns the key of text[0..n) shaped with analysis a and flags: the font, bidi
 * level, script, language and flags, then the text (caller frees). */
static char *
word_id(pdf_shapes *s, const PangoAnalysis *a, int flags, const char *text, size_t n)
{
	if (s->last_font != a->font || s->last_level != (int)a->level ||
	    s->last_script != (int)a->script || s->last_lang != a->language ||
	    s->last_flags != flags) {
		buf_reset(&s->prefix);
		buf_printf(&s->prefix, "%s\x1f%d %d %d %s\x1f", font_id(s, a->font),
		    (int)a->level, (int)a->script, flags,
		    a->language ? pango_language_to_string(a->language) : "");
		s->last_font = a->font; /* s->fonts holds a reference: never a reused address */
		s->last_level = (int)a->level;
		s->last_script = (int)a->script;
		s->last_lang = a->language;
		s->last_flags = flags;
	}
	char *k = util_xmalloc(s->prefix.len + n + 1);
	memcpy(k, s->prefix.data, s->prefix.len);
	memcpy(k + s->prefix.len, text, n);
	k[s->prefix.len + n] = '\0';
	return k;
}

PangoGlyphString *
pdf_shapes_shape(pdf_shapes *s, const PangoAnalysis *a, int flags, const char *text,
    size_t n)
{
	PangoGlyphString *g = pango_glyph_string_new();
	if (s != NULL && !s->parsed)
		parse(s);
	char *key = s != NULL && memchr(text, 0, n) == NULL ? word_id(s, a, flags, text, n) :
	    NULL;
	shape *w = key ? g_hash_table_lookup(s->words, key) : NULL;
	if (w != NULL) {
		pango_glyph_string_set_size(g, w->n);
		memcpy(g->glyphs, w->g, (size_t)w->n * sizeof *g->glyphs);
		memcpy(g->log_clusters, w->clusters, (size_t)w->n * sizeof *g->log_clusters);
		w->used = 1;
	} else {
		pango_shape_with_flags(text, (int)n, text, (int)n, a, g, (PangoShapeFlags)flags);
		if (key != NULL)
			add_new(s, key, strlen(key), g);
	}
	free(key);
	return g;
}

int
pdf_shapes_save(const pdf_shapes *s, buf *out)
{
	if (s == NULL || !worth_saving(s))
		return 0;
	if (s->saved.len > 0)
		buf_append(out, s->saved.data, s->saved.len);
	else
		serialize(s, out);
	return 1;
}

size_t
pdf_shapes_added(const pdf_shapes *s)
{
	return s ? s->added : 0;
}
