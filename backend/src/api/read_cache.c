/* Repeated reads answered from the api workers' memory while the merchant's data version (sql/0017) is the one they
 * were read at. The workers share one cache (read_cache_entries entries over read_cache_kib KiB), made before they
 * are forked, so each answer is kept once whichever worker reads it next. */
#include "api/read_cache.h"
#include "api/money.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/text_cache.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include <string.h>

static struct text_cache cache;
static int cache_made, cache_attached;

static void make_cache(const struct config *cfg)
{
	if (text_cache_init(&cache, cfg->read_cache_entries, (size_t)cfg->read_cache_kib * 1024) != 0)
		text_cache_init(&cache, 0, 0);
	cache_made = 1;
}

void read_cache_pool_init(const struct config *cfg)
{
	make_cache(cfg);
}

static struct text_cache *worker_cache(struct request *r)
{
	if (!cache_made) /* a process that runs no pool (tests): a cache of its own */
		make_cache(r->cfg);
	if (!cache_attached) { /* the whole mapping resident from the worker's first use on: its size stays flat */
		text_cache_attach(&cache);
		cache_attached = 1;
	}
	return &cache;
}

/* 1 when the client asked for the stored data itself, as a browser's hard reload does. */
static int fresh_wanted(struct request *r)
{
	const char *v = r->getenv != NULL ? r->getenv(r, "HTTP_CACHE_CONTROL") : NULL;
	return v != NULL && strstr(v, "no-cache") != NULL;
}

int read_cache_wanted(struct request *r)
{
	return r->cfg->read_cache_entries > 0 && r->cfg->read_cache_kib > 0 && r->replica == NULL && strcmp(r->method, "GET") == 0 && !fresh_wanted(r);
}

int64_t read_cache_version(struct request *r, int64_t *health)
{
	struct db_param p[] = { P_I64(r->auth.merchant_id) };
	struct db_rows rows;
	if (health != NULL)
		*health = -1;
	if (r->cfg->read_cache_entries == 0 || r->cfg->read_cache_kib == 0 || fresh_wanted(r))
		return -1;
	if (r->auth.versions_read) { /* read with the caller's row, on the primary, before this request read anything */
		if (health != NULL)
			*health = r->auth.health_version;
		return r->auth.data_version;
	}
	if (db_query(r->db, r->arena, STMT_MERCHANT_VERSION, p, 1, &rows) != 1)
		return -1;
	if (health != NULL)
		*health = db_cell_i64(&rows, 0, MERCHANT_VERSION_HEALTH);
	return db_cell_i64(&rows, 0, MERCHANT_VERSION_DATA);
}

/* The key of what the caller may see: an answer with money is never given to a role without it, nor the reverse. */
static const char *viewer_key(struct request *r, const char *key)
{
	return money_visible() ? key : arena_printf(r->arena, "%s#no-money", key);
}

const char *read_cache_get(struct request *r, const char *key, int64_t version, size_t *len)
{
	if (version < 0)
		return NULL;
	/* a copy in the request's arena: a later put of the same request may evict the entry it came from */
	return text_cache_get(worker_cache(r), r->auth.merchant_id, viewer_key(r, key), version, len, r->arena);
}

void read_cache_put(struct request *r, const char *key, int64_t version, const char *text, size_t len)
{
	if (version >= 0)
		text_cache_put(worker_cache(r), r->auth.merchant_id, viewer_key(r, key), version, text, len);
}

int read_cache_answer(struct request *r, const char *key, int64_t *version)
{
	size_t len;
	*version = read_cache_version(r, NULL);
	const char *text = read_cache_get(r, key, *version, &len);
	if (text == NULL)
		return 0;
	resp_body(r, 200, RESP_JSON_TYPE, text, len);
	resp_header(r, "X-Read-Cache", "hit");
	return 1;
}

void read_cache_keep(struct request *r, const char *key, int64_t version)
{
	if (r->status == 200)
		read_cache_put(r, key, version, r->out.data, r->out.len);
}
