/* GET /sandbox/shops/{shop_id}/products and /inventory-updates: what stock pushes changed, and the calls received. */
#include "ctl.h"
#include "handlers.h"
#include "sb.h"
#include "sb_sql.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <string.h>

#define MAX_UPDATES 5000

static void write_inventory(struct request *r, struct jw *w, const struct db_rows *inv, const char *sku_row)
{
	jw_arr_open(w, "inventory");
	for (int k = 0; k < inv->nrows; k++) {
		if (strcmp(db_cell(inv, k, SB_INVENTORY_OF_PRODUCTS_SKU_ID), sku_row) != 0)
			continue;
		jw_obj_open(w, NULL);
		jw_str(w, "warehouse_id", sb_ext(r->arena, ID_WAREHOUSE, db_cell_i64(inv, k, SB_INVENTORY_OF_PRODUCTS_WAREHOUSE_ID)));
		jw_int(w, "quantity", db_cell_i64(inv, k, SB_INVENTORY_OF_PRODUCTS_QUANTITY));
		jw_obj_close(w);
	}
	jw_arr_close(w);
}

void h_ctl_shop_products(struct request *r)
{
	int64_t shop_id;
	if (!ctl_shop(r, &shop_id, NULL, NULL))
		return;
	struct db_param p[] = { P_I64(shop_id) };
	struct db_rows prods, skus, inv;
	int n = db_query(r->db, r->arena, SB_PRODUCTS_OF_SHOP, p, 1, &prods);
	if (n < 0) {
		ctl_fail_db(r);
		return;
	}
	int64_t *ids = arena_alloc(r->arena, sizeof(int64_t) * (size_t)(n > 0 ? n : 1));
	for (int i = 0; i < n; i++)
		ids[i] = db_cell_i64(&prods, i, SB_PRODUCTS_OF_SHOP_ID);
	const char *json_ids = sb_json_ids(r->arena, ids, n);
	struct db_param pi[] = { P_STR(json_ids) };
	if (db_query(r->db, r->arena, SB_SKUS_OF_PRODUCTS, pi, 1, &skus) < 0 ||
	    db_query(r->db, r->arena, SB_INVENTORY_OF_PRODUCTS, pi, 1, &inv) < 0) {
		ctl_fail_db(r);
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_arr_open(&w, "products");
	for (int i = 0; i < n; i++) {
		jw_obj_open(&w, NULL);
		jw_str(&w, "id", sb_ext(r->arena, ID_PRODUCT, ids[i]));
		jw_str(&w, "title", db_cell(&prods, i, SB_PRODUCTS_OF_SHOP_TITLE));
		jw_str(&w, "status", db_cell(&prods, i, SB_PRODUCTS_OF_SHOP_STATUS));
		jw_arr_open(&w, "skus");
		for (int k = 0; k < skus.nrows; k++) {
			if (strcmp(db_cell(&skus, k, SB_SKUS_OF_PRODUCTS_PRODUCT_ID), db_cell(&prods, i, SB_PRODUCTS_OF_SHOP_ID)) != 0)
				continue;
			jw_obj_open(&w, NULL);
			jw_str(&w, "id", sb_ext(r->arena, ID_SKU, db_cell_i64(&skus, k, SB_SKUS_OF_PRODUCTS_ID)));
			jw_str(&w, "seller_sku", db_cell(&skus, k, SB_SKUS_OF_PRODUCTS_SELLER_SKU));
			write_inventory(r, &w, &inv, db_cell(&skus, k, SB_SKUS_OF_PRODUCTS_ID));
			jw_obj_close(&w);
		}
		jw_arr_close(&w);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}

void h_ctl_inventory_updates(struct request *r)
{
	int64_t shop_id;
	if (!ctl_shop(r, &shop_id, NULL, NULL))
		return;
	const char *lim = req_query(r, "limit");
	int64_t limit = lim != NULL && *lim ? ctl_whole(lim) : 1000;
	if (limit < 1 || limit > MAX_UPDATES) {
		resp_error(r, 400, "bad_filter", "limit is a whole number from 1 to 5000.");
		return;
	}
	struct db_param p[] = { P_I64(shop_id), P_I64(limit) };
	struct db_rows rows;
	int n = db_query(r->db, r->arena, SB_INVENTORY_UPDATES, p, 2, &rows);
	if (n < 0) {
		ctl_fail_db(r);
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_arr_open(&w, "updates");
	for (int i = 0; i < n; i++) {
		jw_obj_open(&w, NULL);
		jw_int(&w, "id", db_cell_i64(&rows, i, SB_INVENTORY_UPDATES_ID));
		jw_str(&w, "product_id", sb_ext(r->arena, ID_PRODUCT, db_cell_i64(&rows, i, SB_INVENTORY_UPDATES_PRODUCT_ID)));
		jw_str(&w, "sku_id", sb_ext(r->arena, ID_SKU, db_cell_i64(&rows, i, SB_INVENTORY_UPDATES_SKU_ID)));
		jw_str(&w, "warehouse_id", sb_ext(r->arena, ID_WAREHOUSE, db_cell_i64(&rows, i, SB_INVENTORY_UPDATES_WAREHOUSE_ID)));
		jw_int(&w, "quantity", db_cell_i64(&rows, i, SB_INVENTORY_UPDATES_QUANTITY));
		jw_int(&w, "time", db_cell_i64(&rows, i, SB_INVENTORY_UPDATES_TIME));
		jw_int(&w, "received_at_ms", db_cell_i64(&rows, i, SB_INVENTORY_UPDATES_RECEIVED_AT_MS));
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}
