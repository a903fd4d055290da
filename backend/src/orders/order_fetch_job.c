/* Job order_fetch: the order named by a status-change webhook, fetched and stored at once. */
#include "orders/order_jobs.h"
#include "core/arena.h"
#include "orders/order_store.h"
#include "connections/connection_tokens.h"
#include "sync/jobs.h"
#include "tiktok/orders.h"
#include "tiktok/policy.h"

struct job_result job_order_fetch(struct worker *w, struct arena *a, const struct job *j)
{
	struct conn c;
	struct job_result stop;
	if (!job_open(w, a, j, &c, &stop))
		return stop;
	if (!c.sync_enabled || j->payload == NULL)
		return JOB_OK;
	const char *ids[] = { j->payload };
	struct tt_result res;
	struct tt_order_page p;
	enum tt_status st = tt_orders_get(w->tt, c.shop_cipher, c.access_token, ids, 1, a, &p, &res);
	if (st != TT_OK) {
		struct job_result r = job_result_for(w, j, &c, st, res.message);
		tt_result_free(&res);
		return r;
	}
	tt_result_free(&res);
	struct store_counts counts = { 0, 0, 0, 0 };
	int stored = orders_store(w->db, a, c.merchant_id, c.id, p.orders, p.norders, c.window_start, &counts);
	if (stored == STORE_CONN_GONE)
		return (struct job_result){ JOB_FAILED, "shop_disconnected", "The shop was disconnected.", 0 };
	if (stored != 0)
		return (struct job_result){ JOB_RETRY, "store_failed", "The order could not be stored.", DB_RETRY_SECONDS };
	return JOB_OK;
}
