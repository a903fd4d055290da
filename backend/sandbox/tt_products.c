/* Products: POST /product/202309/products/search, GET /product/202309/products/{id}, inventory update. */
#include "tt.h"
#include "handlers.h"
#include "sb_sql.h"
#include "core/config.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include <string.h>

#define NPFILTER 13   /* shop, status twice, four times twice, seller_skus twice */
#define QTY_MAX 99999999

static const char *const product_statuses[] = {
	"ALL", "DRAFT", "PENDING", "FAILED", "ACTIVATE", "SELLER_DEACTIVATED", "PLATFORM_DEACTIVATED",
	"FREEZE", "DELETED",
};

static const char *image_url(struct request *r, const char *kind, const char *id)
{
	return arena_printf(r->arena, "%s/sandbox/images/%s/%s.svg", r->cfg->sandbox_url, kind, id);
}

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

static void write_attr(struct request *r, struct jw *w, const char *name, const char *value, const char *img)
{
	if (name == NULL || *name == '\0')
		return;
	jw_obj_open(w, NULL);
	jw_str(w, "name", name);
	jw_str(w, "value_name", value);
	if (img != NULL) {
		jw_obj_open(w, "sku_img");
		jw_arr_open(w, "urls");
		jw_str(w, NULL, img);
		jw_arr_close(w);
		jw_obj_close(w);
		(void)r;
	}
	jw_obj_close(w);
}

/* skus[] of product `pid` (row id as text) from the SKU and inventory rows. */
static void write_skus(struct request *r, struct jw *w, const char *pid, const struct db_rows *s,
                       const struct db_rows *inv, int detail)
{
	jw_arr_open(w, "skus");
	for (int k = 0; k < s->nrows; k++) {
		if (strcmp(db_cell(s, k, SB_SKUS_OF_PRODUCTS_PRODUCT_ID), pid) != 0)
			continue;
		const char *cur = db_cell(s, k, SB_SKUS_OF_PRODUCTS_CURRENCY);
		const char *price = sb_money(r->arena, db_cell_i64(s, k, SB_SKUS_OF_PRODUCTS_PRICE), cur);
		const char *sku = sb_ext(r->arena, ID_SKU, db_cell_i64(s, k, SB_SKUS_OF_PRODUCTS_ID));
		jw_obj_open(w, NULL);
		jw_str(w, "id", sku);
		jw_str(w, "seller_sku", db_cell(s, k, SB_SKUS_OF_PRODUCTS_SELLER_SKU));
		jw_obj_open(w, "price");
		jw_str(w, "currency", cur);
		jw_str(w, "sale_price", price);
		jw_str(w, "tax_exclusive_price", price);
		jw_obj_close(w);
		write_inventory(r, w, inv, db_cell(s, k, SB_SKUS_OF_PRODUCTS_ID));
		if (detail) {
			jw_arr_open(w, "sales_attributes");
			write_attr(r, w, db_cell(s, k, SB_SKUS_OF_PRODUCTS_ATTR1_NAME), db_cell(s, k, SB_SKUS_OF_PRODUCTS_ATTR1_VALUE),
			           image_url(r, "sku", sku));
			write_attr(r, w, db_cell(s, k, SB_SKUS_OF_PRODUCTS_ATTR2_NAME), db_cell(s, k, SB_SKUS_OF_PRODUCTS_ATTR2_VALUE),
			           NULL);
			jw_arr_close(w);
		}
		jw_obj_close(w);
	}
	jw_arr_close(w);
}

/* SKU and inventory rows of n products given as row ids; -1 on error. */
static int load_skus(struct request *r, const int64_t *ids, int n, struct db_rows *skus, struct db_rows *inv)
{
	const char *json_ids = sb_json_ids(r->arena, ids, n);
	struct db_param p[] = { P_STR(json_ids) };
	if (db_query(r->db, r->arena, SB_SKUS_OF_PRODUCTS, p, 1, skus) < 0)
		return -1;
	return db_query(r->db, r->arena, SB_INVENTORY_OF_PRODUCTS, p, 1, inv) < 0 ? -1 : 0;
}

static struct db_param opt_time(struct jr *j, const char *field)
{
	if (!jr_has(j->root, field))
		return P_NULL;
	return P_I64(jr_int(j, j->root, field, JR_OPTIONAL, 0, 4102444800LL, 0));
}

