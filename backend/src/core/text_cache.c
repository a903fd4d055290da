/* A bounded store of texts by (owner, key), each valid at one version of its owner's data, shared by the processes
 * forked after it is made: one copy of each text for every worker, under one process-shared lock. */
#include "core/text_cache.h"
#include "core/arena.h"
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

struct entry {
	int64_t owner, version;
	uint64_t hash, used;   /* used: 0 for an empty entry, else the tick of its last use */
	size_t off, klen, len; /* in the ring: the key, a NUL, then the text */
};

struct text_cache_shared {
	pthread_mutex_t lock;  /* robust: a worker that dies holding it leaves the next one an empty cache */
	uint64_t tick;
	size_t head;           /* where the next text is written; older texts behind it are overwritten in turn */
	size_t ring;
	int n;
	struct entry e[];      /* n of them, then the ring's bytes */
};

static char *ring_of(struct text_cache_shared *s)
{
	return (char *)&s->e[s->n];
}

static uint64_t hash_of(int64_t owner, const char *key)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)owner; /* FNV-1a over the key, seeded with the owner */
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return h;
}

int text_cache_init(struct text_cache *c, int n, size_t bytes)
{
	c->s = NULL;
	c->size = 0;
	if (n <= 0 || bytes == 0)
		return 0;
	size_t size = sizeof(struct text_cache_shared) + (size_t)n * sizeof(struct entry) + bytes;
	void *m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return -1;
	struct text_cache_shared *s = m; /* zero-filled: every entry empty */
	pthread_mutexattr_t at;
	pthread_mutexattr_init(&at);
	pthread_mutexattr_setpshared(&at, PTHREAD_PROCESS_SHARED);
	pthread_mutexattr_setrobust(&at, PTHREAD_MUTEX_ROBUST);
	int rc = pthread_mutex_init(&s->lock, &at);
	pthread_mutexattr_destroy(&at);
	if (rc != 0) {
		munmap(m, size);
		return -1;
	}
	s->n = n;
	s->ring = bytes;
	c->s = s;
	c->size = size;
	return 0;
}

void text_cache_free(struct text_cache *c)
{
	if (c->s != NULL)
		munmap(c->s, c->size);
	c->s = NULL;
	c->size = 0;
}

void text_cache_attach(const struct text_cache *c)
{
	volatile const char *p = (const char *)c->s;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	for (size_t i = 0; p != NULL && i < c->size; i += page)
		(void)p[i];
}

static void empty_all(struct text_cache_shared *s)
{
	memset(s->e, 0, sizeof(struct entry) * (size_t)s->n);
	s->head = 0;
}

static int lock(struct text_cache_shared *s)
{
	int rc = pthread_mutex_lock(&s->lock);
	if (rc == EOWNERDEAD) { /* its holder died mid-change: what it was writing cannot be trusted */
		empty_all(s);
		pthread_mutex_consistent(&s->lock);
		rc = 0;
	}
	return rc;
}

static struct entry *find(struct text_cache_shared *s, int64_t owner, const char *key, uint64_t h)
{
	size_t klen = strlen(key);
	for (int i = 0; i < s->n; i++) {
		struct entry *e = &s->e[i];
		if (e->used != 0 && e->hash == h && e->owner == owner && e->klen == klen &&
		    memcmp(ring_of(s) + e->off, key, klen) == 0)
			return e;
	}
	return NULL;
}

char *text_cache_get(struct text_cache *c, int64_t owner, const char *key, int64_t version, size_t *len,
                     struct arena *a)
{
	struct text_cache_shared *s = c->s;
	if (s == NULL || lock(s) != 0)
		return NULL;
	char *out = NULL;
	struct entry *e = find(s, owner, key, hash_of(owner, key));
	if (e != NULL && e->version != version) {
		e->used = 0;
	} else if (e != NULL) {
		e->used = ++s->tick;
		out = arena_alloc(a, e->len + 1);
		memcpy(out, ring_of(s) + e->off + e->klen + 1, e->len);
		out[e->len] = '\0';
		*len = e->len;
	}
	pthread_mutex_unlock(&s->lock);
	return out;
}

/* Room for `need` bytes at the head (back to the ring's start when they do not fit before its end): the entries
 * whose bytes are there are dropped. */
static size_t make_room(struct text_cache_shared *s, size_t need)
{
	if (s->head + need > s->ring)
		s->head = 0;
	size_t at = s->head;
	for (int i = 0; i < s->n; i++) {
		struct entry *e = &s->e[i];
		if (e->used != 0 && e->off < at + need && at < e->off + e->klen + 1 + e->len)
			e->used = 0;
	}
	s->head = (at + need + 7) & ~(size_t)7;
	return at;
}

void text_cache_put(struct text_cache *c, int64_t owner, const char *key, int64_t version, const char *text, size_t len)
{
	struct text_cache_shared *s = c->s;
	size_t klen = strlen(key);
	if (s == NULL || len > TEXT_CACHE_MAX_TEXT || klen + 1 + len > s->ring || lock(s) != 0)
		return;
	uint64_t h = hash_of(owner, key);
	struct entry *e = find(s, owner, key, h);
	if (e != NULL)
		e->used = 0; /* kept again: its older text is left to be overwritten */
	size_t at = make_room(s, klen + 1 + len);
	e = &s->e[0]; /* an empty entry, else the least recently used */
	for (int i = 1; i < s->n && e->used != 0; i++)
		if (s->e[i].used < e->used)
			e = &s->e[i];
	char *p = ring_of(s) + at;
	memcpy(p, key, klen + 1);
	memcpy(p + klen + 1, text, len);
	*e = (struct entry){ .owner = owner, .version = version, .hash = h, .used = ++s->tick, .off = at, .klen = klen,
	                     .len = len };
	pthread_mutex_unlock(&s->lock);
}
