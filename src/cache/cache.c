/* cache: the build cache: outputs stored under the digest of the inputs they were made
 * from, reused when a later build asks for the same key. */
#define _GNU_SOURCE /* dl_iterate_phdr */
#include "cache/cache.h"

#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "util/path.h"

/* An entry file: the magic, the key (the SHA-256 of the output's inputs, also the file's
 * name in hex), the payload's length (8 bytes, least significant first), its CRC-32
 * (4 bytes, the same order), then the payload. The CRC finds damage (truncation, a
 * flipped bit, a half-written file) at 3 GB/s where SHA-256 ran at 0.1 GB/s. */
#define ENTRY_MAGIC "MKRC1\n" /* first bytes of every entry file */
enum {
	MAGIC_LEN = 6,
	CHECK_LEN = 4,
	HEADER_LEN = MAGIC_LEN + SHA256_LEN + 8 + CHECK_LEN, /* magic, key, length, CRC */
	HEX_LEN = 2 * SHA256_LEN,
};
#define ENTRY_LIMIT ((size_t)1 << 31) /* largest entry read back */
#define TMP_PREFIX ".mkreport-cache-tmp-" /* names of entries being written */
/* The Cache Directory Tagging Specification's file: backup tools skip the folder. */
#define TAG_NAME "CACHEDIR.TAG"
#define TAG_TEXT "Signature: 8a477f597d28d172789f06886806bc55\n" \
	"# This file is a cache directory tag created by mkreport (its build cache).\n"

struct cache {
	char *dir;                    /* the folder (owned) */
	uint8_t tool[SHA256_LEN];     /* the running tool's identity */
	char (*used)[HEX_LEN + 1];    /* names of the entries this build used */
	size_t nused, capused;        /* entries of used, capacity */
	cache_stats st;               /* counts */
	pthread_mutex_t mu;           /* guards used and st: pages render on threads */
	unsigned long seq;            /* temporary files made so far (under mu) */
	char **computed;              /* names given to cache_computed (owned, under mu) */
	size_t ncomputed;             /* entries of computed */
};

/* Creates dir and its missing parents. Returns 0, or -1 with errno. */
static int
make_dirs(const char *dir)
{
	char *p = util_xstrdup(dir);
	int rc = 0;
	for (char *s = p + 1; *s && rc == 0; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (rc == 0 && mkdir(p, 0777) != 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

/* Where build_id_note feeds the program's build id. */
typedef struct id_search {
	sha256_ctx *h; /* the digest being made */
	int found;     /* set to 1 once the note was fed */
} id_search;

/* dl_iterate_phdr callback for the first object (the program itself): feeds its
 * NT_GNU_BUILD_ID note to arg's digest if it has one. Returns 1 (stop) always. */
static int
build_id_note(struct dl_phdr_info *info, size_t size, void *arg)
{
	id_search *s = arg;
	(void)size;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type != PT_NOTE)
			continue;
		const char *p = (const char *)(info->dlpi_addr + ph->p_vaddr);
		const char *end = p + ph->p_memsz;
		while (p + sizeof(ElfW(Nhdr)) <= end) {
			const ElfW(Nhdr) *n = (const ElfW(Nhdr) *)p;
			const char *name = p + sizeof *n;
			const char *desc = name + ((n->n_namesz + 3) & ~3u);
			if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 &&
			    memcmp(name, "GNU", 4) == 0 && desc + n->n_descsz <= end) {
				sha256_feed_mem(s->h, desc, n->n_descsz);
				s->found = 1;
				return 1;
			}
			p = desc + ((n->n_descsz + 3) & ~3u);
		}
	}
	return 1;
}

/* Stores the running tool's identity in out: its build id, else its binary's bytes. */
static void
tool_identity(uint8_t out[SHA256_LEN])
{
	sha256_ctx h;
	sha256_init(&h);
	sha256_feed_str(&h, "mkreport cache 1");
	id_search s = { &h, 0 };
	dl_iterate_phdr(build_id_note, &s);
	if (!s.found)
		cache_key_file(&h, "/proc/self/exe");
	sha256_final(&h, out);
}

