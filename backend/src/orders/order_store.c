/* Order upsert a page at a time: lock the stored rows, compare TikTok's update_time, write orders, lines (with
 * their channel SKUs), history, the per-status totals, the overview's order counters and the buyer-name words with
 * multi-row statements. */
#include "orders/order_store.h"
#include "orders/phone.h"
#include "orders/order_status.h"
#include "orders/order_words.h"
#include "overview/tally.h"
#include "core/arena.h"
#include "core/log.h"
#include "db/batch.h"
#include "db/db.h"
#include "statements.h"
#include "sync/jobs.h"
#include "tiktok/orders.h"
#include <stdlib.h>
#include <string.h>

#define ORDER_FIELDS 33
#define ER_LOCK_WAIT_TIMEOUT 1205

/* The product names of o's first ORDER_ITEM_NAMES lines, joined as orders.item_names holds them. */
static const char *item_names(struct arena *a, const struct tt_order *o)
{
	size_t len = 0;
	for (int i = 0; i < o->nlines && i < ORDER_ITEM_NAMES; i++)
		len += strlen(o->lines[i].product_name) + 1;
	char *s = arena_alloc(a, len + 1), *at = s;
	for (int i = 0; i < o->nlines && i < ORDER_ITEM_NAMES; i++) {
		if (i > 0)
			*at++ = '\x1f';
		size_t n = strlen(o->lines[i].product_name);
		memcpy(at, o->lines[i].product_name, n);
		at += n;
	}
	*at = '\0';
	return s;
}

/* The 33 fields shared by sql_order_insert (after its 3 keys) and STMT_ORDER_UPDATE (before its id). */
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
		o->ship_by > 0 ? P_I64(o->ship_by) : P_NULL, P_STR(item_names(a, o)),
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
	int64_t create_time;
	const char *buyer_name;
	int has_slip, unlinked;
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
		out[i] = (struct stored){ 0, 0, NULL, 0, NULL, 0, 0 };
		for (int k = 0; k < rows.nrows; k++)
			if (strcmp(db_cell(&rows, k, ORDER_LOCK_EXTERNAL_ID), o[i]->id) == 0)
				out[i] = (struct stored){ db_cell_i64(&rows, k, ORDER_LOCK_ID), db_cell_i64(&rows, k, ORDER_LOCK_UPDATE_TIME),
				                         db_cell(&rows, k, ORDER_LOCK_CHANNEL_STATUS),
				                         db_cell_i64(&rows, k, ORDER_LOCK_CREATE_TIME), db_cell(&rows, k, ORDER_LOCK_BUYER_NAME),
				                         (int)db_cell_i64(&rows, k, ORDER_LOCK_HAS_LIVE_SLIP),
				                         (int)db_cell_i64(&rows, k, ORDER_LOCK_UNLINKED_LINES) };
	}
	return 0;
}

/* The channel SKUs of a chunk's lines, sorted by TikTok sku id, each with its channel_skus.id and whether it is
 * linked to no product. */
struct skus {
	const struct tt_line **line;
	int64_t *id;
	int *unlinked;
	int n;
};

static int by_sku_id(const void *x, const void *y)
{
	return strcmp((*(const struct tt_line *const *)x)->sku_id, (*(const struct tt_line *const *)y)->sku_id);
}

