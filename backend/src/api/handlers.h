/* Every api handler, one group per file (feature folder/file.c); api/routes.c maps the paths to them. */
#ifndef API_HANDLERS_H
#define API_HANDLERS_H
#include <stdint.h>

struct db_rows;
struct request;

/* api/meta.c */
void h_health(struct request *r);
void h_openapi(struct request *r);
/* accounts/sign_in.c */
void h_register(struct request *r);
void h_login(struct request *r);
void h_me(struct request *r);
void h_me_update(struct request *r);
void h_roles(struct request *r);
/* accounts/api_tokens.c */
void h_api_token_create(struct request *r);
void h_api_token_list(struct request *r);
void h_api_token_revoke(struct request *r);

/* connections/connections.c */
void h_conn_authorize(struct request *r);
void h_conn_callback(struct request *r);
void h_conn_list(struct request *r);
void h_conn_delete(struct request *r);
/* sync/sync_jobs.c */
void h_conn_sync(struct request *r);
void h_sync_job_get(struct request *r);
void h_sync_job_list(struct request *r);
/* orders/orders.c */
void h_order_list(struct request *r);
void h_order_get(struct request *r);
void h_order_statuses(struct request *r);
/* sync/webhooks.c */
void h_webhook_tiktok(struct request *r);
/* products/products.c */
void h_product_list(struct request *r);
void h_product_create(struct request *r);
void h_product_get(struct request *r);
void h_product_update(struct request *r);
void h_product_delete(struct request *r);
/* products/channel_skus.c, products/auto_link.c */
void h_channel_sku_list(struct request *r);
void h_channel_sku_link(struct request *r);
void h_channel_sku_unlink(struct request *r);
void h_channel_sku_auto_link(struct request *r);
/* orders/order_links_save.c */
void h_order_links(struct request *r);
/* sync/sync_jobs.c */
void h_conn_pull_products(struct request *r);
/* products/product_images.c */
void h_product_image_upload(struct request *r);
/* stock/warehouses.c */
void h_warehouse_list(struct request *r);
void h_warehouse_create(struct request *r);
void h_warehouse_update(struct request *r);
/* stock/stock.c */
void h_stock_list(struct request *r);
void h_movement_list(struct request *r);
void h_receipt_create(struct request *r);
void h_receipt_get(struct request *r);
/* stock/export_slips.c, stock/export_slip_view.c, stock/export_slip_actions.c */
void h_slip_create(struct request *r);
void h_slip_list(struct request *r);
void h_slip_get(struct request *r);
void h_slip_export(struct request *r);
void h_slip_cancel(struct request *r);
void h_slip_return(struct request *r);
/* orders/order_count.c */
void h_order_count(struct request *r);
/* overview/overview.c */
void h_overview(struct request *r);
/* overview/overview_settings.c */
void h_overview_settings_get(struct request *r);
void h_overview_settings_put(struct request *r);
/* stock/low_stock.c */
void h_low_stock_get(struct request *r);
void h_low_stock_put(struct request *r);
/* orders/orders_export.c, stock/stock_export.c */
void h_order_export(struct request *r);
void h_stock_export(struct request *r);
void h_movement_export(struct request *r);
/* stock_docs/doc_numbers.c, suppliers.c, receipt_actions.c, receipt_import.c, product_units.c */
void h_numbering_get(struct request *r);
void h_numbering_put(struct request *r);
void h_supplier_list(struct request *r);
void h_supplier_create(struct request *r);
void h_supplier_update(struct request *r);
void h_supplier_delete(struct request *r);
void h_receipt_list(struct request *r);
void h_receipt_cancel(struct request *r);
void h_receipt_import(struct request *r);
void h_product_units(struct request *r);

/* stock_push/stock_push.c */
void h_stock_settings_get(struct request *r);
void h_stock_settings_put(struct request *r);
void h_conn_push_stock(struct request *r);
void h_conn_stock_push_list(struct request *r);
/* stock_push/stock_reconcile.c */
void h_conn_stock_reconcile(struct request *r);
void h_conn_stock_reconcile_get(struct request *r);
/* stock_push/tiktok_warehouses.c */
void h_conn_tiktok_warehouses(struct request *r);
void h_conn_tiktok_warehouses_pull(struct request *r);
/* fulfillment/settings.c, fulfillment/packages.c, fulfillment/bulk.c */
void h_fulfillment_settings_get(struct request *r);
void h_fulfillment_settings_put(struct request *r);
void h_order_handover_slots(struct request *r);
void h_fulfillment_arrange(struct request *r);
void h_fulfillment_labels(struct request *r);
void h_fulfillment_create_slips(struct request *r);
void h_fulfillment_export_slips(struct request *r);
void h_fulfillment_batch_get(struct request *r);
void h_fulfillment_batch_document(struct request *r);
/* audit/audit_log.c */
void h_audit_list(struct request *r);
void h_audit_export(struct request *r);
void h_audit_settings_get(struct request *r);
void h_audit_settings_put(struct request *r);

/* staff/staff.c */
void h_staff_list(struct request *r);
void h_staff_update(struct request *r);
void h_staff_transfer_ownership(struct request *r);
/* staff/invitations.c */
void h_invitation_create(struct request *r);
void h_invitation_resend(struct request *r);
void h_invitation_revoke(struct request *r);
void h_invitation_lookup(struct request *r);
void h_invitation_accept(struct request *r);
/* staff/password_reset.c */
void h_password_reset_request(struct request *r);
void h_password_reset_confirm(struct request *r);

/* after-sales: cancellation and return requests */
void h_after_sales_list(struct request *r);
void h_after_sales_get(struct request *r);
void h_after_sales_approve(struct request *r);
void h_after_sales_reject(struct request *r);
void h_after_sales_bulk_approve(struct request *r);

#endif
