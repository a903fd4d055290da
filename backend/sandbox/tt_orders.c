/* POST /order/202309/orders/search (filters, both sorts, keyset page tokens) and GET /order/202309/orders?ids=. */
#include "tt.h"
#include "handlers.h"
#include "sb_sql.h"
#include "tt_order_json.h"
#include "gen.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include <stdlib.h>
#include <string.h>

#define MAX_IDS 50
#define NFILTER 19   /* shop + 9 optional filters, each bound twice */

static void bind2(struct db_param *p, int *n, struct db_param v)
{
	p[(*n)++] = v;
	p[(*n)++] = v;
}

static struct db_param opt_int(struct jr *j, yajl_val body, const char *field)
{
	if (!jr_has(body, field))
		return P_NULL;
	return P_I64(jr_int(j, body, field, JR_OPTIONAL, 0, 4102444800LL, 0));
}

/* Internal warehouse ids of warehouse_ids[] as a JSON array (unknown ids become 0: no match). */
static struct db_param warehouse_filter(struct request *r, struct jr *j, yajl_val body)
{
	yajl_val arr = jr_arr(j, body, "warehouse_ids", JR_OPTIONAL, 0, 100);
	if (arr == NULL)
		return P_NULL;
	size_t n = arr->u.array.len;
	int64_t *ids = arena_alloc(r->arena, sizeof(int64_t) * (n > 0 ? n : 1));
	for (size_t i = 0; i < n; i++) {
		yajl_val v = arr->u.array.values[i];
		if (!YAJL_IS_STRING(v)) {
			jr_fail(j, "warehouse_ids", "must be an array of strings");
			return P_NULL;
		}
		ids[i] = sb_row(YAJL_GET_STRING(v), ID_WAREHOUSE);
	}
	const char *json_ids = sb_json_ids(r->arena, ids, (int)n);
	return P_STR(json_ids);
}

/* Reads the body's filters into p (NFILTER parameters); -1 when answered. */
static int read_filters(struct request *r, const struct tt_call *c, struct db_param *p)
{
	struct jr j;
	if (tt_body(r, &j) != 0)
		return -1;
	int n = 0;
	p[n++] = P_I64(c->shop_id);
	const char *st = jr_str(&j, j.root, "order_status", JR_OPTIONAL, 1, 40);
	const char *status = st != NULL ? gen_known_status(st) : NULL;
	if (st != NULL && status == NULL)
		jr_fail(&j, "order_status", "is not a known order status");
	bind2(p, &n, status != NULL ? P_STR(status) : P_NULL);
	bind2(p, &n, opt_int(&j, j.root, "create_time_ge"));
	bind2(p, &n, opt_int(&j, j.root, "create_time_lt"));
	bind2(p, &n, opt_int(&j, j.root, "update_time_ge"));
	bind2(p, &n, opt_int(&j, j.root, "update_time_lt"));
	const char *ship = jr_str(&j, j.root, "shipping_type", JR_OPTIONAL, 1, 20);
	if (ship != NULL && strcmp(ship, "TIKTOK") != 0 && strcmp(ship, "SELLER") != 0)
		jr_fail(&j, "shipping_type", "must be TIKTOK or SELLER");
	bind2(p, &n, ship != NULL ? P_STR(ship) : P_NULL);
	const char *buyer = jr_str(&j, j.root, "buyer_user_id", JR_OPTIONAL, 1, 64);
	bind2(p, &n, buyer != NULL ? P_STR(buyer) : P_NULL);
	bind2(p, &n, jr_has(j.root, "is_buyer_request_cancel")
	                 ? P_I64(jr_bool(&j, j.root, "is_buyer_request_cancel", JR_OPTIONAL, 0)) : P_NULL);
	bind2(p, &n, warehouse_filter(r, &j, j.root));
	if (j.nerr > 0) {
		tt_fail(r, TT_INVALID_REQUEST,
		        arena_printf(r->arena, "Invalid request body: %s %s", j.errs[0].field, j.errs[0].message));
		return -1;
	}
	return 0;
}

