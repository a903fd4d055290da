/* What happens to an export slip: Xuất kho (exported), Hủy phiếu (cancelled), and goods coming back (returns). */
#include "api/common.h"
#include "audit/audit.h"
#include "api/handlers.h"
#include "stock/stock.h"
#include "after_sales/stock_rule.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <string.h>

struct slip_act {
	int64_t id;
	int cancel;                  /* export or cancel */
	/* returns */
	int64_t warehouse_id;
	const char *note;
	struct stock_line *lines;
	int nlines;
	int64_t receipt_id;
	int64_t after_sales_id;      /* the TikTok request behind it: the return whose goods these are, or the
	                              * cancellation that cancels the slip (0: none) */
};

/* Locks the slip; answers 404, or 409 unless it is in state `want`. 1 when locked and in that state. */
static int lock_slip(struct request *r, int64_t id, const char *want, struct db_rows *s)
{
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	int k = db_query(r->db, r->arena, STMT_SLIP_LOCK, p, 2, s);
	if (k <= 0) {
		if (k == 0)
			resp_error(r, 404, "not_found", "No such export slip.");
		return k;
	}
	const char *status = db_cell(s, 0, SLIP_LOCK_STATUS);
	if (strcmp(status, want) == 0)
		return 1;
	struct jw w;
	if (strcmp(want, "exported") == 0)
		err_open(&w, "export_slip_not_exported", "Goods can only come back from an export slip that was exported.");
	else
		err_open(&w, "export_slip_not_awaiting_export",
		         "This export slip is no longer awaiting export: exported and cancelled slips are final.");
	jw_str(&w, "status", status);
	err_close(r, &w, 409);
	return 0;
}

/* Xuất kho or Hủy phiếu: the state change first (it locks the slip and refuses a second one), then the stock. */
static int transition_body(struct request *r, void *ctx)
{
	struct slip_act *a = ctx;
	struct db_param p[] = { P_I64(a->id), P_I64(r->auth.merchant_id) };
	struct db_rows s;
	const char *before = audit_snap(r, AUDIT_EXPORT_SLIP, a->id);
	int64_t k = db_exec(r->db, a->cancel ? STMT_SLIP_SET_CANCELLED : STMT_SLIP_SET_EXPORTED, p, 2, NULL);
	if (k == 0)
		return lock_slip(r, a->id, "awaiting_export", &s) == 0 ? 0 : -1; /* answered 404 or 409 */
	if (k != 1)
		return -1;
	int rc = a->cancel ? slip_stock_change(r, a->id, 0, 1, -1, "slip_cancel")
	                   : slip_stock_change(r, a->id, -1, 0, -1, "slip_export");
	if (rc > 0 && a->after_sales_id > 0 && (rc = as_cancel_claim(r, a->after_sales_id, a->id)) == 0)
		return 0; /* answered */
	if (rc <= 0 || audit_change(r, AUDIT_EXPORT_SLIP, a->id, a->cancel ? "cancel" : "export", before) < 0)
		return -1;
	return 1;
}

static void transition(struct request *r, int cancel)
{
	struct slip_act a = { .id = req_param_id(r, 0), .cancel = cancel };
	if (cancel && r->body_len > 0) { /* optional: the TikTok cancellation that causes it */
		struct jr j;
		if (req_json(r, &j) != 0)
			return;
		a.after_sales_id = jr_int(&j, j.root, "after_sales_id", JR_OPTIONAL, 1, INT64_MAX, 0);
		if (j.nerr > 0) {
			resp_invalid(r, &j);
			return;
		}
	}
	if (a.id <= 0) {
		resp_error(r, 404, "not_found", "No such export slip.");
		return;
	}
	if (stock_tx(r, transition_body, &a) > 0)
		answer_new_slip(r, 200, a.id);
}

void h_slip_export(struct request *r)
{
	transition(r, 0);
}

void h_slip_cancel(struct request *r)
{
	transition(r, 1);
}

