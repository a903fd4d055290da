/* The stock rule of after-sales: cancelled slips for approved cancellations, offered returns, tied return receipts. */
#include "after_sales/stock_rule.h"
#include "after_sales/status.h"
#include "api/common.h"
#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"
#include "fulfillment/slip_calls.h"
#include "http/request.h"
#include "statements.h"
#include "stock/stock.h"
#include "json/jwrite.h"
#include "sync/job.h"
#include <string.h>

static int set_state(struct worker *w, int64_t id, const char *state, int64_t slip)
{
	struct db_param p[] = { P_STR(state), slip > 0 ? P_I64(slip) : P_NULL, P_I64(id) };
	return db_exec(w->db, STMT_AS_SET_STOCK_STATE, p, 3, NULL) < 0 ? -1 : 0;
}

/* The order's newest slip that is not cancelled: 1 found (id, status), 0 none, -1 failed. */
static int live_slip(struct worker *w, struct arena *a, int64_t order, int64_t merchant, int64_t *id, const char **status)
{
	struct db_param p[] = { P_I64(order), P_I64(merchant) };
	struct db_rows s;
	int n = db_query(w->db, a, STMT_AS_ORDER_SLIP, p, 2, &s);
	if (n <= 0)
		return n;
	*id = db_cell_i64(&s, 0, AS_SLIP_ID);
	*status = db_cell(&s, 0, AS_SLIP_STATUS);
	return 1;
}

static int cancellation(struct worker *w, struct arena *a, int64_t id, int64_t merchant, int64_t order, int64_t user)
{
	int64_t slip = 0;
	const char *status = NULL;
	int k = live_slip(w, a, order, merchant, &slip, &status);
	if (k <= 0)
		return k < 0 ? -1 : set_state(w, id, "none", 0);
	if (strcmp(status, "awaiting_export") == 0) {
		struct slip_outcome o = slip_call_cancel(w, a, merchant, user, "tiktok", slip, id);
		if (o.ok) { /* the request's state and the ledger's tags were written in the slip's own transaction */
			log_info("after_sales", "request=%lld slip=%lld outcome=slip_cancelled", (long long)id, (long long)slip);
			return 0;
		}
		if (o.status >= 500)
			return -1;
		/* exported or cancelled by hand meanwhile: read it again */
		if ((k = live_slip(w, a, order, merchant, &slip, &status)) <= 0)
			return k < 0 ? -1 : set_state(w, id, "none", 0);
	}
	return set_state(w, id, strcmp(status, "exported") == 0 ? "return_offered" : "none", slip);
}

int as_stock_rule(struct worker *w, struct arena *a, int64_t request_id)
{
	struct db_param p[] = { P_I64(request_id) };
	struct db_rows r;
	int n = db_query(w->db, a, STMT_AS_RULE_ROW, p, 1, &r);
	if (n <= 0)
		return n < 0 ? -1 : 0;
	if (*db_cell(&r, 0, AS_RULE_STOCK_STATE) != '\0' || db_cell(&r, 0, AS_RULE_ORDER_ID) == NULL)
		return 0; /* acted already, or the order is not synced yet (the next sync of the request comes back here) */
	const char *kind = db_cell(&r, 0, AS_RULE_KIND), *status = db_cell(&r, 0, AS_RULE_STATUS);
	int64_t merchant = db_cell_i64(&r, 0, AS_RULE_MERCHANT_ID), order = db_cell_i64(&r, 0, AS_RULE_ORDER_ID);
	int settled = as_status_settled(status);
	if (strcmp(kind, "refund") == 0)
		return settled ? set_state(w, request_id, "none", 0) : 0;
	if (strcmp(kind, "cancellation") == 0)
		return settled ? cancellation(w, a, request_id, merchant, order, db_cell_i64(&r, 0, AS_RULE_ANSWERED_BY)) : 0;
	/* a return: its goods may come back once TikTok approved it or the buyer shipped them */
	if (!settled && strcmp(db_cell(&r, 0, AS_RULE_TIKTOK_STATUS), "BUYER_SHIPPED_ITEM") != 0)
		return 0;
	int64_t slip = 0;
	const char *slip_status = NULL;
	int k = live_slip(w, a, order, merchant, &slip, &slip_status);
	if (k < 0)
		return -1;
	return set_state(w, request_id, k > 0 && strcmp(slip_status, "exported") == 0 ? "return_offered" : "none", slip);
}

/* The claim matched nothing: 404 when there is no such request of the merchant, else 409 with the reason (for a
 * receipt, a return received already; else a request of another kind or order); 0 once answered, -1 on a database
 * error. */
static int refuse_claim(struct request *r, struct db_param *p, int64_t request_id, int receipt, const char *code,
                        const char *message)
{
	struct db_rows row;
	int n = db_query(r->db, r->arena, STMT_AS_RECEIVE_ROW, p, 2, &row);
	if (n < 0)
		return -1;
	if (n == 0) {
		resp_error(r, 404, "not_found", "No such cancellation or return request.");
		return 0;
	}
	struct jw w;
	if (receipt && db_cell_i64(&row, 0, AS_RCV_LIVE_RECEIPT) != 0)
		err_open(&w, "return_already_received", "The goods of this return were received already.");
	else
		err_open(&w, code, message);
	jw_int(&w, "after_sales_id", request_id);
	err_close(r, &w, 409);
	return 0;
}

int as_cancel_claim(struct request *r, int64_t request_id, int64_t slip_id)
{
	struct db_param p[] = { P_I64(request_id), P_I64(r->auth.merchant_id), P_I64(slip_id) };
	int64_t k = db_exec(r->db, STMT_AS_CANCEL_CLAIM, p, 3, NULL);
	if (k < 0)
		return -1;
	if (k > 0)
		return db_exec(r->db, STMT_AS_TAG_LEDGER, p, 3, NULL) < 0 ? -1 : 1;
	return refuse_claim(r, p, request_id, 0, "not_a_cancellation_of_this_slip",
	                    "This request is not a cancellation of this export slip's order.");
}

int as_receive_claim(struct request *r, int64_t request_id, int64_t slip_id)
{
	struct db_param p[] = { P_I64(request_id), P_I64(r->auth.merchant_id), P_I64(slip_id) };
	int64_t k = db_exec(r->db, STMT_AS_RECEIVE_CLAIM, p, 3, NULL);
	if (k < 0)
		return -1;
	if (k > 0)
		return 1;
	return refuse_claim(r, p, request_id, 1, "not_a_return_of_this_slip",
	                    "This request is not a return of this export slip's order.");
}

int as_receipt_cancelled(struct request *r, int64_t request_id)
{
	struct db_param p[] = { P_I64(request_id), P_I64(r->auth.merchant_id) };
	return db_exec(r->db, STMT_AS_RECEIPT_CANCELLED, p, 2, NULL) < 0 ? -1 : 0;
}
