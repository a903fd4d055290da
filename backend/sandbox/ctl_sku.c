/* PUT /sandbox/shops/{shop_id}/skus/{sku_id}: a SKU changed on TikTok's side (its quantity set as a seller would in
 * Seller Center, unlogged), or its inventory updates refused with a message (null clears). */
#include "ctl.h"
#include "handlers.h"
#include "sb.h"
#include "sb_sql.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include <string.h>

#define QTY_MAX 99999999

/* The warehouse row: the one named, else the shop's default sales warehouse. 1 found, 0 answered. */
static int warehouse_of(struct request *r, int64_t shop_id, const char *ext, int64_t *wid)
{
	struct db_rows rows;
	int64_t want = ext != NULL ? sb_row(ext, ID_WAREHOUSE) : 0;
	struct db_param pw[] = { P_I64(want), P_I64(shop_id) };
	struct db_param pd[] = { P_I64(shop_id) };
	int n = ext != NULL ? db_query(r->db, r->arena, SB_WAREHOUSE_OF_SHOP, pw, 2, &rows)
	                    : db_query(r->db, r->arena, SB_SALES_WAREHOUSE, pd, 1, &rows);
	if (n < 0) {
		ctl_fail_db(r);
		return 0;
	}
	if (n == 0) {
		resp_error(r, 404, "not_found", "No such warehouse in this shop.");
		return 0;
	}
	*wid = db_cell_i64(&rows, 0, SB_ID_ID);
	return 1;
}

void h_ctl_sku_put(struct request *r)
{
	int64_t shop_id;
	struct jr j;
	if (!ctl_shop(r, &shop_id, NULL, NULL) || req_json(r, &j) != 0)
		return;
	int64_t sid = sb_row(r->params[1], ID_SKU);
	int64_t qty = jr_int(&j, j.root, "quantity", JR_OPTIONAL, 0, QTY_MAX, -1);
	const char *wh = jr_str(&j, j.root, "warehouse_id", JR_OPTIONAL, 1, 40);
	int refusal = jr_has(j.root, "refuse_inventory");
	const char *message = jr_str(&j, j.root, "refuse_inventory", JR_OPTIONAL, 1, 200);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	struct db_param ps[] = { P_I64(sid), P_I64(shop_id) };
	struct db_rows sku;
	int n = db_query(r->db, r->arena, SB_SKU_OF_SHOP, ps, 2, &sku);
	if (n <= 0) {
		if (n < 0)
			ctl_fail_db(r);
		else
			resp_error(r, 404, "not_found", "No such SKU in this shop.");
		return;
	}
	int64_t wid = 0;
	if (qty >= 0 && !warehouse_of(r, shop_id, wh, &wid))
		return;
	struct db_param pi[] = { P_I64(sid), P_I64(wid), P_I64(qty) };
	struct db_param pt[] = { P_I64(sb_now(r->db, r->arena)), P_I64(db_cell_i64(&sku, 0, SB_SKU_OF_SHOP_PRODUCT_ID)) };
	struct db_param pr[] = { message != NULL ? P_STR(message) : P_NULL, P_I64(sid) };
	if ((qty >= 0 && (db_exec(r->db, SB_INVENTORY_SET, pi, 3, NULL) < 0 || db_exec(r->db, SB_PRODUCT_TOUCH, pt, 2, NULL) < 0)) ||
	    (refusal && db_exec(r->db, SB_SKU_REFUSAL_SET, pr, 2, NULL) < 0)) {
		ctl_fail_db(r);
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_str(&w, "id", r->params[1]);
	jw_bool(&w, "updated", 1);
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}
