/* Job fulfillment_batch: one shop's orders of a bulk run, a chunk at a time, each order's result stored as it is
 * known; the last job of the run settles it (a labels run's merged PDF). */
#include "fulfillment/fulfillment.h"
#include "fulfillment/fulfillment_jobs.h"
#include "fulfillment/slip_calls.h"
#include "connections/connection_tokens.h"
#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"
#include "orders/order_store.h"
#include "statements.h"
#include "sync/jobs.h"
#include "tiktok/fulfillment.h"
#include "tiktok/orders.h"
#include "tiktok/policy.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK TT_SHIP_BATCH_MAX   /* orders per round: one batch ship call, one order detail call */
#define ORDER_PACKAGES_MAX 20     /* packages of one order shipped in one round (TikTok splits an order into a few) */

struct run {
	struct worker *w;
	const struct job *j;
	struct conn c;
	int64_t batch_id, user_id;
	const char *params;
	struct db_rows items;       /* the chunk's queued orders */
	int failed_db;
};

static const struct job_result retry_db = { JOB_RETRY, "store_failed", "The run could not be stored.", DB_RETRY_SECONDS };

static void item_end(struct run *r, int i, const char *code, const char *message)
{
	if (ff_item_set(r->w, r->batch_id, db_cell_i64(&r->items, i, FF_ITEM_POSITION), code, message) != 0)
		r->failed_db = 1;
}

/* The pickup slot to ask for: the one chosen ("PICKUP start end"), else the package's earliest offered, read now when
 * it was never read. 0 with the slot, 1 when TikTok offers no pickup (item ended), -1 TikTok trouble (*st). */
static int pickup_slot(struct run *r, struct arena *a, const char *package_id, struct tt_slot *slot, enum tt_status *st,
                       const char **error)
{
	long long from = 0, to = 0;
	if (sscanf(r->params, "PICKUP %lld %lld", &from, &to) == 2 && from > 0) {
		*slot = (struct tt_slot){ from, to };
		return 0;
	}
	struct tt_handover h;
	struct tt_result res;
	*st = tt_handover_slots(r->w->tt, r->c.shop_cipher, r->c.access_token, package_id, a, &h, &res);
	*error = arena_strdup(a, res.message);
	tt_result_free(&res);
	if (*st == TT_ERR_REJECTED)
		return 1;
	if (*st != TT_OK)
		return -1;
	if (!h.can_pickup || h.nslots == 0) {
		*error = "TikTok offers no pickup slot for this package";
		return 1;
	}
	*slot = h.slots[0];
	return 0;
}

/* The orders shipped in this chunk read back from TikTok and stored (status, tracking number). */
static void refresh_orders(struct run *r, struct arena *a, const char **ids, int n)
{
	if (n == 0)
		return;
	struct tt_order_page page;
	struct tt_result res;
	enum tt_status st = tt_orders_get(r->w->tt, r->c.shop_cipher, r->c.access_token, ids, n, a, &page, &res);
	tt_result_free(&res);
	struct store_counts counts = { 0, 0, 0, 0 };
	if (st == TT_OK && orders_store(r->w->db, a, r->c.merchant_id, r->c.id, page.orders, page.norders, 0, &counts) < 0)
		r->failed_db = 1;
	/* else the order status webhook brings them (order_fetch) */
}

/* A run taken over after a worker stopped mid-chunk may have shipped some packages already: the chunk's orders are
 * read from TikTok first, and those TikTok shows arranged end done instead of being refused as shipped twice. */
static int settle_shipped(struct run *r, struct arena *a, int *n)
{
	const char **ids = arena_alloc(a, sizeof(char *) * (size_t)*n);
	for (int i = 0; i < *n; i++)
		ids[i] = db_cell(&r->items, i, FF_ITEM_EXTERNAL_ID);
	refresh_orders(r, a, ids, *n);
	struct db_param pq[] = { P_I64(r->batch_id), P_I64(r->j->connection_id), P_I64(CHUNK) };
	*n = db_query(r->w->db, a, STMT_FF_ITEMS_QUEUED, pq, 3, &r->items);
	if (*n < 0)
		return -1;
	int left = 0;
	for (int i = 0; i < *n; i++)
		if (strcmp(db_cell(&r->items, i, FF_ITEM_CHANNEL_STATUS), "AWAITING_COLLECTION") == 0)
			item_end(r, i, NULL, NULL);
		else
			left++;
	return left;
}

