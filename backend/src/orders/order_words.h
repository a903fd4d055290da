/* The search words of a buyer name: folded (no diacritics, lower case), each word with its prefixes, and each pair of
 * its words' beginnings. */
#ifndef ORDERS_ORDER_WORDS_H
#define ORDERS_ORDER_WORDS_H

#include <stddef.h>
#include <stdint.h>

struct arena;

#define WORD_MAX 32        /* characters of a word kept (order_words.word) */
#define WORDS_MAX 64       /* word tokens kept per name */
#define PAIR_BEGINNINGS 12 /* distinct word beginnings of a name paired (a word with another beginning is not kept) */
#define NAME_TOKENS_MAX (WORDS_MAX + PAIR_BEGINNINGS * (PAIR_BEGINNINGS - 1) / 2)

/* The distinct tokens stored for a name: every prefix of 2 characters and more of each folded word, and a
 * word of one character as itself; then a pair token for each two of those prefixes of 2 characters (a word's
 * beginning), "xx yy", the lesser first bytewise. A pair leads a search of common words together: "van an" is in a
 * few names of every hundred where each word is in several. Returns the count; *out in the arena. */
int name_tokens(struct arena *a, const char *name, const char ***out);

/* The pair token of two words of a search: their beginnings, as name_tokens writes them; NULL when a word has one
 * character or both begin alike (one word of the name may then have both). */
const char *word_pair(struct arena *a, const char *x, const char *y);

/* 1 when a search word is said entirely by the pair token: a word of 2 characters that is one of its halves. */
int pair_says(const char *pair, const char *word);

/* The words of a search, folded and cut to WORD_MAX characters, in the order typed; words of one
 * character are dropped when a longer word is given. Returns the count (0: nothing to search). */
int query_words(struct arena *a, const char *q, const char ***out);

/* The signature of words (order_words.sig, sql/0035): a Bloom filter of 64 bits, for each word the bits
 * CRC32(word) % 64 and CRC32(word "#") % 64, as MariaDB's CRC32() computes them; pair tokens are left out. An
 * order's is that of its name's tokens; a search's other words are all in a name only when their signature's bits
 * are all in the name's. */
uint64_t word_signature(const char *const *words, int n);

/* MariaDB's CRC32() (zlib's CRC-32) of n bytes. */
uint32_t crc32_of(const void *bytes, size_t n);

#endif
