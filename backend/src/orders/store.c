/* Order upsert a page at a time: lock the stored rows, compare TikTok's update_time, write orders, lines and
 * history with multi-row statements. */
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

/* The 31 fields shared by sql_order_insert (after its 3 keys) and STMT_ORDER_UPDATE (before its id). */
static void order_fields(struct arena *a, const struct tt_order *o, struct db_param *p)
{
	struct db_param f[ORDER_FIELDS] = {
		P_STR(order_status_code(o->status)), P_STR(o->status), P_I64(o->create_time), P_I64(o->update_time),
		o->paid_time > 0 ? P_I64(o->paid_time) : P_NULL, P_STR(o->recipient_name), P_STR(o->recipient_phone),
		P_STR(phone_local(a, o->recipient_phone)), P_STR(o->buyer_email), P_STR(o->buyer_message),
		P_STR(o->currency), P_STR(o->sub_total),
		P_STR(o->shipping_fee), P_STR(o->seller_discount), P_STR(o->platform_discount), P_STR(o->tax),
		P_STR(o->total_amount), P_STR(o->original_total_product_price), P_STR(o->original_shipping_fee),
		P_STR(o->recipient_name), P_STR(o->recipient_phone), P_STR(o->full_address), P_STR(o->address_detail),
		P_STR(o->postal_code), P_STR(o->region_code), P_STR(o->shipping_provider), P_STR(o->tracking_number),
		P_STR(o->shipping_type), P_I64(o->is_cod), P_STR(o->cancel_reason), P_I64(o->item_count),
	};
	memcpy(p, f, sizeof(f));
}

#define LOCK_ROWS 100  /* TikTok order ids per lock statement (padded with NULL) */

/* Rows gathered for one multi-row statement. */
struct rows {
	const struct batch_sql *sql;
	struct db_param *p;
	int n;
};

static void rows_init(struct arena *a, struct rows *r, const struct batch_sql *sql, int cap)
{
	r->sql = sql;
	r->p = arena_alloc(a, sizeof(struct db_param) * (size_t)(cap > 0 ? cap : 1) * (size_t)sql->params);
	r->n = 0;
}

static struct db_param *rows_add(struct rows *r)
{
	return r->p + (size_t)r->n++ * (size_t)r->sql->params;
}

/* The statement text for k rows: head, row repeated k times, tail. */
static const char *rows_text(struct arena *a, const struct batch_sql *sql, int k)
{
	size_t hl = strlen(sql->head), rl = strlen(sql->row), tl = strlen(sql->tail);
	char *t = arena_alloc(a, hl + (size_t)k * (rl + 2) + tl + 1), *o = t;
	memcpy(o, sql->head, hl);
	o += hl;
	for (int i = 0; i < k; i++) {
		if (i > 0) {
			memcpy(o, ", ", 2);
			o += 2;
		}
		memcpy(o, sql->row, rl);
		o += rl;
	}
	memcpy(o, sql->tail, tl + 1);
	return t;
}

/* Runs the gathered rows in chunks of 64, 32, …, 1 rows, so few statement texts exist to prepare. */
static int rows_flush(struct db *db, struct arena *a, struct rows *r)
{
	int done = 0;
	for (int k = 64; k >= 1; k /= 2)
		while (r->n - done >= k) {
			const struct db_param *p = r->p + (size_t)done * (size_t)r->sql->params;
			if (db_exec_text(db, rows_text(a, r->sql, k), p, k * r->sql->params, NULL) < 0)
				return -1;
			done += k;
		}
	r->n = 0;
	return 0;
}

struct stored {
	int64_t id;              /* 0 when not stored yet */
	int64_t update_time;
	const char *status;      /* TikTok's, as stored */
};

/* Locks the stored rows of up to LOCK_ROWS orders and reads what is stored of each. */
static int lock_stored(struct db *db, struct arena *a, int64_t connection_id, const struct tt_order *const *o, int n,
                       struct stored *out)
{
	struct db_param p[LOCK_ROWS + 1];
	p[0] = P_I64(connection_id);
	for (int i = 0; i < LOCK_ROWS; i++)
		p[i + 1] = i < n ? P_STR(o[i]->id) : P_NULL;
	struct db_rows rows;
	if (db_query_text(db, a, rows_text(a, &sql_order_lock, LOCK_ROWS), p, LOCK_ROWS + 1, &rows) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		out[i] = (struct stored){ 0, 0, NULL };
		for (int k = 0; k < rows.nrows; k++)
			if (strcmp(db_cell(&rows, k, ORDER_LOCK_EXTERNAL_ID), o[i]->id) == 0)
				out[i] = (struct stored){ db_cell_i64(&rows, k, ORDER_LOCK_ID), db_cell_i64(&rows, k, ORDER_LOCK_UPDATE_TIME),
				                         db_cell(&rows, k, ORDER_LOCK_CHANNEL_STATUS) };
	}
	return 0;
}

static void add_lines(struct rows *lines, int64_t merchant_id, int64_t order_id, const struct tt_order *o)
{
	for (int i = 0; i < o->nlines; i++) {
		const struct tt_line *l = &o->lines[i];
		struct db_param v[] = { P_I64(merchant_id), P_I64(order_id), P_STR(l->sku_id), P_STR(l->product_id),
		                        P_STR(l->seller_sku), P_STR(l->product_name), P_STR(l->sku_name),
		                        P_STR(l->image_url), P_I64(l->quantity), P_STR(l->sale_price),
		                        P_STR(l->original_price) };
		memcpy(rows_add(lines), v, sizeof(v));
	}
}

