/* POST /order/202309/orders/search (filters, both sorts, keyset page tokens) and GET /order/202309/orders?ids=. */
#include "tt.h"
#include "handlers.h"
#include "sb_sql.h"
#include "tt_order_json.h"
#include "gen.h"
#include "tt_search.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include <stdlib.h>
#include <string.h>

#define MAX_IDS 50

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
static int read_filters(struct request *r, const struct tt_call *c, struct tt_search *s)
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
		tt_search_add(s, q->status, P_STR(status));
	tt_search_add_time(s, &j, "create_time_ge", q->create_ge);
	tt_search_add_time(s, &j, "create_time_lt", q->create_lt);
	tt_search_add_time(s, &j, "update_time_ge", q->update_ge);
	tt_search_add_time(s, &j, "update_time_lt", q->update_lt);
	const char *ship = jr_str(&j, j.root, "shipping_type", JR_OPTIONAL, 1, 20);
	if (ship != NULL && strcmp(ship, "TIKTOK") != 0 && strcmp(ship, "SELLER") != 0)
		jr_fail(&j, "shipping_type", "must be TIKTOK or SELLER");
	else if (ship != NULL)
		tt_search_add(s, q->shipping_type, P_STR(ship));
	const char *buyer = jr_str(&j, j.root, "buyer_user_id", JR_OPTIONAL, 1, 64);
	if (buyer != NULL)
		tt_search_add(s, q->buyer, P_STR(buyer));
	if (jr_has(j.root, "is_buyer_request_cancel"))
		tt_search_add(s, q->cancel, P_I64(jr_bool(&j, j.root, "is_buyer_request_cancel", JR_OPTIONAL, 0)));
	yajl_val wh = jr_arr(&j, j.root, "warehouse_ids", JR_OPTIONAL, 0, 100);
	if (wh != NULL)
		tt_search_add(s, q->warehouses, warehouse_filter(r, &j, wh));
	if (j.nerr > 0) {
		tt_fail(r, TT_INVALID_REQUEST,
		        arena_printf(r->arena, "Invalid request body: %s %s", j.errs[0].field, j.errs[0].message));
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
	struct tt_search_sql sql = { NULL, q->count, q->after, q->order };
	struct tt_paging pg = { 0 };
	struct tt_search s;
	tt_search_init(&s);
	int n = -1;
	struct db_rows orders, lines;
	if (tt_read_paging(r, &pg, 100, 0, 'o') == 0 && read_filters(r, &c, &s) == 0) {
		sql.select = q->select[pg.by_update];
		n = tt_search_page(r, &s, &pg, &sql, &orders);
	}
	tt_search_free(&s);
	if (n < 0)
		return;
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
