/* Channel SKUs (TikTok SKUs seen in orders or pulled): the list with filters, link one, unlink one. */
#include "api/common.h"
#include "api/handlers.h"
#include "api/links.h"
#include "api/product_form.h"
#include "db/db.h"
#include "db/sql.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <string.h>

static void write_item(struct jw *w, const struct db_rows *rows, int i)
{
	channel_sku_write(w, NULL, rows, i);
}

void h_csku_list(struct request *r)
{
	struct jr q;
	struct page pg;
	query_errors_init(&q, r);
	page_params(&q, r, &pg);
	int64_t conn = query_int(&q, r, "connection_id", 1, INT64_MAX, 0);
	const char *linked = query_str(&q, r, "linked", 5);
	const char *text = query_str(&q, r, "q", 100);
	if (linked != NULL && strcmp(linked, "true") != 0 && strcmp(linked, "false") != 0)
		jr_fail(&q, "linked", "must be true or false");
	if (query_errors_answer(&q, r) != 0)
		return;
	struct db_param c = conn > 0 ? P_I64(conn) : P_NULL;
	struct db_param l = linked != NULL ? P_I64(strcmp(linked, "true") == 0) : P_NULL;
	struct db_param t = P_STR(text);
	struct db_param p[12] = { P_I64(r->auth.merchant_id), c, c, l, l, t, t, t, t, t };
	answer_list(r, &pg, STMT_CSKU_COUNT, STMT_CSKU_LIST, p, 10, write_item);
}

/* Answers channel SKU `id` of this merchant with its product. */
static void answer_csku(struct request *r, int64_t id)
{
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows rows;
	int n = db_query(r->db, r->arena, STMT_CSKU_GET, p, 2, &rows);
	if (n <= 0) {
		fail_db(r);
		return;
	}
	struct jw w;
	jw_init(&w);
	channel_sku_write(&w, NULL, &rows, 0);
	resp_json(r, 200, &w);
	jw_free(&w);
}

void h_csku_link(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	int has_new = jr_has(j.root, "new_product");
	int64_t product = jr_int(&j, j.root, "product_id", has_new ? JR_OPTIONAL : JR_REQUIRED, 1, INT64_MAX, 0);
	struct product_form f;
	yajl_val np = has_new ? jr_obj(&j, j.root, "new_product", JR_REQUIRED) : NULL;
	if (np != NULL) {
		j.prefix = "new_product.";
		product_form_read(&j, np, 0, &f);
		j.prefix = "";
	}
	if (has_new && product > 0)
		jr_fail(&j, "product_id", "give either product_id or new_product, not both");
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	if (links_begin(r) != 0)
		goto fail;
	if (np != NULL) {
		int made = product_form_insert(r->db, r->arena, r->auth.merchant_id, &f, &product);
		if (made < 0)
			goto fail;
		if (made == 0) {
			db_rollback(r->db);
			resp_sku_taken(r, "new_product.sku");
			return;
		}
	}
	enum link_result res = link_set(r, id, product);
	if (res == LINK_DB_FAILED)
		goto fail;
	if (res != LINK_DONE) {
		db_rollback(r->db);
		if (res == LINK_NO_SKU)
			resp_error(r, 404, "not_found", "No such channel SKU.");
		else {
			jr_fail(&j, "product_id", "no such product");
			resp_invalid(r, &j);
		}
		return;
	}
	if (db_commit(r->db) != 0)
		goto fail;
	answer_csku(r, id);
	return;
fail:
	db_rollback(r->db);
	fail_db(r);
}

void h_csku_unlink(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	if (links_begin(r) != 0)
		goto fail;
	enum link_result res = link_set(r, id, 0);
	if (res == LINK_DB_FAILED)
		goto fail;
	if (res == LINK_NO_SKU) {
		db_rollback(r->db);
		resp_error(r, 404, "not_found", "No such channel SKU.");
		return;
	}
	if (db_commit(r->db) != 0)
		goto fail;
	resp_empty(r, 204);
	return;
fail:
	db_rollback(r->db);
	fail_db(r);
}