/* Arrange shipment for a chunk: every package of each order in one batch ship call. */
static struct job_result arrange(struct run *r, struct arena *a, int n)
{
	if (r->j->attempts > 1) {
		int left = settle_shipped(r, a, &n);
		if (left < 0 || r->failed_db)
			return retry_db;
		if (left < n) /* the orders still queued are read again on the next round */
			return JOB_OK;
	}
	int method_pickup = strncmp(r->params, "PICKUP", 6) == 0;
	size_t cap = (size_t)n * ORDER_PACKAGES_MAX;
	struct tt_ship *ships = arena_alloc(a, sizeof(*ships) * cap);
	int *owner = arena_alloc(a, sizeof(int) * cap);
	int64_t *row = arena_alloc(a, sizeof(int64_t) * cap);
	int ns = 0, *ended = arena_alloc(a, sizeof(int) * (size_t)n);
	for (int i = 0; i < n; i++) {
		ended[i] = 0;
		struct db_param p[] = { P_I64(db_cell_i64(&r->items, i, FF_ITEM_ORDER_ID)) };
		struct db_rows pk;
		int np = db_query(r->w->db, a, STMT_FF_PACKAGES_OF, p, 1, &pk);
		if (np < 0)
			return retry_db;
		if (np == 0 || np > ORDER_PACKAGES_MAX) {
			item_end(r, i, np == 0 ? "no_package" : "too_many_packages",
			         np == 0 ? "TikTok has not given this order a package yet." : "This order has more packages than one run ships.");
			ended[i] = 1;
			continue;
		}
		for (int k = 0; k < np && !ended[i]; k++) {
			struct tt_slot slot = { 0, 0 };
			if (method_pickup) {
				enum tt_status st;
				const char *error;
				int rc = pickup_slot(r, a, db_cell(&pk, k, FF_PKG_PACKAGE_ID), &slot, &st, &error);
				if (rc < 0)
					return job_result_for(r->w, r->j, &r->c, st, error);
				if (rc > 0) {
					item_end(r, i, "tiktok_refused", error);
					ended[i] = 1;
					break;
				}
			}
			ships[ns] = (struct tt_ship){ db_cell(&pk, k, FF_PKG_PACKAGE_ID), method_pickup ? "PICKUP" : "DROP_OFF", slot,
				                      NULL, 0 };
			owner[ns] = i;
			row[ns++] = db_cell_i64(&pk, k, FF_PKG_ID);
		}
	}
	struct tt_result res;
	enum tt_status st = ns > 0 ? tt_ship_packages(r->w->tt, r->c.shop_cipher, r->c.access_token, ships, ns, a, &res) : TT_OK;
	const char *words = ns > 0 ? arena_strdup(a, res.message) : "";
	if (ns > 0)
		tt_result_free(&res);
	if (st != TT_OK && st != TT_ERR_REJECTED)
		return job_result_for(r->w, r->j, &r->c, st, words);
	const char **shipped = arena_alloc(a, sizeof(char *) * (size_t)n);
	int nshipped = 0;
	for (int i = 0; i < n; i++) {
		if (ended[i])
			continue;
		const char *error = st == TT_ERR_REJECTED ? words : NULL;
		for (int s = 0; s < ns && error == NULL; s++)
			if (owner[s] == i && ships[s].error != NULL)
				error = ships[s].error;
		if (error != NULL) {
			item_end(r, i, "tiktok_refused", error);
			continue;
		}
		for (int s = 0; s < ns; s++)
			if (owner[s] == i) {
				struct db_param p[] = { P_STR(ships[s].handover_method),
					                ships[s].slot.start_time > 0 ? P_I64(ships[s].slot.start_time) : P_NULL,
					                ships[s].slot.end_time > 0 ? P_I64(ships[s].slot.end_time) : P_NULL, P_I64(row[s]) };
				if (db_exec(r->w->db, STMT_FF_PACKAGE_ARRANGED, p, 4, NULL) < 0)
					r->failed_db = 1;
			}
		item_end(r, i, NULL, NULL);
		shipped[nshipped++] = db_cell(&r->items, i, FF_ITEM_EXTERNAL_ID);
	}
	refresh_orders(r, a, shipped, nshipped);
	return JOB_OK;
}

/* Labels for a chunk: each package's label kept (fetched now when it is not yet); the merge comes when the run settles. */
static struct job_result labels(struct run *r, struct arena *a, int n)
{
	for (int i = 0; i < n; i++) {
		struct db_param p[] = { P_I64(db_cell_i64(&r->items, i, FF_ITEM_ORDER_ID)) };
		struct db_rows pk;
		int np = db_query(r->w->db, a, STMT_FF_PACKAGES_OF, p, 1, &pk);
		if (np < 0)
			return retry_db;
		const char *refused = np == 0 ? "TikTok has not given this order a package yet." : NULL;
		for (int k = 0; k < np && refused == NULL; k++) {
			if (db_cell(&pk, k, FF_PKG_LABEL_KEY) != NULL)
				continue;
			enum tt_status st;
			const char *error;
			int rc = ff_label_fetch(r->w, a, &r->c, db_cell_i64(&pk, k, FF_PKG_ID), db_cell(&pk, k, FF_PKG_PACKAGE_ID), &st,
			                        &error);
			if (rc == -1)
				return job_result_for(r->w, r->j, &r->c, st, error);
			if (rc == -2)
				return retry_db;
			if (rc == 1)
				refused = error;
		}
		if (refused != NULL)
			item_end(r, i, np == 0 ? "no_package" : "tiktok_refused", refused);
		else
			item_end(r, i, NULL, NULL);
	}
	return JOB_OK;
}

