/* The buyer's side of after-sales through the control API: raise a cancellation or a return on an order, withdraw
 * one, ship a return's goods back; and a request's deadline passing now. Answers carry the request as TikTok's
 * searches show it. */
#include "ctl.h"
#include "rr.h"
#include "tt_rr.h"
#include "handlers.h"
#include "sb.h"
#include "sb_sql.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include <string.h>

#define MAX_LINES 100

/* The body, "{}" when empty; -1 when answered. */
static int body(struct request *r, struct jr *j)
{
	if (r->body_len > 0)
		return req_json(r, j);
	char err[100];
	if (jr_parse(j, r->arena, "{}", 2, 4, err, sizeof(err)) != 0) {
		ctl_fail_db(r);
		return -1;
	}
	r->json_root = j->root; /* freed with the request, like a parsed body */
	return 0;
}

/* Answers request `id` of `kind` as TikTok shows it, with `status`. */
static void answer(struct request *r, char kind, int64_t id, int status)
{
	char ks[2] = { kind, '\0' };
	struct db_param p[] = { P_I64(id), P_STR(ks) };
	struct db_rows row, lines;
	if (db_query(r->db, r->arena, SB_AS_GET, p, 2, &row) <= 0 || tt_rr_lines(r, &row, 1, &lines) < 0) {
		ctl_fail_db(r);
		return;
	}
	struct jw w;
	jw_init(&w);
	tt_rr_write(r, &w, &row, 0, &lines, req_query(r, "locale"));
	resp_json(r, status, &w);
	jw_free(&w);
}

/* The reason given (one of the buyer's reasons for kind) or the first one. */
static const char *reason_of(struct jr *j, char kind, const char *field)
{
	int n;
	const struct rr_reason *list = rr_buyer_reasons(kind, &n);
	const char *given = jr_str(j, j->root, field, JR_OPTIONAL, 1, 120);
	if (given == NULL)
		return list[0].name;
	for (int i = 0; i < n; i++)
		if (strcmp(list[i].name, given) == 0)
			return given;
	jr_fail(j, field, "is not one of TikTok's buyer reasons the sandbox knows (README)");
	return NULL;
}

/* The lines named in order_line_item_ids (all of the order's when absent) into ids; their count, or -1 after a
 * validation error was recorded. */
static int lines_of(struct jr *j, const struct db_rows *ol, int64_t *ids)
{
	yajl_val given = jr_arr(j, j->root, "order_line_item_ids", JR_OPTIONAL, 1, MAX_LINES);
	if (j->nerr > 0)
		return -1;
	if (given == NULL) {
		for (int i = 0; i < ol->nrows && i < MAX_LINES; i++)
			ids[i] = db_cell_i64(ol, i, SB_LINES_OF_ORDERS_ID);
		return ol->nrows < MAX_LINES ? ol->nrows : MAX_LINES;
	}
	int n = 0;
	for (size_t i = 0; i < given->u.array.len; i++) {
		yajl_val v = given->u.array.values[i];
		int64_t id = YAJL_IS_STRING(v) ? sb_row(v->u.string, ID_LINE) : 0;
		int ours = 0, twice = 0;
		for (int k = 0; k < ol->nrows; k++)
			ours |= id > 0 && db_cell_i64(ol, k, SB_LINES_OF_ORDERS_ID) == id;
		for (int k = 0; k < n; k++)
			twice |= ids[k] == id;
		if (!ours || twice) {
			jr_fail(j, "order_line_item_ids", twice ? "names a line twice" : "names a line that is not the order's");
			return -1;
		}
		ids[n++] = id;
	}
	return n;
}

static void create(struct request *r, char kind)
{
	struct jr j;
	if (body(r, &j) != 0)
		return;
	const char *reason = reason_of(&j, kind, kind == RR_CANCEL ? "cancel_reason" : "return_reason");
	const char *type = "BUYER_CANCEL";
	if (kind == RR_RETURN) {
		type = jr_str(&j, j.root, "return_type", JR_OPTIONAL, 1, 24);
		if (type == NULL)
			type = "REFUND";
		else if (strcmp(type, "REFUND") != 0 && strcmp(type, "RETURN_AND_REFUND") != 0)
			jr_reject_allowed(&j, "return_type", "REFUND, RETURN_AND_REFUND",
			                  "is REFUND or RETURN_AND_REFUND (TikTok offers replacements in the US only)");
	}
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	int64_t order_id = sb_row(r->params[0], ID_ORDER);
	int64_t now = sb_now(r->db, r->arena);
	struct db_param ps[] = { P_I64(order_id) };
	struct db_rows st, locked, ol;
	if (db_begin(r->db) != 0) {
		ctl_fail_db(r);
		return;
	}
	int n = order_id > 0 ? db_query(r->db, r->arena, SB_ORDER_STATE, ps, 1, &st) : 0;
	struct db_param pl[] = { P_I64(order_id), P_I64(n > 0 ? db_cell_i64(&st, 0, SB_ORDER_STATE_SHOP_ID) : 0) };
	struct db_param po[] = { P_STR(sb_json_ids(r->arena, &order_id, 1)) };
	if (n < 0 || (n > 0 && (db_query(r->db, r->arena, SB_ORDER_LOCK, pl, 2, &locked) <= 0 ||
	                        db_query(r->db, r->arena, SB_LINES_OF_ORDERS, po, 1, &ol) < 0)))
		goto fail;
	if (n == 0) {
		db_rollback(r->db);
		resp_error(r, 404, "not_found", "No order with this id.");
		return;
	}
	const char *status = db_cell(&locked, 0, SB_ORDER_ROW_STATUS);
	int eligible = kind == RR_CANCEL
	             ? strcmp(status, "AWAITING_SHIPMENT") == 0 || strcmp(status, "AWAITING_COLLECTION") == 0
	             : strcmp(status, "DELIVERED") == 0 || strcmp(status, "COMPLETED") == 0;
	if (!eligible) {
		db_rollback(r->db);
		resp_error(r, 409, "order_not_eligible", arena_printf(r->arena, kind == RR_CANCEL
		           ? "The order is %s: buyers ask to cancel orders awaiting shipment or collection."
		           : "The order is %s: buyers ask to return delivered or completed orders.", status));
		return;
	}
	int64_t ids[MAX_LINES];
	int nlines = lines_of(&j, &ol, ids);
	if (nlines >= 0 && kind == RR_CANCEL && nlines != ol.nrows)
		jr_fail(&j, "order_line_item_ids", "names every line of the order: a buyer cancels the whole order");
	if (j.nerr > 0) {
		db_rollback(r->db);
		resp_invalid(r, &j);
		return;
	}
	int open = rr_open_on(r->db, r->arena, kind, order_id, kind == RR_CANCEL ? NULL : ids, nlines);
	if (open < 0)
		goto fail;
	if (open) {
		db_rollback(r->db);
		resp_error(r, 409, "request_open", kind == RR_CANCEL ? "The order already has a cancellation request open."
		                                                     : "A return request is already open on one of these lines.");
		return;
	}
	int64_t id = rr_create(r->db, r->arena, kind, order_id, type, reason, ids, nlines, now);
	if (id < 0 || db_commit(r->db) != 0)
		goto fail;
	answer(r, kind, id, 201);
	return;
fail:
	db_rollback(r->db);
	ctl_fail_db(r);
}