/* Writes dir's CACHEDIR.TAG if it has none (a failure only loses the tag). */
static void
write_tag(const char *dir)
{
	char *path = path_join(dir, TAG_NAME);
	if (!path_is_file(path)) {
		FILE *f = fopen(path, "w");
		if (f != NULL) {
			fputs(TAG_TEXT, f);
			fclose(f);
		}
	}
	free(path);
}

cache *
cache_new(const char *dir)
{
	if (make_dirs(dir) != 0)
		return NULL;
	write_tag(dir);
	cache *c = util_xcalloc(1, sizeof *c);
	c->dir = util_xstrdup(dir);
	pthread_mutex_init(&c->mu, NULL);
	tool_identity(c->tool);
	return c;
}

void
cache_free(cache *c)
{
	if (c == NULL)
		return;
	free(c->dir);
	free(c->used);
	for (size_t i = 0; i < c->ncomputed; i++)
		free(c->computed[i]);
	free(c->computed);
	pthread_mutex_destroy(&c->mu);
	free(c);
}

void
cache_key_init(sha256_ctx *h, const cache *c, const char *kind)
{
	sha256_init(h);
	sha256_feed_mem(h, c->tool, SHA256_LEN);
	sha256_feed_str(h, kind);
}

void
cache_key_file(sha256_ctx *h, const char *path)
{
	char *data;
	size_t len;
	sha256_feed_str(h, path);
	if (path_read_file(path, ENTRY_LIMIT, &data, &len) != PATH_OK) {
		sha256_feed_str(h, NULL);
		return;
	}
	sha256_feed_mem(h, data, len);
	free(data);
}

/* Records hex as used by this build. Call with c->mu held. */
static void
mark_used_locked(cache *c, const char *hex)
{
	for (size_t i = 0; i < c->nused; i++)
		if (strcmp(c->used[i], hex) == 0)
			return;
	if (c->nused == c->capused) {
		c->capused = c->capused ? 2 * c->capused : 64;
		c->used = util_xrealloc(c->used, c->capused * sizeof *c->used);
	}
	memcpy(c->used[c->nused++], hex, HEX_LEN + 1);
}

/* Records hex as used by this build (thread-safe). */
static void
mark_used(cache *c, const char *hex)
{
	pthread_mutex_lock(&c->mu);
	mark_used_locked(c, hex);
	pthread_mutex_unlock(&c->mu);
}

/* Adds one to the counter *n of c (thread-safe). */
static void
count(cache *c, size_t *n)
{
	pthread_mutex_lock(&c->mu);
	(*n)++;
	pthread_mutex_unlock(&c->mu);
}

/* Returns the path of the entry named hex (caller frees). */
static char *
entry_path(const cache *c, const char *hex)
{
	return path_join(c->dir, hex);
}

/* Stores the CRC-32 of the n bytes at p in out, least significant byte first. */
static void
payload_check(const void *p, size_t n, unsigned char out[CHECK_LEN])
{
	uLong crc = crc32(0L, Z_NULL, 0);
	const Bytef *s = p;
	while (n > 0) {
		uInt step = n > (1u << 30) ? (1u << 30) : (uInt)n;
		crc = crc32(crc, s, step);
		s += step;
		n -= step;
	}
	for (int i = 0; i < CHECK_LEN; i++)
		out[i] = (unsigned char)(crc >> (8 * i));
}

/* Returns 1 if head (nhead bytes read of the header) and the n bytes of payload at p
 * are a whole entry for key: magic, key, length and the CRC-32 of the payload. */
