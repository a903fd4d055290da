/* GET /api/v1/overview: the home screen's numbers from one statement (counters and bounded index ranges), each tile
 * read from the counter its list's total reads too (sql/0030), with the list's link; kept in the read cache. */
#include "api/common.h"
#include "api/money.h"
#include "api/handlers.h"
#include "orders/order_status.h"
#include "api/read_cache.h"
#include "stock/stock.h"
#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <string.h>
#include <time.h>

#define OVERVIEW_DAYS 30
#define SOONEST 5  /* the orders to arrange with the soonest ship-by deadlines shown */

/* A tile: what it counts, the number and its list's link. Every number is a counter that its list's total reads too,
 * so it is never a lower bound (estimated, as a list past its cap shows "10.000+"). */
static void write_tile(struct jw *w, const char *code, const char *status, int64_t count, const char *link)
{
	jw_obj_open(w, NULL);
	jw_str(w, "code", code);
	jw_str(w, "status", status);
	jw_int(w, "count", count);
	jw_bool(w, "estimated", 0);
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

/* A day number (Vietnam days since 1970) as yyyy-mm-dd. */
static void day_text(int64_t day_number, char day[16])
{
	time_t t = (time_t)(day_number * DAY_SECONDS);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(day, 16, "%Y-%m-%d", &tm);
}

/* The created_from text of the no-slip window's first day in Vietnam time (NULL for every order). */
static const char *window_text(struct request *r, int64_t today, int64_t days)
{
	if (days <= 0)
		return NULL;
	char day[16];
	day_text(today - (days - 1), day);
	return arena_printf(r->arena, "%sT00:00:00%%2B07:00", day);
}

/* The index of the statement's first row of kind, -1 when it has none. */
static int row_of(const struct db_rows *rows, const char *kind)
{
	for (int i = 0; i < rows->nrows; i++)
		if (strcmp(db_cell(rows, i, OVERVIEW_KIND), kind) == 0)
			return i;
	return -1;
}

/* Column c of the one row of kind (0 when it has none or the column is NULL). */
static int64_t one_value(const struct db_rows *rows, const char *kind, int c)
{
	int i = row_of(rows, kind);
	return i < 0 ? 0 : db_cell_i64(rows, i, c);
}

/* A counter tile's number: the row of the kind and the column that hold it. */
struct counter_tile {
	const char *code, *kind;
	int col;
};
static const struct counter_tile counter_tiles[] = {
	{ "cancelled_with_slip", "slips", OV_SLIPS_CANCELLED_WITH },
	{ "orders_unlinked", "head", OV_HEAD_ORDERS_UNLINKED },
	{ "orders_to_arrange", "head", OV_HEAD_ORDERS_TO_ARRANGE },
	{ "unlinked_skus", "head", OV_HEAD_UNLINKED_SKUS },
	{ "slips_awaiting_export", "head", OV_HEAD_SLIPS_AWAITING_EXPORT },
	{ "low_stock", "low_stock", OV_LOW_STOCK_COUNT },
};

static int64_t counter_value(const struct db_rows *rows, const char *code)
{
	for (size_t k = 0; k < sizeof(counter_tiles) / sizeof(counter_tiles[0]); k++)
		if (strcmp(counter_tiles[k].code, code) == 0)
			return one_value(rows, counter_tiles[k].kind, counter_tiles[k].col);
	return 0;
}

/* The rows of kind in the order of their (a, id, code) columns, as the chart, the deadlines and the shops are shown:
 * their indexes in the arena, *n of them. */
static int *rows_in_order(struct request *r, const struct db_rows *rows, const char *kind, int *n)
{
	int *at = arena_alloc(r->arena, sizeof(*at) * (size_t)(rows->nrows > 0 ? rows->nrows : 1));
	*n = 0;
	for (int i = 0; i < rows->nrows; i++) {
		if (strcmp(db_cell(rows, i, OVERVIEW_KIND), kind) != 0)
			continue;
		int k = (*n)++;
		/* insertion: a kind has at most a few dozen rows */
		while (k > 0) {
			int j = at[k - 1];
			int64_t ja = db_cell_i64(rows, j, OVERVIEW_A), ia = db_cell_i64(rows, i, OVERVIEW_A);
			int64_t jid = db_cell_i64(rows, j, OVERVIEW_ID), iid = db_cell_i64(rows, i, OVERVIEW_ID);
			const char *jc = db_cell(rows, j, OVERVIEW_CODE), *ic = db_cell(rows, i, OVERVIEW_CODE);
			int after = ja != ia ? ja > ia : jid != iid ? jid > iid : strcmp(jc ? jc : "", ic ? ic : "") > 0;
			if (!after)
				break;
			at[k] = j;
			k--;
		}
		at[k] = i;
	}
	return at;
}

/* Every tile's number from the counters (the same ones each tile's list reads for its total, so both are exact, at
 * any size: none is a lower bound), with the settings they were counted under. */
static void write_tiles(struct request *r, struct jw *w, int64_t now, const struct db_rows *rows)
{
	int64_t today = (now + VIETNAM_UTC_OFFSET) / DAY_SECONDS;
	int64_t no_slip_days = one_value(rows, "head", OV_HEAD_NO_SLIP_DAYS);
	jw_int(w, "low_stock_threshold", one_value(rows, "head", OV_HEAD_LOW_STOCK_THRESHOLD));
	jw_int(w, "no_slip_days", no_slip_days);
	const char *since_text = window_text(r, today, no_slip_days);
	struct order_tile order_tiles[ORDER_TILES];
	order_tiles_fill(order_tiles);
	jw_arr_open(w, "tiles");
	static const int no_slip_cols[SLIP_ORDER_STATUS_COUNT] = OV_SLIPS_NO_SLIP_COLUMNS;
	for (int k = 0; k < ORDER_TILES; k++) {
		const struct order_tile *t = &order_tiles[k];
		int64_t n = k < SLIP_ORDER_STATUS_COUNT ? one_value(rows, "slips", no_slip_cols[k]) : counter_value(rows, t->code);
		write_tile(w, t->code, t->status, n, order_tile_link(r, t, since_text));
	}
	write_tile(w, "unlinked_skus", NULL, counter_value(rows, "unlinked_skus"), "/api/v1/channel-skus?linked=false");
	write_tile(w, "slips_awaiting_export", NULL, counter_value(rows, "slips_awaiting_export"),
	           "/api/v1/export-slips?status=awaiting_export");
	write_tile(w, "low_stock", NULL, counter_value(rows, "low_stock"), "/api/v1/stock?low_stock=true");
	jw_arr_close(w);
}

/* The orders to arrange with the soonest ship-by deadlines, soonest first. */
static void write_ship_by(struct request *r, struct jw *w, const struct db_rows *rows)
{
	int n;
	const int *at = rows_in_order(r, rows, "ship_by", &n);
	jw_arr_open(w, "ship_by_soonest");
	for (int k = 0; k < n; k++) {
		int i = at[k];
		jw_obj_open(w, NULL);
		jw_int(w, "id", db_cell_i64(rows, i, OV_SHIP_ID));
		jw_str(w, "external_id", db_cell(rows, i, OV_SHIP_EXTERNAL_ID));
		jw_str(w, "shop_name", db_cell(rows, i, OV_SHIP_SHOP_NAME));
		jw_time(w, "ship_by", db_cell_i64(rows, i, OV_SHIP_BY));
		jw_obj_close(w);
	}
	jw_arr_close(w);
}

/* The chart: orders, revenue and cancellations per day, shop and currency over the last OVERVIEW_DAYS days. */
static void write_daily(struct request *r, struct jw *w, const struct db_rows *rows)
{
	int n;
	const int *at = rows_in_order(r, rows, "day", &n);
	jw_int(w, "days", OVERVIEW_DAYS);
	jw_arr_open(w, "orders_by_day");
	for (int k = 0; k < n; k++) {
		int i = at[k];
		char day[16];
		day_text(db_cell_i64(rows, i, OV_DAY_DAY), day);
		jw_obj_open(w, NULL);
		jw_str(w, "day", day);
		jw_int(w, "connection_id", db_cell_i64(rows, i, OV_DAY_CONNECTION_ID));
		jw_str(w, "shop_name", db_cell(rows, i, OV_DAY_SHOP_NAME));
		jw_str(w, "currency", db_cell(rows, i, OV_DAY_CURRENCY));
		jw_int(w, "orders", db_cell_i64(rows, i, OV_DAY_ORDERS));
		jw_money(w, "revenue", db_cell(rows, i, OV_DAY_REVENUE));
		jw_int(w, "cancelled", db_cell_i64(rows, i, OV_DAY_CANCELLED));
		jw_obj_close(w);
	}
	jw_arr_close(w);
}

/* Orders by status in the order work flows (the status table's order: payment, packing, shipping, done, cancelled). */
static void write_statuses(struct request *r, struct jw *w, const struct db_rows *rows)
{
	static const int cols[OV_STATUS_COUNT] = OV_STATUS_COLUMNS;
	jw_arr_open(w, "orders_by_status");
	for (size_t k = 0; k < order_nstatuses && k < OV_STATUS_COUNT; k++) {
		const char *status = order_statuses[k].code;
		int64_t n = one_value(rows, "statuses", cols[k]);
		if (n > 0)
			write_tile(w, "orders_by_status", status, n, arena_printf(r->arena, "/api/v1/orders?status=%s", status));
	}
	jw_arr_close(w);
}

/* Seconds in column c of row i, null when NULL. */
static void write_seconds(struct jw *w, const char *key, const struct db_rows *rows, int i, int c)
{
	if (db_cell(rows, i, c) == NULL)
		jw_null(w, key);
	else
		jw_int(w, key, db_cell_i64(rows, i, c));
}

/* Sync health of every connected shop: token expiry, last successful sync, the last error, stock push failures
 * (counted as its failed-only list counts them, with that list's link), webhook lag; *ages counts the shops with a
 * webhook waiting (an age counted from now). */
static void write_connections(struct request *r, struct jw *w, const struct db_rows *rows, int *ages)
{
	int n;
	const int *at = rows_in_order(r, rows, "shop", &n);
	jw_arr_open(w, "connections");
	for (int k = 0; k < n; k++) {
		int i = at[k];
		int64_t conn = db_cell_i64(rows, i, OV_SHOP_ID);
		jw_obj_open(w, NULL);
		jw_int(w, "id", conn);
		jw_str(w, "shop_name", db_cell(rows, i, OV_SHOP_NAME));
		jw_str(w, "status", db_cell(rows, i, OV_SHOP_STATUS));
		jw_time(w, "access_expires_at", db_cell_i64(rows, i, OV_SHOP_ACCESS_EXPIRES_AT));
		jw_time(w, "last_synced_at", db_cell_i64(rows, i, OV_SHOP_LAST_SYNCED_AT));
		jw_str(w, "last_error_code", db_cell(rows, i, OV_SHOP_LAST_ERROR_CODE));
		jw_time(w, "last_error_at", db_cell_i64(rows, i, OV_SHOP_LAST_ERROR_AT));
		jw_str(w, "job_state", db_cell(rows, i, OV_SHOP_JOB_STATE));
		jw_obj_open(w, "stock_push_failed");
		jw_int(w, "count", db_cell_i64(rows, i, OV_SHOP_PUSH_FAILED));
		jw_str(w, "link", arena_printf(r->arena, "/api/v1/connections/%lld/stock-push?failed=true", (long long)conn));
		jw_obj_close(w);
		jw_obj_open(w, "webhooks");
		jw_int(w, "pending", db_cell_i64(rows, i, OV_SHOP_PENDING));
		*ages += db_cell(rows, i, OV_SHOP_OLDEST_PENDING_S) != NULL;
		write_seconds(w, "oldest_pending_seconds", rows, i, OV_SHOP_OLDEST_PENDING_S);
		write_seconds(w, "recent_max_seconds", rows, i, OV_SHOP_RECENT_MAX_S);
		jw_obj_close(w);
		jw_obj_close(w);
	}
	jw_arr_close(w);
}

/* Members of one of the response's objects from the statement's rows; *keep 0 when what they hold must not be kept. */
typedef void (*members_writer)(struct request *r, struct jw *w, const struct db_rows *rows, int64_t now, int *keep);

/* The numbers of the merchant's data: tiles, deadlines, days, statuses. */
static void data_members(struct request *r, struct jw *w, const struct db_rows *rows, int64_t now, int *keep)
{
	(void)keep;
	write_tiles(r, w, now, rows);
	write_ship_by(r, w, rows);
	write_daily(r, w, rows);
	write_statuses(r, w, rows);
}

/* The after-sales requests waiting for an answer: their count (sql/0030's counter) and nearest deadline, which the
 * requests' triggers version with the sync health (sql/0033). */
static void write_waiting(struct jw *w, const struct db_rows *rows)
{
	jw_obj_open(w, "after_sales_waiting");
	jw_int(w, "count", one_value(rows, "head", OV_HEAD_WAITING_COUNT));
	jw_time(w, "nearest_deadline", one_value(rows, "head", OV_HEAD_WAITING_NEAREST));
	jw_str(w, "link", "/api/v1/after-sales?waiting=true&sort=deadline");
	jw_obj_close(w);
}

/* The after-sales requests waiting and the connections' sync health: not kept while it holds an age counted from now
 * (webhooks waiting). */
static void health_members(struct request *r, struct jw *w, const struct db_rows *rows, int64_t now, int *keep)
{
	(void)now;
	int ages = 0;
	write_waiting(w, rows);
	write_connections(r, w, rows, &ages);
	*keep = ages == 0;
}

/* One object of members written from rows, and kept in the read cache under key at version when its writer allows;
 * NULL on failure. */
static const char *written_object(struct request *r, const char *key, int64_t version, members_writer write,
                                  const struct db_rows *rows, int64_t now, size_t *len)
{
	int keep = 1;
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	write(r, &w, rows, now, &keep);
	jw_obj_close(&w);
	const char *doc = jw_result(&w, len);
	if (doc != NULL) {
		if (keep)
			read_cache_put(r, key, version, doc, *len);
		doc = arena_strndup(r->arena, doc, *len);
	}
	jw_free(&w);
	return doc;
}

/* The statement's rows: every number. */
static int read_numbers(struct request *r, int64_t now, struct db_rows *rows)
{
	_Static_assert(SLIP_ORDER_STATUS_COUNT == 5, "STMT_OVERVIEW's list of the statuses a slip may be made in");
	if (order_nstatuses != OV_STATUS_COUNT) /* STMT_OVERVIEW has a column for each app status */
		return -1;
	int64_t mid = r->auth.merchant_id, today = (now + VIETNAM_UTC_OFFSET) / DAY_SECONDS;
	const char *const *s = slip_order_statuses;
	const char *st[OV_STATUS_COUNT];
	for (int k = 0; k < OV_STATUS_COUNT; k++)
		st[k] = order_statuses[k].code;
	struct db_param p[] = {
		P_I64(mid), P_I64(mid),                                                           /* head */
		P_I64(mid),                                                                       /* low stock */
		P_STR(s[0]), P_STR(s[1]), P_STR(s[2]), P_STR(s[3]), P_STR(s[4]), P_STR("cancelled"), /* slips: sums */
		P_STR(s[0]), P_STR(s[1]), P_STR(s[2]), P_STR(s[3]), P_STR(s[4]), P_STR("cancelled"), /* slips: IN */
		P_STR("cancelled"), P_I64(today), P_I64(mid),
		P_STR(st[0]), P_STR(st[1]), P_STR(st[2]), P_STR(st[3]), P_STR(st[4]), P_STR(st[5]), P_STR(st[6]),
		P_STR(st[7]), P_STR(st[8]), P_I64(mid),                                           /* statuses */
		P_I64(mid), P_I64(today - (OVERVIEW_DAYS - 1)),                                   /* the chart */
		P_I64(mid), P_I64(SOONEST),                                                       /* ship-by deadlines */
		P_I64(mid),                                                                       /* shops */
	};
	return db_query(r->db, r->arena, STMT_OVERVIEW, p, (int)(sizeof(p) / sizeof(p[0])), rows) < 0 ? -1 : 0;
}

void h_overview(struct request *r)
{
	int64_t health_version, version = read_cache_version(r, &health_version);
	/* the health's push failures count linked SKUs (data) too: its label is the sum of both versions */
	int64_t both = version < 0 ? -1 : version + health_version;
	size_t len = 0, health_len = 0;
	int64_t now = (int64_t)time(NULL);
	const char *day = arena_printf(r->arena, "overview?day=%lld", (long long)((now + VIETNAM_UTC_OFFSET) / DAY_SECONDS));
	const char *data = read_cache_get(r, day, version, &len);
	const char *health = read_cache_get(r, "overview-health", both, &health_len);
	int kept = data != NULL && health != NULL;
	struct db_rows rows = { 0 };
	if (!kept && read_numbers(r, now, &rows) < 0) {
		fail_db(r);
		return;
	}
	if (data == NULL)
		data = written_object(r, day, version, data_members, &rows, now, &len);
	if (health == NULL)
		health = written_object(r, "overview-health", both, health_members, &rows, now, &health_len);
	if (data == NULL || health == NULL || len < 2 || health_len < 2) {
		fail_db(r);
		return;
	}
	/* {data members} and {"after_sales_waiting": ..., "connections": [...]}: one object of both */
	resp_body(r, 200, RESP_JSON_TYPE, data, len - 1);
	buf_puts(&r->out, ",");
	buf_append(&r->out, health + 1, health_len - 1);
	if (kept)
		resp_header(r, "X-Read-Cache", "hit");
}
