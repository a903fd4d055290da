/* A bounded store of texts by (owner, key), each valid at one version of its owner's data; least recently used out. */
#include "core/text_cache.h"
#include <stdlib.h>
#include <string.h>

struct text_cache_entry {
	int64_t owner, version;
	uint64_t hash, used;   /* used: 0 for an empty entry */
	char *key, *text;
	size_t len;
};

static uint64_t hash_of(int64_t owner, const char *key)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)owner; /* FNV-1a over the key, seeded with the owner */
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return h;
}

int text_cache_init(struct text_cache *c, int n)
{
	c->n = n > 0 ? n : 0;
	c->tick = 0;
	c->entries = c->n > 0 ? calloc((size_t)c->n, sizeof(*c->entries)) : NULL;
	return c->n > 0 && c->entries == NULL ? -1 : 0;
}

static void empty(struct text_cache_entry *e)
{
	free(e->key);
	free(e->text);
	memset(e, 0, sizeof(*e));
}

void text_cache_free(struct text_cache *c)
{
	for (int i = 0; i < c->n; i++)
		empty(&c->entries[i]);
	free(c->entries);
	c->entries = NULL;
	c->n = 0;
}

static struct text_cache_entry *find(struct text_cache *c, int64_t owner, const char *key, uint64_t h)
{
	for (int i = 0; i < c->n; i++) {
		struct text_cache_entry *e = &c->entries[i];
		if (e->used != 0 && e->hash == h && e->owner == owner && strcmp(e->key, key) == 0)
			return e;
	}
	return NULL;
}

const char *text_cache_get(struct text_cache *c, int64_t owner, const char *key, int64_t version, size_t *len)
{
	struct text_cache_entry *e = find(c, owner, key, hash_of(owner, key));
	if (e == NULL)
		return NULL;
	if (e->version != version) {
		empty(e);
		return NULL;
	}
	e->used = ++c->tick;
	*len = e->len;
	return e->text;
}

void text_cache_put(struct text_cache *c, int64_t owner, const char *key, int64_t version, const char *text, size_t len)
{
	if (c->n == 0 || len > TEXT_CACHE_MAX_TEXT)
		return;
	uint64_t h = hash_of(owner, key);
	struct text_cache_entry *e = find(c, owner, key, h);
	if (e == NULL) { /* an empty entry (used 0), else the least recently used */
		e = &c->entries[0];
		for (int i = 1; i < c->n; i++)
			if (c->entries[i].used < e->used)
				e = &c->entries[i];
	}
	empty(e);
	e->key = strdup(key);
	e->text = malloc(len + 1);
	if (e->key == NULL || e->text == NULL) {
		empty(e);
		return;
	}
	memcpy(e->text, text, len);
	e->text[len] = '\0';
	e->owner = owner;
	e->version = version;
	e->hash = h;
	e->len = len;
	e->used = ++c->tick;
}
