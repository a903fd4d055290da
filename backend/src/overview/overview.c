/* GET /api/v1/overview: the home screen's numbers, each tile read from the counter its list's total reads too (sql/0030),
 * with the list's link. */
#include "api/common.h"
#include "api/money.h"
#include "api/handlers.h"
#include "orders/order_status.h"
#include "api/read_cache.h"
#include "stock/stock.h"
#include "fulfillment/packages.h"
#include "after_sales/after_sales.h"
#include "core/buf.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <string.h>
#include <time.h>

#define OVERVIEW_DAYS 30

/* A tile: what it counts, the number (estimated: a lower bound, as the list shows "10.000+") and its list's link. */
static void write_tile(struct jw *w, const char *code, const char *status, int64_t count, int estimated, const char *link)
{
	jw_obj_open(w, NULL);
	jw_str(w, "code", code);
	jw_str(w, "status", status);
	jw_int(w, "count", count);
	jw_bool(w, "estimated", estimated);
	jw_str(w, "link", link);
	jw_obj_close(w);
}

/* The order tiles: each the total of the orders list under its filters (status, has_export_slip, all_linked,
 * created_from, shipping); orders without a slip in each status a slip may be made in (slip_order_statuses, the rule slips are
 * made by), created since the merchant's no_slip_days, then these. */
struct order_tile {
	const char *code, *status, *slip, *linked;
	int recent;   /* counts orders created since the no-slip window's first day only */
	const char *shipping;
};
static const struct order_tile other_tiles[] = {
	{ "cancelled_with_slip", "cancelled", "true", NULL, 0, NULL },
	{ "orders_unlinked", NULL, NULL, "false", 0, NULL },
	{ "orders_to_arrange", NULL, NULL, NULL, 0, "to_arrange" },
};
#define ORDER_TILES (SLIP_ORDER_STATUS_COUNT + (int)(sizeof(other_tiles) / sizeof(other_tiles[0])))

static void order_tiles_fill(struct order_tile *t)
{
	for (int k = 0; k < SLIP_ORDER_STATUS_COUNT; k++)
		t[k] = (struct order_tile){ "orders_without_slip", slip_order_statuses[k], "false", NULL, 1, NULL };
	for (int k = SLIP_ORDER_STATUS_COUNT; k < ORDER_TILES; k++)
		t[k] = other_tiles[k - SLIP_ORDER_STATUS_COUNT];
}

static const char *order_tile_link(struct request *r, const struct order_tile *t, const char *since)
{
	const char *link = "/api/v1/orders";
	char sep = '?';
	const char *names[] = { "status", "has_export_slip", "all_linked", "created_from", "shipping" },
		   *values[] = { t->status, t->slip, t->linked, t->recent ? since : NULL, t->shipping };
	for (int k = 0; k < 5; k++)
		if (values[k] != NULL) {
			link = arena_printf(r->arena, "%s%c%s=%s", link, sep, names[k], values[k]);
			sep = '&';
		}
	return link;
}

/* The created_from text of the no-slip window's first day in Vietnam time (NULL for every order). */
static const char *window_text(struct request *r, int64_t today, int64_t days)
{
	if (days <= 0)
		return NULL;
	time_t t = (time_t)((today - (days - 1)) * DAY_SECONDS);
	struct tm tm;
	char day[16];
	gmtime_r(&t, &tm);
	strftime(day, sizeof day, "%Y-%m-%d", &tm);
	return arena_printf(r->arena, "%sT00:00:00%%2B07:00", day);
}

/* The number of the tiles statement's row of kind and code (0 when it has none: nothing counted yet). */
static int64_t tile_value(const struct db_rows *rows, const char *kind, const char *code)
{
	for (int i = 0; i < rows->nrows; i++)
		if (strcmp(db_cell(rows, i, OVERVIEW_TILES_KIND), kind) == 0 &&
		    strcmp(db_cell(rows, i, OVERVIEW_TILES_CODE), code) == 0)
			return db_cell_i64(rows, i, OVERVIEW_TILES_N);
	return 0;
}

