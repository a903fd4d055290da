/* A bounded store of texts by (owner, key), each valid at one version of its owner's data, in one shared memory
 * mapping: made before the workers are forked, every worker reads and keeps in the same entries. */
#ifndef CORE_TEXT_CACHE_H
#define CORE_TEXT_CACHE_H
#include <stddef.h>
#include <stdint.h>

#define TEXT_CACHE_MAX_TEXT (256 * 1024) /* a longer text is not kept */

struct arena;
struct text_cache_shared;

struct text_cache {
	struct text_cache_shared *s; /* NULL: a cache that keeps nothing */
	size_t size;                 /* of the mapping */
};

/* n entries over `bytes` of texts and keys (either 0: a cache that keeps nothing); -1 when the memory cannot be had.
 * Made in the parent, it is shared by the processes forked after it. */
int text_cache_init(struct text_cache *c, int n, size_t bytes);
void text_cache_free(struct text_cache *c);
/* Reads every page of the mapping once, so that a process's resident size holds it from its start. */
void text_cache_attach(const struct text_cache *c);
/* A copy in arena of the text kept for (owner, key) at exactly this version, NULL when there is none (an older one
 * is dropped). */
char *text_cache_get(struct text_cache *c, int64_t owner, const char *key, int64_t version, size_t *len,
                     struct arena *a);
/* Keeps a copy of text for (owner, key) at version, in place of what it held; the oldest written texts make room
 * (the bytes are a ring), and the least recently used entry when every entry is taken. */
void text_cache_put(struct text_cache *c, int64_t owner, const char *key, int64_t version, const char *text, size_t len);

#endif
