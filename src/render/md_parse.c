/* md_parse: cmark parses with the checked allocators, so running out of memory
 * unwinds (util/oom.h) instead of cmark's own abort(), and from a page's arena while one
 * is rendered (util/arena.h). */
#include "render/render_int.h"

#include "util/arena.h"

static cmark_mem md_mem = { util_arena_xcalloc, util_arena_xrealloc, util_arena_xfree };

cmark_node *
render_md_parse(const char *text, size_t len, int opts)
{
	cmark_parser *p = cmark_parser_new_with_mem(opts, &md_mem);
	cmark_parser_feed(p, text, len);
	cmark_node *doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	return doc;
}
