/* Channel SKUs (TikTok SKUs seen in orders or pulled): the list with filters, link one, unlink one. */
#include "api/common.h"
#include "api/handlers.h"
#include "products/links.h"
#include "products/product_form.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <string.h>

static void write_item(struct jw *w, const struct db_rows *rows, int i)
{
	channel_sku_write(w, NULL, rows, i);
}

void h_channel_sku_list(struct request *r)
{
	struct jr q;
	struct page pg;
	query_errors_init(&q, r);
	page_params(&q, r, &pg);
	int64_t conn = query_int(&q, r, "connection_id", 1, INT64_MAX, 0);
	int64_t product = query_int(&q, r, "product_id", 1, INT64_MAX, 0);
	const char *linked = query_str(&q, r, "linked", 5);
	const char *text = query_str(&q, r, "q", 100);
	if (linked != NULL && strcmp(linked, "true") != 0 && strcmp(linked, "false") != 0)
		jr_reject(&q, "linked", JR_not_a_boolean, "must be true or false");
	if (query_errors_answer(&q, r) != 0)
		return;
	struct db_param c = conn > 0 ? P_I64(conn) : P_NULL;
	struct db_param l = linked != NULL ? P_I64(strcmp(linked, "true") == 0) : P_NULL;
	struct db_param pr = product > 0 ? P_I64(product) : P_NULL;
	struct db_param t = P_STR(text), like = P_STR(like_text(r->arena, text));
	struct db_param p[14] = { P_I64(r->auth.merchant_id), c, c, l, l, pr, pr, t, like, like, like, t };
	answer_list(r, &pg, STMT_CHANNEL_SKU_COUNT, STMT_CHANNEL_SKU_LIST, p, 12, write_item);
}

/* Answers channel SKU `id` of this merchant with its product. */
static void answer_csku(struct request *r, int64_t id)
{
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows rows;
	int n = db_query(r->db, r->arena, STMT_CHANNEL_SKU_GET, p, 2, &rows);
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

struct link_one {
	int64_t id, product;
	const struct product_form *form; /* new_product, or NULL */
	struct jr *j;
};

/* Link (product > 0 or form) or unlink one channel SKU, in links_tx. */
static int link_body(struct request *r, void *ctx)
{
	struct link_one *a = ctx;
	int64_t product = a->product;
	if (a->form != NULL) {
		int made = product_form_insert(r, a->form, &product);
		if (made <= 0) {
			if (made == 0)
				resp_sku_taken(r, "new_product.sku");
			return made;
		}
	}
	enum link_result res = link_set(r, a->id, product);
	if (res == LINK_DB_FAILED || res == LINK_DONE)
		return res;
	if (res == LINK_NO_SKU)
		resp_error(r, 404, "not_found", "No such channel SKU.");
	else {
		jr_reject(a->j, "product_id", JR_not_found, "no such product");
		resp_invalid(r, a->j);
	}
	return 0;
}

void h_channel_sku_link(struct request *r)
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
		jr_reject(&j, "product_id", JR_exclusive, "give either product_id or new_product, not both");
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	struct link_one a = { id, product, np != NULL ? &f : NULL, &j };
	if (links_tx(r, link_body, &a) > 0)
		answer_csku(r, id);
}

void h_channel_sku_unlink(struct request *r)
{
	struct link_one a = { req_param_id(r, 0), 0, NULL, NULL };
	if (links_tx(r, link_body, &a) > 0)
		resp_empty(r, 204);
}
