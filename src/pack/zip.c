/* zip: a zip archive written in memory with libzip, the same bytes for the same files. */
#include "pack/pack.h"
#include "pack/pack_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <zip.h>
#include <zlib.h>

/* Returns the MS-DOS date of as_of (YYYY-MM-DD), or 1980-01-01's if as_of is not of
 * that form or outside 1980..2107. */
static zip_uint16_t
dos_date(const char *as_of)
{
	int y, m, d, used = 0;
	if (as_of == NULL || strlen(as_of) != 10 ||
	    sscanf(as_of, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || used != 10 ||
	    y < 1980 || y > 2107 || m < 1 || m > 12 || d < 1 || d > 31)
		return (zip_uint16_t)((1 << 5) | 1);
	return (zip_uint16_t)(((y - 1980) << 9) | (m << 5) | d);
}

/* Removes every extra field libzip would write for entry i (central and local). */
static int
strip_extra(zip_t *za, zip_uint64_t i)
{
	zip_flags_t where = ZIP_FL_CENTRAL | ZIP_FL_LOCAL;
	return zip_file_extra_field_delete(za, i, ZIP_EXTRA_FIELD_ALL, where);
}

/* Returns 1 if entry idx of the earlier archive old holds exactly e's bytes stored the
 * way e would be (deflated or stored), else 0. Reads the entry back to compare. */
static int
same_entry(zip_t *old, zip_uint64_t idx, const pack_entry *e)
{
	zip_stat_t st;
	zip_uint16_t method = e->deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE;
	if (zip_stat_index(old, idx, 0, &st) != 0 || (st.valid & ZIP_STAT_SIZE) == 0 ||
	    (st.valid & ZIP_STAT_CRC) == 0 || (st.valid & ZIP_STAT_COMP_METHOD) == 0 ||
	    st.size != e->len || st.comp_method != method)
		return 0;
	uLong crc = crc32(0L, Z_NULL, 0);
	const unsigned char *p = e->data;
	for (size_t done = 0; done < e->len; ) {
		size_t step = e->len - done > (1u << 30) ? (1u << 30) : e->len - done;
		crc = crc32(crc, p + done, (uInt)step);
		done += step;
	}
	if (crc != st.crc)
		return 0;
	zip_file_t *f = zip_fopen_index(old, idx, 0);
	if (f == NULL)
		return 0;
	char chunk[1 << 16];
	size_t at = 0;
	int same = 1;
	zip_int64_t got;
	while (same && (got = zip_fread(f, chunk, sizeof chunk)) > 0) {
		if ((size_t)got > e->len - at || memcmp(chunk, p + at, (size_t)got) != 0)
			same = 0;
		at += (size_t)got;
	}
	zip_fclose(f);
	return same && at == e->len;
}

/* Returns a source for e: the compressed bytes of the entry of the same name in old
 * when it holds the same bytes (no deflating again), else e's bytes. NULL on error. */
static zip_source_t *
entry_source(zip_t *za, zip_t *old, const pack_entry *e)
{
	zip_int64_t idx = old != NULL ? zip_name_locate(old, e->name, 0) : -1;
	if (idx >= 0 && same_entry(old, (zip_uint64_t)idx, e))
		return zip_source_zip(za, old, (zip_uint64_t)idx, 0, 0, -1);
	return zip_source_buffer(za, e->data, e->len, 0);
}

/* Adds entry e to za as described in pack_zip (old: the earlier archive or NULL).
 * Returns 0, or -1 (za's error set). */
static int
add_entry(zip_t *za, zip_t *old, const pack_entry *e, zip_uint16_t date)
{
	zip_source_t *s = entry_source(za, old, e);
	if (s == NULL)
		return -1;
	zip_int64_t i = zip_file_add(za, e->name, s, ZIP_FL_ENC_UTF_8);
	if (i < 0) {
		zip_source_free(s);
		return -1;
	}
	zip_uint64_t u = (zip_uint64_t)i;
	if (zip_set_file_compression(za, u, e->deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE,
	    e->deflate ? 6 : 0) != 0 || zip_file_set_dostime(za, u, 0, date, 0) != 0 ||
	    zip_file_set_external_attributes(za, u, 0, ZIP_OPSYS_UNIX,
	    (zip_uint32_t)(S_IFREG | 0644) << 16) != 0 || strip_extra(za, u) != 0)
		return -1;
	return 0;
}

/* Opens the n bytes at data (an earlier archive) read-only, or returns NULL if data
 * is NULL or not a zip (then every entry is compressed afresh). */
static zip_t *
open_prev(const void *data, size_t n)
{
	if (data == NULL || n == 0)
		return NULL;
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(data, n, 0, &err);
	zip_t *za = src != NULL ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err) : NULL;
	if (za == NULL && src != NULL)
		zip_source_free(src);
	zip_error_fini(&err);
	return za;
}

