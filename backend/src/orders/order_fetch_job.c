/* Job order_fetch: the orders named by status-change webhooks, the due ones of a shop fetched in one call and
 * stored together. */
#include "orders/order_jobs.h"
#include "core/arena.h"
#include "orders/order_store.h"
#include "connections/connection_tokens.h"
#include "sync/jobs.h"
#include "tiktok/orders.h"
#include "tiktok/policy.h"
#include <string.h>

/* The distinct order ids the jobs name (a status webhook per change: one order may be named twice). */
static int distinct_ids(struct arena *a, const struct job *jobs, int n, const char ***out)
{
	const char **ids = arena_alloc(a, sizeof(*ids) * (size_t)(n > 0 ? n : 1));
	int k = 0;
	for (int i = 0; i < n; i++) {
		int seen = jobs[i].payload == NULL || *jobs[i].payload == '\0';
		for (int x = 0; x < k && !seen; x++)
			seen = strcmp(ids[x], jobs[i].payload) == 0;
		if (!seen)
			ids[k++] = jobs[i].payload;
	}
	*out = ids;
	return k;
}

struct job_result job_order_fetch(struct worker *w, struct arena *a, const struct job *jobs, int n)
{
	struct conn c;
	struct job_result stop;
	if (!job_open(w, a, &jobs[0], &c, &stop))
		return stop;
	const char **ids;
	int nids = distinct_ids(a, jobs, n, &ids);
	if (!c.sync_enabled || nids == 0)
		return JOB_OK;
	struct tt_result res;
	struct tt_order_page p;
	enum tt_status st = tt_orders_get(w->tt, c.shop_cipher, c.access_token, ids, nids, a, &p, &res);
	if (st != TT_OK) {
		struct job_result r = job_result_for(w, &jobs[0], &c, st, res.message);
		tt_result_free(&res);
		return r;
	}
	tt_result_free(&res);
	struct store_counts counts = { 0, 0, 0, 0 };
	int stored = orders_store(w->db, a, c.merchant_id, c.id, p.orders, p.norders, c.window_start, &counts);
	if (stored == STORE_CONN_GONE)
		return (struct job_result){ JOB_FAILED, "shop_disconnected", "The shop was disconnected.", 0 };
	if (stored != 0)
		return (struct job_result){ JOB_RETRY, "store_failed", "The orders could not be stored.", DB_RETRY_SECONDS };
	return JOB_OK;
}
