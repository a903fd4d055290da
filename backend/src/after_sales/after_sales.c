/* GET /after-sales (filters, soonest deadline first or newest first, keyset cursor), GET /after-sales/{id}, and the
 * requests written into an order's detail and the overview. */
#include "after_sales/after_sales.h"
#include "after_sales/answer_images.h"
#include "api/common.h"
#include "api/handlers.h"
#include "core/arena.h"
#include "core/clock.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jwrite.h"
#include "statements.h"
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define DUE_SOON_SECONDS DAY_SECONDS /* a deadline closer than this stands out */

/* The members of row i of an enum as_col result (the caller opens and closes the object). */
static void write_members(struct jw *w, const struct db_rows *s, int i)
{
	int64_t deadline = db_cell_i64(s, i, AS_DEADLINE);
	const char *status = db_cell(s, i, AS_STATUS), *answer = db_cell(s, i, AS_ANSWER_STATE);
	const char *stock = db_cell(s, i, AS_STOCK_STATE), *kind = db_cell(s, i, AS_KIND);
	jw_int(w, "id", db_cell_i64(s, i, AS_ID));
	jw_int(w, "connection_id", db_cell_i64(s, i, AS_CONNECTION_ID));
	jw_str(w, "shop_name", db_cell(s, i, AS_SHOP_NAME));
	jw_str(w, "source", db_cell(s, i, AS_SOURCE));
	jw_str(w, "external_id", db_cell(s, i, AS_EXTERNAL_ID));
	jw_str(w, "external_order_id", db_cell(s, i, AS_EXTERNAL_ORDER_ID));
	if (db_cell(s, i, AS_ORDER_ID) != NULL)
		jw_int(w, "order_id", db_cell_i64(s, i, AS_ORDER_ID));
	else
		jw_null(w, "order_id");
	jw_str(w, "kind", kind);
	jw_str(w, "status", status);
	jw_str(w, "tiktok_status", db_cell(s, i, AS_TIKTOK_STATUS));
	jw_str(w, "tiktok_type", db_cell(s, i, AS_TIKTOK_TYPE));
	jw_str(w, "role", db_cell(s, i, AS_ROLE));
	jw_str(w, "reason", db_cell(s, i, AS_REASON));
	jw_str(w, "reason_text", db_cell(s, i, AS_REASON_TEXT));
	jw_str(w, "seller_action", db_cell(s, i, AS_SELLER_ACTION));
	jw_time(w, "deadline", deadline);
	jw_bool(w, "due_soon", deadline > 0 && strcmp(status, "waiting") == 0 && deadline - clock_now() < DUE_SOON_SECONDS);
	jw_str(w, "refund_total", db_cell(s, i, AS_REFUND_TOTAL));
	jw_str(w, "currency", db_cell(s, i, AS_CURRENCY));
	jw_time(w, "created_at", db_cell_i64(s, i, AS_TT_CREATE_TIME));
	jw_time(w, "updated_at", db_cell_i64(s, i, AS_TT_UPDATE_TIME));
	jw_bool(w, "can_answer", strcmp(status, "waiting") == 0 && strcmp(answer, "sending") != 0);
	/* TikTok refuses this rejection without photos (a package the seller received) */
	jw_bool(w, "images_required", as_images_required(db_cell(s, i, AS_SOURCE), kind, db_cell(s, i, AS_TIKTOK_STATUS)));
	jw_obj_open(w, "answer");
	jw_str(w, "state", answer);
	jw_str(w, "action", *db_cell(s, i, AS_ANSWER_ACTION) ? db_cell(s, i, AS_ANSWER_ACTION) : NULL);
	jw_str(w, "reason", *db_cell(s, i, AS_ANSWER_REASON) ? db_cell(s, i, AS_ANSWER_REASON) : NULL);
	jw_str(w, "error_code", db_cell(s, i, AS_ANSWER_CODE));
	jw_str(w, "error", db_cell(s, i, AS_ANSWER_ERROR));
	jw_obj_close(w);
	jw_obj_open(w, "stock");
	jw_str(w, "state", *stock ? stock : "pending");
	if (db_cell(s, i, AS_STOCK_SLIP_ID) != NULL) {
		jw_int(w, "export_slip_id", db_cell_i64(s, i, AS_STOCK_SLIP_ID));
		jw_str(w, "export_slip_code", db_cell(s, i, AS_STOCK_SLIP_CODE));
	} else {
		jw_null(w, "export_slip_id");
		jw_null(w, "export_slip_code");
	}
	if (db_cell(s, i, AS_RECEIPT_ID) != NULL) {
		jw_int(w, "return_receipt_id", db_cell_i64(s, i, AS_RECEIPT_ID));
		jw_str(w, "return_receipt_code", db_cell(s, i, AS_RECEIPT_CODE));
	} else {
		jw_null(w, "return_receipt_id");
		jw_null(w, "return_receipt_code");
	}
	jw_bool(w, "can_receive", strcmp(kind, "return") == 0 && strcmp(stock, "return_offered") == 0);
	jw_obj_close(w);
}