/* Appends the whole of the (closed) buffer source src to out. Returns 0 or -1. */
static int
read_source(zip_source_t *src, buf *out)
{
	if (zip_source_open(src) != 0)
		return -1;
	char chunk[1 << 16];
	zip_int64_t got;
	while ((got = zip_source_read(src, chunk, sizeof chunk)) > 0)
		buf_append(out, chunk, (size_t)got);
	zip_source_close(src);
	return got < 0 ? -1 : 0;
}

/* Writes the entries into the empty buffer source src. Returns 0, or -1 with why. */
static int
write_archive(zip_source_t *src, zip_t *old, const pack_entry *e, size_t n,
    zip_uint16_t date, char *why, size_t whyn)
{
	zip_error_t err;
	zip_error_init(&err);
	zip_t *za = zip_open_from_source(src, ZIP_CREATE | ZIP_TRUNCATE, &err);
	if (za == NULL) {
		snprintf(why, whyn, "cannot start the zip: %s", zip_error_strerror(&err));
		zip_error_fini(&err);
		return -1;
	}
	zip_error_fini(&err);
	for (size_t i = 0; i < n; i++)
		if (add_entry(za, old, &e[i], date) != 0) {
			snprintf(why, whyn, "cannot add '%s' to the zip: %s", e[i].name,
			    zip_strerror(za));
			zip_discard(za);
			return -1;
		}
	if (zip_close(za) != 0) {
		snprintf(why, whyn, "cannot write the zip: %s", zip_strerror(za));
		zip_discard(za);
		return -1;
	}
	return 0;
}

