/* deflate: Huffman codes built from a block's token counts, and the blocks written. */
#include "chart/deflate.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

enum {
	DFL_MAX_BITS = 15,    /* longest literal/length or distance code */
	DFL_CL_MAX_BITS = 7,  /* longest code-length code */
	DFL_CL_SYMS = 19,     /* code-length symbols */
	DFL_EOB = 256,        /* end-of-block symbol */
	DFL_TOK_BYTES = 6,    /* most bytes one token can take (15 + 5 + 15 + 13 bits) */
	DFL_HEAD_BYTES = 1024, /* more than any block header and end code take */
	DFL_FIXED_SYMS = 288, /* literal/length symbols of the fixed code (286, 287 unused) */
};

/* One Huffman code: each symbol's length (0: unused) and bit-reversed code. */
typedef struct dfl_code {
	unsigned char len[DFL_FIXED_SYMS]; /* code length of each symbol */
	uint16_t code[DFL_FIXED_SYMS];     /* its code, first bit lowest */
} dfl_code;

/* A block's codes and its dynamic header's code-length sequence. */
typedef struct dfl_plan {
	dfl_code lit;                      /* literal/length code */
	dfl_code dist;                     /* distance code */
	dfl_code cl;                       /* code-length code */
	unsigned nlit;                     /* HLIT + 257: literal/length lengths sent */
	unsigned ndist;                    /* HDIST + 1: distance lengths sent */
	unsigned ncl;                      /* HCLEN + 4: code-length lengths sent */
	unsigned char rle[DFL_LITLEN + DFL_DISTS]; /* code-length symbols of the header */
	unsigned char rlex[DFL_LITLEN + DFL_DISTS]; /* their extra bits' values */
	unsigned nrle;                     /* symbols in rle */
	uint32_t clfreq[DFL_CL_SYMS];      /* counts of the code-length symbols */
} dfl_plan;

/* Base length (less 3) and extra bits of each length symbol 257..285. */
static const uint16_t len_base[29] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24,
	28, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 255 };
static const unsigned char len_extra[29] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
	2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
/* Extra bits of each distance symbol. */
static const unsigned char dist_extra[DFL_DISTS] = { 0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4,
	5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };
/* The order code-length code lengths are sent in. */
static const unsigned char cl_order[DFL_CL_SYMS] = { 16, 17, 18, 0, 8, 7, 9, 6, 10, 5,
	11, 4, 12, 3, 13, 2, 14, 1, 15 };
/* Extra bits of code-length symbols 16, 17, 18. */
static const unsigned char cl_extra[3] = { 2, 3, 7 };

/* Filled by the macro below from len_base: symbol of each length less 3. */
#define DFL_L4(s) s, s, s, s
#define DFL_L8(s) DFL_L4(s), DFL_L4(s)
#define DFL_L16(s) DFL_L8(s), DFL_L8(s)
#define DFL_L32(s) DFL_L16(s), DFL_L16(s)
const uint16_t dfl_len_sym[256] = { 257, 258, 259, 260, 261, 262, 263, 264, 265, 265, 266,
	266, 267, 267, 268, 268, DFL_L4(269), DFL_L4(270), DFL_L4(271), DFL_L4(272),
	DFL_L8(273), DFL_L8(274), DFL_L8(275), DFL_L8(276), DFL_L16(277), DFL_L16(278),
	DFL_L16(279), DFL_L16(280), DFL_L32(281), DFL_L32(282), DFL_L32(283), 284, 284, 284,
	284, 284, 284, 284, 284, 284, 284, 284, 284, 284, 284, 284, 284, 284, 284, 284, 284,
	284, 284, 284, 284, 284, 284, 284, 284, 284, 284, 284, 285 };

dfl_writer *
dfl_new(void)
{
	dfl_writer *w = util_xcalloc(1, sizeof *w);
	w->tok = util_xmalloc(DFL_BLOCK_TOKENS * sizeof *w->tok);
	return w;
}

void
dfl_free(dfl_writer *w)
{
	if (!w)
		return;
	free(w->tok);
	free(w->out);
	free(w);
}

uint32_t
dfl_dist(unsigned dist)
{
	unsigned v = dist - 1, code = v, extra = 0;
	if (v >= 4) {
		int nb = 31 - __builtin_clz(v); /* v in [2^nb, 2^(nb+1)) */
		code = 2 * (unsigned)nb + ((v >> (nb - 1)) & 1);
		extra = v & ((1u << (nb - 1)) - 1);
	}
	return code << 8 | extra << 13;
}

/* A bit writer's state, held in locals while a block is written (stores through a byte
 * pointer would otherwise make the compiler reload a writer's fields after each). */