/* The lines, the reject reasons and the lines a return receipt takes back (linked products only). */
static int write_details(struct request *r, struct jw *w, int64_t id)
{
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows l, x;
	if (db_query(r->db, r->arena, STMT_AS_LINES, p, 2, &l) < 0 || db_query(r->db, r->arena, STMT_AS_REASONS, p, 2, &x) < 0)
		return -1;
	jw_arr_open(w, "lines");
	for (int i = 0; i < l.nrows; i++) {
		jw_obj_open(w, NULL);
		jw_str(w, "sku_id", db_cell(&l, i, AS_LINE_SKU_ID));
		jw_str(w, "seller_sku", db_cell(&l, i, AS_LINE_SELLER_SKU));
		jw_str(w, "product_name", db_cell(&l, i, AS_LINE_PRODUCT_NAME));
		jw_str(w, "sku_name", db_cell(&l, i, AS_LINE_SKU_NAME));
		jw_int(w, "quantity", db_cell_i64(&l, i, AS_LINE_QUANTITY));
		if (db_cell(&l, i, AS_LINE_PRODUCT_ID) != NULL) {
			jw_obj_open(w, "product");
			jw_int(w, "id", db_cell_i64(&l, i, AS_LINE_PRODUCT_ID));
			jw_str(w, "name", db_cell(&l, i, AS_LINE_PRODUCT));
			jw_str(w, "sku", db_cell(&l, i, AS_LINE_PRODUCT_SKU));
			jw_obj_close(w);
		} else {
			jw_null(w, "product");
		}
		jw_obj_close(w);
	}
	jw_arr_close(w);
	/* per product: two SKUs linked to one product come back as one line */
	jw_arr_open(w, "return_lines");
	for (int i = 0; i < l.nrows; i++) {
		int64_t product = db_cell_i64(&l, i, AS_LINE_PRODUCT_ID), quantity = 0;
		int first = product > 0;
		for (int k = 0; k < l.nrows && first; k++)
			if (db_cell_i64(&l, k, AS_LINE_PRODUCT_ID) == product) {
				first = k >= i;
				quantity += db_cell_i64(&l, k, AS_LINE_QUANTITY);
			}
		if (!first)
			continue;
		jw_obj_open(w, NULL);
		jw_int(w, "product_id", product);
		jw_int(w, "quantity", quantity);
		jw_obj_close(w);
	}
	jw_arr_close(w);
	jw_arr_open(w, "reject_reasons");
	for (int i = 0; i < x.nrows; i++) {
		jw_obj_open(w, NULL);
		jw_str(w, "name", db_cell(&x, i, AS_REASON_NAME));
		jw_str(w, "text", db_cell(&x, i, AS_REASON_TEXT_COL));
		jw_obj_close(w);
	}
	jw_arr_close(w);
	struct db_rows g;
	if (db_query(r->db, r->arena, STMT_AS_IMAGES_OF, p, 2, &g) < 0)
		return -1;
	jw_arr_open(w, "answer_images"); /* the photos of the last rejection (their bytes stay private) */
	for (int i = 0; i < g.nrows; i++) {
		jw_obj_open(w, NULL);
		jw_int(w, "position", db_cell_i64(&g, i, AS_IMG_OF_POSITION));
		jw_str(w, "content_type", db_cell(&g, i, AS_IMG_OF_CONTENT_TYPE));
		jw_int(w, "size", db_cell_i64(&g, i, AS_IMG_OF_SIZE));
		jw_bool(w, "uploaded", db_cell_i64(&g, i, AS_IMG_OF_UPLOADED) != 0);
		jw_obj_close(w);
	}
	jw_arr_close(w);
	return 0;
}

