/* The product catalog: list with diacritic-insensitive search, create, read, edit, delete (refused while linked). */
#include "api/common.h"
#include "api/handlers.h"
#include "audit/audit.h"
#include "products/links.h"
#include "products/product_form.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <string.h>

#define ER_ROW_IS_REFERENCED 1451

static void write_item(struct jw *w, const struct db_rows *rows, int i)
{
	product_write(w, NULL, rows, i);
}

void h_product_list(struct request *r)
{
	struct jr q;
	struct page pg;
	query_errors_init(&q, r);
	page_params(&q, r, &pg);
	const char *text = query_str(&q, r, "q", 100);
	if (query_errors_answer(&q, r) != 0)
		return;
	const char *pat = text != NULL ? product_search_pattern(r->arena, text) : NULL;
	struct db_param p[5] = { P_I64(r->auth.merchant_id), P_STR(pat), P_STR(pat) };
	answer_list(r, &pg, STMT_PRODUCT_COUNT, STMT_PRODUCT_LIST, p, 3, write_item);
}

/* Answers the product `id` of this merchant with `status`. */
static void answer_product(struct request *r, int64_t id, int status)
{
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows rows;
	int n = id > 0 ? db_query(r->db, r->arena, STMT_PRODUCT_GET, p, 2, &rows) : 0;
	if (n < 0) {
		fail_db(r);
		return;
	}
	if (n == 0) {
		resp_error(r, 404, "not_found", "No such product.");
		return;
	}
	struct jw w;
	jw_init(&w);
	product_write(&w, NULL, &rows, 0);
	resp_json(r, status, &w);
	jw_free(&w);
}

void h_product_get(struct request *r)
{
	answer_product(r, req_param_id(r, 0), 200);
}

void h_product_create(struct request *r)
{
	struct jr j;
	struct product_form f;
	if (req_json(r, &j) != 0)
		return;
	product_form_read(&j, j.root, 0, &f);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	int64_t id = 0;
	int n = db_begin(r->db) == 0 ? product_form_insert(r, &f, &id) : -1;
	if (n > 0 && db_commit(r->db) != 0)
		n = -1;
	if (n <= 0)
		db_rollback(r->db);
	if (n < 0)
		fail_db(r);
	else if (n == 0)
		resp_sku_taken(r, "sku");
	else
		answer_product(r, id, 201);
}

void h_product_update(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	struct db_param key[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows rows;
	if (db_begin(r->db) != 0)
		goto fail;
	int n = id > 0 ? db_query(r->db, r->arena, STMT_PRODUCT_LOCK, key, 2, &rows) : 0;
	if (n > 0)
		n = db_query(r->db, r->arena, STMT_PRODUCT_GET, key, 2, &rows);
	if (n < 0)
		goto fail;
	if (n == 0) {
		db_rollback(r->db);
		resp_error(r, 404, "not_found", "No such product.");
		return;
	}
	const char *before = audit_snap(r, AUDIT_PRODUCT, id);
	struct product_form f = { db_cell(&rows, 0, PRODUCT_NAME), db_cell(&rows, 0, PRODUCT_SKU),
	                          db_cell(&rows, 0, PRODUCT_UNIT), db_cell(&rows, 0, PRODUCT_PRICE),
	                          db_cell(&rows, 0, PRODUCT_IMAGE_URL) };
	product_form_read(&j, j.root, 1, &f);
	if (j.nerr > 0) {
		db_rollback(r->db);
		resp_invalid(r, &j);
		return;
	}
	struct db_param p[] = { P_STR(f.name), P_STR(f.sku), P_STR(f.unit), P_STR(f.price), P_STR(f.image_url),
	                        P_STR(product_search_text(r->arena, &f)), P_I64(id), P_I64(r->auth.merchant_id) };
	if (db_exec(r->db, STMT_PRODUCT_UPDATE, p, 8, NULL) < 0) {
		if (db_errno(r->db) != DB_ER_DUP_ENTRY)
			goto fail;
		db_rollback(r->db);
		resp_sku_taken(r, "sku");
		return;
	}
	if (audit_change(r, AUDIT_PRODUCT, id, "update", before) < 0 || db_commit(r->db) != 0)
		goto fail;
	answer_product(r, id, 200);
	return;
fail:
	db_rollback(r->db);
	fail_db(r);
}

/* 409 product_linked naming the channel SKUs that still link to the product. */
static void answer_linked(struct request *r, const struct db_rows *l)
{
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_obj_open(&w, "error");
	jw_str(&w, "code", "product_linked");
	const char *first = db_cell(l, 0, PRODUCT_LINKED_SELLER_SKU);
	jw_str(&w, "message", arena_printf(r->arena, "The product is linked to %d TikTok SKU(s) (%s%s); unlink them first.",
	                                   l->nrows, first != NULL && *first ? first : db_cell(l, 0, PRODUCT_LINKED_SKU_ID),
	                                   l->nrows > 1 ? ", …" : ""));
	jw_obj_open(&w, "details");
	jw_arr_open(&w, "channel_skus");
	for (int i = 0; i < l->nrows; i++) {
		jw_obj_open(&w, NULL);
		jw_int(&w, "id", db_cell_i64(l, i, PRODUCT_LINKED_ID));
		jw_str(&w, "seller_sku", db_cell(l, i, PRODUCT_LINKED_SELLER_SKU));
		jw_str(&w, "sku_id", db_cell(l, i, PRODUCT_LINKED_SKU_ID));
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	jw_obj_close(&w);
	jw_obj_close(&w);
	resp_json(r, 409, &w);
	jw_free(&w);
}

/* The product deleted unless something holds it, in links_tx. */
static int delete_body(struct request *r, void *ctx)
{
	int64_t id = *(const int64_t *)ctx;
	struct db_param key[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_param linked[] = { P_I64(r->auth.merchant_id), P_I64(id) };
	struct db_rows rows;
	int n = id > 0 ? db_query(r->db, r->arena, STMT_PRODUCT_LOCK, key, 2, &rows) : 0;
	if (n <= 0) {
		if (n == 0)
			resp_error(r, 404, "not_found", "No such product.");
		return n;
	}
	const char *before = audit_snap(r, AUDIT_PRODUCT, id);
	if (db_query(r->db, r->arena, STMT_PRODUCT_LINKED_SKUS, linked, 2, &rows) < 0)
		return -1;
	if (rows.nrows == 0 && db_exec(r->db, STMT_PRODUCT_DELETE, key, 2, NULL) < 0) {
		if (db_errno(r->db) != ER_ROW_IS_REFERENCED)
			return -1;
		/* linked meanwhile: the foreign key refused; name what links to it now */
		if (db_query(r->db, r->arena, STMT_PRODUCT_LINKED_SKUS, linked, 2, &rows) < 0)
			return -1;
		if (rows.nrows == 0) { /* no link: its stock, export slips or receipts hold it */
			resp_error(r, 409, "product_has_stock", "This product has stock or stock documents, so it cannot be deleted.");
			return 0;
		}
	}
	if (rows.nrows > 0) {
		answer_linked(r, &rows);
		return 0;
	}
	return audit_record(r, AUDIT_PRODUCT, id, "delete", before, NULL);
}

void h_product_delete(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	if (links_tx(r, delete_body, &id) > 0)
		resp_empty(r, 204);
}
