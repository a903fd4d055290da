/* The export slip buttons' own handlers run by the sync worker for many orders (bulk actions and the automatic
 * rules, approved cancellations), so a slip made or exported in bulk passes the same stock transaction and refusals as one made by hand. */
#ifndef FULFILLMENT_SLIP_CALLS_H
#define FULFILLMENT_SLIP_CALLS_H
#include <stdint.h>

struct arena;
struct worker;

/* What the button answered: done, or refused with the error envelope's code and message. */
struct slip_outcome {
	int ok;
	int status;              /* the HTTP status the button would have answered */
	const char *code, *message;
	int64_t slip_id;         /* the slip made or exported */
};

/* "Tạo phiếu xuất" of order_id from warehouse_id, in user_id's name (POST /orders/{id}/export-slips); the audit log
 * names `actor` ("tiktok" for the rules that follow TikTok's statuses), or the user when NULL. */
struct slip_outcome slip_call_create(struct worker *w, struct arena *a, int64_t merchant_id, int64_t user_id,
                                     const char *actor, int64_t order_id, int64_t warehouse_id);
/* "Xuất kho" of the order's live slip (POST /export-slips/{id}/export); no_slip_awaiting_export when it has none. */
struct slip_outcome slip_call_export(struct worker *w, struct arena *a, int64_t merchant_id, int64_t user_id,
                                     const char *actor, int64_t order_id);
/* "Hủy phiếu" of slip_id (POST /export-slips/{id}/cancel) for cancellation request after_sales_id, which TikTok
 * approved, logged as `actor`. */
struct slip_outcome slip_call_cancel(struct worker *w, struct arena *a, int64_t merchant_id, int64_t user_id,
                                     const char *actor, int64_t slip_id, int64_t after_sales_id);

#endif
