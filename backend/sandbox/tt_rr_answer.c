/* The seller's answers through TikTok's Return and Refund API: approve or reject a cancellation, approve or reject a
 * return (by decision), the reject reasons a request allows, and a return's records. */
#include "tt.h"
#include "tt_rr.h"
#include "rr.h"
#include "handlers.h"
#include "sb.h"
#include "sb_sql.h"
#include "core/buf.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include <string.h>

#define MAX_COMMENT 500
#define MAX_IMAGES 9

/* Locks request `ext` of `kind` in the caller's shop inside a transaction that the caller ends. Returns its row id,
 * or 0 after answering (25002001 unknown here, 36009003). */
static int64_t lock_request(struct request *r, const struct tt_call *c, char kind, const char *ext, struct db_rows *row)
{
	int64_t id = sb_row(ext, kind == RR_CANCEL ? ID_CANCEL : ID_RETURN);
	if (db_begin(r->db) != 0) {
		tt_fail_db(r);
		return 0;
	}
	int n = id > 0 ? rr_lock(r->db, r->arena, id, kind, row) : 0;
	if (n > 0 && db_cell_i64(row, 0, SB_AS_ROW_SHOP_ID) == c->shop_id)
		return id;
	db_rollback(r->db);
	if (n < 0)
		tt_fail_db(r);
	else
		tt_fail(r, RR_NOT_FOUND, arena_printf(r->arena, "The %s %s does not exist",
		                                      kind == RR_CANCEL ? "cancellation" : "return", ext));
	return 0;
}

/* Applies the move and answers data {} (the transaction opened by lock_request ends here). */
static void finish(struct request *r, const struct tt_call *c, int64_t id, enum rr_move move, const struct rr_note *note)
{
	if (rr_apply(r->db, r->arena, id, move, note, c->now) != 0 || db_commit(r->db) != 0) {
		db_rollback(r->db);
		tt_fail_db(r);
		return;
	}
	struct jw w;
	tt_open(r, &w);
	tt_send(r, c, &w);
}

static void refuse(struct request *r, int code, const char *message)
{
	db_rollback(r->db);
	tt_fail(r, code, message);
}

/* Refuses a request whose status allows no answer now; 1 when it answered. */
static int closed(struct request *r, char kind, const struct db_rows *row)
{
	const char *status = db_cell(row, 0, SB_AS_ROW_STATUS);
	if (rr_next_action(kind, db_cell(row, 0, SB_AS_ROW_TYPE), status) != NULL)
		return 0;
	refuse(r, RR_WRONG_STATUS, arena_printf(r->arena, "The request is %s: it awaits no answer from the seller", status));
	return 1;
}