/* Body filters into p (NPFILTER parameters); -1 when answered. */
static int read_filters(struct request *r, const struct tt_call *c, struct db_param *p)
{
	struct jr j;
	if (tt_body(r, &j) != 0)
		return -1;
	int n = 0;
	const char *status = jr_str(&j, j.root, "status", JR_OPTIONAL, 1, 40);
	int known = status == NULL;
	for (size_t i = 0; !known && i < sizeof(product_statuses) / sizeof(product_statuses[0]); i++)
		known = strcmp(status, product_statuses[i]) == 0;
	if (!known)
		jr_fail(&j, "status", "is not a known product status");
	if (status == NULL)
		status = "ALL";
	p[n++] = P_I64(c->shop_id);
	p[n++] = P_STR(status);
	p[n++] = P_STR(status);
	const char *times[] = { "create_time_ge", "create_time_le", "update_time_ge", "update_time_le" };
	for (int i = 0; i < 4; i++) {
		p[n] = opt_time(&j, times[i]);
		p[n + 1] = p[n];
		n += 2;
	}
	yajl_val skus = jr_arr(&j, j.root, "seller_skus", JR_OPTIONAL, 0, 100);
	const char *json = NULL;
	if (skus != NULL) {
		struct jw w;
		jw_init(&w);
		jw_arr_open(&w, NULL);
		for (size_t i = 0; i < skus->u.array.len; i++) {
			yajl_val v = skus->u.array.values[i];
			if (YAJL_IS_STRING(v))
				jw_str(&w, NULL, YAJL_GET_STRING(v));
			else
				jr_fail(&j, "seller_skus", "must be an array of strings");
		}
		jw_arr_close(&w);
		size_t len;
		const char *doc = jw_result(&w, &len);
		json = doc != NULL ? arena_strndup(r->arena, doc, len) : "[]";
		jw_free(&w);
	}
	p[n] = json != NULL ? P_STR(json) : P_NULL;
	p[n + 1] = p[n];
	if (j.nerr > 0) {
		tt_fail(r, TT_INVALID_REQUEST,
		        arena_printf(r->arena, "Invalid request body: %s %s", j.errs[0].field, j.errs[0].message));
		return -1;
	}
	return 0;
}