/* Every tile's number from the counters (the same ones each tile's list reads for its total, so both are exact),
 * read with the settings and the orders by status in one statement. */
static int write_tiles(struct request *r, struct jw *w, int64_t now, struct db_rows *rows)
{
	int64_t mid = r->auth.merchant_id, today = (now + VIETNAM_UTC_OFFSET) / DAY_SECONDS;
	struct db_param p[] = { P_I64(mid), P_I64(mid), P_I64(today), P_I64(mid), P_I64(mid), P_STR("cancelled"),
		                P_I64(mid), P_I64(mid), P_I64(mid) };
	if (db_query(r->db, r->arena, STMT_OVERVIEW_TILES, p, 9, rows) < 2)
		return -1;
	int64_t no_slip_days = tile_value(rows, "setting", "no_slip_days");
	jw_int(w, "low_stock_threshold", tile_value(rows, "setting", "low_stock_threshold"));
	jw_int(w, "no_slip_days", no_slip_days);
	const char *since_text = window_text(r, today, no_slip_days);
	struct order_tile order_tiles[ORDER_TILES];
	order_tiles_fill(order_tiles);
	jw_arr_open(w, "tiles");
	for (int k = 0; k < ORDER_TILES; k++) {
		const struct order_tile *t = &order_tiles[k];
		int64_t n = t->slip != NULL ? tile_value(rows, t->slip[0] == 't' ? "with_slip" : "no_slip", t->status)
		                            : tile_value(rows, "counter", t->code);
		write_tile(w, t->code, t->status, n, 0, order_tile_link(r, t, since_text));
	}
	write_tile(w, "unlinked_skus", NULL, tile_value(rows, "counter", "unlinked_skus"), 0,
	           "/api/v1/channel-skus?linked=false");
	write_tile(w, "slips_awaiting_export", NULL, tile_value(rows, "counter", "slips_awaiting_export"), 0,
	           "/api/v1/export-slips?status=awaiting_export");
	write_tile(w, "low_stock", NULL, tile_value(rows, "counter", "low_stock"), 0, "/api/v1/stock?low_stock=true");
	jw_arr_close(w);
	return ship_by_soonest_write(r, w);
}

static int write_daily(struct request *r, struct jw *w, int64_t now)
{
	int64_t today = (now + VIETNAM_UTC_OFFSET) / DAY_SECONDS;
	struct db_param p[] = { P_I64(r->auth.merchant_id), P_I64(today - (OVERVIEW_DAYS - 1)) };
	struct db_rows rows;
	int n = db_query(r->db, r->arena, STMT_OVERVIEW_DAILY, p, 2, &rows);
	if (n < 0)
		return -1;
	jw_int(w, "days", OVERVIEW_DAYS);
	jw_arr_open(w, "orders_by_day");
	for (int i = 0; i < n; i++) {
		time_t t = (time_t)(db_cell_i64(&rows, i, OVERVIEW_DAILY_DAY) * DAY_SECONDS);
		struct tm tm;
		char day[16];
		gmtime_r(&t, &tm);
		strftime(day, sizeof day, "%Y-%m-%d", &tm);
		jw_obj_open(w, NULL);
		jw_str(w, "day", day);
		jw_int(w, "connection_id", db_cell_i64(&rows, i, OVERVIEW_DAILY_CONNECTION_ID));
		jw_str(w, "shop_name", db_cell(&rows, i, OVERVIEW_DAILY_SHOP_NAME));
		jw_str(w, "currency", db_cell(&rows, i, OVERVIEW_DAILY_CURRENCY));
		jw_int(w, "orders", db_cell_i64(&rows, i, OVERVIEW_DAILY_ORDERS));
		jw_money(w, "revenue", db_cell(&rows, i, OVERVIEW_DAILY_REVENUE));
		jw_int(w, "cancelled", db_cell_i64(&rows, i, OVERVIEW_DAILY_CANCELLED));
		jw_obj_close(w);
	}
	jw_arr_close(w);
	return 0;
}

