/* The sandbox's route table: TikTok's paths, the /sandbox/ control API, the consent pages; anything else
 * reaches h_unknown_path (the app's not_found hook): TikTok's 36009009, or a plain 404 under /sandbox/. */
#include "routes.h"
#include "handlers.h"
#include "http/request.h"
#include <string.h>

/* The sandbox checks no permissions: its lines leave the route's permission out. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include "tt.h"

void h_unknown_path(struct request *r)
{
	if (strncmp(r->path, "/sandbox/", 9) == 0 || strcmp(r->path, "/sandbox") == 0 || strncmp(r->path, "/open/", 6) == 0)
		resp_error(r, 404, "not_found", "No such endpoint.");
	else
		tt_fail(r, TT_INVALID_PATH, "Invalid path");
}

int sb_loopback_only(struct request *r)
{
	const char *a = r->remote_addr != NULL ? r->remote_addr : "";
	if (strncmp(a, "127.", 4) == 0 || strcmp(a, "::1") == 0 || strcmp(a, "::ffff:127.0.0.1") == 0 || *a == '\0')
		return 0;
	resp_error(r, 403, "forbidden", "The sandbox control API answers on loopback only.");
	return -1;
}

const struct route sandbox_routes[] = {
	/* TikTok's token host */
	{ "GET",  "/api/v2/token/get",                                  h_tt_token_get,        ROUTE_PUBLIC },
	{ "GET",  "/api/v2/token/refresh",                              h_tt_token_refresh,    ROUTE_PUBLIC },
	/* TikTok's API host (signed) */
	{ "GET",  "/authorization/202309/shops",                        h_tt_shops,            ROUTE_PUBLIC },
	{ "POST", "/order/202309/orders/search",                        h_tt_orders_search,    ROUTE_PUBLIC },
	{ "GET",  "/order/202309/orders",                               h_tt_orders_get,       ROUTE_PUBLIC },
	{ "POST", "/product/202309/products/search",                    h_tt_products_search,  ROUTE_PUBLIC },
	{ "GET",  "/product/202309/products/{id}",                      h_tt_product_get,      ROUTE_PUBLIC },
	{ "POST", "/product/202309/products/{id}/inventory/update",     h_tt_inventory_update, ROUTE_PUBLIC },
	{ "GET",  "/logistics/202309/warehouses",                       h_tt_warehouses,       ROUTE_PUBLIC },
	{ "POST", "/fulfillment/202309/packages/search",                h_tt_packages_search,  ROUTE_PUBLIC },
	{ "POST", "/fulfillment/202309/packages/ship",                  h_tt_packages_ship,    ROUTE_PUBLIC },
	{ "GET",  "/fulfillment/202309/packages/{package_id}",          h_tt_package_get,      ROUTE_PUBLIC },
	{ "GET",  "/fulfillment/202309/packages/{package_id}/handover_time_slots", h_tt_package_slots, ROUTE_PUBLIC },
	{ "POST", "/fulfillment/202309/packages/{package_id}/ship",     h_tt_package_ship,     ROUTE_PUBLIC },
	{ "GET",  "/fulfillment/202309/packages/{package_id}/shipping_documents", h_tt_package_documents, ROUTE_PUBLIC },
	{ "GET",  "/fulfillment/202309/orders/{order_id}/tracking",     h_tt_order_tracking,   ROUTE_PUBLIC },
	/* Seller authorization pages */
	{ "GET",  "/",                                                  h_page_home,           ROUTE_PUBLIC },
	{ "GET",  "/open/authorize",                                    h_page_start,          ROUTE_PUBLIC },
	{ "POST", "/open/authorize",                                    h_page_region,         ROUTE_PUBLIC },
	{ "GET",  "/open/authorize/login",                              h_page_login_form,     ROUTE_PUBLIC },
	{ "POST", "/open/authorize/login",                              h_page_login,          ROUTE_PUBLIC },
	{ "GET",  "/open/authorize/verify",                             h_page_verify_form,    ROUTE_PUBLIC },
	{ "POST", "/open/authorize/verify",                             h_page_verify,         ROUTE_PUBLIC },
	{ "GET",  "/open/authorize/consent",                            h_page_consent,        ROUTE_PUBLIC },
	{ "POST", "/open/authorize/confirm",                            h_page_confirm,        ROUTE_PUBLIC },
	{ "POST", "/open/authorize/cancel",                             h_page_cancel,         ROUTE_PUBLIC },
	/* Control API: ROUTE_USER here means "from loopback only" (see sb_loopback_only) */
	{ "GET",  "/sandbox/app",                                       h_ctl_app_get,         ROUTE_USER },
	{ "PUT",  "/sandbox/app",                                       h_ctl_app_put,         ROUTE_USER },
	{ "POST", "/sandbox/sellers",                                   h_ctl_seller_create,   ROUTE_USER },
	{ "GET",  "/sandbox/sellers",                                   h_ctl_seller_get,      ROUTE_USER },
	{ "POST", "/sandbox/authorize",                                 h_ctl_authorize,       ROUTE_USER },
	{ "POST", "/sandbox/shops/{shop_id}/products",                  h_ctl_products_create, ROUTE_USER },
	{ "GET",  "/sandbox/shops/{shop_id}/products",                  h_ctl_shop_products,   ROUTE_USER },
	{ "GET",  "/sandbox/shops/{shop_id}/inventory-updates",         h_ctl_inventory_updates, ROUTE_USER },
	{ "PUT",  "/sandbox/shops/{shop_id}/skus/{sku_id}",             h_ctl_sku_put,         ROUTE_USER },
	{ "POST", "/sandbox/shops/{shop_id}/warehouses",                h_ctl_warehouse_create, ROUTE_USER },
	{ "POST", "/sandbox/shops/{shop_id}/orders",                    h_ctl_orders_create,   ROUTE_USER },
	{ "POST", "/sandbox/shops/{shop_id}/deauthorize",               h_ctl_deauthorize,     ROUTE_USER },
	{ "POST", "/sandbox/orders/{order_id}/status",                  h_ctl_order_status,    ROUTE_USER },
	{ "GET",  "/sandbox/faults",                                    h_ctl_faults_get,      ROUTE_USER },
	{ "POST", "/sandbox/faults",                                    h_ctl_faults_set,      ROUTE_USER },
	{ "GET",  "/sandbox/rate-limit",                                h_ctl_rate_get,        ROUTE_USER },
	{ "POST", "/sandbox/rate-limit",                                h_ctl_rate_set,        ROUTE_USER },
	{ "GET",  "/sandbox/shops/{shop_id}/calls",                     h_ctl_shop_calls,      ROUTE_USER },
	{ "GET",  "/sandbox/clock",                                     h_ctl_clock_get,       ROUTE_USER },
	{ "POST", "/sandbox/clock",                                     h_ctl_clock_set,       ROUTE_USER },
	{ "GET",  "/sandbox/webhooks",                                  h_ctl_webhooks_list,   ROUTE_USER },
	{ "POST", "/sandbox/live/step",                                 h_ctl_live_step,       ROUTE_USER },
	{ "POST", "/sandbox/packages/{package_id}/collect",             h_ctl_package_collect, ROUTE_USER },
	/* TikTok's document host: doc_url links, signed and expiring, fetched by whoever holds one */
	{ "GET",  "/sandbox/documents/{package_id}",                    h_ctl_document,        ROUTE_PUBLIC },
	{ "GET",  "/sandbox/images/{kind}/{file}",                      h_ctl_image,           ROUTE_PUBLIC },
	/* TikTok's paths under other methods are invalid paths too (not the app-style 405) */
	{ "POST", "/api/v2/token/get", h_unknown_path, ROUTE_PUBLIC },
	{ "PUT", "/api/v2/token/get", h_unknown_path, ROUTE_PUBLIC },
	{ "DELETE", "/api/v2/token/get", h_unknown_path, ROUTE_PUBLIC },
	{ "PATCH", "/api/v2/token/get", h_unknown_path, ROUTE_PUBLIC },
	{ "POST", "/api/v2/token/refresh", h_unknown_path, ROUTE_PUBLIC },
	{ "PUT", "/api/v2/token/refresh", h_unknown_path, ROUTE_PUBLIC },
	{ "DELETE", "/api/v2/token/refresh", h_unknown_path, ROUTE_PUBLIC },
	{ "PATCH", "/api/v2/token/refresh", h_unknown_path, ROUTE_PUBLIC },
	{ "POST", "/authorization/202309/shops", h_unknown_path, ROUTE_PUBLIC },
	{ "PUT", "/authorization/202309/shops", h_unknown_path, ROUTE_PUBLIC },
	{ "DELETE", "/authorization/202309/shops", h_unknown_path, ROUTE_PUBLIC },
	{ "PATCH", "/authorization/202309/shops", h_unknown_path, ROUTE_PUBLIC },
	{ "GET", "/order/202309/orders/search", h_unknown_path, ROUTE_PUBLIC },
	{ "PUT", "/order/202309/orders/search", h_unknown_path, ROUTE_PUBLIC },
	{ "DELETE", "/order/202309/orders/search", h_unknown_path, ROUTE_PUBLIC },
	{ "PATCH", "/order/202309/orders/search", h_unknown_path, ROUTE_PUBLIC },
	{ "POST", "/order/202309/orders", h_unknown_path, ROUTE_PUBLIC },
	{ "PUT", "/order/202309/orders", h_unknown_path, ROUTE_PUBLIC },
	{ "DELETE", "/order/202309/orders", h_unknown_path, ROUTE_PUBLIC },
	{ "PATCH", "/order/202309/orders", h_unknown_path, ROUTE_PUBLIC },
	{ "GET", "/product/202309/products/search", h_unknown_path, ROUTE_PUBLIC },
	{ "PUT", "/product/202309/products/search", h_unknown_path, ROUTE_PUBLIC },
	{ "DELETE", "/product/202309/products/search", h_unknown_path, ROUTE_PUBLIC },
	{ "PATCH", "/product/202309/products/search", h_unknown_path, ROUTE_PUBLIC },
	{ "POST", "/product/202309/products/{id}", h_unknown_path, ROUTE_PUBLIC },
	{ "PUT", "/product/202309/products/{id}", h_unknown_path, ROUTE_PUBLIC },
	{ "DELETE", "/product/202309/products/{id}", h_unknown_path, ROUTE_PUBLIC },
	{ "PATCH", "/product/202309/products/{id}", h_unknown_path, ROUTE_PUBLIC },
	{ "GET", "/product/202309/products/{id}/inventory/update", h_unknown_path, ROUTE_PUBLIC },
	{ "PUT", "/product/202309/products/{id}/inventory/update", h_unknown_path, ROUTE_PUBLIC },
	{ "DELETE", "/product/202309/products/{id}/inventory/update", h_unknown_path, ROUTE_PUBLIC },
	{ "PATCH", "/product/202309/products/{id}/inventory/update", h_unknown_path, ROUTE_PUBLIC },
	{ "POST", "/logistics/202309/warehouses", h_unknown_path, ROUTE_PUBLIC },
	{ "PUT", "/logistics/202309/warehouses", h_unknown_path, ROUTE_PUBLIC },
	{ "DELETE", "/logistics/202309/warehouses", h_unknown_path, ROUTE_PUBLIC },
	{ "PATCH", "/logistics/202309/warehouses", h_unknown_path, ROUTE_PUBLIC },
	{ "GET", "/fulfillment/202309/packages/search", h_unknown_path, ROUTE_PUBLIC },
	{ "PUT", "/fulfillment/202309/packages/search", h_unknown_path, ROUTE_PUBLIC },
	{ "DELETE", "/fulfillment/202309/packages/search", h_unknown_path, ROUTE_PUBLIC },
	{ "PATCH", "/fulfillment/202309/packages/search", h_unknown_path, ROUTE_PUBLIC },
	{ "GET", "/fulfillment/202309/packages/ship", h_unknown_path, ROUTE_PUBLIC },
	{ "PUT", "/fulfillment/202309/packages/ship", h_unknown_path, ROUTE_PUBLIC },
	{ "DELETE", "/fulfillment/202309/packages/ship", h_unknown_path, ROUTE_PUBLIC },
	{ "PATCH", "/fulfillment/202309/packages/ship", h_unknown_path, ROUTE_PUBLIC },
	{ "POST", "/fulfillment/202309/packages/{package_id}", h_unknown_path, ROUTE_PUBLIC },
	{ "PUT", "/fulfillment/202309/packages/{package_id}", h_unknown_path, ROUTE_PUBLIC },
	{ "DELETE", "/fulfillment/202309/packages/{package_id}", h_unknown_path, ROUTE_PUBLIC },
	{ "PATCH", "/fulfillment/202309/packages/{package_id}", h_unknown_path, ROUTE_PUBLIC },
	{ "POST", "/fulfillment/202309/packages/{package_id}/handover_time_slots", h_unknown_path, ROUTE_PUBLIC },
	{ "PUT", "/fulfillment/202309/packages/{package_id}/handover_time_slots", h_unknown_path, ROUTE_PUBLIC },
	{ "DELETE", "/fulfillment/202309/packages/{package_id}/handover_time_slots", h_unknown_path, ROUTE_PUBLIC },
	{ "PATCH", "/fulfillment/202309/packages/{package_id}/handover_time_slots", h_unknown_path, ROUTE_PUBLIC },
	{ "GET", "/fulfillment/202309/packages/{package_id}/ship", h_unknown_path, ROUTE_PUBLIC },
	{ "PUT", "/fulfillment/202309/packages/{package_id}/ship", h_unknown_path, ROUTE_PUBLIC },
	{ "DELETE", "/fulfillment/202309/packages/{package_id}/ship", h_unknown_path, ROUTE_PUBLIC },
	{ "PATCH", "/fulfillment/202309/packages/{package_id}/ship", h_unknown_path, ROUTE_PUBLIC },
	{ "POST", "/fulfillment/202309/packages/{package_id}/shipping_documents", h_unknown_path, ROUTE_PUBLIC },
	{ "PUT", "/fulfillment/202309/packages/{package_id}/shipping_documents", h_unknown_path, ROUTE_PUBLIC },
	{ "DELETE", "/fulfillment/202309/packages/{package_id}/shipping_documents", h_unknown_path, ROUTE_PUBLIC },
	{ "PATCH", "/fulfillment/202309/packages/{package_id}/shipping_documents", h_unknown_path, ROUTE_PUBLIC },
	{ "POST", "/fulfillment/202309/orders/{order_id}/tracking", h_unknown_path, ROUTE_PUBLIC },
	{ "PUT", "/fulfillment/202309/orders/{order_id}/tracking", h_unknown_path, ROUTE_PUBLIC },
	{ "DELETE", "/fulfillment/202309/orders/{order_id}/tracking", h_unknown_path, ROUTE_PUBLIC },
	{ "PATCH", "/fulfillment/202309/orders/{order_id}/tracking", h_unknown_path, ROUTE_PUBLIC },
};

const size_t sandbox_nroutes = sizeof(sandbox_routes) / sizeof(sandbox_routes[0]);
