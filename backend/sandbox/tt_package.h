/* The package behind a Fulfillment path: its order row, found in the caller's shop, and the package's JSON. */
#ifndef SANDBOX_TT_PACKAGE_H
#define SANDBOX_TT_PACKAGE_H
#include <stdint.h>

struct db_rows;
struct jw;
struct request;
struct tt_call;

/* TikTok's deadlines after payment: shipment arranged within 48 hours (rts_sla_time, shipping_due_time), the
 * package collected within 120 (collection_due_time); past them TikTok cancels the order. */
#define TT_RTS_SLA 172800
#define TT_COLLECTION_SLA 432000

/* The order row (ORDER_COLS, locked when `lock`) of `package_id` in the caller's shop: 1 found, 0 none (or the
 * order has no package yet), -1 when the database fails. Answers nothing. */
int tt_package_find(struct request *r, const struct tt_call *c, const char *package_id, int lock, struct db_rows *rows);
/* The order row (ORDER_COLS, locked until the transaction ends when `lock`) of `package_id` in the caller's shop.
 * Returns its row id, or 0 after answering: 21011001 for an unknown id, another shop's package or an order that
 * has no package yet; 36009003 when the database fails. */
int64_t tt_package_row(struct request *r, const struct tt_call *c, const char *package_id, int lock,
                       struct db_rows *rows);
/* The package's status (TO_FULFILL…CANCELLED) for order row i. */
const char *tt_package_status(const struct db_rows *o, int i);
/* "order_line_item_ids" and "orders": [{id, skus: [{id, name, image_url, quantity}]}] of order row i. */
void tt_package_contents(struct request *r, struct jw *w, const struct db_rows *o, int i, const struct db_rows *lines);

#endif
