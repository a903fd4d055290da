/* Every api handler, one group per resource file. */
#ifndef API_HANDLERS_H
#define API_HANDLERS_H
#include <stdint.h>

struct db_rows;
struct request;

/* meta.c */
void h_health(struct request *r);
void h_openapi(struct request *r);
/* auth.c */
void h_register(struct request *r);
void h_login(struct request *r);
void h_me(struct request *r);
/* api_tokens.c */
void h_api_token_create(struct request *r);
void h_api_token_list(struct request *r);
void h_api_token_revoke(struct request *r);

/* connections.c */
void h_conn_authorize(struct request *r);
void h_conn_callback(struct request *r);
void h_conn_list(struct request *r);
void h_conn_delete(struct request *r);
/* sync_jobs.c */
void h_conn_sync(struct request *r);
void h_sync_job_get(struct request *r);
void h_sync_job_list(struct request *r);
/* orders.c */
void h_order_list(struct request *r);
void h_order_get(struct request *r);
void h_order_statuses(struct request *r);
/* webhooks.c */
void h_webhook_tiktok(struct request *r);
/* products.c */
void h_product_list(struct request *r);
void h_product_create(struct request *r);
void h_product_get(struct request *r);
void h_product_update(struct request *r);
void h_product_delete(struct request *r);
/* channel_skus.c, auto_link.c */
void h_csku_list(struct request *r);
void h_csku_link(struct request *r);
void h_csku_unlink(struct request *r);
void h_csku_auto_link(struct request *r);
/* order_links.c */
void h_order_links(struct request *r);
/* sync_jobs.c */
void h_conn_pull_products(struct request *r);
/* product_images.c */
void h_product_image_upload(struct request *r);
/* warehouses.c */
void h_warehouse_list(struct request *r);
void h_warehouse_create(struct request *r);
void h_warehouse_update(struct request *r);
/* stock.c */
void h_stock_list(struct request *r);
void h_movement_list(struct request *r);
void h_receipt_create(struct request *r);
void h_receipt_get(struct request *r);
/* export_slips.c, export_slip_view.c, export_slip_actions.c */
void h_slip_create(struct request *r);
void h_slip_list(struct request *r);
void h_slip_get(struct request *r);
void h_slip_export(struct request *r);
void h_slip_cancel(struct request *r);
void h_slip_return(struct request *r);
void h_overview(struct request *r);
void h_low_stock_get(struct request *r);
void h_low_stock_put(struct request *r);
void h_order_export(struct request *r);
void h_stock_export(struct request *r);
void h_movement_export(struct request *r);

/* stock push (stock_push.c) */
void h_stock_settings_get(struct request *r);
void h_stock_settings_put(struct request *r);
void h_conn_push_stock(struct request *r);
void h_conn_stock_push_list(struct request *r);
/* stock reconciliation (stock_reconcile.c) */
void h_conn_stock_reconcile(struct request *r);
void h_conn_stock_reconcile_get(struct request *r);
/* tiktok_warehouses.c */
void h_conn_tiktok_warehouses(struct request *r);
void h_conn_tiktok_warehouses_pull(struct request *r);
/* Writes the caller's sync job `id` as `key` (null when there is none); -1 on a database error (sync_jobs.c). */
struct jw;
int write_job_of(struct request *r, struct jw *w, const char *key, int64_t id);
/* A sync job of the caller as the answer, wrapped in {"job": …} when `wrap` (sync_jobs.c). */
void answer_job(struct request *r, int64_t id, int status, int wrap);
/* Starts a job of `kind` for the caller's connection, or answers the one already going (202 either way; sync_jobs.c). */
void answer_enqueued(struct request *r, int64_t connection_id, const char *kind);
/* The caller's connection's stock settings row (stock_push.c): 1 found, 0 answered (404 or database error). */
int stock_settings_load(struct request *r, int64_t id, struct db_rows *rows);
/* The same for a shop TikTok still accepts: 1 found and active, 0 answered (404, 409 reconnect_required, database). */
int stock_settings_load_active(struct request *r, int64_t id, struct db_rows *rows);

#endif
