/* TikTok inventory: the shop's default sales warehouse, and one product's inventory update with per-SKU errors. */
#ifndef TIKTOK_INVENTORY_H
#define TIKTOK_INVENTORY_H
#include <stdint.h>
#include "tiktok/client.h"

struct arena;

struct tt_inv_sku {
	const char *sku_id;
	int64_t quantity;
	const char *error;     /* out: TikTok's message when it refused this SKU, else NULL */
};

struct tt_warehouse {
	const char *id, *name;
	int is_default;
};

/* GET /logistics/202309/warehouses: the shop's sales warehouses (return warehouses left out) in *out. */
enum tt_status tt_sales_warehouses(struct tt_client *c, const char *shop_cipher, const char *access_token,
                                   struct arena *a, struct tt_warehouse **out, int *n, struct tt_result *res);
/* GET /logistics/202309/warehouses: the id of the default sales warehouse (else the first sales one) in *id. */
enum tt_status tt_default_warehouse(struct tt_client *c, const char *shop_cipher, const char *access_token,
                                    struct arena *a, const char **id, struct tt_result *res);
/* POST /product/202309/products/{product_id}/inventory/update for n SKUs into one warehouse;
 * per-SKU failures of a successful answer are set in skus[i].error. */
enum tt_status tt_inventory_update(struct tt_client *c, const char *shop_cipher, const char *access_token,
                                   const char *product_id, const char *warehouse_id, struct tt_inv_sku *skus, int n,
                                   struct arena *a, struct tt_result *res);

#endif
