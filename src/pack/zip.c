/* zip: a zip archive written in memory with libzip, the same bytes for the same files. */
#include "pack/pack_int.h"

#include <stdio.h>
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

/* Adds entry idx of old to za as it is stored there (name, method and compressed
 * bytes copied, not inflated or checked), dated date, mode 0644, no extra fields.
 * Returns 0, or -1 (za's error set, or old's entry unreadable). */
static int
copy_entry(zip_t *za, zip_t *old, zip_uint64_t idx, zip_uint16_t date)
{
	zip_stat_t st;
	if (zip_stat_index(old, idx, ZIP_FL_ENC_RAW, &st) != 0 ||
	    (st.valid & ZIP_STAT_NAME) == 0 || (st.valid & ZIP_STAT_COMP_METHOD) == 0)
		return -1;
	int deflated = st.comp_method == ZIP_CM_DEFLATE;
	zip_source_t *s = zip_source_zip(za, old, idx, 0, 0, -1);
	if (s == NULL)
		return -1;
	zip_int64_t i = zip_file_add(za, st.name, s, ZIP_FL_ENC_UTF_8);
	if (i < 0) {
		zip_source_free(s);
		return -1;
	}
	zip_uint64_t u = (zip_uint64_t)i;
	if (zip_set_file_compression(za, u, deflated ? ZIP_CM_DEFLATE : ZIP_CM_STORE,
	    deflated ? 6 : 0) != 0 || zip_file_set_dostime(za, u, 0, date, 0) != 0 ||
	    zip_file_set_external_attributes(za, u, 0, ZIP_OPSYS_UNIX,
	    (zip_uint32_t)(S_IFREG | 0644) << 16) != 0 || strip_extra(za, u) != 0)
		return -1;
	return 0;
}

/* Writes into the empty buffer source src the entries of staged (open) with e added
 * before entry at. Returns 0, or -1 with why. */
static int
write_inserted(zip_source_t *src, zip_t *staged, size_t at, const pack_entry *e,
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
	zip_int64_t n = zip_get_num_entries(staged, 0);
	for (zip_int64_t i = 0; i <= n; i++) {
		if ((size_t)i == at && add_entry(za, NULL, e, date) != 0) {
			snprintf(why, whyn, "cannot add '%s' to the zip: %s", e->name,
			    zip_strerror(za));
			zip_discard(za);
			return -1;
		}
		if (i < n && copy_entry(za, staged, (zip_uint64_t)i, date) != 0) {
			snprintf(why, whyn, "cannot copy entry %lld of the staged zip: %s",
			    (long long)i, zip_strerror(za));
			zip_discard(za);
			return -1;
		}
	}
	if (zip_close(za) != 0) {
		snprintf(why, whyn, "cannot write the zip: %s", zip_strerror(za));
		zip_discard(za);
		return -1;
	}
	return 0;
}

/* Appends the whole of the written buffer source src to out and frees src. Returns
 * rc, or -1 with why if it cannot be read (out unchanged). */
static int
take_source(zip_source_t *src, int rc, buf *out, char *why, size_t whyn)
{
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

int
pack_zip_insert(const buf *staged, size_t at, const pack_entry *e, const char *as_of,
    buf *out, char *why, size_t whyn)
{
	zip_t *old = open_prev(staged->data, staged->len);
	if (old == NULL || (zip_int64_t)at > zip_get_num_entries(old, 0)) {
		if (old != NULL)
			zip_discard(old);
		snprintf(why, whyn, "the staged zip is not a zip of at least %zu entries", at);
		return -1;
	}
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
	zip_error_fini(&err);
	if (src == NULL) {
		zip_discard(old);
		snprintf(why, whyn, "cannot start the zip: out of memory");
		return -1;
	}
	zip_source_keep(src);
	int rc = write_inserted(src, old, at, e, dos_date(as_of), why, whyn);
	zip_discard(old);
	return take_source(src, rc, out, why, whyn);
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
	return take_source(src, rc, out, why, whyn);
}