typedef struct dfl_bits {
	uint64_t acc;     /* bits not yet stored, first bit lowest */
	unsigned n;       /* number of them (< 8 after bits_store) */
	unsigned char *o; /* where the next byte goes */
} dfl_bits;

/* Returns w's bit state. */
static dfl_bits
bits_get(const dfl_writer *w)
{
	dfl_bits b = { w->acc, w->nacc, w->out + w->len };
	return b;
}

/* Stores bit state b back into w. */
static void
bits_set(dfl_writer *w, dfl_bits b)
{
	w->acc = b.acc;
	w->nacc = b.n;
	w->len = (size_t)(b.o - w->out);
}

/* Adds the n lowest bits of v to b (b->n + n <= 64). */
static inline void
bits_put(dfl_bits *b, uint64_t v, unsigned n)
{
	b->acc |= v << b->n;
	b->n += n;
}

/* Stores b's whole bytes (8 bytes are written: the buffer has room). */
static inline void
bits_store(dfl_bits *b)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	memcpy(b->o, &b->acc, 8);
#else
	for (int i = 0; i < 8; i++)
		b->o[i] = (unsigned char)(b->acc >> (8 * i));
#endif
	b->o += b->n >> 3;
	b->acc = b->n >= 8 ? b->acc >> (b->n & ~7u) : b->acc;
	b->n &= 7;
}

/* Adds the n lowest bits of v (n <= 56) to b and stores its whole bytes. */
static void
bits_emit(dfl_bits *b, uint64_t v, unsigned n)
{
	bits_put(b, v, n);
	bits_store(b);
}

/* Stores b's last bits, the last byte padded with zeros. */
static void
bits_flush(dfl_bits *b)
{
	if (b->n)
		*b->o++ = (unsigned char)b->acc;
	b->acc = 0;
	b->n = 0;
}

/* Makes room in w->out for n more bytes. */
static void
reserve(dfl_writer *w, size_t n)
{
	if (w->cap - w->len >= n)
		return;
	w->cap = w->cap * 2 > w->len + n ? w->cap * 2 : w->len + n;
	w->out = util_xrealloc(w->out, w->cap);
}

