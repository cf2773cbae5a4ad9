/* site/record: what a commit keeps of its named files (id and the identity of the file
 * placed), so the next build links them without reading them. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "site/site_int.h"

/* The record's first line, and the most records read from one (a bound on memory). */
#define REC_MAGIC "mkreport-site-record 1\n"
#define REC_MAX 1000000

/* A file placed this close to the swap (ns) is not recorded: the file system's clock
 * ticks coarsely, so a change made just after the swap could keep its time. */
#define REC_RACY_NS 100000000LL

void
site_rec_clear(site_out *o)
{
	hash_free(o->recs);
	o->recs = NULL;
	for (size_t i = 0; i < o->nrec; i++)
		free(o->rec_paths[i]);
	free(o->rec_paths);
	free(o->rec);
	o->rec_paths = NULL;
	o->rec = NULL;
	o->nrec = o->rec_cap = 0;
}

const site_rec *
site_rec_find(const site_out *o, const char *relpath)
{
	size_t i;
	return o->recs != NULL && hash_get(o->recs, relpath, &i) ? &o->rec[i] : NULL;
}

/* Reads 2 * SHA256_LEN hex digits at s into id. Returns 0, or -1. */
static int
unhex(const char *s, uint8_t id[SHA256_LEN])
{
	for (size_t i = 0; i < 2 * SHA256_LEN; i++) {
		char c = s[i];
		int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
		if (v < 0)
			return -1;
		id[i / 2] = (uint8_t)(i % 2 ? (id[i / 2] << 4) | v : v);
	}
	return 0;
}

/* Reads a decimal number and the one space after it at *p (advanced past both) into
 * *v. Returns 0, or -1 if there is none, it is out of range or no space follows. */
static int
num_u(const char **p, unsigned long long *v)
{
	char *e;
	if (**p < '0' || **p > '9')
		return -1;
	errno = 0;
	*v = strtoull(*p, &e, 10);
	if (errno != 0 || *e != ' ')
		return -1;
	*p = e + 1;
	return 0;
}

/* num_u for a number that may be negative. */
static int
num_s(const char **p, long long *v)
{
	char *e;
	if ((**p < '0' || **p > '9') && **p != '-')
		return -1;
	errno = 0;
	*v = strtoll(*p, &e, 10);
	if (errno != 0 || *e != ' ' || e == *p)
		return -1;
	*p = e + 1;
	return 0;
}

/* Parses one record line "HEX DEV INO SIZE MTIME_S MTIME_NS PATH" of len bytes at s
 * into r and *path (owned). Returns 0, or -1 if malformed. */
static int
parse_line(const char *s, size_t len, site_rec *r, char **path)
{
	if (len < 2 * SHA256_LEN + 1 || s[2 * SHA256_LEN] != ' ' || unhex(s, r->id) != 0)
		return -1;
	char *line = util_xstrndup(s + 2 * SHA256_LEN + 1, len - 2 * SHA256_LEN - 1);
	const char *p = line;
	unsigned long long dev, ino, size;
	long long ms, mns;
	int rc = num_u(&p, &dev) == 0 && num_u(&p, &ino) == 0 && num_u(&p, &size) == 0 &&
	    num_s(&p, &ms) == 0 && num_s(&p, &mns) == 0 && site_path_ok(p) ? 0 : -1;
	if (rc == 0) {
		r->ident = (site_ident){ dev, ino, size, ms, mns };
		*path = util_xstrdup(p);
	}
	free(line);
	return rc;
}

void
site_out_use_record(site_out *o, const void *rec, size_t n)
{
	site_rec_clear(o);
	const char *s = rec, *end = s + n;
	size_t m = strlen(REC_MAGIC);
	if (n < m || memcmp(s, REC_MAGIC, m) != 0)
		return;
	o->recs = hash_new(HASH_BORROW);
	for (s += m; s < end && o->nrec < REC_MAX;) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		if (nl == NULL)
			break;
		site_rec r;
		char *path;
		if (parse_line(s, (size_t)(nl - s), &r, &path) == 0) {
			size_t i;
			if (hash_get(o->recs, path, &i)) { /* twice: the later one */
				free(path);
				o->rec[i] = r;
			} else {
				if (o->nrec == o->rec_cap) { /* doubled: linear in the record's length */
					o->rec_cap = o->rec_cap ? 2 * o->rec_cap : 64;
					o->rec = util_xrealloc(o->rec, o->rec_cap * sizeof *o->rec);
					o->rec_paths = util_xrealloc(o->rec_paths,
					    o->rec_cap * sizeof *o->rec_paths);
				}
				o->rec[o->nrec] = r;
				o->rec_paths[o->nrec] = path;
				hash_add(o->recs, path, o->nrec++, NULL);
			}
		}
		s = nl + 1;
	}
}

void
site_out_record(const site_out *o, buf *out)
{
	buf_puts(out, REC_MAGIC);
	/* the latest time a file may have to be recorded, as seconds and nanoseconds
	 * (a file's own time is compared as a pair: any date, no overflow) */
	long long lim = o->swapped_s * 1000000000LL + o->swapped_ns - REC_RACY_NS;
	long long lim_s = lim / 1000000000LL, lim_ns = lim % 1000000000LL;
	for (size_t i = 0; i < o->n; i++) {
		const site_file *f = &o->files[i];
		const site_ident *d = &f->ident;
		if (!f->has_id || !f->known || d->mtime_s > lim_s ||
		    (d->mtime_s == lim_s && d->mtime_ns > lim_ns))
			continue;
		char hex[2 * SHA256_LEN + 1];
		sha256_hex(f->id, hex);
		buf_printf(out, "%s %llu %llu %llu %lld %lld %s\n", hex, d->dev, d->ino, d->size,
		    d->mtime_s, d->mtime_ns, f->path);
	}
}
