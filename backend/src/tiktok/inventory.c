/* TikTok inventory update and the warehouse it goes to. */
#include "tiktok/inventory.h"
#include "core/arena.h"
#include "json/jwrite.h"
#include <stdio.h>
#include <string.h>

enum tt_status tt_sales_warehouses(struct tt_client *c, const char *shop_cipher, const char *access_token,
                                   struct arena *a, struct tt_warehouse **out, int *n, struct tt_result *res)
{
	*n = 0;
	*out = NULL;
	enum tt_status st = tt_call(c, "GET", "/logistics/202309/warehouses", shop_cipher, access_token, NULL, 0, NULL, res);
	if (st != TT_OK)
		return st;
	yajl_val list = tt_get(res->data, "warehouses");
	size_t len = list != NULL && YAJL_IS_ARRAY(list) ? list->u.array.len : 0;
	*out = arena_alloc(a, sizeof(struct tt_warehouse) * (len ? len : 1));
	for (size_t i = 0; i < len; i++) {
		yajl_val w = list->u.array.values[i];
		const char *type = tt_str(w, "type"), *name = tt_str(w, "name");
		if (tt_str(w, "id") == NULL || (type != NULL && strcmp(type, "SALES_WAREHOUSE") != 0))
			continue;
		yajl_val def = tt_get(w, "is_default");
		(*out)[(*n)++] = (struct tt_warehouse){ arena_strdup(a, tt_str(w, "id")), arena_strdup(a, name ? name : ""),
		                                        def != NULL && YAJL_IS_TRUE(def) };
	}
	return TT_OK;
}

enum tt_status tt_default_warehouse(struct tt_client *c, const char *shop_cipher, const char *access_token,
                                    struct arena *a, const char **id, struct tt_result *res)
{
	*id = NULL;
	struct tt_warehouse *list;
	int n;
	enum tt_status st = tt_sales_warehouses(c, shop_cipher, access_token, a, &list, &n, res);
	if (st != TT_OK)
		return st;
	for (int i = 0; i < n; i++)
		if (*id == NULL || list[i].is_default)
			*id = list[i].id;
	if (*id == NULL) {
		snprintf(res->message, sizeof(res->message), "the shop has no sales warehouse");
		return res->status = TT_ERR_REJECTED;
	}
	return TT_OK;
}

static int valid_id(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_' || *s == '-'))
			return 0;
	return 1;
}

enum tt_status tt_inventory_update(struct tt_client *c, const char *shop_cipher, const char *access_token,
                                   const char *product_id, const char *warehouse_id, struct tt_inv_sku *skus, int n,
                                   struct arena *a, struct tt_result *res)
{
	if (!valid_id(product_id)) {
		memset(res, 0, sizeof(*res));
		snprintf(res->message, sizeof(res->message), "the product id is not a TikTok id");
		return res->status = TT_ERR_REJECTED;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_arr_open(&w, "skus");
	for (int i = 0; i < n; i++) {
		skus[i].error = NULL;
		jw_obj_open(&w, NULL);
		jw_str(&w, "id", skus[i].sku_id);
		jw_arr_open(&w, "inventory");
		jw_obj_open(&w, NULL);
		jw_str(&w, "warehouse_id", warehouse_id);
		jw_int(&w, "quantity", skus[i].quantity);
		jw_obj_close(&w);
		jw_arr_close(&w);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	size_t len;
	const char *doc = jw_result(&w, &len);
	const char *body = arena_strndup(a, doc != NULL ? doc : "{}", doc != NULL ? len : 2);
	jw_free(&w);
	const char *path = arena_printf(a, "/product/202309/products/%s/inventory/update", product_id);
	enum tt_status st = tt_call(c, "POST", path, shop_cipher, access_token, NULL, 0, body, res);
	if (st != TT_OK)
		return st;
	yajl_val errs = tt_get(res->data, "errors");
	size_t ne = errs != NULL && YAJL_IS_ARRAY(errs) ? errs->u.array.len : 0;
	for (size_t k = 0; k < ne; k++) {
		yajl_val e = errs->u.array.values[k];
		const char *sku = tt_str(tt_get(e, "detail"), "sku_id");
		const char *msg = tt_str(e, "message");
		for (int i = 0; sku != NULL && i < n; i++)
			if (strcmp(skus[i].sku_id, sku) == 0)
				skus[i].error = arena_strdup(a, msg != NULL ? msg : "refused by TikTok");
	}
	return TT_OK;
}
