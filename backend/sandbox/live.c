/* The ticker's periodic work on the simulated world: the live demo and upcoming-expiration notices (type 7). */
#include "ticker.h"
#include "ff.h"
#include "rr.h"
#include "gen.h"
#include "sb.h"
#include "sb_sql.h"
#include "webhook.h"
#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"
#include <string.h>
#include <time.h>

#define ADVANCE_PER_STEP 4
#define COLLECT_PER_STEP 50
/* A buyer asks to cancel, and another to return, in about one step in 100 each: a few requests a day at the default
 * interval. Approved returns are shipped back an hour (sandbox clock) after the approval. */
#define REQUEST_ONE_IN 100
#define SHIP_BACK_AFTER 3600

/* Maybe a buyer raises a request of `kind` on one of the shop's orders in `statuses`; then the buyers ship the
 * approved returns back. 0 or -1. */
static int live_after_sales(struct db *db, struct arena *a, struct rng *g, int64_t shop_id, int64_t now)
{
	static const struct { char kind; const char *statuses, *type[2]; } asks[] = {
		{ RR_CANCEL, "[\"AWAITING_SHIPMENT\",\"AWAITING_COLLECTION\"]", { "BUYER_CANCEL", "BUYER_CANCEL" } },
		{ RR_RETURN, "[\"DELIVERED\",\"COMPLETED\"]", { "REFUND", "RETURN_AND_REFUND" } },
	};
	for (size_t i = 0; i < sizeof(asks) / sizeof(asks[0]); i++) {
		if (rng_range(g, 1, REQUEST_ONE_IN) != 1)
			continue;
		char ks[2] = { asks[i].kind, '\0' };
		struct db_param p[] = { P_I64(shop_id), P_STR(asks[i].statuses), P_STR(ks) };
		struct db_rows o, lines;
		int n = db_query(db, a, SB_ORDER_FOR_LIVE_REQUEST, p, 3, &o);
		if (n <= 0) {
			if (n < 0)
				return -1;
			continue;
		}
		int64_t order_id = db_cell_i64(&o, 0, SB_ID_ID);
		struct db_param pl[] = { P_STR(sb_json_ids(a, &order_id, 1)) };
		if (db_query(db, a, SB_LINES_OF_ORDERS, pl, 1, &lines) <= 0)
			return -1;
		/* a cancellation covers the order; a return its first line */
		int nlines = asks[i].kind == RR_CANCEL ? lines.nrows : 1;
		int64_t *ids = arena_alloc(a, sizeof(int64_t) * (size_t)nlines);
		for (int k = 0; k < nlines; k++)
			ids[k] = db_cell_i64(&lines, k, SB_LINES_OF_ORDERS_ID);
		int nr;
		const struct rr_reason *reasons = rr_buyer_reasons(asks[i].kind, &nr);
		if (rr_create(db, a, asks[i].kind, order_id, asks[i].type[rng_range(g, 0, 1)],
		              reasons[rng_range(g, 0, nr - 1)].name, ids, nlines, now) < 0)
			return -1;
	}
	struct db_param ps[] = { P_I64(shop_id), P_I64(now - SHIP_BACK_AFTER) };
	struct db_rows ship;
	int n = db_query(db, a, SB_AS_AWAITING_SHIP, ps, 2, &ship);
	for (int i = 0; i < n; i++) {
		struct rr_note note = { .role = "BUYER" };
		if (rr_apply(db, a, db_cell_i64(&ship, i, SB_ID_ID), RR_RETURN_BUYER_SHIPPED, &note, now) != 0)
			return -1;
	}
	return n < 0 ? -1 : 0;
}

/* New orders (notified like status changes), status moves, the carrier's collections and the buyers' after-sales
 * requests for one shop, in one transaction. */
