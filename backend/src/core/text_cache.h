/* A bounded store of texts by (owner, key), each valid at one version of its owner's data; least recently used out. */
#ifndef CORE_TEXT_CACHE_H
#define CORE_TEXT_CACHE_H
#include <stddef.h>
#include <stdint.h>

#define TEXT_CACHE_MAX_TEXT (256 * 1024) /* a longer text is not kept: entries * this bounds the memory */

struct text_cache_entry;

struct text_cache {
	struct text_cache_entry *entries;
	int n;
	uint64_t tick;
};

/* n entries (0: a cache that keeps nothing); -1 when the memory cannot be had. */
int text_cache_init(struct text_cache *c, int n);
void text_cache_free(struct text_cache *c);
/* The text kept for (owner, key) at exactly this version, NULL when there is none (an older one is dropped). */
const char *text_cache_get(struct text_cache *c, int64_t owner, const char *key, int64_t version, size_t *len);
/* Keeps a copy of text for (owner, key) at version, in place of what it held or the least recently used entry. */
void text_cache_put(struct text_cache *c, int64_t owner, const char *key, int64_t version, const char *text, size_t len);

#endif
