/* The api route table: method, path, handler, who may call it. Kept equal to openapi.json by a test. */
#include "api/routes.h"
#include "api/handlers.h"

const struct route api_routes[] = {
	{ "GET",    "/api/v1/health",              h_health,            ROUTE_PUBLIC },
	{ "GET",    "/api/v1/openapi.json",        h_openapi,           ROUTE_PUBLIC },
	{ "POST",   "/api/v1/auth/register",       h_register,          ROUTE_PUBLIC },
	{ "POST",   "/api/v1/auth/login",          h_login,             ROUTE_PUBLIC },
	{ "GET",    "/api/v1/auth/me",             h_me,                ROUTE_USER },
	{ "POST",   "/api/v1/api-tokens",          h_api_token_create,  ROUTE_USER },
	{ "GET",    "/api/v1/api-tokens",          h_api_token_list,    ROUTE_USER },
	{ "DELETE", "/api/v1/api-tokens/{id}",     h_api_token_revoke,  ROUTE_USER },
	{ "POST",   "/api/v1/connections/tiktok/authorize", h_conn_authorize, ROUTE_USER },
	{ "GET",    "/api/v1/connections/tiktok/callback",  h_conn_callback,  ROUTE_PUBLIC },
	{ "GET",    "/api/v1/connections",         h_conn_list,         ROUTE_USER },
	{ "DELETE", "/api/v1/connections/{id}",    h_conn_delete,       ROUTE_USER },
	{ "POST",   "/api/v1/connections/{id}/sync", h_conn_sync,       ROUTE_USER },
	{ "GET",    "/api/v1/sync-jobs",           h_sync_job_list,     ROUTE_USER },
	{ "GET",    "/api/v1/sync-jobs/{id}",      h_sync_job_get,      ROUTE_USER },
	{ "GET",    "/api/v1/orders",              h_order_list,        ROUTE_USER },
	{ "GET",    "/api/v1/orders/{id}",         h_order_get,         ROUTE_USER },
	{ "GET",    "/api/v1/order-statuses",      h_order_statuses,    ROUTE_USER },
	{ "POST",   "/api/v1/webhooks/tiktok",     h_webhook_tiktok,    ROUTE_PUBLIC },
	{ "GET",    "/api/v1/warehouses",          h_warehouse_list,    ROUTE_USER },
	{ "POST",   "/api/v1/warehouses",          h_warehouse_create,  ROUTE_USER },
	{ "PATCH",  "/api/v1/warehouses/{id}",     h_warehouse_update,  ROUTE_USER },
	{ "GET",    "/api/v1/stock",               h_stock_list,        ROUTE_USER },
	{ "GET",    "/api/v1/stock-movements",     h_movement_list,     ROUTE_USER },
	{ "POST",   "/api/v1/stock-receipts",      h_receipt_create,    ROUTE_USER },
	{ "GET",    "/api/v1/stock-receipts/{id}", h_receipt_get,       ROUTE_USER },
	{ "POST",   "/api/v1/orders/{id}/export-slips", h_slip_create,  ROUTE_USER },
	{ "GET",    "/api/v1/export-slips",        h_slip_list,         ROUTE_USER },
	{ "GET",    "/api/v1/export-slips/{id}",   h_slip_get,          ROUTE_USER },
	{ "POST",   "/api/v1/export-slips/{id}/export", h_slip_export,  ROUTE_USER },
	{ "POST",   "/api/v1/export-slips/{id}/cancel", h_slip_cancel,  ROUTE_USER },
	{ "POST",   "/api/v1/export-slips/{id}/returns", h_slip_return, ROUTE_USER },
};

const size_t api_nroutes = sizeof(api_routes) / sizeof(api_routes[0]);