/* Orders by status in the order work flows (the status table's order: payment, packing, shipping, done, cancelled),
 * from the tiles statement's rows. */
static void write_statuses(struct request *r, struct jw *w, const struct db_rows *rows)
{
	jw_arr_open(w, "orders_by_status");
	for (size_t k = 0; k < order_nstatuses; k++) {
		const char *status = order_statuses[k].code;
		int64_t n = tile_value(rows, "status", status);
		if (n > 0)
			write_tile(w, "orders_by_status", status, n, 0, arena_printf(r->arena, "/api/v1/orders?status=%s", status));
	}
	jw_arr_close(w);
}

/* Total of a list counted by a statement of the table; -1 on failure. */
static int64_t stmt_count(struct request *r, int stmt, const struct db_param *p, int n)
{
	struct db_rows rows;
	if (db_query(r->db, r->arena, stmt, p, n, &rows) != 1)
		return -1;
	return db_cell_i64(&rows, 0, ONE_VALUE);
}

/* Seconds in column c of row 0, null when NULL. */
static void write_seconds(struct jw *w, const char *key, const struct db_rows *rows, int c)
{
	if (db_cell(rows, 0, c) == NULL)
		jw_null(w, key);
	else
		jw_int(w, key, db_cell_i64(rows, 0, c));
}

/* A connection's stock push failures (counted as its failed-only list counts them, with that list's link) and its
 * webhook lag (see STMT_WEBHOOK_LAG). */
static int write_health(struct request *r, struct jw *w, int64_t conn, int *ages)
{
	int64_t mid = r->auth.merchant_id;
	struct db_param c[] = { P_I64(mid), P_I64(conn), P_I64(1), P_I64(1) };
	int64_t failed = stmt_count(r, STMT_STOCK_PUSH_COUNT, c, 4);
	struct db_param p[] = { P_I64(mid), P_I64(conn), P_I64(mid), P_I64(conn) };
	struct db_rows rows;
	if (failed < 0 || db_query(r->db, r->arena, STMT_WEBHOOK_LAG, p, 4, &rows) != 1)
		return -1;
	jw_obj_open(w, "stock_push_failed");
	jw_int(w, "count", failed);
	jw_str(w, "link", arena_printf(r->arena, "/api/v1/connections/%lld/stock-push?failed=true", (long long)conn));
	jw_obj_close(w);
	jw_obj_open(w, "webhooks");
	jw_int(w, "pending", db_cell_i64(&rows, 0, WEBHOOK_LAG_PENDING));
	*ages += db_cell(&rows, 0, WEBHOOK_LAG_OLDEST_PENDING_S) != NULL;
	write_seconds(w, "oldest_pending_seconds", &rows, WEBHOOK_LAG_OLDEST_PENDING_S);
	write_seconds(w, "recent_max_seconds", &rows, WEBHOOK_LAG_RECENT_MAX_S);
	jw_obj_close(w);
	return 0;
}

/* Sync health of every connected shop: token expiry, last successful sync, the last error, stock push failures,
 * webhook lag. */
static int write_connections(struct request *r, struct jw *w, int *ages)
{
	struct db_param p[] = { P_I64(r->auth.merchant_id), P_I64(0), P_I64(200), P_I64(0) };
	struct db_rows rows;
	int n = db_query(r->db, r->arena, STMT_CONN_LIST, p, 4, &rows);
	if (n < 0)
		return -1;
	jw_arr_open(w, "connections");
	for (int i = 0; i < n; i++) {
		jw_obj_open(w, NULL);
		jw_int(w, "id", db_cell_i64(&rows, i, CONN_LIST_ID));
		jw_str(w, "shop_name", db_cell(&rows, i, CONN_LIST_SHOP_NAME));
		jw_str(w, "status", db_cell(&rows, i, CONN_LIST_STATUS));
		jw_time(w, "access_expires_at", db_cell_i64(&rows, i, CONN_LIST_ACCESS_EXPIRES_AT));
		jw_time(w, "last_synced_at", db_cell_i64(&rows, i, CONN_LIST_LAST_SYNCED_AT));
		jw_str(w, "last_error_code", db_cell(&rows, i, CONN_LIST_LAST_ERROR_CODE));
		jw_time(w, "last_error_at", db_cell_i64(&rows, i, CONN_LIST_LAST_ERROR_AT));
		jw_str(w, "job_state", db_cell(&rows, i, CONN_LIST_JOB_STATE));
		if (write_health(r, w, db_cell_i64(&rows, i, CONN_LIST_ID), ages) < 0)
			return -1;
		jw_obj_close(w);
	}
	jw_arr_close(w);
	return 0;
}