/* reject_reason (one of the request's), comment and images of a rejection in the body j; 0, or -1 after answering. */
static int read_rejection(struct request *r, struct jr *j, char kind, const struct db_rows *row, struct rr_note *note,
                          int need_images)
{
	note->role = "SELLER";
	note->reason = jr_str(j, j->root, "reject_reason", JR_REQUIRED, 1, 120);
	const char *comment = jr_str(j, j->root, "comment", JR_OPTIONAL, 0, 100000);
	yajl_val images = jr_arr(j, j->root, "images", JR_OPTIONAL, 0, 1000);
	if (j->nerr > 0) {
		refuse(r, TT_INVALID_REQUEST,
		       arena_printf(r->arena, "Invalid request body: %s %s", j->errs[0].field, j->errs[0].message));
		return -1;
	}
	int n = 0, ok = 0;
	const struct rr_reason *reasons = rr_reject_reasons(kind, db_cell(row, 0, SB_AS_ROW_STATUS), &n);
	for (int i = 0; i < n; i++)
		ok |= strcmp(reasons[i].name, note->reason) == 0;
	if (!ok) {
		refuse(r, RR_INVALID_PARAM, arena_printf(r->arena, "Invalid parameters. reject_reason %s is not one of the "
		                                         "reasons of this request (see reject_reasons)", note->reason));
		return -1;
	}
	if (comment != NULL && strlen(comment) > MAX_COMMENT) {
		refuse(r, RR_INVALID_PARAM, "Invalid parameters. the length of seller words is over limit");
		return -1;
	}
	note->comment = comment;
	size_t count = images != NULL ? images->u.array.len : 0;
	if (count > MAX_IMAGES || (need_images && count == 0)) {
		refuse(r, RR_INVALID_PARAM, need_images && count == 0
		       ? "Invalid parameters. images are required to reject a received package"
		       : "Invalid parameters. at most 9 images");
		return -1;
	}
	struct buf b;
	buf_init(&b, 0);
	buf_puts(&b, "");
	for (size_t i = 0; i < count; i++) {
		const char *path[] = { "image_id", NULL };
		yajl_val id = YAJL_IS_OBJECT(images->u.array.values[i])
		            ? yajl_tree_get(images->u.array.values[i], path, yajl_t_string) : NULL;
		if (id == NULL || *id->u.string == '\0' || strchr(id->u.string, '\n') != NULL || strlen(id->u.string) > 200) {
			buf_free(&b);
			refuse(r, TT_INVALID_REQUEST, "Invalid request body: images[] need an image_id");
			return -1;
		}
		int issued = sb_image_issued(r, db_cell_i64(row, 0, SB_AS_ROW_SHOP_ID), id->u.string);
		if (issued <= 0) {
			buf_free(&b);
			if (issued < 0) {
				db_rollback(r->db);
				tt_fail_db(r);
			} else {
				refuse(r, RR_INVALID_PARAM, arena_printf(r->arena, "Invalid parameters. image_id %.200s is not an "
				                                         "image this shop uploaded", id->u.string));
			}
			return -1;
		}
		buf_puts(&b, i > 0 ? "\n" : "");
		buf_puts(&b, id->u.string);
	}
	note->images = arena_strdup(r->arena, b.data);
	buf_free(&b);
	return 0;
}

void h_tt_cancellation_approve(struct request *r)
{
	struct tt_call c;
	struct db_rows row;
	if (tt_rr_begin(r, &c) != 0)
		return;
	int64_t id = lock_request(r, &c, RR_CANCEL, r->params[0], &row);
	if (id == 0 || closed(r, RR_CANCEL, &row))
		return;
	struct rr_note note = { .role = "SELLER" };
	finish(r, &c, id, RR_CANCEL_APPROVE, &note);
}

void h_tt_cancellation_reject(struct request *r)
{
	struct tt_call c;
	struct db_rows row;
	struct rr_note note = { 0 };
	struct jr j;
	if (tt_rr_begin(r, &c) != 0 || tt_body(r, &j) != 0)
		return;
	int64_t id = lock_request(r, &c, RR_CANCEL, r->params[0], &row);
	if (id == 0 || closed(r, RR_CANCEL, &row) || read_rejection(r, &j, RR_CANCEL, &row, &note, 0) != 0)
		return;
	finish(r, &c, id, RR_CANCEL_REJECT, &note);
}

/* The decisions of the return calls: the move each makes and the request it answers. */
static const struct {
	const char *decision;
	enum rr_move move;
	const char *status, *type;   /* type NULL: any */
} decisions[] = {
	{ "APPROVE_REFUND", RR_RETURN_APPROVE_REFUND, "RETURN_OR_REFUND_REQUEST_PENDING", "REFUND" },
	{ "APPROVE_RETURN", RR_RETURN_APPROVE_RETURN, "RETURN_OR_REFUND_REQUEST_PENDING", "RETURN_AND_REFUND" },
	{ "APPROVE_RECEIVED_PACKAGE", RR_RETURN_APPROVE_REFUND, "BUYER_SHIPPED_ITEM", NULL },
	{ "REJECT_REFUND", RR_RETURN_REJECT, "RETURN_OR_REFUND_REQUEST_PENDING", "REFUND" },
	{ "REJECT_RETURN", RR_RETURN_REJECT, "RETURN_OR_REFUND_REQUEST_PENDING", "RETURN_AND_REFUND" },
	{ "REJECT_RECEIVED_PACKAGE", RR_RETURN_REJECT_PACKAGE, "BUYER_SHIPPED_ITEM", NULL },
};

