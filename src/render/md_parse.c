/* md_parse: cmark parses with the checked allocators, so running out of memory
 * unwinds (util/oom.h) instead of cmark's own abort(). */
#include "render/render_int.h"

#include <stdlib.h>

#include "util/oom.h"

/* cmark's calloc: the checked one. */
static void *
md_calloc(size_t n, size_t size)
{
	return util_xcalloc(n, size);
}

/* cmark's realloc: the checked one. */
static void *
md_realloc(void *p, size_t n)
{
	return util_xrealloc(p, n);
}

/* cmark's free. */
static void
md_free(void *p)
{
	free(p);
}

static cmark_mem md_mem = { md_calloc, md_realloc, md_free };

cmark_node *
render_md_parse(const char *text, size_t len, int opts)
{
	cmark_parser *p = cmark_parser_new_with_mem(opts, &md_mem);
	cmark_parser_feed(p, text, len);
	cmark_node *doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	return doc;
}
