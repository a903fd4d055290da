/* Order upsert a page at a time: lock the stored rows, compare TikTok's update_time, write orders, lines (with
 * their channel SKUs) and history with multi-row statements. */
#include "orders/store.h"
#include "orders/phone.h"
#include "orders/status.h"
#include "core/arena.h"
#include "core/log.h"
#include "db/batch.h"
#include "db/db.h"
#include "db/sql.h"
#include "tiktok/orders.h"
#include <stdlib.h>
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

/* Runs the gathered rows and empties them. */
static int rows_flush(struct db *db, struct arena *a, struct rows *r)
{
	int rc = batch_exec(db, a, r->sql, r->p, r->n);
	r->n = 0;
	return rc;
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
	if (db_query_text(db, a, batch_text(a, &sql_order_lock, LOCK_ROWS), p, LOCK_ROWS + 1, &rows) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		out[i] = (struct stored){ 0, 0, NULL };
		for (int k = 0; k < rows.nrows; k++)
			if (strcmp(db_cell(&rows, k, 1), o[i]->id) == 0)
				out[i] = (struct stored){ db_cell_i64(&rows, k, 0), db_cell_i64(&rows, k, 2), db_cell(&rows, k, 3) };
	}
	return 0;
}

/* The channel SKUs of a chunk's lines, sorted by TikTok sku id, each with its channel_skus.id. */
struct skus {
	const struct tt_line **line;
	int64_t *id;
	int n;
};

static int by_sku_id(const void *x, const void *y)
{
	return strcmp((*(const struct tt_line *const *)x)->sku_id, (*(const struct tt_line *const *)y)->sku_id);
}

static int64_t sku_row(const struct skus *k, const char *sku_id)
{
	int lo = 0, hi = k->n - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2, c = strcmp(k->line[mid]->sku_id, sku_id);
		if (c == 0)
			return k->id[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return 0;
}

/* Creates the channel SKUs not seen before (in sku id order, so concurrent pages lock alike), then reads
 * the ids of all of them, LOCK_ROWS at a time. */
static int channel_skus(struct db *db, struct arena *a, int64_t merchant_id, int64_t connection_id,
                        const struct tt_order *const *o, const int *write, int n, struct skus *k)
{
	int cap = 0;
	for (int i = 0; i < n; i++)
		cap += write[i] ? o[i]->nlines : 0;
	k->line = arena_alloc(a, sizeof(*k->line) * (size_t)(cap > 0 ? cap : 1));
	k->id = arena_alloc(a, sizeof(*k->id) * (size_t)(cap > 0 ? cap : 1));
	k->n = 0;
	for (int i = 0; i < n; i++)
		for (int l = 0; write[i] && l < o[i]->nlines; l++)
			k->line[k->n++] = &o[i]->lines[l];
	qsort(k->line, (size_t)k->n, sizeof(*k->line), by_sku_id);
	int m = 0;
	for (int i = 0; i < k->n; i++)
		if (m == 0 || strcmp(k->line[m - 1]->sku_id, k->line[i]->sku_id) != 0)
			k->line[m++] = k->line[i];
	k->n = m;
	struct rows seen;
	rows_init(a, &seen, &sql_channel_sku_seen, m);
	for (int i = 0; i < m; i++) {
		const struct tt_line *l = k->line[i];
		struct db_param v[] = { P_I64(merchant_id), P_I64(connection_id), P_STR(l->sku_id), P_STR(l->product_id),
		                        P_STR(l->seller_sku), P_STR(l->product_name), P_STR(l->sku_name),
		                        P_STR(l->image_url), P_STR(l->sale_price), P_STR("") };
		memcpy(rows_add(&seen), v, sizeof(v));
	}
	if (rows_flush(db, a, &seen) < 0)
		return -1;
	const char *text = batch_text(a, &sql_channel_sku_ids, LOCK_ROWS);
	for (int from = 0; from < m; from += LOCK_ROWS) {
		struct db_param p[LOCK_ROWS + 1];
		p[0] = P_I64(connection_id);
		for (int i = 0; i < LOCK_ROWS; i++)
			p[i + 1] = from + i < m ? P_STR(k->line[from + i]->sku_id) : P_NULL;
		struct db_rows rows;
		if (db_query_text(db, a, text, p, LOCK_ROWS + 1, &rows) < 0)
			return -1;
		for (int r = 0; r < rows.nrows; r++)
			for (int i = from; i < m && i < from + LOCK_ROWS; i++)
				if (strcmp(k->line[i]->sku_id, db_cell(&rows, r, CSKU_IDS_SKU_ID)) == 0)
					k->id[i] = db_cell_i64(&rows, r, CSKU_IDS_ID);
	}
	return 0;
}

static void add_lines(struct rows *lines, int64_t merchant_id, int64_t order_id, const struct tt_order *o,
                      const struct skus *k)
{
	for (int i = 0; i < o->nlines; i++) {
		const struct tt_line *l = &o->lines[i];
		int64_t cs = sku_row(k, l->sku_id);
		struct db_param v[] = { P_I64(merchant_id), P_I64(order_id), P_STR(l->sku_id), P_STR(l->product_id),
		                        P_STR(l->seller_sku), P_STR(l->product_name), P_STR(l->sku_name),
		                        P_STR(l->image_url), P_I64(l->quantity), P_STR(l->sale_price),
		                        P_STR(l->original_price), cs > 0 ? P_I64(cs) : P_NULL };
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
	int *write = arena_alloc(a, sizeof(int) * (size_t)n);
	for (int i = 0; i < n; i++)
		write[i] = was[i].id == 0 || o[i]->update_time > was[i].update_time;
	struct skus skus;
	if (channel_skus(db, a, merchant_id, connection_id, o, write, n, &skus) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		if (was[i].id == 0) { /* new: its lines and its first status */
			add_lines(&lines, merchant_id, now[i].id, o[i], &skus);
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
		add_lines(&lines, merchant_id, was[i].id, o[i], &skus);
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
		int rc = 0;
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