/* The decision of the body j, checked against the request; its index, or -1 after answering. */
static int read_decision(struct request *r, struct jr *j, const struct db_rows *row, const char *prefix)
{
	const char *d = jr_str(j, j->root, "decision", JR_REQUIRED, 1, 40);
	if (j->nerr > 0) {
		refuse(r, TT_INVALID_REQUEST,
		       arena_printf(r->arena, "Invalid request body: %s %s", j->errs[0].field, j->errs[0].message));
		return -1;
	}
	const char *status = db_cell(row, 0, SB_AS_ROW_STATUS), *type = db_cell(row, 0, SB_AS_ROW_TYPE);
	for (size_t i = 0; i < sizeof(decisions) / sizeof(decisions[0]); i++) {
		if (strcmp(decisions[i].decision, d) != 0 || strncmp(d, prefix, strlen(prefix)) != 0)
			continue;
		if (strcmp(decisions[i].status, status) == 0 && (decisions[i].type == NULL || strcmp(decisions[i].type, type) == 0))
			return (int)i;
		break;
	}
	refuse(r, RR_INVALID_PARAM, arena_printf(r->arena, "Invalid parameters. decision %s does not answer a %s request "
	                                         "in status %s", d, type, status));
	return -1;
}

void h_tt_return_approve(struct request *r)
{
	struct tt_call c;
	struct db_rows row;
	struct jr j;
	if (tt_rr_begin(r, &c) != 0 || tt_body(r, &j) != 0)
		return;
	int64_t id = lock_request(r, &c, RR_RETURN, r->params[0], &row);
	int d;
	if (id == 0 || closed(r, RR_RETURN, &row) || (d = read_decision(r, &j, &row, "APPROVE_")) < 0)
		return;
	struct rr_note note = { .role = "SELLER" };
	finish(r, &c, id, decisions[d].move, &note);
}

void h_tt_return_reject(struct request *r)
{
	struct tt_call c;
	struct db_rows row;
	struct rr_note note = { 0 };
	struct jr j;
	if (tt_rr_begin(r, &c) != 0 || tt_body(r, &j) != 0)
		return;
	int64_t id = lock_request(r, &c, RR_RETURN, r->params[0], &row);
	int d;
	if (id == 0 || closed(r, RR_RETURN, &row) || (d = read_decision(r, &j, &row, "REJECT_")) < 0 ||
	    read_rejection(r, &j, RR_RETURN, &row, &note, decisions[d].move == RR_RETURN_REJECT_PACKAGE) != 0)
		return;
	finish(r, &c, id, decisions[d].move, &note);
}

void h_tt_reject_reasons(struct request *r)
{
	struct tt_call c;
	if (tt_rr_begin(r, &c) != 0)
		return;
	const char *ext = req_query(r, "return_or_cancel_id");
	if (ext == NULL || *ext == '\0') {
		tt_fail(r, TT_INVALID_REQUEST, "Invalid return_or_cancel_id: return_or_cancel_id is required");
		return;
	}
	struct db_rows row;
	int n = 0;
	for (int k = 0; k < 2 && n == 0; k++) {
		char kind = k == 0 ? RR_CANCEL : RR_RETURN;
		char ks[2] = { kind, '\0' };
		int64_t id = sb_row(ext, kind == RR_CANCEL ? ID_CANCEL : ID_RETURN);
		struct db_param p[] = { P_I64(id), P_STR(ks) };
		n = id > 0 ? db_query(r->db, r->arena, SB_AS_GET, p, 2, &row) : 0;
		if (n > 0 && db_cell_i64(&row, 0, SB_AS_ROW_SHOP_ID) != c.shop_id)
			n = 0;
		if (n < 0) {
			tt_fail_db(r);
			return;
		}
	}
	if (n == 0) {
		tt_fail(r, RR_NOT_FOUND, arena_printf(r->arena, "The request %s does not exist", ext));
		return;
	}
	int count = 0;
	const struct rr_reason *reasons = rr_reject_reasons(*db_cell(&row, 0, SB_AS_ROW_KIND),
	                                                    db_cell(&row, 0, SB_AS_ROW_STATUS), &count);
	const char *locale = req_query(r, "locale");
	struct jw w;
	tt_open(r, &w);
	jw_arr_open(&w, "reasons");
	for (int i = 0; i < count; i++) {
		jw_obj_open(&w, NULL);
		jw_str(&w, "name", reasons[i].name);
		jw_str(&w, "text", rr_reason_text(reasons[i].name, locale));
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	tt_send(r, &c, &w);
}
