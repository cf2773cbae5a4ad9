/* dom: building the page body's libxml2 nodes (text always as text nodes). */
#include "render/render_int.h"

#include <string.h>

xmlNodePtr
render_el(rnd *r, xmlNodePtr parent, const char *name)
{
	xmlNodePtr n = xmlNewDocNode(r->doc, NULL, BAD_CAST name, NULL);
	if (parent != NULL)
		xmlAddChild(parent, n);
	return n;
}

xmlNodePtr
render_el_class(rnd *r, xmlNodePtr parent, const char *name, const char *cls)
{
	xmlNodePtr n = render_el(r, parent, name);
	if (cls != NULL)
		render_attr(n, "class", cls);
	return n;
}

xmlNodePtr
render_el_text(rnd *r, xmlNodePtr parent, const char *name, const char *cls,
    const char *text)
{
	xmlNodePtr n = render_el_class(r, parent, name, cls);
	if (text != NULL)
		render_add_text(r, n, text, strlen(text));
	return n;
}

/* Returns the length of the UTF-8 sequence at s[0..n) (c = s[0] >= 0x80), or 0 if it
 * is not one (a stray byte, a short or overlong sequence). */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t k = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 :
	    c >= 0xf0 && c <= 0xf4 ? 4 : 0;
	if (k == 0 || n < k)
		return 0;
	for (size_t i = 1; i < k; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] > 0x9f) ||
	    (c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] > 0x8f))
		return 0; /* overlong, a surrogate, above U+10FFFF */
	return k;
}

/* Returns the length of the character at s[0..n) if it may not appear in a page (a C0
 * control other than TAB, LF and CR, DEL, a C1 control, a noncharacter such as U+FFFE:
 * not well-formed XML, or an HTML parse error), 1 for a byte that is not UTF-8, else 0.
 * cmark decodes a character reference such as &#1; into one, and &#xFFFE; into the
 * byte 0xfe. */
static size_t
bad_char(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
		return 1;
	if (c < 0x80)
		return 0;
	size_t k = utf8_len(s, n);
	if (k == 0)
		return 1;
	if ((k == 2 && c == 0xc2 && s[1] <= 0x9f) ||
	    (k == 3 && c == 0xef && s[1] == 0xb7 && s[2] >= 0x90 && s[2] <= 0xaf) ||
	    (k == 3 && c == 0xef && s[1] == 0xbf && s[2] >= 0xbe) ||
	    (k == 4 && (s[1] & 0x0f) == 0x0f && s[2] == 0xbf && s[3] >= 0xbe))
		return k; /* C1; U+FDD0..U+FDEF; U+FFFE, U+FFFF; U+1FFFE ... U+10FFFF */
	return 0;
}

int
render_clean_text(const char *s, size_t n, buf *out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, lit = 0, k;
	int bad = 0;
	while (i < n) {
		if (u[i] >= 0x20 && u[i] < 0x7f) { /* the common case */
			i++;
			continue;
		}
		if ((k = bad_char(u + i, n - i)) == 0) {
			i += u[i] < 0x80 ? 1 : utf8_len(u + i, n - i);
			continue;
		}
		if (!bad)
			buf_init(out);
		bad = 1;
		buf_append(out, s + lit, i - lit);
		buf_puts(out, "\xef\xbf\xbd"); /* U+FFFD */
		i = lit = i + k;
	}
	if (bad)
		buf_append(out, s + lit, n - lit);
	return bad;
}

void
render_add_text(rnd *r, xmlNodePtr parent, const char *s, size_t n)
{
	if (n == 0)
		return;
	buf clean;
	if (render_clean_text(s, n, &clean)) {
		render_add_text(r, parent, clean.data, clean.len);
		buf_free(&clean);
		return;
	}
	/* Linked by hand: xmlAddChild would merge it into a preceding text node, which
	 * rescans that node's whole content and makes long runs of pieces quadratic. */
	xmlNodePtr t = xmlNewDocTextLen(r->doc, BAD_CAST s, (int)n);
	t->parent = parent;
	t->prev = parent->last;
	if (parent->last != NULL)
		parent->last->next = t;
	else
		parent->children = t;
	parent->last = t;
}

void
render_attr(xmlNodePtr node, const char *name, const char *val)
{
	buf clean;
	if (val != NULL && render_clean_text(val, strlen(val), &clean)) {
		xmlNewProp(node, BAD_CAST name, BAD_CAST buf_str(&clean));
		buf_free(&clean);
		return;
	}
	xmlNewProp(node, BAD_CAST name, BAD_CAST val);
}