void h_tt_products_search(struct request *r)
{
	struct tt_call c;
	if (tt_begin(r, TT_SHOP, &c) != 0)
		return;
	int64_t size;
	const char *ps = req_query(r, "page_size");
	if (ps == NULL || *ps == '\0') {
		tt_fail(r, TT_INVALID_REQUEST, "Invalid page_size: page_size is required");
		return;
	}
	if (tt_query_int(r, "page_size", 1, 100, 20, &size) != 0)
		return;
	int64_t key = 0, id = 0, total = 0;
	int has = tt_page_token_parse(r->arena, req_query(r, "page_token"), "pd", &key, &id, &total);
	if (has < 0) {
		tt_fail(r, TT_INVALID_REQUEST, "Invalid page_token");
		return;
	}
	struct db_param p[NPFILTER + 5];
	if (read_filters(r, &c, p) != 0)
		return;
	p[NPFILTER] = has ? P_I64(1) : P_NULL;
	p[NPFILTER + 1] = P_I64(key);
	p[NPFILTER + 2] = P_I64(key);
	p[NPFILTER + 3] = P_I64(id);
	p[NPFILTER + 4] = P_I64(size + 1);
	struct db_rows prods, count, skus, inv;
	int n = db_query(r->db, r->arena, SB_PRODUCT_SEARCH, p, NPFILTER + 5, &prods);
	if (n < 0 || (!has && db_query(r->db, r->arena, SB_PRODUCT_SEARCH_COUNT, p, NPFILTER, &count) <= 0)) {
		tt_fail_db(r);
		return;
	}
	if (!has)
		total = db_cell_i64(&count, 0, SB_COUNT_VALUE); /* counted for the first page; later pages carry it */
	int shown = n > size ? (int)size : n;
	int64_t *ids = arena_alloc(r->arena, sizeof(int64_t) * (size_t)(shown > 0 ? shown : 1));
	for (int i = 0; i < shown; i++)
		ids[i] = db_cell_i64(&prods, i, SB_PRODUCT_SEARCH_ID);
	if (load_skus(r, ids, shown, &skus, &inv) != 0) {
		tt_fail_db(r);
		return;
	}
	struct jw w;
	tt_open(r, &w);
	jw_arr_open(&w, "products");
	for (int i = 0; i < shown; i++) {
		jw_obj_open(&w, NULL);
		jw_str(&w, "id", sb_ext(r->arena, ID_PRODUCT, ids[i]));
		jw_str(&w, "title", db_cell(&prods, i, SB_PRODUCT_SEARCH_TITLE));
		jw_str(&w, "status", db_cell(&prods, i, SB_PRODUCT_SEARCH_STATUS));
		jw_int(&w, "create_time", db_cell_i64(&prods, i, SB_PRODUCT_SEARCH_CREATE_TIME));
		jw_int(&w, "update_time", db_cell_i64(&prods, i, SB_PRODUCT_SEARCH_UPDATE_TIME));
		jw_arr_open(&w, "sales_regions");
		jw_str(&w, NULL, c.region);
		jw_arr_close(&w);
		write_skus(r, &w, db_cell(&prods, i, SB_PRODUCT_SEARCH_ID), &skus, &inv, 0);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	const char *next = n > size ? tt_page_token(r->arena, "pd", db_cell_i64(&prods, shown - 1, SB_PRODUCT_SEARCH_CREATE_TIME),
	                                            ids[shown - 1], total)
	                            : "";
	jw_str(&w, "next_page_token", next);
	jw_int(&w, "total_count", total);
	tt_send(r, &c, &w);
}

/* The product of path parameter 0 in the caller's shop: 1 found (row in *rows), 0 answered. */
static int find_product(struct request *r, const struct tt_call *c, struct db_rows *rows, int64_t *pid)
{
	*pid = sb_row(r->params[0], ID_PRODUCT);
	struct db_param p[] = { P_I64(*pid), P_I64(c->shop_id) };
	int n = db_query(r->db, r->arena, SB_PRODUCT_GET, p, 2, rows);
	if (n < 0) {
		tt_fail_db(r);
		return 0;
	}
	if (n == 0) {
		tt_fail(r, TT_INVALID_REQUEST, "Invalid product_id: no such product in this shop");
		return 0;
	}
	return 1;
}

void h_tt_product_get(struct request *r)
{
	struct tt_call c;
	struct db_rows prod, skus, inv;
	int64_t pid;
	if (tt_begin(r, TT_SHOP, &c) != 0 || !find_product(r, &c, &prod, &pid))
		return;
	if (load_skus(r, &pid, 1, &skus, &inv) != 0) {
		tt_fail_db(r);
		return;
	}
	const char *ext = sb_ext(r->arena, ID_PRODUCT, pid);
	const char *img = image_url(r, "product", ext);
	struct jw w;
	tt_open(r, &w);
	jw_str(&w, "id", ext);
	jw_str(&w, "title", db_cell(&prod, 0, SB_PRODUCT_GET_TITLE));
	jw_str(&w, "description", db_cell(&prod, 0, SB_PRODUCT_GET_DESCRIPTION));
	jw_str(&w, "status", db_cell(&prod, 0, SB_PRODUCT_GET_STATUS));
	jw_int(&w, "create_time", db_cell_i64(&prod, 0, SB_PRODUCT_GET_CREATE_TIME));
	jw_int(&w, "update_time", db_cell_i64(&prod, 0, SB_PRODUCT_GET_UPDATE_TIME));
	jw_arr_open(&w, "main_images");
	jw_obj_open(&w, NULL);
	jw_str(&w, "uri", arena_printf(r->arena, "sandbox/product/%s", ext));
	jw_int(&w, "width", 400);
	jw_int(&w, "height", 400);
	jw_arr_open(&w, "urls");
	jw_str(&w, NULL, img);
	jw_arr_close(&w);
	jw_arr_open(&w, "thumb_urls");
	jw_str(&w, NULL, img);
	jw_arr_close(&w);
	jw_obj_close(&w);
	jw_arr_close(&w);
	write_skus(r, &w, db_cell(&prod, 0, SB_PRODUCT_GET_ID), &skus, &inv, 1);
	tt_send(r, &c, &w);
}

static void inventory_error(struct request *r, struct jw *w, const char *sku, const char *wh, const char *msg)
{
	jw_obj_open(w, NULL);
	jw_int(w, "code", TT_INVALID_REQUEST);
	jw_str(w, "message", msg);
	jw_obj_open(w, "detail");
	jw_str(w, "sku_id", sku);
	if (wh != NULL)
		jw_str(w, "warehouse_id", wh);
	jw_obj_close(w);
	jw_obj_close(w);
	(void)r;
}

/* Applies one SKU's inventory[]; failures go to errors[]. -1 on a database error. */
static int update_sku(struct request *r, const struct tt_call *c, int64_t pid, yajl_val sku, struct jw *w, int *changed)
{
	const char *idp[] = { "id", NULL };
	const char *invp[] = { "inventory", NULL };
	yajl_val vid = YAJL_IS_OBJECT(sku) ? yajl_tree_get(sku, idp, yajl_t_string) : NULL;
	const char *ext = vid != NULL ? YAJL_GET_STRING(vid) : "";
	int64_t sid = sb_row(ext, ID_SKU);
	struct db_param ps[] = { P_I64(sid), P_I64(pid) };
	struct db_rows rows;
	int n = db_query(r->db, r->arena, SB_SKU_OF_PRODUCT, ps, 2, &rows);
	if (n < 0)
		return -1;
	yajl_val inv = n > 0 ? yajl_tree_get(sku, invp, yajl_t_array) : NULL;
	if (n == 0 || inv == NULL) {
		inventory_error(r, w, ext, NULL, n == 0 ? "The SKU does not belong to this product" : "inventory is required");
		return 0;
	}
	if (db_cell(&rows, 0, SB_SKU_OF_PRODUCT_INVENTORY_REFUSAL) != NULL) {
		inventory_error(r, w, ext, NULL, db_cell(&rows, 0, SB_SKU_OF_PRODUCT_INVENTORY_REFUSAL));
		return 0;
	}
	for (size_t i = 0; i < inv->u.array.len; i++) {
		yajl_val e = inv->u.array.values[i];
		const char *whp[] = { "warehouse_id", NULL };
		const char *qp[] = { "quantity", NULL };
		yajl_val vw = YAJL_IS_OBJECT(e) ? yajl_tree_get(e, whp, yajl_t_string) : NULL;
		yajl_val vq = YAJL_IS_OBJECT(e) ? yajl_tree_get(e, qp, yajl_t_number) : NULL;
		const char *wext = vw != NULL ? YAJL_GET_STRING(vw) : "";
		int64_t wid = sb_row(wext, ID_WAREHOUSE);
		struct db_param pw[] = { P_I64(wid), P_I64(c->shop_id) };
		int found = db_query(r->db, r->arena, SB_WAREHOUSE_OF_SHOP, pw, 2, &rows);
		if (found < 0)
			return -1;
		if (found == 0) {
			inventory_error(r, w, ext, wext, "The warehouse does not belong to this shop");
			continue;
		}
		if (vq == NULL || !YAJL_IS_INTEGER(vq) || YAJL_GET_INTEGER(vq) < 0 || YAJL_GET_INTEGER(vq) > QTY_MAX) {
			inventory_error(r, w, ext, wext, "quantity must be a whole number from 0 to 99999999");
			continue;
		}
		struct db_param pi[] = { P_I64(sid), P_I64(wid), P_I64(YAJL_GET_INTEGER(vq)) };
		struct db_param pl[] = { P_I64(c->shop_id), P_I64(pid), P_I64(sid), P_I64(wid), P_I64(YAJL_GET_INTEGER(vq)),
		                         P_I64(c->now) };
		if (db_exec(r->db, SB_INVENTORY_SET, pi, 3, NULL) < 0 || db_exec(r->db, SB_INVENTORY_UPDATE_LOG, pl, 6, NULL) < 0)
			return -1;
		*changed = 1;
	}
	return 0;
}

void h_tt_inventory_update(struct request *r)
{
	struct tt_call c;
	struct db_rows prod;
	int64_t pid;
	struct jr j;
	if (tt_begin(r, TT_SHOP, &c) != 0 || !find_product(r, &c, &prod, &pid) || tt_body(r, &j) != 0)
		return;
	yajl_val skus = jr_arr(&j, j.root, "skus", JR_REQUIRED, 1, 100);
	if (skus == NULL) {
		tt_fail(r, TT_INVALID_REQUEST, "Invalid request body: skus must be an array of 1 to 100 SKUs");
		return;
	}
	struct jw w;
	tt_open(r, &w);
	jw_arr_open(&w, "errors");
	int changed = 0;
	for (size_t i = 0; i < skus->u.array.len; i++)
		if (update_sku(r, &c, pid, skus->u.array.values[i], &w, &changed) != 0) {
			jw_free(&w);
			tt_fail_db(r);
			return;
		}
	jw_arr_close(&w);
	struct db_param pt[] = { P_I64(c.now), P_I64(pid) };
	if (changed && db_exec(r->db, SB_PRODUCT_TOUCH, pt, 2, NULL) < 0) {
		jw_free(&w);
		tt_fail_db(r);
		return;
	}
	tt_send(r, &c, &w);
}
