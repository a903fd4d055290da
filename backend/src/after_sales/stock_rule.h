/* The one rule between after-sales requests and the stock: what an approved cancellation, a return and a refund do to
 * the order's export slip, and the tie of a return receipt to its TikTok return. */
#ifndef AFTER_SALES_STOCK_RULE_H
#define AFTER_SALES_STOCK_RULE_H
#include <stdint.h>

struct arena;
struct request;
struct worker;

/* Applies the rule to one stored request, once: a cancellation approved (by the seller or by TikTok) while the
 * order's slip awaits export cancels that slip through the Hủy phiếu handler (its stock transaction) and marks the
 * ledger rows with the request; after export it offers the return instead, as does a return TikTok approved; a refund
 * without return touches no stock. 0 done or nothing to do yet, -1 when the database failed (run it again). */
int as_stock_rule(struct worker *w, struct arena *a, int64_t request_id);

/* Inside the transaction of "Nhập hàng trả" of slip_id: ties the receipt to return request_id, once. 1 tied, 0
 * refused (answered: 404 no such request, 409 not a return of this slip's order or received already), <0 failed. */
int as_receive_claim(struct request *r, int64_t request_id, int64_t slip_id);

/* Inside the transaction of "Hủy phiếu" of slip_id: marks cancellation request_id as the cause (its stock state, and
 * the ledger rows the cancellation wrote), so a crash cannot leave the slip cancelled without its reason. 1 tied, 0
 * refused (answered: 404 no such request, 409 not a cancellation of this slip's order), <0 failed. */
int as_cancel_claim(struct request *r, int64_t request_id, int64_t slip_id);
/* Inside the transaction cancelling the return receipt of request_id: its goods are offered for receipt again.
 * 0, or -1 when the database failed. */
int as_receipt_cancelled(struct request *r, int64_t request_id);

#endif