static int
entry_ok(const char *head, size_t nhead, const char *p, size_t n,
    const uint8_t key[SHA256_LEN])
{
	if (nhead < HEADER_LEN || memcmp(head, ENTRY_MAGIC, MAGIC_LEN) != 0 ||
	    memcmp(head + MAGIC_LEN, key, SHA256_LEN) != 0)
		return 0;
	uint64_t len = 0;
	for (int i = 0; i < 8; i++)
		len |= (uint64_t)(unsigned char)head[MAGIC_LEN + SHA256_LEN + i] << (8 * i);
	if (len != n)
		return 0;
	unsigned char sum[CHECK_LEN];
	payload_check(p, n, sum);
	return memcmp(sum, head + HEADER_LEN - CHECK_LEN, CHECK_LEN) == 0;
}

/* Reads up to n bytes from fd into d; returns how many (fewer at the end of the file
 * or on an error). */
static size_t
read_full(int fd, char *d, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = read(fd, d + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	return got;
}

/* Reads the regular file at path: its first HEADER_LEN bytes (or fewer) into head
 * (*nhead bytes), the rest into a new block (caller frees; NUL-terminated, so it can
 * become a buf's) of *n bytes, read straight to where the payload is used. Returns 0,
 * -1 if there is no such file, -2 if it is not a readable regular file of at most
 * ENTRY_LIMIT bytes. */
static int
read_entry(const char *path, char head[HEADER_LEN], size_t *nhead, char **out, size_t *n)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return errno == ENOENT ? -1 : -2;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size > ENTRY_LIMIT) {
		close(fd);
		return -2;
	}
	size_t size = (size_t)st.st_size;
	size_t body = size > HEADER_LEN ? size - HEADER_LEN : 0;
	char *d = util_xmalloc(body + 1);
	*nhead = read_full(fd, head, HEADER_LEN);
	*n = *nhead == HEADER_LEN ? read_full(fd, d, body) : 0;
	d[*n] = '\0';
	close(fd);
	*out = d;
	return 0;
}

/* cache_get, counting the hit or miss in c's stats only if counted. */
static int
get(cache *c, const uint8_t key[SHA256_LEN], buf *out, int counted)
{
	char hex[HEX_LEN + 1];
	sha256_hex(key, hex);
	mark_used(c, hex);
	char *path = entry_path(c, hex);
	char head[HEADER_LEN];
	char *data = NULL;
	size_t nhead = 0, n = 0;
	int st = read_entry(path, head, &nhead, &data, &n);
	int rc = -1;
	if (st == 0 && entry_ok(head, nhead, data, n, key)) {
		if (out->len == 0) { /* hand the block over: no second copy */
			buf_free(out);
			out->data = data;
			out->len = n;
			out->cap = n + 1;
			data = NULL;
		} else {
			buf_append(out, data, n);
		}
		if (counted)
			count(c, &c->st.hits);
		rc = 0;
	} else {
		if (st != -1) {
			count(c, &c->st.bad);
			unlink(path);
		}
		if (counted)
			count(c, &c->st.misses);
	}
	free(data);
	free(path);
	return rc;
}

int
cache_get(cache *c, const uint8_t key[SHA256_LEN], buf *out)
{
	return get(c, key, out, 1);
}

int
cache_get_uncounted(cache *c, const uint8_t key[SHA256_LEN], buf *out)
{
	return get(c, key, out, 0);
}

void
cache_keep(cache *c, const uint8_t key[SHA256_LEN])
{
	char hex[HEX_LEN + 1];
	sha256_hex(key, hex);
	mark_used(c, hex);
}

void
cache_put(cache *c, const uint8_t key[SHA256_LEN], const void *data, size_t n)
{
	char hex[HEX_LEN + 1], head[HEADER_LEN];
	sha256_hex(key, hex);
	mark_used(c, hex);
	memcpy(head, ENTRY_MAGIC, MAGIC_LEN);
	memcpy(head + MAGIC_LEN, key, SHA256_LEN);
	for (int i = 0; i < 8; i++)
		head[MAGIC_LEN + SHA256_LEN + i] = (char)((uint64_t)n >> (8 * i));
	payload_check(data, n, (unsigned char *)head + HEADER_LEN - CHECK_LEN);
	buf tmp;
	buf_init(&tmp);
	pthread_mutex_lock(&c->mu);
	unsigned long seq = c->seq++;
	pthread_mutex_unlock(&c->mu);
	buf_printf(&tmp, "%s/" TMP_PREFIX "%ld-%lu-%s", c->dir, (long)getpid(), seq, hex);
	char *path = entry_path(c, hex);
	FILE *f = fopen(buf_str(&tmp), "wbe");
	int ok = f != NULL && fwrite(head, 1, sizeof head, f) == sizeof head &&
	    (n == 0 || fwrite(data, 1, n, f) == n);
	if (f != NULL && fclose(f) != 0)
		ok = 0;
	if (!ok || rename(buf_str(&tmp), path) != 0)
		unlink(buf_str(&tmp));
	free(path);
	buf_free(&tmp);
}

