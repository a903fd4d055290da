/* The "Đồng bộ sản phẩm" popup of an order (POST /api/v1/orders/{id}/links): every link of its items saved in one
 * transaction, answered with the order as GET /api/v1/orders/{id} shows it. */
#include "api/common.h"
#include "audit/audit.h"
#include "api/handlers.h"
#include "products/links.h"
#include "products/product_form.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include <string.h>

#define MAX_LINKS 100

/* One entry of links[]: a channel SKU of the order and a product or a new one. */
struct link_req {
	int64_t csku, product;
	int has_new;
	struct product_form f;
};

static int read_links(struct request *r, struct jr *j, struct link_req **out)
{
	yajl_val arr = jr_arr(j, j->root, "links", JR_REQUIRED, 1, MAX_LINKS);
	int n = arr != NULL ? (int)arr->u.array.len : 0;
	struct link_req *l = arena_alloc(r->arena, sizeof(*l) * (size_t)(n > 0 ? n : 1));
	for (int i = 0; i < n; i++) {
		yajl_val e = arr->u.array.values[i];
		j->prefix = arena_printf(r->arena, "links[%d].", i);
		if (!YAJL_IS_OBJECT(e)) {
			jr_reject(j, "", JR_not_an_object, "must be an object");
			continue;
		}
		memset(&l[i], 0, sizeof(l[i]));
		l[i].csku = jr_int(j, e, "channel_sku_id", JR_REQUIRED, 1, INT64_MAX, 0);
		l[i].has_new = jr_has(e, "new_product");
		l[i].product = jr_int(j, e, "product_id", l[i].has_new ? JR_OPTIONAL : JR_REQUIRED, 1, INT64_MAX, 0);
		if (l[i].has_new && l[i].product > 0)
			jr_reject(j, "product_id", JR_exclusive, "give either product_id or new_product, not both");
		yajl_val np = l[i].has_new ? jr_obj(j, e, "new_product", JR_REQUIRED) : NULL;
		if (np != NULL) {
			j->prefix = arena_printf(r->arena, "links[%d].new_product.", i);
			product_form_read(j, np, 0, &l[i].f);
		}
		for (int k = 0; k < i; k++)
			if (l[k].csku == l[i].csku && l[i].csku > 0) {
				j->prefix = arena_printf(r->arena, "links[%d].", i);
				jr_reject(j, "channel_sku_id", JR_duplicate, "is given twice");
			}
	}
	j->prefix = "";
	*out = l;
	return n;
}

static int in_order(const struct db_rows *ids, int64_t csku)
{
	for (int i = 0; i < ids->nrows; i++)
		if (db_cell_i64(ids, i, ID_ID) == csku)
			return 1;
	return 0;
}

struct order_links {
	int64_t id;
	struct link_req *l;
	int n;
	struct jr *j;
};

/* Every link of the popup, in links_tx: all or none. */
static int links_body(struct request *r, void *ctx)
{
	struct order_links *a = ctx;
	struct link_req *l = a->l;
	struct jr *j = a->j;
	int n = a->n;
	struct db_param key[] = { P_I64(a->id), P_I64(r->auth.merchant_id) };
	struct db_rows ids;
	int found = a->id > 0 ? db_query(r->db, r->arena, STMT_ORDER_GET, key, 2, &ids) : 0;
	if (found <= 0) {
		if (found == 0)
			resp_error(r, 404, "not_found", "No such order.");
		return found;
	}
	if (db_query(r->db, r->arena, STMT_ORDER_CSKU_IDS, key, 2, &ids) < 0)
		return -1;
	j->nerr = 0; /* a run again after a deadlock starts clean */
	for (int i = 0; i < n; i++)
		if (!in_order(&ids, l[i].csku)) {
			j->prefix = arena_printf(r->arena, "links[%d].", i);
			jr_reject(j, "channel_sku_id", JR_not_on_order, "is not an item of this order");
		}
	for (int i = 0; i < n && j->nerr == 0; i++) {
		int64_t product = l[i].product;
		if (l[i].has_new) {
			int made = product_form_insert(r, &l[i].f, &product);
			if (made <= 0) {
				if (made == 0)
					resp_sku_taken(r, arena_printf(r->arena, "links[%d].new_product.sku", i));
				return made;
			}
		}
		enum link_result res = link_set(r, l[i].csku, product);
		if (res == LINK_DB_FAILED)
			return -1;
		if (res != LINK_DONE) {
			j->prefix = arena_printf(r->arena, "links[%d].", i);
			jr_reject(j, res == LINK_NO_PRODUCT ? "product_id" : "channel_sku_id", JR_not_found, "no such item");
		}
	}
	if (j->nerr > 0) {
		resp_invalid(r, j);
		return 0;
	}
	return audit_record(r, AUDIT_ORDER, a->id, "links", NULL, audit_body(r));
}

void h_order_links(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	struct order_links a = { req_param_id(r, 0), NULL, 0, &j };
	a.n = read_links(r, &j, &a.l);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	if (links_tx(r, links_body, &a) > 0)
		h_order_get(r);
}