/* Members of one of the response's two objects; *keep 0 when what they hold must not be kept. */
typedef int (*members_writer)(struct request *r, struct jw *w, int64_t now, int *keep);

/* The numbers of the merchant's data: tiles, days, statuses. */
static int data_members(struct request *r, struct jw *w, int64_t now, int *keep)
{
	(void)keep;
	struct db_rows rows;
	if (write_tiles(r, w, now, &rows) < 0 || write_daily(r, w, now) < 0)
		return -1;
	write_statuses(r, w, &rows);
	return 0;
}

/* The connections' sync health: not kept while it holds an age counted from now (webhooks waiting). */
static int health_members(struct request *r, struct jw *w, int64_t now, int *keep)
{
	(void)now;
	int ages = 0;
	int rc = write_connections(r, w, &ages);
	*keep = ages == 0;
	return rc;
}

/* One object of members, from the read cache at version (counted in *hits) or written and kept there; NULL on
 * failure. */
static const char *kept_object(struct request *r, const char *key, int64_t version, members_writer write, int64_t now,
                               size_t *len, int *hits)
{
	const char *doc = read_cache_get(r, key, version, len);
	*hits += doc != NULL;
	if (doc != NULL)
		return doc;
	int keep = 1;
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	if (write(r, &w, now, &keep) == 0) {
		jw_obj_close(&w);
		doc = jw_result(&w, len);
	}
	if (doc != NULL) {
		if (keep)
			read_cache_put(r, key, version, doc, *len);
		doc = arena_strndup(r->arena, doc, *len);
	}
	jw_free(&w);
	return doc;
}

void h_overview(struct request *r)
{
	int64_t health_version, version = read_cache_version(r, &health_version);
	size_t len, health_len;
	int hits = 0;
	int64_t now = (int64_t)time(NULL);
	const char *day = arena_printf(r->arena, "overview?day=%lld", (long long)((now + VIETNAM_UTC_OFFSET) / DAY_SECONDS));
	const char *data = kept_object(r, day, version, data_members, now, &len, &hits);
	/* the health's push failures count linked SKUs (data) too: its label is the sum of both versions */
	const char *health = data == NULL ? NULL
	                     : kept_object(r, "overview-health", version < 0 ? -1 : version + health_version,
	                                   health_members, now, &health_len, &hits);
	if (health == NULL) {
		fail_db(r);
		return;
	}
	/* {data members} and {"connections": [...]}: one object of both */
	/* the requests waiting for an answer are read each time (one indexed count): they are not kept with the data */
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	size_t waiting_len = 0;
	int ok = as_write_waiting(r, &w, "after_sales_waiting") == 0;
	jw_obj_close(&w);
	const char *waiting = ok ? jw_result(&w, &waiting_len) : NULL;
	if (waiting == NULL || waiting_len < 2) {
		jw_free(&w);
		fail_db(r);
		return;
	}
	resp_body(r, 200, RESP_JSON_TYPE, data, len - 1);
	buf_puts(&r->out, ",");
	buf_append(&r->out, waiting + 1, waiting_len - 2);
	jw_free(&w);
	buf_puts(&r->out, ",");
	buf_append(&r->out, health + 1, health_len - 1);
	if (hits == 2)
		resp_header(r, "X-Read-Cache", "hit");
}
