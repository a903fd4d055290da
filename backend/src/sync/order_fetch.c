/* Job order_fetch: the order named by a status-change webhook, fetched and stored at once. */
#include "core/arena.h"
#include "orders/store.h"
#include "sync/connection.h"
#include "sync/jobs.h"
#include "sync/order_pages.h"
#include "tiktok/orders.h"
#include <string.h>

struct job_result job_order_fetch(struct worker *w, struct arena *a, const struct job *j)
{
	struct conn c;
	int n = conn_load(w->db, a, w->cfg, j->connection_id, &c);
	if (n < 0)
		return (struct job_result){ JOB_RETRY, "The database was unavailable.", 5 };
	if (n == 0 || strcmp(c.status, "active") != 0 || !c.sync_enabled || j->payload == NULL)
		return (struct job_result){ JOB_DONE, NULL, 0 };
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
	if (orders_store(w->db, a, c.merchant_id, c.id, p.orders, p.norders, c.window_start, &counts) != 0)
		return (struct job_result){ JOB_RETRY, "The order could not be stored.", 5 };
	return (struct job_result){ JOB_DONE, NULL, 0 };
}