/* Export slips for a chunk through the slip buttons' own handlers. */
static struct job_result slips(struct run *r, struct arena *a, int n, int export)
{
	long long warehouse = 0;
	if (!export && sscanf(r->params, "%lld", &warehouse) != 1)
		warehouse = 0;
	for (int i = 0; i < n; i++) {
		int64_t order = db_cell_i64(&r->items, i, FF_ITEM_ORDER_ID);
		struct slip_outcome o = export ? slip_call_export(r->w, a, r->c.merchant_id, r->user_id, NULL, order)
		                               : slip_call_create(r->w, a, r->c.merchant_id, r->user_id, NULL, order, warehouse);
		if (o.status >= 500)
			return retry_db;
		item_end(r, i, o.ok ? NULL : o.code, o.ok ? NULL : o.message);
	}
	return JOB_OK;
}

struct job_result job_fulfillment_batch(struct worker *w, struct arena *a, const struct job *j)
{
	struct run r = { .w = w, .j = j };
	struct job_result stop;
	r.batch_id = j->payload != NULL ? strtoll(j->payload, NULL, 10) : 0;
	struct db_param pb[] = { P_I64(r.batch_id), P_I64(j->merchant_id) };
	struct db_rows batch;
	int nb = db_query(w->db, a, STMT_FF_BATCH_GET, pb, 2, &batch);
	if (nb < 0)
		return retry_db;
	if (nb == 0)
		return JOB_OK; /* the run is gone */
	const char *action = db_cell(&batch, 0, FF_BATCH_ACTION);
	int tiktok = strcmp(action, "arrange") == 0 || strcmp(action, "labels") == 0;
	r.params = db_cell(&batch, 0, FF_BATCH_PARAMS);
	r.user_id = db_cell_i64(&batch, 0, FF_BATCH_USER_ID);
	if (tiktok && !job_open(w, a, j, &r.c, &stop)) {
		/* a shop that cannot be asked any more ends its orders rather than leaving the run open */
		if (stop.outcome == JOB_RETRY)
			return stop;
		r.c = (struct conn){ .id = j->connection_id, .merchant_id = j->merchant_id };
		r.params = "";
	} else if (!tiktok) {
		r.c = (struct conn){ .id = j->connection_id, .merchant_id = j->merchant_id };
	}
	int cannot_ask = tiktok && r.c.access_token == NULL;
	int64_t done = 0;
	for (;;) {
		struct db_param pq[] = { P_I64(r.batch_id), P_I64(j->connection_id), P_I64(CHUNK) };
		int n = db_query(w->db, a, STMT_FF_ITEMS_QUEUED, pq, 3, &r.items);
		if (n < 0)
			return retry_db;
		if (n == 0 || *w->stopping)
			break;
		struct job_result res = JOB_OK;
		if (cannot_ask)
			for (int i = 0; i < n; i++)
				item_end(&r, i, "shop_unavailable", "The shop is disconnected or must be reconnected.");
		else if (strcmp(action, "arrange") == 0)
			res = arrange(&r, a, n);
		else if (strcmp(action, "labels") == 0)
			res = labels(&r, a, n);
		else
			res = slips(&r, a, n, strcmp(action, "export_slips") == 0);
		if (res.outcome != JOB_DONE)
			return res;
		if (r.failed_db)
			return retry_db;
		done += n;
		jobs_heartbeat(w->db, j, done, db_cell_i64(&batch, 0, FF_BATCH_TOTAL));
	}
	if (*w->stopping)
		return (struct job_result){ JOB_RETRY, "worker_stopping", "The worker stopped; the run goes on later.", 0 };
	if (strcmp(action, "arrange") == 0 && !cannot_ask) {
		char key[64];
		snprintf(key, sizeof(key), "fetch_labels:%lld", (long long)j->connection_id);
		jobs_enqueue(w->db, j->merchant_id, j->connection_id, "fetch_labels", key, NULL, 0, NULL);
		if (ff_rules_run(w, a, j->connection_id, j->merchant_id) < 0)
			return retry_db;
	}
	if (ff_batch_settle(w->cfg, w->db, a, r.batch_id) != 0)
		return retry_db;
	log_info("fulfillment_batch", "job=%lld batch=%lld action=%s connection=%lld orders=%lld", (long long)j->id,
	         (long long)r.batch_id, action, (long long)j->connection_id, (long long)done);
	return JOB_OK;
}
