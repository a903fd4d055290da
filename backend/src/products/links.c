/* Shared steps of the link endpoints: the merchant's link lock, setting one link, writing a channel SKU. */
#include "products/links.h"
#include "api/money.h"
#include "audit/audit.h"
#include "core/arena.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"

struct locked_call {
	tx_body body;
	void *ctx;
};

static int locked_body(struct request *r, void *ctx)
{
	struct locked_call *c = ctx;
	struct db_param p[] = { P_I64(r->auth.merchant_id) };
	if (db_exec(r->db, STMT_LINK_LOCK, p, 1, NULL) < 0)
		return -1;
	return c->body(r, c->ctx);
}

int links_tx(struct request *r, tx_body body, void *ctx)
{
	struct locked_call c = { body, ctx };
	return stock_tx(r, locked_body, &c);
}

enum link_result link_set(struct request *r, int64_t csku, int64_t product)
{
	struct db_param key[] = { P_I64(csku), P_I64(r->auth.merchant_id) };
	struct db_param prod[] = { P_I64(product), P_I64(r->auth.merchant_id) };
	struct db_rows rows;
	int n = csku > 0 ? db_query(r->db, r->arena, STMT_CHANNEL_SKU_LOCK, key, 2, &rows) : 0;
	if (n <= 0)
		return n < 0 ? LINK_DB_FAILED : LINK_NO_SKU;
	/* the log keeps the link itself: the product before and after, from the row just locked */
	const char *old = db_cell(&rows, 0, CHANNEL_SKU_LOCK_PRODUCT_ID);
	const char *before = arena_printf(r->arena, "{\"product_id\":%s}", old != NULL ? old : "null");
	if (product == 0) {
		if (db_exec(r->db, STMT_CHANNEL_SKU_UNLINK, key, 2, NULL) < 0 ||
		    audit_record(r, AUDIT_CHANNEL_SKU, csku, "unlink", before, "{\"product_id\":null}") < 0)
			return LINK_DB_FAILED;
		return LINK_DONE;
	}
	n = db_query(r->db, r->arena, STMT_PRODUCT_SHARE, prod, 2, &rows);
	if (n <= 0)
		return n < 0 ? LINK_DB_FAILED : LINK_NO_PRODUCT;
	struct db_param p[] = { P_I64(product), P_I64(csku), P_I64(r->auth.merchant_id) };
	const char *after = arena_printf(r->arena, "{\"product_id\":%lld}", (long long)product);
	if (db_exec(r->db, STMT_CHANNEL_SKU_LINK, p, 3, NULL) < 0 ||
	    audit_record(r, AUDIT_CHANNEL_SKU, csku, "link", before, after) < 0)
		return LINK_DB_FAILED;
	return LINK_DONE;
}

void channel_sku_write(struct jw *w, const char *key, const struct db_rows *rows, int i)
{
	jw_obj_open(w, key);
	jw_int(w, "id", db_cell_i64(rows, i, CHANNEL_SKU_ID));
	jw_int(w, "connection_id", db_cell_i64(rows, i, CHANNEL_SKU_CONNECTION_ID));
	jw_str(w, "shop_name", db_cell(rows, i, CHANNEL_SKU_SHOP_NAME));
	jw_str(w, "sku_id", db_cell(rows, i, CHANNEL_SKU_SKU_ID));
	jw_str(w, "product_id", db_cell(rows, i, CHANNEL_SKU_TT_PRODUCT_ID));
	jw_str(w, "seller_sku", db_cell(rows, i, CHANNEL_SKU_SELLER_SKU));
	jw_str(w, "name", db_cell(rows, i, CHANNEL_SKU_NAME));
	jw_str(w, "sku_name", db_cell(rows, i, CHANNEL_SKU_SKU_NAME));
	jw_str(w, "image_url", db_cell(rows, i, CHANNEL_SKU_IMAGE_URL));
	jw_money(w, "price", db_cell(rows, i, CHANNEL_SKU_PRICE));
	jw_str(w, "currency", db_cell(rows, i, CHANNEL_SKU_CURRENCY));
	int linked = db_cell(rows, i, CHANNEL_SKU_PRODUCT_ID) != NULL;
	jw_bool(w, "linked", linked);
	if (!linked) {
		jw_null(w, "product");
	} else {
		jw_obj_open(w, "product");
		jw_int(w, "id", db_cell_i64(rows, i, CHANNEL_SKU_PRODUCT_ID));
		jw_str(w, "name", db_cell(rows, i, CHANNEL_SKU_PRODUCT_NAME));
		jw_str(w, "sku", db_cell(rows, i, CHANNEL_SKU_PRODUCT_SKU));
		jw_str(w, "unit", db_cell(rows, i, CHANNEL_SKU_PRODUCT_UNIT));
		jw_str(w, "image_url", db_cell(rows, i, CHANNEL_SKU_PRODUCT_IMAGE_URL));
		jw_obj_close(w);
	}
	jw_obj_close(w);
}