/* The index of sku_id in k, -1 when absent. */
static int sku_at(const struct skus *k, const char *sku_id)
{
	int lo = 0, hi = k->n - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2, c = strcmp(k->line[mid]->sku_id, sku_id);
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

static int64_t sku_row(const struct skus *k, const char *sku_id)
{
	int at = sku_at(k, sku_id);
	return at < 0 ? 0 : k->id[at];
}

/* The lines of o not linked to a product (order_unlinked). */
static int unlinked_lines(const struct skus *k, const struct tt_order *o)
{
	int n = 0;
	for (int i = 0; i < o->nlines; i++) {
		int at = sku_at(k, o->lines[i].sku_id);
		n += at < 0 || k->id[at] == 0 || k->unlinked[at];
	}
	return n;
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
	k->unlinked = arena_alloc(a, sizeof(*k->unlinked) * (size_t)(cap > 0 ? cap : 1));
	k->n = 0;
	for (int i = 0; i < n; i++)
		for (int l = 0; write[i] && l < o[i]->nlines; l++)
			k->line[k->n++] = &o[i]->lines[l];
	qsort(k->line, (size_t)k->n, sizeof(*k->line), by_sku_id);
	int m = 0;
	for (int i = 0; i < k->n; i++)
		if (m == 0 || strcmp(k->line[m - 1]->sku_id, k->line[i]->sku_id) != 0) {
			k->id[m] = 0;
			k->unlinked[m] = 1;
			k->line[m++] = k->line[i];
		}
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
				if (strcmp(k->line[i]->sku_id, db_cell(&rows, r, CHANNEL_SKU_IDS_SKU_ID)) == 0) {
					k->id[i] = db_cell_i64(&rows, r, CHANNEL_SKU_IDS_ID);
					k->unlinked[i] = (int)db_cell_i64(&rows, r, CHANNEL_SKU_IDS_UNLINKED);
				}
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

static void add_packages(struct rows *packages, int64_t merchant_id, int64_t connection_id, int64_t order_id,
                         const struct tt_order *o)
{
	for (int i = 0; i < o->npackages; i++) {
		struct db_param v[] = { P_I64(merchant_id), P_I64(order_id), P_I64(connection_id), P_STR(o->packages[i]) };
		memcpy(rows_add(packages), v, sizeof(v));
	}
}

static void add_history(struct rows *history, int64_t merchant_id, int64_t order_id, const struct tt_order *o)
{
	struct db_param v[] = { P_I64(merchant_id), P_I64(order_id), P_STR(order_status_code(o->status)),
	                        P_STR(o->status), P_I64(o->update_time) };
	memcpy(rows_add(history), v, sizeof(v));
}

/* Changes to order_counts of one chunk: a delta per status code (one connection, one channel). */
struct count_deltas {
	const char *code[32];
	int64_t delta[32];
	int n;
};

static void count_add(struct count_deltas *d, const char *code, int64_t delta)
{
	int k = 0;
	while (k < d->n && strcmp(d->code[k], code) != 0)
		k++;
	if (k == d->n) {
		if (d->n == 32)
			return; /* more codes than order_statuses has: cannot happen */
		d->code[d->n] = code;
		d->delta[d->n++] = 0;
	}
	d->delta[k] += delta;
}

/* Writes the deltas in status order (concurrent writers lock the rows alike). */
static int count_flush(struct db *db, struct arena *a, int64_t merchant_id, int64_t connection_id,
                       struct count_deltas *d)
{
	for (int i = 1; i < d->n; i++)
		for (int k = i; k > 0 && strcmp(d->code[k - 1], d->code[k]) > 0; k--) {
			const char *c = d->code[k];
			int64_t v = d->delta[k];
			d->code[k] = d->code[k - 1];
			d->delta[k] = d->delta[k - 1];
			d->code[k - 1] = c;
			d->delta[k - 1] = v;
		}
	struct rows r;
	rows_init(a, &r, &sql_order_count_add, d->n);
	for (int i = 0; i < d->n; i++)
		if (d->delta[i] != 0) {
			struct db_param v[] = { P_I64(merchant_id), P_STR("tiktok"), P_I64(connection_id), P_STR(d->code[i]),
			                        P_I64(d->delta[i]) };
			memcpy(rows_add(&r), v, sizeof(v));
		}
	return r.n > 0 ? rows_flush(db, a, &r) : 0;
}

/* The buyer-name words of an order, for order_words, each with the name's signature. */
static void add_words(struct arena *a, struct rows *words, int64_t merchant_id, int64_t order_id, int64_t create_time,
                      const char *name)
{
	const char **t;
	int n = name_tokens(a, name, &t);
	int64_t sig = (int64_t)word_signature(t, n); /* the same bits (sql_order_words_insert) */
	for (int i = 0; i < n; i++) {
		struct db_param v[] = { P_I64(merchant_id), P_STR(t[i]), P_I64(create_time), P_I64(order_id), P_I64(sig) };
		memcpy(rows_add(words), v, sizeof(v));
	}
}

/* Removes the words of a stored order whose name or create time changes. */
static int drop_words(struct db *db, struct arena *a, int64_t merchant_id, const struct stored *was)
{
	const char **t;
	int n = name_tokens(a, was->buyer_name != NULL ? was->buyer_name : "", &t);
	if (n == 0)
		return 0;
	struct db_param *p = arena_alloc(a, sizeof(*p) * (size_t)(n + 3));
	p[0] = P_I64(merchant_id);
	p[1] = P_I64(was->create_time);
	p[2] = P_I64(was->id);
	for (int i = 0; i < n; i++)
		p[i + 3] = P_STR(t[i]);
	return db_exec_text(db, batch_text(a, &sql_order_words_delete, n), p, n + 3, NULL) < 0 ? -1 : 0;
}

/* Up to LOCK_ROWS distinct orders inside the open transaction. */
static int store_chunk(struct db *db, struct arena *a, int64_t merchant_id, int64_t connection_id,
                       const struct tt_order *const *o, int n, struct store_counts *c)
{
	struct stored *was = arena_alloc(a, sizeof(*was) * (size_t)n);
	struct stored *now = arena_alloc(a, sizeof(*now) * (size_t)n);
	if (lock_stored(db, a, connection_id, o, n, was) < 0)
		return -1;
	struct rows inserts, lines, history, words, packages;
	struct count_deltas counts = { .n = 0 };
	int nlines = 0, npackages = 0;
	for (int i = 0; i < n; i++) {
		nlines += o[i]->nlines;
		npackages += o[i]->npackages;
	}
	rows_init(a, &packages, &sql_order_package_insert, npackages);
	rows_init(a, &words, &sql_order_words_insert, n * NAME_TOKENS_MAX);
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
	struct tally tally;
	tally_init(&tally);
	for (int i = 0; i < n; i++) {
		int unlinked = write[i] ? unlinked_lines(&skus, o[i]) : was[i].unlinked;
		struct tally_order as_is = { order_status_code(o[i]->status), o[i]->status, o[i]->create_time, was[i].has_slip,
			                     unlinked };
		if (was[i].id == 0) { /* new: its lines and its first status */
			tally_order(&tally, &as_is, 1);
			tally_unlinked(&tally, now[i].id, o[i]->create_time, 0, 0, unlinked);
			add_lines(&lines, merchant_id, now[i].id, o[i], &skus);
			add_packages(&packages, merchant_id, connection_id, now[i].id, o[i]);
			add_history(&history, merchant_id, now[i].id, o[i]);
			add_words(a, &words, merchant_id, now[i].id, o[i]->create_time, o[i]->recipient_name);
			count_add(&counts, order_status_code(o[i]->status), 1);
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
		struct tally_order as_was = { order_status_code(was[i].status), was[i].status, was[i].create_time,
			                      was[i].has_slip, was[i].unlinked };
		tally_order(&tally, &as_was, -1);
		tally_order(&tally, &as_is, 1);
		tally_unlinked(&tally, was[i].id, o[i]->create_time, o[i]->create_time != was[i].create_time, was[i].unlinked,
		               unlinked);
		if (db_exec(db, STMT_ORDER_UPDATE, p, ORDER_FIELDS + 1, NULL) < 0 ||
		    db_exec(db, STMT_ORDER_LINES_DELETE, del, 1, NULL) < 0)
			return -1;
		add_lines(&lines, merchant_id, was[i].id, o[i], &skus);
		add_packages(&packages, merchant_id, connection_id, was[i].id, o[i]);
		if (strcmp(was[i].status, o[i]->status) != 0)
			add_history(&history, merchant_id, was[i].id, o[i]);
		if (strcmp(order_status_code(was[i].status), order_status_code(o[i]->status)) != 0) {
			count_add(&counts, order_status_code(was[i].status), -1);
			count_add(&counts, order_status_code(o[i]->status), 1);
		}
		if (was[i].create_time != o[i]->create_time || strcmp(was[i].buyer_name, o[i]->recipient_name) != 0) {
			if (drop_words(db, a, merchant_id, &was[i]) < 0)
				return -1;
			add_words(a, &words, merchant_id, was[i].id, o[i]->create_time, o[i]->recipient_name);
		}
		c->updated++;
	}
	c->created += created;
	return rows_flush(db, a, &lines) < 0 || (packages.n > 0 && rows_flush(db, a, &packages) < 0) ||
	       rows_flush(db, a, &history) < 0 || rows_flush(db, a, &words) < 0 ||
	       count_flush(db, a, merchant_id, connection_id, &counts) < 0 ||
	       tally_flush(db, a, merchant_id, connection_id, &tally) < 0 ? -1 : 0;
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
	return orders_store_marked(db, a, merchant_id, connection_id, orders, n, window_start, NULL, counts);
}

int orders_store_marked(struct db *db, struct arena *a, int64_t merchant_id, int64_t connection_id,
                        const struct tt_order *orders, int n, int64_t window_start, const struct store_mark *mark,
                        struct store_counts *counts)
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
		if (rc == 0 && mark != NULL) {
			int ours = jobs_page_done(db, mark->job, mark->cursor, mark->done, mark->total);
			if (ours == 0) {
				db_rollback(db);
				return STORE_LEASE_LOST;
			}
			rc = ours < 0 ? -1 : 0;
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
		if (e != DB_ER_LOCK_DEADLOCK && e != ER_LOCK_WAIT_TIMEOUT && e != DB_ER_DUP_ENTRY)
			return -1;
		log_warn("orders_store_retry", "connection=%lld errno=%u attempt=%d", (long long)connection_id, e, attempt + 1);
	}
	return -1;
}