/* Orders symbols by count, then by symbol (for qsort). */
static int
cmp_sym(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* Moffat and Katajainen's in-place minimum-redundancy code: a[0..n-1], n >= 2, holds
 * counts in increasing order; on return a[i] is symbol i's code length. */
static void
min_redundancy(uint32_t *a, int n)
{
	int root = 0, leaf = 2, next;
	a[0] += a[1];
	for (next = 1; next < n - 1; next++) {
		if (leaf >= n || a[root] < a[leaf]) {
			a[next] = a[root];
			a[root++] = (uint32_t)next;
		} else
			a[next] = a[leaf++];
		if (leaf >= n || (root < next && a[root] < a[leaf])) {
			a[next] += a[root];
			a[root++] = (uint32_t)next;
		} else
			a[next] += a[leaf++];
	}
	a[n - 2] = 0;
	for (next = n - 3; next >= 0; next--)
		a[next] = a[a[next]] + 1;
	int avail = 1, used = 0, depth = 0;
	root = n - 2;
	next = n - 1;
	while (avail > 0) {
		while (root >= 0 && (int)a[root] == depth) {
			used++;
			root--;
		}
		while (avail > used) {
			a[next--] = (uint32_t)depth;
			avail--;
		}
		avail = 2 * used;
		depth++;
		used = 0;
	}
}

/* Caps the code lengths counted in nlen[0..32] at maxb, keeping the code complete
 * (the Kraft sum exactly 1), as miniz does. */
static void
limit_lengths(unsigned *nlen, int maxb)
{
	uint32_t total = 0;
	for (int i = maxb + 1; i <= 32; i++) {
		nlen[maxb] += nlen[i];
		nlen[i] = 0;
	}
	for (int i = maxb; i > 0; i--)
		total += nlen[i] << (maxb - i);
	while (total != 1u << maxb) {
		nlen[maxb]--;
		for (int i = maxb - 1; i > 0; i--)
			if (nlen[i]) {
				nlen[i]--;
				nlen[i + 1] += 2;
				break;
			}
		total--;
	}
}

/* Gives each symbol its bit-reversed canonical code from the lengths in c. */
static void
assign_codes(dfl_code *c, int n)
{
	uint16_t count[DFL_MAX_BITS + 1] = { 0 }, next[DFL_MAX_BITS + 2];
	for (int s = 0; s < n; s++)
		count[c->len[s]]++;
	count[0] = 0;
	next[1] = 0;
	for (int b = 1; b <= DFL_MAX_BITS; b++)
		next[b + 1] = (uint16_t)((next[b] + count[b]) << 1);
	for (int s = 0; s < n; s++) {
		unsigned l = c->len[s], v = l ? next[l]++ : 0, r = 0;
		for (unsigned i = 0; i < l; i++, v >>= 1)
			r = r << 1 | (v & 1);
		c->code[s] = (uint16_t)r;
	}
}

/* Builds a complete length-limited (maxb) Huffman code for the n counts in freq: the
 * counted symbols, and enough uncounted ones to make at least two. */
static void
build_code(dfl_code *c, const uint32_t *freq, int n, int maxb)
{
	uint64_t order[DFL_LITLEN];
	uint32_t a[DFL_LITLEN];
	unsigned nlen[33] = { 0 };
	int m = 0;
	memset(c->len, 0, sizeof c->len);
	for (int s = 0; s < n; s++)
		if (freq[s])
			order[m++] = (uint64_t)freq[s] << 16 | (unsigned)s;
	for (int s = 0; m < 2; s++)
		if (!freq[s])
			order[m++] = (uint64_t)s; /* count 0: sorts first */
	qsort(order, (size_t)m, sizeof *order, cmp_sym);
	for (int i = 0; i < m; i++)
		a[i] = (uint32_t)(order[i] >> 16);
	min_redundancy(a, m);
	for (int i = 0; i < m; i++)
		nlen[a[i] > 32 ? 32 : a[i]]++;
	limit_lengths(nlen, maxb);
	/* the least frequent symbols take the longest codes */
	for (int i = 0, b = maxb; i < m; i++) {
		while (!nlen[b])
			b--;
		nlen[b]--;
		c->len[order[i] & 0xffff] = (unsigned char)b;
	}
	assign_codes(c, n);
}

/* Appends code-length symbol s with extra value x to p's header sequence. */
static void
rle_put(dfl_plan *p, unsigned s, unsigned x)
{
	p->rle[p->nrle] = (unsigned char)s;
	p->rlex[p->nrle++] = (unsigned char)x;
	p->clfreq[s]++;
}

/* Run-length codes n equal code lengths l (16: repeat, 17 and 18: zeros). */
static void
rle_run(dfl_plan *p, unsigned l, unsigned n)
{
	if (l == 0) {
		for (; n >= 11; n -= n > 138 ? 138 : n)
			rle_put(p, 18, (n > 138 ? 138 : n) - 11);
		if (n >= 3)
			rle_put(p, 17, n - 3);
		else
			for (; n; n--)
				rle_put(p, 0, 0);
		return;
	}
	rle_put(p, l, 0);
	for (n--; n >= 3; n -= n > 6 ? 6 : n)
		rle_put(p, 16, (n > 6 ? 6 : n) - 3);
	for (; n; n--)
		rle_put(p, l, 0);
}

/* Fills p's header: the lengths sent, their run-length coding and its code. */
static void
plan_header(dfl_plan *p)
{
	unsigned char all[DFL_LITLEN + DFL_DISTS];
	for (p->nlit = DFL_LITLEN; p->nlit > 257 && !p->lit.len[p->nlit - 1]; p->nlit--)
		;
	for (p->ndist = DFL_DISTS; p->ndist > 1 && !p->dist.len[p->ndist - 1]; p->ndist--)
		;
	memcpy(all, p->lit.len, p->nlit);
	memcpy(all + p->nlit, p->dist.len, p->ndist);
	unsigned n = p->nlit + p->ndist;
	p->nrle = 0;
	memset(p->clfreq, 0, sizeof p->clfreq);
	for (unsigned i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && all[j] == all[i]; j++)
			;
		rle_run(p, all[i], j - i);
	}
	build_code(&p->cl, p->clfreq, DFL_CL_SYMS, DFL_CL_MAX_BITS);
	for (p->ncl = DFL_CL_SYMS; p->ncl > 4 && !p->cl.len[cl_order[p->ncl - 1]]; p->ncl--)
		;
}

/* Returns the bits the block's symbols take with codes lit and dist (extra bits too). */
static uint64_t
body_bits(const dfl_writer *w, const unsigned char *lit, const unsigned char *dist)
{
	uint64_t bits = 0;
	for (int s = 0; s < DFL_LITLEN; s++)
		bits += (uint64_t)w->lfreq[s] * (lit[s] + (s > DFL_EOB ? len_extra[s - 257] : 0));
	for (int s = 0; s < DFL_DISTS; s++)
		bits += (uint64_t)w->dfreq[s] * (dist[s] + dist_extra[s]);
	return bits;
}