void h_ctl_cancellation_create(struct request *r)
{
	create(r, RR_CANCEL);
}

void h_ctl_return_create(struct request *r)
{
	create(r, RR_RETURN);
}

/* The buyer moves request {id} of `kind`: 404 unknown, 409 when its status does not allow it. */
static void buyer_move(struct request *r, char kind, enum rr_move move, const char *tracking)
{
	int64_t id = sb_row(r->params[0], kind == RR_CANCEL ? ID_CANCEL : ID_RETURN);
	int64_t now = sb_now(r->db, r->arena);
	struct db_rows row;
	/* a deadline that passed has already decided the request */
	if (rr_expire_due(r->db, r->arena, now) < 0 || db_begin(r->db) != 0) {
		ctl_fail_db(r);
		return;
	}
	int n = id > 0 ? rr_lock(r->db, r->arena, id, kind, &row) : 0;
	if (n <= 0) {
		db_rollback(r->db);
		if (n < 0)
			ctl_fail_db(r);
		else
			resp_error(r, 404, "not_found", "No request with this id.");
		return;
	}
	const char *status = db_cell(&row, 0, SB_AS_ROW_STATUS);
	if (!rr_can_move(kind, db_cell(&row, 0, SB_AS_ROW_TYPE), status, move)) {
		db_rollback(r->db);
		resp_error(r, 409, "wrong_status", arena_printf(r->arena, "The request is %s.", status));
		return;
	}
	struct rr_note note = { .role = "BUYER", .tracking = tracking };
	if (rr_apply(r->db, r->arena, id, move, &note, now) != 0 || db_commit(r->db) != 0) {
		db_rollback(r->db);
		ctl_fail_db(r);
		return;
	}
	answer(r, kind, id, 200);
}

void h_ctl_cancellation_withdraw(struct request *r)
{
	buyer_move(r, RR_CANCEL, RR_CANCEL_WITHDRAW, NULL);
}

void h_ctl_return_withdraw(struct request *r)
{
	buyer_move(r, RR_RETURN, RR_RETURN_WITHDRAW, NULL);
}

void h_ctl_return_ship(struct request *r)
{
	struct jr j;
	if (body(r, &j) != 0)
		return;
	const char *tracking = jr_str(&j, j.root, "return_tracking_number", JR_OPTIONAL, 1, 64);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	buyer_move(r, RR_RETURN, RR_RETURN_BUYER_SHIPPED, tracking);
}

/* POST /sandbox/{cancellations|returns}/{id}/expire: the request's running deadline passes now and TikTok decides as
 * it does when nobody answered in time; 409 when no deadline runs (the request is closed). */
static void expire(struct request *r, char kind)
{
	int64_t id = sb_row(r->params[0], kind == RR_CANCEL ? ID_CANCEL : ID_RETURN);
	int64_t now = sb_now(r->db, r->arena);
	struct db_param pd[] = { P_I64(now), P_I64(id) };
	struct db_rows row;
	if (db_begin(r->db) != 0) {
		ctl_fail_db(r);
		return;
	}
	int n = id > 0 ? rr_lock(r->db, r->arena, id, kind, &row) : 0;
	if (n <= 0 || db_cell(&row, 0, SB_AS_ROW_DEADLINE) == NULL) {
		db_rollback(r->db);
		if (n < 0)
			ctl_fail_db(r);
		else if (n == 0)
			resp_error(r, 404, "not_found", "No request with this id.");
		else
			resp_error(r, 409, "wrong_status", arena_printf(r->arena, "The request is %s: no deadline runs.",
			                                               db_cell(&row, 0, SB_AS_ROW_STATUS)));
		return;
	}
	if (db_exec(r->db, SB_AS_DEADLINE_NOW, pd, 2, NULL) < 0 || db_commit(r->db) != 0 ||
	    rr_expire_due(r->db, r->arena, now) < 0) {
		db_rollback(r->db);
		ctl_fail_db(r);
		return;
	}
	answer(r, kind, id, 200);
}

void h_ctl_cancellation_expire(struct request *r)
{
	expire(r, RR_CANCEL);
}

void h_ctl_return_expire(struct request *r)
{
	expire(r, RR_RETURN);
}
