/* POST /order/202309/orders/search (filters, both sorts, keyset page tokens) and GET /order/202309/orders?ids=. */
#include "tt.h"
#include "handlers.h"
#include "sb_sql.h"
#include "tt_order_json.h"
#include "gen.h"
#include "core/buf.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include <stdlib.h>
#include <string.h>

#define MAX_IDS 50
#define MAX_PARAMS 16

/* A search being assembled: the fragments of the filters given, and their values. */
struct search {
	struct buf where;
	struct db_param p[MAX_PARAMS];
	int n;
};

static void add(struct search *s, const char *fragment, struct db_param v)
{
	buf_puts(&s->where, fragment);
	s->p[s->n++] = v;
}

/* A time bound of the body, added to the search when given (null counts as not given). */
static void add_time(struct search *s, struct jr *j, const char *field, const char *fragment)
{
	const char *path[] = { field, NULL };
	yajl_val v = yajl_tree_get(j->root, path, yajl_t_any);
	if (v != NULL && !YAJL_IS_NULL(v))
		add(s, fragment, P_I64(jr_int(j, j->root, field, JR_OPTIONAL, 0, 4102444800LL, 0)));
}

/* Internal warehouse ids of warehouse_ids[] as a JSON array (unknown ids become 0: no match). */
static struct db_param warehouse_filter(struct request *r, struct jr *j, yajl_val arr)
{
	size_t n = arr->u.array.len;
	int64_t *ids = arena_alloc(r->arena, sizeof(int64_t) * (n > 0 ? n : 1));
	for (size_t i = 0; i < n; i++) {
		yajl_val v = arr->u.array.values[i];
		if (!YAJL_IS_STRING(v)) {
			jr_fail(j, "warehouse_ids", "must be an array of strings");
			return P_STR("[]");
		}
		ids[i] = sb_row(YAJL_GET_STRING(v), ID_WAREHOUSE);
	}
	const char *json_ids = sb_json_ids(r->arena, ids, (int)n);
	return P_STR(json_ids);
}

/* Adds the body's filters to the search; -1 when answered. */
static int read_filters(struct request *r, const struct tt_call *c, struct search *s)
{
	const struct sb_order_search *q = &sb_order_search;
	struct jr j;
	if (tt_body(r, &j) != 0)
		return -1;
	s->p[s->n++] = P_I64(c->shop_id);
	const char *st = jr_str(&j, j.root, "order_status", JR_OPTIONAL, 1, 40);
	const char *status = st != NULL ? gen_known_status(st) : NULL;
	if (st != NULL && status == NULL)
		jr_fail(&j, "order_status", "is not a known order status");
	if (status != NULL)
		add(s, q->status, P_STR(status));
	add_time(s, &j, "create_time_ge", q->create_ge);
	add_time(s, &j, "create_time_lt", q->create_lt);
	add_time(s, &j, "update_time_ge", q->update_ge);
	add_time(s, &j, "update_time_lt", q->update_lt);
	const char *ship = jr_str(&j, j.root, "shipping_type", JR_OPTIONAL, 1, 20);
	if (ship != NULL && strcmp(ship, "TIKTOK") != 0 && strcmp(ship, "SELLER") != 0)
		jr_fail(&j, "shipping_type", "must be TIKTOK or SELLER");
	else if (ship != NULL)
		add(s, q->shipping_type, P_STR(ship));
	const char *buyer = jr_str(&j, j.root, "buyer_user_id", JR_OPTIONAL, 1, 64);
	if (buyer != NULL)
		add(s, q->buyer, P_STR(buyer));
	if (jr_has(j.root, "is_buyer_request_cancel"))
		add(s, q->cancel, P_I64(jr_bool(&j, j.root, "is_buyer_request_cancel", JR_OPTIONAL, 0)));
	yajl_val wh = jr_arr(&j, j.root, "warehouse_ids", JR_OPTIONAL, 0, 100);
	if (wh != NULL)
		add(s, q->warehouses, warehouse_filter(r, &j, wh));
	if (j.nerr > 0) {
		tt_fail(r, TT_INVALID_REQUEST,
		        arena_printf(r->arena, "Invalid request body: %s %s", j.errs[0].field, j.errs[0].message));
		return -1;
	}
	return 0;
}

struct paging {
	int64_t size;
	int by_update, asc;
	int has_token;
	int64_t key, id, total;       /* from the page token */
	const char *tag;
};

