/* TikTok product search and detail, parsed into tt_product with its SKUs. */
#include "tiktok/products.h"
#include "core/arena.h"
#include "core/buf.h"
#include <stdio.h>
#include <string.h>

static const char *str(struct arena *a, yajl_val obj, const char *key)
{
	const char *s = tt_str(obj, key);
	return arena_strdup(a, s != NULL ? s : "");
}

static size_t len_of(yajl_val arr)
{
	return arr != NULL && YAJL_IS_ARRAY(arr) ? arr->u.array.len : 0;
}

/* The first string of obj.key[] (urls), or "". */
static const char *first_url(struct arena *a, yajl_val obj, const char *key)
{
	yajl_val urls = tt_get(obj, key);
	if (len_of(urls) == 0 || !YAJL_IS_STRING(urls->u.array.values[0]))
		return "";
	return arena_strdup(a, urls->u.array.values[0]->u.string);
}

static void read_sku(struct arena *a, yajl_val v, const char *product_image, struct tt_sku *s)
{
	s->id = str(a, v, "id");
	s->seller_sku = str(a, v, "seller_sku");
	yajl_val price = tt_get(v, "price");
	s->price = tt_str(price, "sale_price") != NULL ? str(a, price, "sale_price") : NULL;
	s->currency = str(a, price, "currency");
	yajl_val inv = tt_get(v, "inventory");
	s->ninventory = 0;
	s->inventory = arena_alloc(a, sizeof(struct tt_stock) * (len_of(inv) ? len_of(inv) : 1));
	for (size_t i = 0; i < len_of(inv); i++) {
		yajl_val e = inv->u.array.values[i], q = tt_get(inv->u.array.values[i], "quantity");
		if (tt_str(e, "warehouse_id") != NULL && q != NULL && YAJL_IS_INTEGER(q))
			s->inventory[s->ninventory++] = (struct tt_stock){ str(a, e, "warehouse_id"), YAJL_GET_INTEGER(q) };
	}
	yajl_val attrs = tt_get(v, "sales_attributes");
	struct buf name;
	buf_init(&name, 0);
	buf_puts(&name, "");
	s->image_url = product_image;
	for (size_t i = 0; i < len_of(attrs); i++) {
		yajl_val at = attrs->u.array.values[i];
		const char *value = tt_str(at, "value_name");
		if (value != NULL && *value) {
			buf_puts(&name, name.len > 0 ? ", " : "");
			buf_puts(&name, value);
		}
		const char *img = first_url(a, tt_get(at, "sku_img"), "urls");
		if (*img)
			s->image_url = img;
	}
	s->name = arena_strdup(a, name.data);
	buf_free(&name);
}

static int read_product(struct arena *a, yajl_val v, struct tt_product *p)
{
	memset(p, 0, sizeof(*p));
	if (tt_str(v, "id") == NULL)
		return -1;
	p->id = str(a, v, "id");
	p->title = str(a, v, "title");
	yajl_val images = tt_get(v, "main_images");
	p->image_url = len_of(images) > 0 ? first_url(a, images->u.array.values[0], "urls") : "";
	yajl_val skus = tt_get(v, "skus");
	size_t n = len_of(skus);
	p->skus = arena_alloc(a, sizeof(struct tt_sku) * (n ? n : 1));
	for (size_t i = 0; i < n; i++) {
		yajl_val s = skus->u.array.values[i];
		if (tt_str(s, "id") == NULL)
			return -1;
		read_sku(a, s, p->image_url, &p->skus[p->nskus++]);
	}
	return 0;
}

static enum tt_status malformed(struct tt_result *res)
{
	snprintf(res->message, sizeof(res->message), "a product in the answer lacks its id");
	return res->status = TT_ERR_MALFORMED;
}

enum tt_status tt_products_search(struct tt_client *c, const char *shop_cipher, const char *access_token,
                                  int page_size, const char *page_token, struct arena *a,
                                  struct tt_product_page *out, struct tt_result *res)
{
	memset(out, 0, sizeof(*out));
	char size[16];
	snprintf(size, sizeof(size), "%d", page_size);
	struct tt_kv query[2] = { { "page_size", size } };
	int nq = 1;
	if (page_token != NULL && *page_token != '\0')
		query[nq++] = (struct tt_kv){ "page_token", page_token };
	enum tt_status st = tt_call(c, "POST", "/product/202309/products/search", shop_cipher, access_token, query, nq,
	                            "{\"status\":\"ALL\"}", res);
	if (st != TT_OK)
		return st;
	yajl_val list = tt_get(res->data, "products");
	if (list != NULL && !YAJL_IS_ARRAY(list))
		return malformed(res);
	size_t n = len_of(list);
	out->products = arena_alloc(a, sizeof(struct tt_product) * (n ? n : 1));
	for (size_t i = 0; i < n; i++)
		if (read_product(a, list->u.array.values[i], &out->products[out->nproducts++]) != 0)
			return malformed(res);
	out->next_page_token = str(a, res->data, "next_page_token");
	out->total_count = tt_int(res->data, "total_count");
	return TT_OK;
}

enum tt_status tt_product_get(struct tt_client *c, const char *shop_cipher, const char *access_token, const char *id,
                              struct arena *a, struct tt_product *out, struct tt_result *res)
{
	memset(out, 0, sizeof(*out));
	for (const char *p = id; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || *p == '_' || *p == '-')) {
			memset(res, 0, sizeof(*res));
			snprintf(res->message, sizeof(res->message), "the product id is not a TikTok id");
			return res->status = TT_ERR_REJECTED;
		}
	const char *path = arena_printf(a, "/product/202309/products/%s", id);
	enum tt_status st = tt_call(c, "GET", path, shop_cipher, access_token, NULL, 0, NULL, res);
	if (st != TT_OK)
		return st;
	return read_product(a, res->data, out) != 0 ? malformed(res) : TT_OK;
}

int64_t tt_sku_quantity(const struct tt_sku *s, const char *warehouse_id)
{
	for (int i = 0; i < s->ninventory; i++)
		if (strcmp(s->inventory[i].warehouse_id, warehouse_id) == 0)
			return s->inventory[i].quantity;
	return 0;
}