void as_answer_one(struct request *r, int status, int64_t id)
{
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows s;
	int n = id > 0 ? db_query(r->db, r->arena, STMT_AS_GET, p, 2, &s) : 0;
	if (n < 0) {
		fail_db(r);
		return;
	}
	if (n == 0) {
		resp_error(r, 404, "not_found", "No such cancellation or return request.");
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	write_members(&w, &s, 0);
	if (write_details(r, &w, id) < 0) {
		jw_free(&w);
		fail_db(r);
		return;
	}
	jw_obj_close(&w);
	resp_json(r, status, &w);
	jw_free(&w);
}

int as_write_of_order(struct request *r, struct jw *w, const char *key, int64_t order_id)
{
	struct db_param p[] = { P_I64(order_id), P_I64(r->auth.merchant_id) };
	struct db_rows s;
	if (db_query(r->db, r->arena, STMT_AS_OF_ORDER, p, 2, &s) < 0)
		return -1;
	jw_arr_open(w, key);
	for (int i = 0; i < s.nrows; i++) {
		jw_obj_open(w, NULL);
		write_members(w, &s, i);
		jw_obj_close(w);
	}
	jw_arr_close(w);
	return 0;
}

static const char *const kinds[] = { "cancellation", "return", "refund", NULL };
static const char *const statuses[] = { "waiting", "approved", "rejected", "withdrawn", "completed", "in_progress",
	                                "other", NULL };

/* ?name= one of the allowed words, NULL when absent; an error in j otherwise. */
static const char *query_word(struct jr *j, struct request *r, const char *name, const char *const *allowed)
{
	const char *v = query_str(j, r, name, 32);
	if (v == NULL)
		return NULL;
	for (int i = 0; allowed[i] != NULL; i++)
		if (strcmp(v, allowed[i]) == 0)
			return allowed[i];
	jr_fail(j, name, "is not one of the allowed values");
	return NULL;
}

void h_after_sales_list(struct request *r)
{
	struct jr j;
	query_errors_init(&j, r);
	const char *waiting = query_word(&j, r, "waiting", (const char *const[]){ "true", "false", NULL });
	int64_t conn = query_int(&j, r, "connection_id", 1, INT64_MAX, 0);
	const char *kind = query_word(&j, r, "kind", kinds);
	const char *status = query_word(&j, r, "status", statuses);
	const char *sort = query_word(&j, r, "sort", (const char *const[]){ "newest", "deadline", NULL });
	int64_t per_page = query_int(&j, r, "per_page", 1, 200, 50);
	const char *cursor = query_str(&j, r, "cursor", 64);
	int by_deadline = sort != NULL && strcmp(sort, "deadline") == 0;
	int64_t after_key = by_deadline ? -1 : INT64_MAX, after_id = 0;
	if (cursor != NULL) {
		int ok = by_deadline ? sscanf(cursor, "%" SCNd64 ".%" SCNd64, &after_key, &after_id) == 2
		                     : sscanf(cursor, "%" SCNd64, &after_key) == 1;
		if (!ok)
			jr_fail(&j, "cursor", "is not a cursor of this list");
	}
	if (query_errors_answer(&j, r) < 0)
		return;
	struct db_param p[10] = {
		P_I64(r->auth.merchant_id), P_I64(waiting != NULL && strcmp(waiting, "true") == 0),
		conn > 0 ? P_I64(conn) : P_NULL, kind != NULL ? P_STR(kind) : P_NULL, status != NULL ? P_STR(status) : P_NULL,
	};
	struct db_rows count, s;
	int np = 5;
	if (by_deadline) {
		p[np++] = P_I64(after_key);
		p[np++] = P_I64(after_key);
		p[np++] = P_I64(after_id);
	} else {
		p[np++] = P_I64(after_key);
	}
	p[np++] = P_I64(per_page + 1);
	if (db_query(r->db, r->arena, STMT_AS_COUNT, p, 5, &count) != 1 ||
	    db_query(r->db, r->arena, by_deadline ? STMT_AS_LIST_DEADLINE : STMT_AS_LIST_NEWEST, p, np, &s) < 0) {
		fail_db(r);
		return;
	}
	int shown = s.nrows > per_page ? (int)per_page : s.nrows;
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_arr_open(&w, "items");
	for (int i = 0; i < shown; i++) {
		jw_obj_open(&w, NULL);
		write_members(&w, &s, i);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_int(&w, "per_page", per_page);
	jw_int(&w, "total", db_cell_i64(&count, 0, ONE_VALUE));
	if (s.nrows > per_page) {
		int last = shown - 1;
		const char *next = by_deadline
			? arena_printf(r->arena, "%lld.%lld", (long long)db_cell_i64(&s, last, AS_SORT_KEY),
			               (long long)db_cell_i64(&s, last, AS_ID))
			: arena_printf(r->arena, "%lld", (long long)db_cell_i64(&s, last, AS_ID));
		jw_str(&w, "next_cursor", next);
	} else {
		jw_null(&w, "next_cursor");
	}
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}

void as_write_ref(struct jw *w, const char *key, const struct db_rows *rows, int i, int id_col, int ext_col)
{
	if (db_cell(rows, i, id_col) == NULL) {
		jw_null(w, key);
		return;
	}
	jw_obj_open(w, key);
	jw_int(w, "id", db_cell_i64(rows, i, id_col));
	jw_str(w, "external_id", db_cell(rows, i, ext_col));
	jw_obj_close(w);
}

void h_after_sales_get(struct request *r)
{
	as_answer_one(r, 200, req_param_id(r, 0));
}