/* Each returned product must be on the slip, at most what is still out; none given means all that is. */
static int return_lines(struct request *r, struct slip_act *a, const struct db_rows *l)
{
	if (a->lines == NULL) {
		a->lines = arena_alloc(r->arena, sizeof(*a->lines) * (size_t)(l->nrows + 1));
		for (int i = 0; i < l->nrows; i++) {
			int64_t out = db_cell_i64(l, i, SLIP_LINE_QUANTITY) - db_cell_i64(l, i, SLIP_LINE_RETURNED);
			if (out > 0)
				a->lines[a->nlines++] = (struct stock_line){ db_cell_i64(l, i, SLIP_LINE_PRODUCT_ID), out, "0", i };
		}
		if (a->nlines > 0)
			return 1;
		resp_error(r, 409, "nothing_to_return", "Everything this export slip took out has come back already.");
		return 0;
	}
	struct jr j;
	query_errors_init(&j, r);
	for (int k = 0; k < a->nlines; k++) {
		const struct stock_line *x = &a->lines[k];
		int64_t out = -1;
		for (int i = 0; i < l->nrows; i++)
			if (db_cell_i64(l, i, SLIP_LINE_PRODUCT_ID) == x->product_id)
				out = db_cell_i64(l, i, SLIP_LINE_QUANTITY) - db_cell_i64(l, i, SLIP_LINE_RETURNED);
		if (out < 0)
			jr_reject(&j, arena_printf(r->arena, "lines[%d].product_id", x->index), JR_not_on_slip, "is not on this export slip");
		else if (x->quantity > out)
			jr_reject_range(&j, arena_printf(r->arena, "lines[%d].quantity", x->index), JR_out_of_range, 1, out,
			                arena_printf(r->arena, "must be at most %lld (exported and not returned yet)", (long long)out));
	}
	if (j.nerr == 0)
		return 1;
	resp_invalid(r, &j);
	return 0;
}

static int return_body(struct request *r, void *ctx)
{
	struct slip_act *a = ctx;
	int64_t mid = r->auth.merchant_id;
	struct db_param p[] = { P_I64(a->id), P_I64(mid) };
	struct db_rows s, l;
	int k = lock_slip(r, a->id, "exported", &s);
	if (k <= 0)
		return k;
	if (a->warehouse_id == 0)
		a->warehouse_id = db_cell_i64(&s, 0, SLIP_LOCK_WAREHOUSE_ID);
	if (db_query(r->db, r->arena, STMT_SLIP_LINES, p, 2, &l) < 0)
		return -1;
	/* a TikTok return's goods are received once: refused before anything else is checked */
	if (a->after_sales_id > 0 && (k = as_receive_claim(r, a->after_sales_id, a->id)) <= 0)
		return k;
	if ((k = return_lines(r, a, &l)) <= 0)
		return k;
	for (int i = 0; i < a->nlines; i++) {
		const struct stock_line *x = &a->lines[i];
		struct db_param pr[] = { P_I64(x->quantity), P_I64(a->id), P_I64(x->product_id), P_I64(mid),
			                 P_I64(x->quantity) };
		if (db_exec(r->db, STMT_SLIP_LINE_RETURN, pr, 5, NULL) != 1)
			return -1;
	}
	struct receipt_doc d = { .warehouse_id = a->warehouse_id, .export_slip_id = a->id, .note = a->note,
		                 .lines = a->lines, .nlines = a->nlines, .after_sales_id = a->after_sales_id };
	if (receipt_post(r, &d) < 0) {
		if (a->after_sales_id > 0 && db_errno(r->db) == DB_ER_DUP_ENTRY) { /* the unique key: received already */
			resp_error(r, 409, "return_already_received", "The goods of this return were received already.");
			return 0;
		}
		return -1;
	}
	a->receipt_id = d.id;
	const char *after = arena_printf(r->arena, "{\"return_receipt_id\":%lld}", (long long)d.id);
	return audit_record(r, AUDIT_EXPORT_SLIP, a->id, "return", NULL, after);
}

void h_slip_return(struct request *r)
{
	struct slip_act a = { .id = req_param_id(r, 0) };
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	a.warehouse_id = jr_int(&j, j.root, "warehouse_id", JR_OPTIONAL, 1, INT64_MAX, 0);
	a.note = jr_str(&j, j.root, "note", JR_OPTIONAL, 0, 1000);
	a.after_sales_id = jr_int(&j, j.root, "after_sales_id", JR_OPTIONAL, 1, INT64_MAX, 0);
	if (a.note == NULL)
		a.note = "";
	a.nlines = read_stock_lines(r, &j, 0, &a.lines);
	int owned = a.warehouse_id > 0 ? warehouse_owned(r, a.warehouse_id) : 1;
	if (owned < 0) {
		fail_db(r);
		return;
	}
	if (owned == 0)
		jr_reject(&j, "warehouse_id", JR_not_found, "no such warehouse");
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	if (a.id <= 0) {
		resp_error(r, 404, "not_found", "No such export slip.");
		return;
	}
	if (stock_tx(r, return_body, &a) > 0)
		answer_receipt(r, 201, a.receipt_id);
}
