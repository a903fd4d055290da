/* Buyer names cut into the folded words, word prefixes and pairs of word beginnings that order_words holds, and
 * searches into words. */
#include "orders/order_words.h"
#include "core/arena.h"
#include "products/fold.h"
#include <string.h>

/* A word character: an ASCII letter or digit, or any byte of a non-ASCII character (already folded). */
static int word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Splits the folded text into words of at most WORD_MAX characters; returns the count. */
static int split(struct arena *a, const char *text, const char ***out, int *nchars)
{
	const char *s = text_fold(a, text);
	size_t cap = strlen(s) / 2 + 1;
	const char **w = arena_alloc(a, sizeof(*w) * cap);
	int n = 0;
	while (*s) {
		while (*s && !word_byte((unsigned char)*s))
			s++;
		const char *start = s;
		int chars = 0;
		size_t keep = 0;
		for (; *s && word_byte((unsigned char)*s); s++)
			if (((unsigned char)*s & 0xC0) != 0x80 && ++chars == WORD_MAX + 1)
				keep = (size_t)(s - start);
		if (chars <= WORD_MAX)
			keep = (size_t)(s - start);
		if (s > start && (size_t)n < cap && n < WORDS_MAX * 4) {
			char *word = arena_alloc(a, keep + 1);
			memcpy(word, start, keep);
			word[keep] = '\0';
			nchars[n] = chars < WORD_MAX ? chars : WORD_MAX;
			w[n++] = word;
		}
	}
	*out = w;
	return n;
}

/* Bytes of the first `chars` characters of s. */
static size_t prefix_bytes(const char *s, int chars)
{
	size_t i = 0;
	for (int c = 0; s[i] && c < chars; c++)
		for (i++; ((unsigned char)s[i] & 0xC0) == 0x80; i++)
			;
	return i;
}

/* The index of the token equal to the first b bytes of word among t[0..n), or -1. */
static int token_index(const char *const *t, int n, const char *word, size_t b)
{
	for (int k = 0; k < n; k++)
		if (strlen(t[k]) == b && memcmp(t[k], word, b) == 0)
			return k;
	return -1;
}

/* "x y" with the lesser of the two first. */
static const char *pair_text(struct arena *a, const char *x, const char *y)
{
	return strcmp(x, y) < 0 ? arena_printf(a, "%s %s", x, y) : arena_printf(a, "%s %s", y, x);
}

int name_tokens(struct arena *a, const char *name, const char ***out)
{
	int nchars[WORDS_MAX * 4];
	const char **w;
	int nw = split(a, name, &w, nchars);
	const char **t = arena_alloc(a, sizeof(*t) * NAME_TOKENS_MAX);
	const char *begin[PAIR_BEGINNINGS];
	int n = 0, nb = 0;
	for (int i = 0; i < nw && i < WORDS_MAX * 4; i++) {
		if (nchars[i] > 1) { /* a new beginning past the paired ones: the word is not kept at all */
			size_t b = prefix_bytes(w[i], 2);
			if (token_index(begin, nb, w[i], b) < 0 && (nb == PAIR_BEGINNINGS || n == WORDS_MAX))
				continue;
		}
		for (int len = nchars[i] == 1 ? 1 : 2; len <= nchars[i] && n < WORDS_MAX; len++) {
			size_t b = prefix_bytes(w[i], len);
			if (token_index(t, n, w[i], b) >= 0)
				continue;
			char *tok = arena_alloc(a, b + 1);
			memcpy(tok, w[i], b);
			tok[b] = '\0';
			t[n++] = tok;
			if (len == 2)
				begin[nb++] = tok;
		}
	}
	for (int i = 0; i < nb; i++)
		for (int j = i + 1; j < nb; j++)
			t[n++] = pair_text(a, begin[i], begin[j]);
	*out = t;
	return n;
}

const char *word_pair(struct arena *a, const char *x, const char *y)
{
	size_t bx = prefix_bytes(x, 2), by = prefix_bytes(y, 2);
	if (bx == prefix_bytes(x, 1) || by == prefix_bytes(y, 1) || (bx == by && memcmp(x, y, bx) == 0))
		return NULL;
	return pair_text(a, arena_strndup(a, x, bx), arena_strndup(a, y, by));
}

int pair_says(const char *pair, const char *word)
{
	const char *space = strchr(pair, ' ');
	size_t n = strlen(word);
	return space != NULL && ((n == (size_t)(space - pair) && memcmp(pair, word, n) == 0) || strcmp(space + 1, word) == 0);
}

int query_words(struct arena *a, const char *q, const char ***out)
{
	int nchars[WORDS_MAX * 4];
	const char **w;
	int nw = split(a, q, &w, nchars), longer = 0, n = 0;
	if (nw > WORDS_MAX * 4)
		nw = WORDS_MAX * 4;
	for (int i = 0; i < nw; i++)
		longer |= nchars[i] > 1;
	for (int i = 0; i < nw; i++)
		if (!longer || nchars[i] > 1)
			w[n++] = w[i];
	*out = w;
	return n;
}

/* The CRC-32 register after the bytes (reflected polynomial 0xEDB88320, bit by bit: a name's few bytes need no
 * table). */
static uint32_t crc32_step(uint32_t crc, const unsigned char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		crc ^= b[i];
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
	}
	return crc;
}

uint32_t crc32_of(const void *bytes, size_t n)
{
	return ~crc32_step(0xFFFFFFFFu, bytes, n);
}

uint64_t word_signature(const char *const *words, int n)
{
	uint64_t sig = 0;
	for (int i = 0; i < n; i++) {
		if (strchr(words[i], ' ') != NULL) /* a pair: its beginnings are tokens of their own */
			continue;
		uint32_t crc = crc32_step(0xFFFFFFFFu, (const unsigned char *)words[i], strlen(words[i]));
		sig |= (uint64_t)1 << (~crc % 64);
		sig |= (uint64_t)1 << (~crc32_step(crc, (const unsigned char *)"#", 1) % 64);
	}
	return sig;
}