/* Returns 1 if name is an entry's name (64 lowercase hex digits). */
static int
is_entry_name(const char *name)
{
	size_t i = 0;
	for (; name[i]; i++)
		if (!((name[i] >= '0' && name[i] <= '9') || (name[i] >= 'a' && name[i] <= 'f')))
			return 0;
	return i == HEX_LEN;
}

/* Returns 1 if hex is among c's used entries. */
static int
is_used(const cache *c, const char *hex)
{
	for (size_t i = 0; i < c->nused; i++)
		if (strcmp(c->used[i], hex) == 0)
			return 1;
	return 0;
}

void
cache_sweep(cache *c)
{
	DIR *dir = opendir(c->dir);
	if (dir == NULL)
		return;
	struct dirent *e;
	while ((e = readdir(dir)) != NULL) {
		int entry = is_entry_name(e->d_name);
		if (!(entry && !is_used(c, e->d_name)) &&
		    strncmp(e->d_name, TMP_PREFIX, strlen(TMP_PREFIX)) != 0)
			continue;
		char *path = path_join(c->dir, e->d_name);
		if (unlink(path) == 0 && entry)
			c->st.removed++;
		free(path);
	}
	closedir(dir);
}

cache_stats
cache_get_stats(const cache *c)
{
	return c->st;
}

void
cache_pack(buf *b, const void *p, size_t n)
{
	char len[8];
	for (int i = 0; i < 8; i++)
		len[i] = (char)((uint64_t)n >> (8 * i));
	buf_append(b, len, sizeof len);
	buf_append(b, p, n);
}

int
cache_unpack(const char **s, size_t *left, const char **p, size_t *n)
{
	if (*left < 8)
		return -1;
	uint64_t len = 0;
	for (int i = 0; i < 8; i++)
		len |= (uint64_t)(unsigned char)(*s)[i] << (8 * i);
	if (len > *left - 8)
		return -1;
	*p = *s + 8;
	*n = (size_t)len;
	*s += 8 + len;
	*left -= 8 + len;
	return 0;
}

void
cache_computed(cache *c, const char *name)
{
	pthread_mutex_lock(&c->mu);
	c->computed = util_xrealloc(c->computed, (c->ncomputed + 1) * sizeof *c->computed);
	c->computed[c->ncomputed++] = util_xstrdup(name);
	pthread_mutex_unlock(&c->mu);
}

void
cache_count(cache *c, int hit)
{
	count(c, hit ? &c->st.hits : &c->st.misses);
}

void
cache_recount(cache *c)
{
	pthread_mutex_lock(&c->mu);
	c->st.hits = c->st.misses = 0;
	for (size_t i = 0; i < c->ncomputed; i++)
		free(c->computed[i]);
	c->ncomputed = 0;
	pthread_mutex_unlock(&c->mu);
}

/* qsort comparison of two strings by pointer. */
static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

const char *const *
cache_computed_names(cache *c, size_t *n)
{
	pthread_mutex_lock(&c->mu);
	if (c->ncomputed > 1)
		qsort(c->computed, c->ncomputed, sizeof *c->computed, cmp_names);
	*n = c->ncomputed;
	pthread_mutex_unlock(&c->mu);
	return (const char *const *)c->computed;
}

const char *
cache_dir(const cache *c)
{
	return c->dir;
}