static int live_shop(struct db *db, struct arena *a, struct rng *g, int64_t shop_id, const char *region,
                     int authorized, int64_t now)
{
	if (db_begin(db) != 0)
		return -1;
	struct gen_order_opts o = { .count = (int)rng_range(g, 1, 2), .same_sku_ratio = 0.3, .notify = authorized };
	if (gen_orders(db, a, g, shop_id, region, &o, now, NULL) < 0)
		goto fail;
	struct db_param p[] = { P_I64(shop_id), P_I64(ADVANCE_PER_STEP) };
	struct db_rows rows;
	int n = db_query(db, a, SB_ORDERS_TO_ADVANCE, p, 2, &rows);
	if (n < 0)
		goto fail;
	for (int i = 0; i < n; i++) {
		int64_t id = db_cell_i64(&rows, i, SB_ID_ID);
		struct db_param ps[] = { P_I64(id) };
		struct db_rows st;
		if (db_query(db, a, SB_ORDER_STATE, ps, 1, &st) <= 0)
			goto fail;
		const char *next = gen_next_status(g, db_cell(&st, 0, SB_ORDER_STATE_STATUS));
		/* the seller arranges shipment in Seller Center: a drop-off, tracked like one arranged through the API */
		int arrange = next != NULL && strcmp(next, "AWAITING_COLLECTION") == 0;
		if (arrange ? ff_arrange(db, a, id, "DROP_OFF", 0, 0, NULL, now) != 0
		            : next != NULL && gen_order_set_status(db, a, id, next, now, NULL) < 0)
			goto fail;
	}
	/* the carrier collects what was arranged a while ago */
	struct db_param pc[] = { P_I64(shop_id), P_I64(now - FF_COLLECT_AFTER), P_I64(COLLECT_PER_STEP) };
	n = db_query(db, a, SB_ORDERS_TO_COLLECT, pc, 3, &rows);
	if (n < 0)
		goto fail;
	for (int i = 0; i < n; i++)
		if (ff_collect(db, a, db_cell_i64(&rows, i, SB_ID_ID), now) != 0)
			goto fail;
	if (live_after_sales(db, a, g, shop_id, now) != 0)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return -1;
}

int live_step(struct db *db, struct arena *a, int64_t now)
{
	struct db_rows shops;
	int n = db_query(db, a, SB_SHOPS_LIVE, NULL, 0, &shops);
	if (n < 0)
		return -1;
	struct rng g;
	rng_seed(&g, (uint64_t)time(NULL));
	int rc = 0;
	for (int i = 0; i < n; i++)
		if (live_shop(db, a, &g, db_cell_i64(&shops, i, SB_SHOPS_LIVE_ID), db_cell(&shops, i, SB_SHOPS_LIVE_REGION),
		              db_cell_i64(&shops, i, SB_SHOPS_LIVE_AUTHORIZED) != 0, now) != 0)
			rc = -1;
	log_info("sandbox_live", "shops=%d rc=%d", n, rc);
	return rc;
}

int expiry_notices(struct db *db, struct arena *a, int64_t now, int days)
{
	struct db_param p[] = { P_I64(now), P_I64(now + (int64_t)days * 86400) };
	struct db_rows toks;
	int n = db_query(db, a, SB_TOKENS_NEAR_EXPIRY, p, 2, &toks);
	if (n < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		int64_t token = db_cell_i64(&toks, i, SB_TOKENS_NEAR_EXPIRY_ID);
		int64_t seller = db_cell_i64(&toks, i, SB_TOKENS_NEAR_EXPIRY_SELLER_ID);
		int64_t expires = db_cell_i64(&toks, i, SB_TOKENS_NEAR_EXPIRY_REFRESH_EXPIRES);
		struct db_param ps[] = { P_I64(seller) };
		struct db_rows shops;
		if (db_begin(db) != 0)
			return -1;
		int ns = db_query(db, a, SB_SHOPS_AUTHORIZED, ps, 1, &shops);
		int ok = ns >= 0;
		for (int k = 0; ok && k < ns; k++) {
			struct wh_event e = { .type = WH_UPCOMING_AUTHORIZATION_EXPIRATION,
			                      .shop_id = db_cell_i64(&shops, k, SB_SHOPS_AUTHORIZED_ID),
			                      .timestamp = now, .expiration_time = expires,
			                      .message = "The seller's authorization of your app expires soon: ask the seller to authorize again." };
			ok = wh_enqueue(db, a, &e) == 0;
		}
		struct db_param pm[] = { P_I64(seller), P_I64(token) };
		if (!ok || db_exec(db, SB_TOKENS_MARK_NOTIFIED, pm, 2, NULL) < 0 || db_commit(db) != 0) {
			db_rollback(db);
			return -1;
		}
	}
	return 0;
}
