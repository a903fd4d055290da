/* Repeated reads answered from the api workers' shared memory while the merchant's data version (sql/0017) is the one
 * they were read at: the orders list's pages and the overview's counts. */
#ifndef API_READ_CACHE_H
#define API_READ_CACHE_H
#include <stddef.h>
#include <stdint.h>

struct config;
struct request;

/* Makes the cache the api workers share: called once before they are forked. */
void read_cache_pool_init(const struct config *cfg);

/* 1 when this request may be answered from, or kept in, the cache: a GET without Cache-Control: no-cache, the cache
 * configured, no replica in use (a version read on the primary would not label a replica's older rows). The
 * authentication then reads the versions with the caller's row, in the same statement. */
int read_cache_wanted(struct request *r);
/* The merchant's data version (and its sync health version when health is not NULL), read before the data it
 * labels, so what is kept is never older than its label; -1 when there is none to have (no cache configured, the
 * client asked for the stored data itself with Cache-Control: no-cache, or the read failed): then nothing is
 * answered or kept. */
int64_t read_cache_version(struct request *r, int64_t *health);
/* The text kept for key at this version, copied into the request's arena (it outlives any later put); NULL when none. */
const char *read_cache_get(struct request *r, const char *key, int64_t version, size_t *len);
void read_cache_put(struct request *r, const char *key, int64_t version, const char *text, size_t len);

/* A whole response: answered (1) from what was kept for key, else 0 with *version for read_cache_keep. */
int read_cache_answer(struct request *r, const char *key, int64_t *version);
/* Keeps the response the handler wrote, when it is a 200. */
void read_cache_keep(struct request *r, const char *key, int64_t version);

#endif
