/* POST /api/v1/product-units: one unit of measure (Đơn vị tính) for many products at once, printed on the slips and
 * receipts. */
#include "api/common.h"
#include "audit/audit.h"
#include "api/handlers.h"
#include "stock/stock.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"

#define UNIT_PRODUCTS_MAX 500

struct units {
	const char *unit;
	int64_t *ids;
	int n;
};

static int units_body(struct request *r, void *ctx)
{
	struct units *u = ctx;
	struct jr j;
	query_errors_init(&j, r);
	for (int i = 0; i < u->n; i++) {
		struct db_param p[] = { P_I64(u->ids[i]), P_I64(r->auth.merchant_id) };
		struct db_rows rows;
		int k = db_query(r->db, r->arena, STMT_PRODUCT_KEEP, p, 2, &rows);
		if (k < 0)
			return -1;
		if (k == 0)
			jr_reject(&j, arena_printf(r->arena, "product_ids[%d]", i), JR_not_found, "no such product");
	}
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return 0;
	}
	for (int i = 0; i < u->n; i++) {
		struct db_param p[] = { P_STR(u->unit), P_I64(u->ids[i]), P_I64(r->auth.merchant_id) };
		const char *before = audit_snap(r, AUDIT_PRODUCT, u->ids[i]);
		if (db_exec(r->db, STMT_PRODUCT_UNIT_SET, p, 3, NULL) < 0 ||
		    audit_change(r, AUDIT_PRODUCT, u->ids[i], "unit_update", before) < 0)
			return -1;
	}
	return 1;
}

/* {product_ids: [1..500 ids], unit} → {updated} */
void h_product_units(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	struct units u = { 0 };
	u.unit = jr_str(&j, j.root, "unit", JR_REQUIRED, 1, 32);
	yajl_val arr = jr_arr(&j, j.root, "product_ids", JR_REQUIRED, 1, UNIT_PRODUCTS_MAX);
	if (arr != NULL) {
		u.ids = arena_alloc(r->arena, sizeof(*u.ids) * arr->u.array.len);
		for (size_t i = 0; i < arr->u.array.len; i++) {
			yajl_val v = arr->u.array.values[i];
			if (!YAJL_IS_INTEGER(v) || YAJL_GET_INTEGER(v) < 1)
				jr_reject(&j, arena_printf(r->arena, "product_ids[%zu]", i), JR_not_a_whole_number, "must be a product id");
			else
				u.ids[u.n++] = YAJL_GET_INTEGER(v);
		}
	}
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	if (stock_tx(r, units_body, &u) <= 0)
		return;
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_int(&w, "updated", u.n);
	jw_str(&w, "unit", u.unit);
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}
