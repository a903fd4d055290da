/* Every request handler of tts-sandbox, by area: TikTok's API, the /sandbox/ control API, the consent pages. */
#ifndef SANDBOX_HANDLERS_H
#define SANDBOX_HANDLERS_H

struct request;

/* TikTok's API (tt_*.c) */
void h_tt_token_get(struct request *r);
void h_tt_token_refresh(struct request *r);
void h_tt_shops(struct request *r);
void h_tt_orders_search(struct request *r);
void h_tt_orders_get(struct request *r);
void h_tt_products_search(struct request *r);
void h_tt_product_get(struct request *r);
void h_tt_inventory_update(struct request *r);
void h_tt_warehouses(struct request *r);
void h_tt_package_get(struct request *r);
void h_tt_package_slots(struct request *r);
void h_tt_package_ship(struct request *r);
void h_tt_packages_ship(struct request *r);
void h_tt_packages_search(struct request *r);
void h_tt_package_documents(struct request *r);
void h_tt_order_tracking(struct request *r);
void h_tt_reject_reasons(struct request *r);
void h_tt_cancellations_search(struct request *r);
void h_tt_cancellation_approve(struct request *r);
void h_tt_cancellation_reject(struct request *r);
void h_tt_returns_search(struct request *r);
void h_tt_return_approve(struct request *r);
void h_tt_return_reject(struct request *r);
void h_tt_image_upload(struct request *r);
void h_ctl_shop_images(struct request *r);
void h_tt_return_records(struct request *r);
void h_unknown_path(struct request *r);

/* Control API (ctl_*.c) */
void h_ctl_app_get(struct request *r);
void h_ctl_app_put(struct request *r);
void h_ctl_seller_create(struct request *r);
void h_ctl_seller_get(struct request *r);
void h_ctl_authorize(struct request *r);
void h_ctl_products_create(struct request *r);
void h_ctl_orders_create(struct request *r);
void h_ctl_order_status(struct request *r);
void h_ctl_deauthorize(struct request *r);
void h_ctl_faults_get(struct request *r);
void h_ctl_faults_set(struct request *r);
void h_ctl_rate_get(struct request *r);
void h_ctl_rate_set(struct request *r);
void h_ctl_shop_calls(struct request *r);
void h_ctl_clock_get(struct request *r);
void h_ctl_clock_set(struct request *r);
void h_ctl_webhooks_list(struct request *r);
void h_ctl_shop_products(struct request *r);
void h_ctl_inventory_updates(struct request *r);
void h_ctl_sku_put(struct request *r);
void h_ctl_warehouse_create(struct request *r);
void h_ctl_image(struct request *r);
void h_ctl_live_step(struct request *r);
void h_ctl_package_collect(struct request *r);
void h_ctl_document(struct request *r);
void h_ctl_cancellation_create(struct request *r);
void h_ctl_return_create(struct request *r);
void h_ctl_cancellation_withdraw(struct request *r);
void h_ctl_return_withdraw(struct request *r);
void h_ctl_return_ship(struct request *r);
void h_ctl_cancellation_expire(struct request *r);
void h_ctl_return_expire(struct request *r);

/* Seller authorization pages (page_*.c) */
void h_page_home(struct request *r);
void h_page_start(struct request *r);
void h_page_region(struct request *r);
void h_page_login_form(struct request *r);
void h_page_login(struct request *r);
void h_page_verify_form(struct request *r);
void h_page_verify(struct request *r);
void h_page_consent(struct request *r);
void h_page_confirm(struct request *r);
void h_page_cancel(struct request *r);

#endif
