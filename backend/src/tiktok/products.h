/* TikTok products: search (paged) and detail, read into typed structs (one entry per SKU). */
#ifndef TIKTOK_PRODUCTS_H
#define TIKTOK_PRODUCTS_H
#include <stdint.h>
#include "tiktok/client.h"

struct arena;

struct tt_stock {
	const char *warehouse_id;
	int64_t quantity;
};

struct tt_sku {
	const char *id, *seller_sku, *price, *currency;
	struct tt_stock *inventory;   /* per warehouse, as TikTok holds it */
	int ninventory;
	const char *name;        /* the sales attributes' values ("Đỏ, XL"); detail only, else "" */
	const char *image_url;   /* the SKU's image, else the product's main image; detail only, else "" */
};

struct tt_product {
	const char *id, *title;
	const char *image_url;   /* the first main image; detail only, else "" */
	struct tt_sku *skus;
	int nskus;
};

struct tt_product_page {
	struct tt_product *products;
	int nproducts;
	const char *next_page_token;   /* "" on the last page */
	int64_t total_count;
};

/* POST /product/202309/products/search (status ALL), page_size 1..100. */
enum tt_status tt_products_search(struct tt_client *c, const char *shop_cipher, const char *access_token,
                                  int page_size, const char *page_token, struct arena *a,
                                  struct tt_product_page *out, struct tt_result *res);
/* GET /product/202309/products/{id}. */
enum tt_status tt_product_get(struct tt_client *c, const char *shop_cipher, const char *access_token, const char *id,
                              struct arena *a, struct tt_product *out, struct tt_result *res);

/* The SKU's quantity in one warehouse (0 when TikTok lists none there). */
int64_t tt_sku_quantity(const struct tt_sku *s, const char *warehouse_id);

#endif
