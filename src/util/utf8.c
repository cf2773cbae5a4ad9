/* utf8: UTF-8 validation and byte offsets as line:col positions. */
#include "util/utf8.h"

#include <stdio.h>
#include <string.h>

/* Returns the length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len;
	unsigned cp, min;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2; cp = c & 0x1f; min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3; cp = c & 0x0f; min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4; cp = c & 0x07; min = 0x10000;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

int
utf8_check(const char *s, size_t len, size_t *bad)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		size_t k = utf8_seq(u + i, len - i);
		if (k == 0) {
			*bad = i;
			return -1;
		}
		i += k;
	}
	return 0;
}

/* Returns 1 if code point cp may appear in source text: not a control character other
 * than TAB and LF (C0, DEL and the C1 block; CR is judged by the caller), not a
 * noncharacter (U+FDD0..U+FDEF, and the last two code points of every plane). */
static int
utf8_cp_allowed(unsigned long cp)
{
	if (cp < 0x20)
		return cp == '\t' || cp == '\n';
	if (cp >= 0x7f && cp <= 0x9f)
		return 0;
	if (cp >= 0xfdd0 && cp <= 0xfdef)
		return 0;
	return (cp & 0xfffe) != 0xfffe;
}

/* Returns the code point of the valid sequence s[0..k). */
static unsigned long
utf8_decode(const unsigned char *s, size_t k)
{
	static const unsigned char lead[] = { 0, 0x7f, 0x1f, 0x0f, 0x07 };
	unsigned long cp = s[0] & lead[k];
	for (size_t i = 1; i < k; i++)
		cp = (cp << 6) | (s[i] & 0x3f);
	return cp;
}

/* Returns the length of the numeric character reference at s[0..n) (CommonMark's:
 * "&#" 1-7 digits ";" or "&#x" 1-6 hex digits ";") and stores its code point in *cp,
 * or returns 0 if there is none. */
static size_t
utf8_ref(const char *s, size_t n, unsigned long *cp)
{
	size_t i = 2, max = 7;
	int hex = n > 2 && (s[2] == 'x' || s[2] == 'X');
	if (n < 4 || s[0] != '&' || s[1] != '#')
		return 0;
	if (hex) {
		i = 3;
		max = 6;
	}
	size_t first = i;
	unsigned long v = 0;
	for (; i < n && i - first < max; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' : !hex ? -1 : c >= 'a' && c <= 'f' ?
		    c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			break;
		v = v * (hex ? 16 : 10) + (unsigned long)d;
	}
	if (i == first || i >= n || s[i] != ';')
		return 0;
	*cp = v;
	return i + 1;
}

/* Returns 1 if the numeric character reference at s[0..n) names a code point that
 * source text must not hold (cmark turns U+0000, surrogates and code points above
 * U+10FFFF into U+FFFD itself), filling *f at offset off. */
static int
utf8_bad_ref(const char *s, size_t n, size_t off, utf8_fault *f)
{
	unsigned long cp;
	size_t k = utf8_ref(s, n, &cp);
	if (k == 0 || cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ||
	    utf8_cp_allowed(cp))
		return 0;
	f->off = off;
	f->len = k;
	f->cp = (long)cp;
	f->ref = 1;
	return 1;
}

int
utf8_text_next(const char *s, size_t len, size_t from, utf8_fault *f)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = from; i < len;) {
		unsigned char b = u[i];
		if (b == '&' && utf8_bad_ref(s + i, len - i, i, f))
			return 1;
		if (b >= 0x20 && b < 0x7f) { /* the common case first */
			i++;
			continue;
		}
		size_t k = utf8_seq(u + i, len - i);
		long cp = k ? (long)utf8_decode(u + i, k) : -1;
		int ok = k != 0 && (utf8_cp_allowed((unsigned long)cp) ||
		    (cp == '\r' && i + 1 < len && u[i + 1] == '\n'));
		if (!ok) {
			f->off = i;
			f->len = k ? k : 1;
			f->cp = cp;
			f->ref = 0;
			return 1;
		}
		i += k;
	}
	return 0;
}

int
utf8_text_check(const char *s, size_t len, utf8_fault *f)
{
	return utf8_text_next(s, len, 0, f) ? -1 : 0;
}

void
utf8_fault_message(const char *s, const utf8_fault *f, char *msg, size_t size)
{
	unsigned long cp = (unsigned long)f->cp;
	int n = 0;
	if (f->cp < 0)
		n = snprintf(msg, size, "invalid UTF-8 (byte 0x%02x)", (unsigned char)s[f->off]);
	else if (cp == '\r' && !f->ref)
		n = snprintf(msg, size, "carriage return (U+000D) not followed by a line feed");
	else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
		n = snprintf(msg, size, "control character U+%04lX is not allowed", cp);
	else
		n = snprintf(msg, size, "noncharacter U+%04lX is not allowed", cp);
	if (f->ref && n > 0 && (size_t)n < size)
		snprintf(msg + n, size - (size_t)n, " (the character reference %.*s)",
		    (int)f->len, s + f->off);
}

size_t
utf8_bom(const char *s, size_t len)
{
	return len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

void
utf8_pos_advance(const char *s, size_t from, size_t to, int *line, int *col)
{
	for (size_t i = from; i < to; i++) {
		unsigned char b = (unsigned char)s[i];
		if (b == '\n') {
			++*line;
			*col = 1;
		} else if ((b & 0xc0) != 0x80) {
			++*col;
		}
	}
}