/* page_size, sort_field, sort_order and page_token; picks the statement. -1 when answered. */
static int read_paging(struct request *r, int64_t *size, int *stmt, int *by_update, struct db_param *cur)
{
	const char *ps = req_query(r, "page_size");
	if (ps == NULL || *ps == '\0') {
		tt_fail(r, TT_INVALID_REQUEST, "Invalid page_size: page_size is required");
		return -1;
	}
	if (tt_query_int(r, "page_size", 1, 100, 20, size) != 0)
		return -1;
	const char *field = req_query(r, "sort_field");
	const char *order = req_query(r, "sort_order");
	if (field == NULL || *field == '\0')
		field = "create_time";
	if (order == NULL || *order == '\0')
		order = "DESC";
	*by_update = strcmp(field, "update_time") == 0;
	int asc = strcmp(order, "ASC") == 0;
	if ((!*by_update && strcmp(field, "create_time") != 0) || (!asc && strcmp(order, "DESC") != 0)) {
		tt_fail(r, TT_INVALID_REQUEST, "Invalid sort: sort_field is create_time or update_time, sort_order ASC or DESC");
		return -1;
	}
	*stmt = *by_update ? (asc ? SB_ORDER_SEARCH_UT_ASC : SB_ORDER_SEARCH_UT_DESC)
	                   : (asc ? SB_ORDER_SEARCH_CT_ASC : SB_ORDER_SEARCH_CT_DESC);
	const char *tag = arena_printf(r->arena, "o%c%c", *by_update ? 'u' : 'c', asc ? 'a' : 'd');
	int64_t key = 0, id = 0;
	int has = tt_page_token_parse(r->arena, req_query(r, "page_token"), tag, &key, &id);
	if (has < 0) {
		tt_fail(r, TT_INVALID_REQUEST, "Invalid page_token");
		return -1;
	}
	cur[0] = has ? P_I64(1) : P_NULL;
	cur[1] = P_I64(key);
	cur[2] = P_I64(key);
	cur[3] = P_I64(id);
	return 0;
}

void h_tt_orders_search(struct request *r)
{
	struct tt_call c;
	if (tt_begin(r, TT_SHOP, &c) != 0)
		return;
	struct db_param p[NFILTER + 5];
	int64_t size;
	int stmt, by_update;
	if (read_paging(r, &size, &stmt, &by_update, p + NFILTER) != 0 || read_filters(r, &c, p) != 0)
		return;
	p[NFILTER + 4] = P_I64(size + 1);
	struct db_rows orders, lines, count;
	int n = db_query(r->db, r->arena, stmt, p, NFILTER + 5, &orders);
	if (n < 0 || db_query(r->db, r->arena, SB_ORDER_SEARCH_COUNT, p, NFILTER, &count) <= 0) {
		tt_fail_db(r);
		return;
	}
	int shown = n > size ? (int)size : n;
	if (tt_order_lines(r, &orders, shown, &lines) < 0) {
		tt_fail_db(r);
		return;
	}
	const char *next = "";
	if (n > size) {
		int last = shown - 1;
		const char *tag = arena_printf(r->arena, "o%c%c", by_update ? 'u' : 'c',
		                               stmt == SB_ORDER_SEARCH_CT_ASC || stmt == SB_ORDER_SEARCH_UT_ASC ? 'a' : 'd');
		next = tt_page_token(r->arena, tag, db_cell_i64(&orders, last, by_update ? OC_UPDATE_TIME : OC_CREATE_TIME),
		                     db_cell_i64(&orders, last, OC_ID));
	}
	struct jw w;
	tt_open(r, &w);
	tt_write_orders(r, &w, &orders, shown, &lines);
	jw_str(&w, "next_page_token", next);
	jw_int(&w, "total_count", db_cell_i64(&count, 0, 0));
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
