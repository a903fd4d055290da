/* Order upsert: lock the stored row, compare TikTok's update_time, write order, lines and history. */
#include "orders/store.h"
#include "orders/phone.h"
#include "orders/status.h"
#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"
#include "db/sql.h"
#include "tiktok/orders.h"
#include <string.h>

#define ORDER_FIELDS 31
#define ER_LOCK_WAIT_TIMEOUT 1205
#define ER_LOCK_DEADLOCK 1213

/* The 31 fields shared by STMT_ORDER_INSERT (after its 3 keys) and STMT_ORDER_UPDATE (before its id). */
static void order_fields(struct arena *a, const struct tt_order *o, struct db_param *p)
{
	struct db_param f[ORDER_FIELDS] = {
		P_STR(order_status_code(o->status)), P_STR(o->status), P_I64(o->create_time), P_I64(o->update_time),
		o->paid_time > 0 ? P_I64(o->paid_time) : P_NULL, P_STR(o->recipient_name), P_STR(o->recipient_phone),
		P_STR(phone_local(a, o->recipient_phone)), P_STR(o->buyer_email), P_STR(o->buyer_message), P_STR(o->currency), P_STR(o->sub_total),
		P_STR(o->shipping_fee), P_STR(o->seller_discount), P_STR(o->platform_discount), P_STR(o->tax),
		P_STR(o->total_amount), P_STR(o->original_total_product_price), P_STR(o->original_shipping_fee),
		P_STR(o->recipient_name), P_STR(o->recipient_phone), P_STR(o->full_address), P_STR(o->address_detail),
		P_STR(o->postal_code), P_STR(o->region_code), P_STR(o->shipping_provider), P_STR(o->tracking_number),
		P_STR(o->shipping_type), P_I64(o->is_cod), P_STR(o->cancel_reason), P_I64(o->item_count),
	};
	memcpy(p, f, sizeof(f));
}

static int write_lines(struct db *db, int64_t merchant_id, int64_t order_id, const struct tt_order *o)
{
	for (int i = 0; i < o->nlines; i++) {
		const struct tt_line *l = &o->lines[i];
		struct db_param p[] = { P_I64(merchant_id), P_I64(order_id), P_STR(l->sku_id), P_STR(l->product_id),
		                        P_STR(l->seller_sku), P_STR(l->product_name), P_STR(l->sku_name),
		                        P_STR(l->image_url), P_I64(l->quantity), P_STR(l->sale_price),
		                        P_STR(l->original_price) };
		if (db_exec(db, STMT_ORDER_LINE_INSERT, p, 11, NULL) < 0)
			return -1;
	}
	return 0;
}

static int write_history(struct db *db, int64_t merchant_id, int64_t order_id, const struct tt_order *o)
{
	struct db_param p[] = { P_I64(merchant_id), P_I64(order_id), P_STR(order_status_code(o->status)),
	                        P_STR(o->status), P_I64(o->update_time) };
	return db_exec(db, STMT_ORDER_HISTORY_INSERT, p, 5, NULL) < 0 ? -1 : 0;
}

/* One order inside the open transaction. */
static int store_one(struct db *db, struct arena *a, int64_t merchant_id, int64_t connection_id,
                     const struct tt_order *o, struct store_counts *c)
{
	struct db_param key[] = { P_I64(connection_id), P_STR(o->id) };
	struct db_rows rows;
	int n = db_query(db, a, STMT_ORDER_LOCK, key, 2, &rows);
	if (n < 0)
		return -1;
	struct db_param p[3 + ORDER_FIELDS + 1];
	if (n == 0) {
		int64_t id = 0;
		p[0] = P_I64(merchant_id);
		p[1] = P_I64(connection_id);
		p[2] = P_STR(o->id);
		order_fields(a, o, p + 3);
		if (db_exec(db, STMT_ORDER_INSERT, p, 3 + ORDER_FIELDS, &id) < 0 || write_lines(db, merchant_id, id, o) < 0 ||
		    write_history(db, merchant_id, id, o) < 0)
			return -1;
		c->created++;
		return 0;
	}
	int64_t id = db_cell_i64(&rows, 0, 0);
	if (o->update_time <= db_cell_i64(&rows, 0, 1)) {
		c->unchanged++;
		return 0;
	}
	order_fields(a, o, p);
	p[ORDER_FIELDS] = P_I64(id);
	struct db_param del[] = { P_I64(id) };
	if (db_exec(db, STMT_ORDER_UPDATE, p, ORDER_FIELDS + 1, NULL) < 0 ||
	    db_exec(db, STMT_ORDER_LINES_DELETE, del, 1, NULL) < 0 || write_lines(db, merchant_id, id, o) < 0)
		return -1;
	if (strcmp(db_cell(&rows, 0, 2), o->status) != 0 && write_history(db, merchant_id, id, o) < 0)
		return -1;
	c->updated++;
	return 0;
}

int orders_store(struct db *db, struct arena *a, int64_t merchant_id, int64_t connection_id,
                 const struct tt_order *orders, int n, int64_t window_start, struct store_counts *counts)
{
	for (int attempt = 0; attempt < 3; attempt++) {
		struct store_counts c = { 0, 0, 0, 0 };
		if (db_begin(db) != 0)
			return -1;
		int rc = 0;
		for (int i = 0; i < n && rc == 0; i++) {
			if (orders[i].create_time < window_start)
				c.skipped++;
			else
				rc = store_one(db, a, merchant_id, connection_id, &orders[i], &c);
		}
		if (rc == 0 && db_commit(db) == 0) {
			counts->created += c.created;
			counts->updated += c.updated;
			counts->unchanged += c.unchanged;
			counts->skipped += c.skipped;
			return 0;
		}
		unsigned e = db_errno(db);
		db_rollback(db);
		if (e != ER_LOCK_DEADLOCK && e != ER_LOCK_WAIT_TIMEOUT && e != DB_ER_DUP_ENTRY)
			return -1;
		log_warn("orders_store_retry", "connection=%lld errno=%u attempt=%d", (long long)connection_id, e, attempt + 1);
	}
	return -1;
}
