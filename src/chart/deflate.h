/* deflate: a raw deflate (RFC 1951) writer fed with the caller's own literals and matches. */
#ifndef MKR_CHART_DEFLATE_H
#define MKR_CHART_DEFLATE_H

#include <stddef.h>
#include <stdint.h>

enum {
	DFL_MIN_MATCH = 3,         /* shortest match deflate can code */
	DFL_MAX_MATCH = 258,       /* longest match deflate can code */
	DFL_WINDOW = 32768,        /* farthest distance deflate can code */
	DFL_LITLEN = 286,          /* literal/length symbols (256: end of block) */
	DFL_DISTS = 30,            /* distance symbols */
	DFL_BLOCK_TOKENS = 1 << 15, /* tokens buffered before a block is written */
};

/* A deflate stream being written: the current block's tokens and symbol counts, and the
 * bytes of the blocks already written. Tokens: a literal byte (< 256), or DFL_TOK_MATCH
 * | length - 3 (bits 0-7) | a distance token from dfl_dist (bits 8-25). */
typedef struct dfl_writer {
	uint32_t *tok;                 /* the current block's tokens (owned) */
	size_t ntok;                   /* tokens in tok */
	uint32_t lfreq[DFL_LITLEN];    /* the block's literal/length symbol counts */
	uint32_t dfreq[DFL_DISTS];     /* the block's distance symbol counts */
	unsigned char *out;            /* the deflate bytes written (owned) */
	size_t len;                    /* bytes used in out */
	size_t cap;                    /* bytes allocated in out */
	uint64_t acc;                  /* bits not yet stored in out, first bit lowest */
	unsigned nacc;                 /* number of bits in acc (< 8 between blocks) */
} dfl_writer;

#define DFL_TOK_MATCH 0x80000000u /* token flag: a match, not a literal */

/* Maps a match length (3..258) less 3 to its length symbol (257..285). */
extern const uint16_t dfl_len_sym[256];

/* Returns a new writer with nothing written; free with dfl_free. */
dfl_writer *dfl_new(void);

/* Frees w and its bytes; dfl_free(NULL) does nothing. */
void dfl_free(dfl_writer *w);

/* Returns the distance part of a match token for distance dist (1..DFL_WINDOW): to be
 * computed once per distance and passed to dfl_copy. */
uint32_t dfl_dist(unsigned dist);

/* Writes the buffered tokens as one block (dynamic or fixed Huffman, the smaller), the
 * last one of the stream if last (then the stream ends on a byte boundary). */
void dfl_block(dfl_writer *w, int last);

/* Adds literal byte c to the stream. */
static inline void
dfl_lit(dfl_writer *w, unsigned c)
{
	w->tok[w->ntok++] = c;
	w->lfreq[c]++;
	if (w->ntok == DFL_BLOCK_TOKENS)
		dfl_block(w, 0);
}

/* Adds a match of len bytes (3..258) at the distance whose token is dtok. */
static inline void
dfl_match(dfl_writer *w, unsigned len, uint32_t dtok)
{
	w->tok[w->ntok++] = DFL_TOK_MATCH | dtok | (len - DFL_MIN_MATCH);
	w->lfreq[dfl_len_sym[len - DFL_MIN_MATCH]]++;
	w->dfreq[(dtok >> 8) & 31]++;
	if (w->ntok == DFL_BLOCK_TOKENS)
		dfl_block(w, 0);
}

/* Adds len bytes (>= 3) that repeat the bytes at the distance whose token is dtok
 * (len may exceed the distance: an overlapping copy), as matches of at most 258. */
static inline void
dfl_copy(dfl_writer *w, size_t len, uint32_t dtok)
{
	while (len > DFL_MAX_MATCH) {
		/* never leave a tail of 1 or 2 bytes: no match is that short */
		unsigned m = len - DFL_MAX_MATCH < DFL_MIN_MATCH ? (unsigned)len - DFL_MIN_MATCH
		                                                  : DFL_MAX_MATCH;
		dfl_match(w, m, dtok);
		len -= m;
	}
	dfl_match(w, (unsigned)len, dtok);
}

#endif