/* Little-endian 16- and 32-bit numbers at p, and stored at p. */
static unsigned long
get_le(const unsigned char *p, int bytes)
{
	unsigned long v = 0;
	for (int i = bytes - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static void
put_le(unsigned char *p, unsigned long v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

enum {
	EOCD_LEN = 22,   /* end of central directory record, without a comment */
	CDH_LEN = 46,    /* central directory header, without name, extra and comment */
	CDH_OFFSET = 42  /* where a central header holds its local header's offset */
};

/* A zip as pack_zip writes it (one disk, no comment, no zip64), read for splicing:
 * its central directory and each entry's central header and local offset. */
typedef struct zip_map {
	const unsigned char *p; /* the bytes */
	size_t cd, cdlen, n;    /* central directory: offset, bytes, entries */
	size_t *hdr;            /* offset of each central header, then cd + cdlen (owned) */
} zip_map;

/* Maps the len bytes at p into m (free m->hdr). Returns 0, or -1 if they are not a zip
 * of that plain form whose local headers come in order. */
static int
zip_map_of(const void *p, size_t len, zip_map *m)
{
	const unsigned char *b = p;
	m->p = b;
	m->hdr = NULL; /* splice frees it whatever the outcome */
	if (len < EOCD_LEN)
		return -1;
	const unsigned char *e = b + len - EOCD_LEN;
	m->n = get_le(e + 10, 2);
	m->cdlen = get_le(e + 12, 4);
	m->cd = get_le(e + 16, 4);
	if (get_le(e, 4) != 0x06054b50UL || get_le(e + 20, 2) != 0 || get_le(e + 4, 4) != 0 ||
	    get_le(e + 8, 2) != m->n || m->n >= 0xffff || m->cd > len - EOCD_LEN ||
	    m->cdlen != len - EOCD_LEN - m->cd || m->cd >= 0xffffffffUL)
		return -1;
	size_t at = m->cd, last = 0;
	m->hdr = util_xcalloc(m->n + 1, sizeof *m->hdr);
	for (size_t i = 0; i < m->n; i++) {
		if (at > len - EOCD_LEN || len - EOCD_LEN - at < CDH_LEN ||
		    get_le(b + at, 4) != 0x02014b50UL)
			return -1;
		size_t off = get_le(b + at + CDH_OFFSET, 4);
		if ((i == 0 && off != 0) || (i > 0 && off <= last) || off >= m->cd)
			return -1;
		last = off;
		m->hdr[i] = at;
		at += CDH_LEN + get_le(b + at + 28, 2) + get_le(b + at + 30, 2) +
		    get_le(b + at + 32, 2);
	}
	if (at != m->cd + m->cdlen)
		return -1;
	m->hdr[m->n] = at;
	return 0;
}

/* Returns the local header offset of entry i of m, or the central directory's for
 * i == m->n. */
static size_t
local_at(const zip_map *m, size_t i)
{
	return i < m->n ? get_le(m->p + m->hdr[i] + CDH_OFFSET, 4) : m->cd;
}

/* Appends the central headers of entries [i, j) of m to out, each with its local
 * offset moved by shift. */
static void
put_headers(buf *out, const zip_map *m, size_t i, size_t j, size_t shift)
{
	size_t at = out->len;
	buf_append(out, m->p + m->hdr[i], m->hdr[j] - m->hdr[i]);
	for (size_t k = i; k < j && shift != 0; k++) {
		unsigned char *h = (unsigned char *)out->data + at + (m->hdr[k] - m->hdr[i]);
		put_le(h + CDH_OFFSET, get_le(h + CDH_OFFSET, 4) + shift, 4);
	}
}

/* Sets *v (owned, *nv pieces) to the zip base with the entries of each zip add[j] (all
 * of them, in order) put before base's entry at[j] (at non-decreasing; base's count:
 * at the end): the local records in order, pieces of base and add (borrowed), then
 * the central headers with their offsets moved and the end record counted again,
 * appended to cd (its piece last). Returns 0, or -1 (nothing set) if a zip is not of
 * pack_zip's plain form, an at is out of order, or the result would need zip64. */
static int
merge(const buf *base, const buf *const *add, const size_t *at, size_t nadd,
    struct iovec **v, size_t *nv, buf *cd)
{
	zip_map mb;
	memset(&mb, 0, sizeof mb); /* read below even when base is not a zip */
	zip_map *ma = util_xcalloc(nadd + 1, sizeof *ma);
	int ok = zip_map_of(base->data, base->len, &mb) == 0;
	unsigned long long n = ok ? mb.n : 0, len = base->len;
	for (size_t j = 0; j < nadd; j++) {
		if (zip_map_of(add[j]->data, add[j]->len, &ma[j]) != 0 || at[j] > mb.n ||
		    (j > 0 && at[j] < at[j - 1]))
			ok = 0;
		n += ma[j].n;
		len += add[j]->len;
	}
	int rc = -1;
	if (ok && n < 0xffff && len < 0xffffffffULL) {
		struct iovec *p = util_xcalloc(2 * nadd + 3, sizeof *p);
		size_t np = 0, i = 0, off = 0, cdlen = mb.cdlen, start = cd->len;
		size_t *where = util_xcalloc(nadd + 1, sizeof *where); /* add[j]'s offset */
		for (size_t j = 0; j < nadd; j++) {
			size_t from = local_at(&mb, i), to = local_at(&mb, at[j]);
			p[np++] = (struct iovec){ (void *)(mb.p + from), to - from };
			off += to - from;
			where[j] = off;
			p[np++] = (struct iovec){ (void *)ma[j].p, ma[j].cd };
			off += ma[j].cd;
			cdlen += ma[j].cdlen;
			i = at[j];
		}
		p[np++] = (struct iovec){ (void *)(mb.p + local_at(&mb, i)), mb.cd - local_at(&mb, i) };
		off += mb.cd - local_at(&mb, i);
		size_t shift = 0;
		i = 0;
		for (size_t j = 0; j < nadd; j++) {
			put_headers(cd, &mb, i, at[j], shift);
			put_headers(cd, &ma[j], 0, ma[j].n, where[j]);
			shift += ma[j].cd;
			i = at[j];
		}
		put_headers(cd, &mb, i, mb.n, shift);
		unsigned char eocd[EOCD_LEN];
		memcpy(eocd, mb.p + mb.cd + mb.cdlen, EOCD_LEN);
		put_le(eocd + 8, (unsigned long)n, 2);
		put_le(eocd + 10, (unsigned long)n, 2);
		put_le(eocd + 12, cdlen, 4);
		put_le(eocd + 16, off, 4);
		buf_append(cd, eocd, EOCD_LEN);
		p[np++] = (struct iovec){ cd->data + start, cd->len - start };
		free(where);
		*v = p;
		*nv = np;
		rc = 0;
	}
	free(mb.hdr);
	for (size_t j = 0; j < nadd; j++)
		free(ma[j].hdr);
	free(ma);
	return rc;
}

size_t
pack_zip_count(const buf *z)
{
	zip_map m;
	size_t n = z->data != NULL && zip_map_of(z->data, z->len, &m) == 0 ? m.n : 0;
	if (z->data != NULL)
		free(m.hdr);
	return n;
}

int
pack_zip_merge_pieces(const buf *base, const buf *const *add, const size_t *at, size_t nadd,
    struct iovec **v, size_t *nv, buf *cd, char *why, size_t whyn)
{
	if (merge(base, add, at, nadd, v, nv, cd) == 0)
		return 0;
	snprintf(why, whyn, "the staged zip is not a plain zip of at least %zu entries",
	    nadd > 0 ? at[nadd - 1] : 0);
	return -1;
}

void
pack_pieces_join(const struct iovec *v, size_t nv, buf *out)
{
	size_t len = out->len;
	for (size_t i = 0; i < nv; i++)
		len += v[i].iov_len;
	if (out->cap < len + 1) { /* one block, not grown piece by piece */
		out->data = util_xrealloc(out->data, len + 1);
		out->cap = len + 1;
	}
	for (size_t i = 0; i < nv; i++)
		buf_append(out, v[i].iov_base, v[i].iov_len);
}

int
pack_zip_merge(const buf *base, const buf *const *add, const size_t *at, size_t nadd,
    buf *out, char *why, size_t whyn)
{
	struct iovec *v;
	size_t nv;
	buf cd;
	buf_init(&cd);
	int rc = pack_zip_merge_pieces(base, add, at, nadd, &v, &nv, &cd, why, whyn);
	if (rc == 0) {
		pack_pieces_join(v, nv, out);
		free(v);
	}
	buf_free(&cd);
	return rc;
}

int
pack_zip_insert(const buf *staged, size_t at, const pack_entry *e, const char *as_of,
    buf *out, char *why, size_t whyn)
{
	buf one;
	buf_init(&one);
	int rc = pack_zip(e, 1, as_of, NULL, &one, why, whyn);
	const buf *add = &one;
	if (rc == 0)
		rc = pack_zip_merge(staged, &add, &at, 1, out, why, whyn);
	buf_free(&one);
	return rc;
}

int
pack_zip(const pack_entry *e, size_t n, const char *as_of, const buf *prev, buf *out,
    char *why, size_t whyn)
{
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
	zip_error_fini(&err);
	if (src == NULL) {
		snprintf(why, whyn, "cannot start the zip: out of memory");
		return -1;
	}
	zip_source_keep(src); /* zip_close would free it; we read it afterwards */
	zip_t *old = prev != NULL ? open_prev(prev->data, prev->len) : NULL;
	int rc = write_archive(src, old, e, n, dos_date(as_of), why, whyn);
	if (old != NULL)
		zip_discard(old);
	size_t len = out->len;
	if (rc == 0 && read_source(src, out) != 0) {
		out->len = len;
		if (out->data != NULL)
			out->data[len] = '\0';
		snprintf(why, whyn, "cannot read the zip back from memory");
		rc = -1;
	}
	zip_source_free(src);
	return rc;
}
