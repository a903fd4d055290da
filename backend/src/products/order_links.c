/* The links of an order's lines as the order detail shows them: each line's channel SKU and linked product. */
#include "api/common.h"
#include "products/order_links.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"

int order_links_load(struct request *r, int64_t id, struct db_rows *links)
{
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	return db_query(r->db, r->arena, STMT_ORDER_LINE_LINKS, p, 2, links);
}

int order_links_all_linked(const struct db_rows *links)
{
	for (int i = 0; i < links->nrows; i++)
		if (db_cell(links, i, LINE_LINK_PRODUCT_ID) == NULL)
			return 0;
	return links->nrows > 0;
}

void order_line_link_write(struct jw *w, const struct db_rows *links, int i)
{
	const char *cs = db_cell(links, i, LINE_LINK_CHANNEL_SKU_ID);
	if (cs != NULL)
		jw_int(w, "channel_sku_id", db_cell_i64(links, i, LINE_LINK_CHANNEL_SKU_ID));
	else
		jw_null(w, "channel_sku_id");
	if (db_cell(links, i, LINE_LINK_PRODUCT_ID) == NULL) {
		jw_null(w, "product");
		return;
	}
	jw_obj_open(w, "product");
	jw_int(w, "id", db_cell_i64(links, i, LINE_LINK_PRODUCT_ID));
	jw_str(w, "name", db_cell(links, i, LINE_LINK_PRODUCT_NAME));
	jw_str(w, "sku", db_cell(links, i, LINE_LINK_PRODUCT_SKU));
	jw_str(w, "unit", db_cell(links, i, LINE_LINK_PRODUCT_UNIT));
	jw_str(w, "image_url", db_cell(links, i, LINE_LINK_PRODUCT_IMAGE_URL));
	jw_obj_close(w);
}