/* page_size, sort_field, sort_order and page_token; -1 when answered. */
static int read_paging(struct request *r, struct paging *pg)
{
	const char *ps = req_query(r, "page_size");
	if (ps == NULL || *ps == '\0') {
		tt_fail(r, TT_INVALID_REQUEST, "Invalid page_size: page_size is required");
		return -1;
	}
	if (tt_query_int(r, "page_size", 1, 100, 20, &pg->size) != 0)
		return -1;
	const char *field = req_query(r, "sort_field");
	const char *order = req_query(r, "sort_order");
	if (field == NULL || *field == '\0')
		field = "create_time";
	if (order == NULL || *order == '\0')
		order = "DESC";
	pg->by_update = strcmp(field, "update_time") == 0;
	pg->asc = strcmp(order, "ASC") == 0;
	if ((!pg->by_update && strcmp(field, "create_time") != 0) || (!pg->asc && strcmp(order, "DESC") != 0)) {
		tt_fail(r, TT_INVALID_REQUEST, "Invalid sort: sort_field is create_time or update_time, sort_order ASC or DESC");
		return -1;
	}
	pg->tag = arena_printf(r->arena, "o%c%c", pg->by_update ? 'u' : 'c', pg->asc ? 'a' : 'd');
	pg->has_token = tt_page_token_parse(r->arena, req_query(r, "page_token"), pg->tag, &pg->key, &pg->id, &pg->total);
	if (pg->has_token < 0) {
		tt_fail(r, TT_INVALID_REQUEST, "Invalid page_token");
		return -1;
	}
	return 0;
}

void h_tt_orders_search(struct request *r)
{
	struct tt_call c;
	if (tt_begin(r, TT_SHOP, &c) != 0)
		return;
	const struct sb_order_search *q = &sb_order_search;
	struct paging pg;
	struct search s;
	s.n = 0;
	buf_init(&s.where, 0);
	buf_puts(&s.where, "");
	if (read_paging(r, &pg) != 0 || read_filters(r, &c, &s) != 0) {
		buf_free(&s.where);
		return;
	}
	const char *where = arena_strdup(r->arena, s.where.data);
	buf_free(&s.where);
	struct db_rows orders, lines, count;
	/* The first page counts the matches; later pages carry that total in their token. */
	if (!pg.has_token) {
		if (db_query_text(r->db, r->arena, arena_printf(r->arena, "%s%s", q->count, where), s.p, s.n, &count) <= 0) {
			tt_fail_db(r);
			return;
		}
		pg.total = db_cell_i64(&count, 0, SB_COUNT_VALUE);
	}
	int np = s.n;
	const char *after = "";
	if (pg.has_token) {
		after = q->after[pg.by_update][pg.asc];
		s.p[np++] = P_I64(pg.key);
		s.p[np++] = P_I64(pg.key);
		s.p[np++] = P_I64(pg.id);
	}
	s.p[np++] = P_I64(pg.size + 1);
	const char *sql = arena_printf(r->arena, "%s%s%s%s", q->select, where, after, q->order[pg.by_update][pg.asc]);
	int n = db_query_text(r->db, r->arena, sql, s.p, np, &orders);
	if (n < 0) {
		tt_fail_db(r);
		return;
	}
	int shown = n > pg.size ? (int)pg.size : n;
	if (tt_order_lines(r, &orders, shown, &lines) < 0) {
		tt_fail_db(r);
		return;
	}
	const char *next = "";
	if (n > pg.size)
		next = tt_page_token(r->arena, pg.tag,
		                     db_cell_i64(&orders, shown - 1, pg.by_update ? SB_ORDER_ROW_UPDATE_TIME : SB_ORDER_ROW_CREATE_TIME),
		                     db_cell_i64(&orders, shown - 1, SB_ORDER_ROW_ID), pg.total);
	struct jw w;
	tt_open(r, &w);
	tt_write_orders(r, &w, &orders, shown, &lines);
	jw_str(&w, "next_page_token", next);
	jw_int(&w, "total_count", pg.total);
	tt_send(r, &c, &w);
}

void h_tt_orders_get(struct request *r)
{
	struct tt_call c;
	if (tt_begin(r, TT_SHOP, &c) != 0)
		return;
	const char *ids = req_query(r, "ids");
	if (ids == NULL || *ids == '\0') {
		tt_fail(r, TT_INVALID_REQUEST, "Invalid ids: ids is required");
		return;
	}
	int64_t rows_ids[MAX_IDS];
	int n = 0;
	char *list = arena_strdup(r->arena, ids);
	for (char *save = NULL, *tok = strtok_r(list, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
		if (n == MAX_IDS) {
			tt_fail(r, TT_INVALID_REQUEST, "Invalid ids: at most 50 order ids per call");
			return;
		}
		int64_t id = sb_row(tok, ID_ORDER);
		if (id == 0) {
			tt_fail(r, TT_INVALID_REQUEST, arena_printf(r->arena, "Invalid ids: %s is not an order id", tok));
			return;
		}
		rows_ids[n++] = id;
	}
	const char *json_ids = sb_json_ids(r->arena, rows_ids, n);
	struct db_param p[] = { P_STR(json_ids), P_I64(c.shop_id) };
	struct db_rows orders, lines;
	int found = db_query(r->db, r->arena, SB_ORDERS_BY_IDS, p, 2, &orders);
	if (found < 0 || tt_order_lines(r, &orders, found, &lines) < 0) {
		tt_fail_db(r);
		return;
	}
	struct jw w;
	tt_open(r, &w);
	tt_write_orders(r, &w, &orders, found, &lines);
	tt_send(r, &c, &w);
}