static void add_history(struct rows *history, int64_t merchant_id, int64_t order_id, const struct tt_order *o)
{
	struct db_param v[] = { P_I64(merchant_id), P_I64(order_id), P_STR(order_status_code(o->status)),
	                        P_STR(o->status), P_I64(o->update_time) };
	memcpy(rows_add(history), v, sizeof(v));
}

/* Up to LOCK_ROWS distinct orders inside the open transaction. */
static int store_chunk(struct db *db, struct arena *a, int64_t merchant_id, int64_t connection_id,
                       const struct tt_order *const *o, int n, struct store_counts *c)
{
	struct stored *was = arena_alloc(a, sizeof(*was) * (size_t)n);
	struct stored *now = arena_alloc(a, sizeof(*now) * (size_t)n);
	if (lock_stored(db, a, connection_id, o, n, was) < 0)
		return -1;
	struct rows inserts, lines, history;
	int nlines = 0;
	for (int i = 0; i < n; i++)
		nlines += o[i]->nlines;
	rows_init(a, &inserts, &sql_order_insert, n);
	rows_init(a, &lines, &sql_order_line_insert, nlines);
	rows_init(a, &history, &sql_order_history_insert, n);
	for (int i = 0; i < n; i++) {
		if (was[i].id != 0)
			continue;
		struct db_param *p = rows_add(&inserts);
		p[0] = P_I64(merchant_id);
		p[1] = P_I64(connection_id);
		p[2] = P_STR(o[i]->id);
		order_fields(a, o[i], p + 3);
	}
	int created = inserts.n;
	if (rows_flush(db, a, &inserts) < 0 || (created > 0 && lock_stored(db, a, connection_id, o, n, now) < 0))
		return -1;
	for (int i = 0; i < n; i++) {
		if (was[i].id == 0) { /* new: its lines and its first status */
			add_lines(&lines, merchant_id, now[i].id, o[i]);
			add_history(&history, merchant_id, now[i].id, o[i]);
			continue;
		}
		if (o[i]->update_time <= was[i].update_time) {
			c->unchanged++;
			continue;
		}
		struct db_param p[ORDER_FIELDS + 1];
		order_fields(a, o[i], p);
		p[ORDER_FIELDS] = P_I64(was[i].id);
		struct db_param del[] = { P_I64(was[i].id) };
		if (db_exec(db, STMT_ORDER_UPDATE, p, ORDER_FIELDS + 1, NULL) < 0 ||
		    db_exec(db, STMT_ORDER_LINES_DELETE, del, 1, NULL) < 0)
			return -1;
		add_lines(&lines, merchant_id, was[i].id, o[i]);
		if (strcmp(was[i].status, o[i]->status) != 0)
			add_history(&history, merchant_id, was[i].id, o[i]);
		c->updated++;
	}
	c->created += created;
	return rows_flush(db, a, &lines) < 0 || rows_flush(db, a, &history) < 0 ? -1 : 0;
}

/* The orders worth storing: inside the window, and of an order given twice only its newest. */
static int select_orders(struct arena *a, const struct tt_order *orders, int n, int64_t window_start,
                         const struct tt_order ***out, struct store_counts *c)
{
	const struct tt_order **sel = arena_alloc(a, sizeof(*sel) * (size_t)(n > 0 ? n : 1));
	int m = 0;
	for (int i = 0; i < n; i++) {
		if (orders[i].create_time < window_start) {
			c->skipped++;
			continue;
		}
		int k = 0;
		while (k < m && strcmp(sel[k]->id, orders[i].id) != 0)
			k++;
		if (k == m)
			sel[m++] = &orders[i];
		else if (orders[i].update_time > sel[k]->update_time)
			sel[k] = &orders[i];
	}
	*out = sel;
	return m;
}

/* Locks the connection's row for the transaction: 0 when it is still connected, STORE_CONN_GONE, or -1. */
static int connection_live(struct db *db, struct arena *a, int64_t connection_id)
{
	struct db_param p[] = { P_I64(connection_id) };
	struct db_rows rows;
	int n = db_query(db, a, STMT_CONN_LOCK, p, 1, &rows);
	if (n < 0)
		return -1;
	if (n == 0 || strcmp(db_cell(&rows, 0, CONN_OWNED_STATUS), "disconnected") == 0)
		return STORE_CONN_GONE;
	return 0;
}

int orders_store(struct db *db, struct arena *a, int64_t merchant_id, int64_t connection_id,
                 const struct tt_order *orders, int n, int64_t window_start, struct store_counts *counts)
{
	struct store_counts skipped = { 0, 0, 0, 0 };
	const struct tt_order **sel;
	int m = select_orders(a, orders, n, window_start, &sel, &skipped);
	for (int attempt = 0; attempt < 3; attempt++) {
		struct store_counts c = skipped;
		if (db_begin(db) != 0)
			return -1;
		int rc = connection_live(db, a, connection_id);
		if (rc == STORE_CONN_GONE) {
			db_rollback(db);
			return rc;
		}
		for (int i = 0; i < m && rc == 0; i += LOCK_ROWS)
			rc = store_chunk(db, a, merchant_id, connection_id, sel + i, m - i < LOCK_ROWS ? m - i : LOCK_ROWS, &c);
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
