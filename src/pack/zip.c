/* zip: a zip archive written in memory with libzip, the same bytes for the same files. */
#include "pack/pack_int.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <zip.h>

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

/* Adds entry e to za as described in pack_zip. Returns 0, or -1 (za's error set). */
static int
add_entry(zip_t *za, const pack_entry *e, zip_uint16_t date)
{
	zip_source_t *s = zip_source_buffer(za, e->data, e->len, 0);
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
write_archive(zip_source_t *src, const pack_entry *e, size_t n, zip_uint16_t date,
    char *why, size_t whyn)
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
		if (add_entry(za, &e[i], date) != 0) {
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

int
pack_zip(const pack_entry *e, size_t n, const char *as_of, buf *out, char *why,
    size_t whyn)
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
	int rc = write_archive(src, e, n, dos_date(as_of), why, whyn);
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