/* Returns the bits of p's dynamic header after the 3 block-type bits. */
static uint64_t
header_bits(const dfl_plan *p)
{
	uint64_t bits = 5 + 5 + 4 + 3 * (uint64_t)p->ncl;
	for (int s = 0; s < DFL_CL_SYMS; s++)
		bits += (uint64_t)p->clfreq[s] * (p->cl.len[s] + (s >= 16 ? cl_extra[s - 16] : 0));
	return bits;
}

/* Fills c and d with deflate's fixed code lengths, and their codes if codes. */
static void
fixed_codes(dfl_code *c, dfl_code *d, int codes)
{
	for (int s = 0; s < DFL_FIXED_SYMS; s++)
		c->len[s] = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8;
	memset(d->len, 0, sizeof d->len);
	memset(d->len, 5, DFL_DISTS);
	if (codes) { /* 286 and 287 take codes too, before the 9-bit ones */
		assign_codes(c, DFL_FIXED_SYMS);
		assign_codes(d, DFL_DISTS);
	}
}

/* Writes p's dynamic header (after the block-type bits). */
static void
write_header(dfl_bits *b, const dfl_plan *p)
{
	bits_emit(b, (p->nlit - 257) | (p->ndist - 1) << 5 | (p->ncl - 4) << 10, 14);
	for (unsigned i = 0; i < p->ncl; i++)
		bits_emit(b, p->cl.len[cl_order[i]], 3);
	for (unsigned i = 0; i < p->nrle; i++) {
		unsigned s = p->rle[i];
		bits_emit(b, p->cl.code[s], p->cl.len[s]);
		if (s >= 16)
			bits_emit(b, p->rlex[i], cl_extra[s - 16]);
	}
}

/* Writes w's tokens with codes lit and dist, then the end-of-block code. */
static void
write_tokens(const dfl_writer *w, dfl_bits *bp, const dfl_code *lit, const dfl_code *dist)
{
	dfl_bits bl = *bp, *b = &bl; /* a local copy: no byte store can touch it */
	uint32_t lbits[256];  /* each length less 3: its symbol's code and extra bits */
	unsigned char lnb[256]; /* and their number */
	for (unsigned l = 0; l < 256; l++) {
		unsigned s = dfl_len_sym[l] - 257, cl = lit->len[s + 257];
		lbits[l] = lit->code[s + 257] | (l - len_base[s]) << cl;
		lnb[l] = (unsigned char)(cl + len_extra[s]);
	}
	for (size_t i = 0; i < w->ntok; i++) {
		uint32_t t = w->tok[i];
		if (!(t & DFL_TOK_MATCH))
			bits_put(b, lit->code[t], lit->len[t]);
		else {
			unsigned l = t & 0xff, d = (t >> 8) & 31, dl = dist->len[d];
			uint64_t dv = dist->code[d] | (uint64_t)((t >> 13) & 0x1fff) << dl;
			bits_put(b, lbits[l] | dv << lnb[l], lnb[l] + dl + dist_extra[d]);
		}
		bits_store(b);
	}
	bits_emit(b, lit->code[DFL_EOB], lit->len[DFL_EOB]);
	*bp = bl;
}

void
dfl_block(dfl_writer *w, int last)
{
	dfl_plan p;
	dfl_code fix_lit, fix_dist;
	w->lfreq[DFL_EOB]++;
	build_code(&p.lit, w->lfreq, DFL_LITLEN, DFL_MAX_BITS);
	build_code(&p.dist, w->dfreq, DFL_DISTS, DFL_MAX_BITS);
	plan_header(&p);
	fixed_codes(&fix_lit, &fix_dist, 0);
	uint64_t dyn = header_bits(&p) + body_bits(w, p.lit.len, p.dist.len);
	int dynamic = dyn < body_bits(w, fix_lit.len, fix_dist.len);
	reserve(w, w->ntok * DFL_TOK_BYTES + DFL_HEAD_BYTES);
	dfl_bits b = bits_get(w);
	bits_emit(&b, (unsigned)(last != 0) | (dynamic ? 2u : 1u) << 1, 3);
	if (dynamic) {
		write_header(&b, &p);
		write_tokens(w, &b, &p.lit, &p.dist);
	} else {
		fixed_codes(&fix_lit, &fix_dist, 1);
		write_tokens(w, &b, &fix_lit, &fix_dist);
	}
	if (last)
		bits_flush(&b);
	bits_set(w, b);
	w->ntok = 0;
	memset(w->lfreq, 0, sizeof w->lfreq);
	memset(w->dfreq, 0, sizeof w->dfreq);
}
