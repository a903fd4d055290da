/* The life of TikTok's after-sales requests in the sandbox: raising one, every move it makes (status, the seller's
 * next action and deadline, the record, webhook 11 or 12, the order's fields), and TikTok's own decision when a
 * deadline passes. */
#include "rr.h"
#include "gen.h"
#include "sb.h"
#include "sb_sql.h"
#include "webhook.h"
#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"
#include <stdlib.h>
#include <string.h>

#define C_PENDING "CANCELLATION_REQUEST_PENDING"
#define R_PENDING "RETURN_OR_REFUND_REQUEST_PENDING"
#define R_SUCCESS "RETURN_OR_REFUND_REQUEST_SUCCESS"
#define R_COMPLETE "RETURN_OR_REFUND_REQUEST_COMPLETE"
#define R_CANCEL "RETURN_OR_REFUND_REQUEST_CANCEL"

/* Every move from a status (of a return type, NULL: any): the status announced on the way (NULL: none), where it
 * ends, the record's event and how long the next wait lasts (0: nobody waits any more). */
static const struct {
	enum rr_move move;
	char kind;
	const char *from, *type, *via, *to, *event;
	int64_t wait;
} moves[] = {
	{ RR_CANCEL_APPROVE, RR_CANCEL, C_PENDING, NULL, "CANCELLATION_REQUEST_SUCCESS", "CANCELLATION_REQUEST_COMPLETE",
	  "APPROVE_CANCELLATION", 0 },
	{ RR_CANCEL_REJECT, RR_CANCEL, C_PENDING, NULL, NULL, "CANCELLATION_REQUEST_CANCEL", "REJECT_CANCELLATION", 0 },
	{ RR_CANCEL_WITHDRAW, RR_CANCEL, C_PENDING, NULL, NULL, "CANCELLATION_REQUEST_CANCEL", "WITHDRAW_CANCELLATION", 0 },
	{ RR_RETURN_APPROVE_REFUND, RR_RETURN, R_PENDING, "REFUND", R_SUCCESS, R_COMPLETE, "APPROVE_REFUND", 0 },
	{ RR_RETURN_APPROVE_REFUND, RR_RETURN, "BUYER_SHIPPED_ITEM", NULL, R_SUCCESS, R_COMPLETE, "APPROVE_RECEIVED_PACKAGE", 0 },
	{ RR_RETURN_APPROVE_RETURN, RR_RETURN, R_PENDING, "RETURN_AND_REFUND", NULL, "AWAITING_BUYER_SHIP", "APPROVE_RETURN",
	  RR_BUYER_SHIP_WINDOW },
	{ RR_RETURN_BUYER_SHIPPED, RR_RETURN, "AWAITING_BUYER_SHIP", NULL, NULL, "BUYER_SHIPPED_ITEM", "BUYER_SHIP_ITEM",
	  RR_SELLER_WINDOW },
	{ RR_RETURN_REJECT, RR_RETURN, R_PENDING, NULL, NULL, "REFUND_OR_RETURN_REQUEST_REJECT", "REJECT_REQUEST", 0 },
	{ RR_RETURN_REJECT_PACKAGE, RR_RETURN, "BUYER_SHIPPED_ITEM", NULL, NULL, "REJECT_RECEIVE_PACKAGE",
	  "REJECT_RECEIVED_PACKAGE", 0 },
	{ RR_RETURN_WITHDRAW, RR_RETURN, R_PENDING, NULL, NULL, R_CANCEL, "CLOSE_REQUEST", 0 },
	{ RR_RETURN_WITHDRAW, RR_RETURN, "AWAITING_BUYER_SHIP", NULL, NULL, R_CANCEL, "CLOSE_REQUEST", 0 },
};

static int find_move(char kind, const char *type, const char *status, enum rr_move move)
{
	for (size_t i = 0; i < sizeof(moves) / sizeof(moves[0]); i++)
		if (moves[i].move == move && moves[i].kind == kind && strcmp(moves[i].from, status) == 0 &&
		    (moves[i].type == NULL || strcmp(moves[i].type, type) == 0))
			return (int)i;
	return -1;
}

int rr_lock(struct db *db, struct arena *a, int64_t id, char kind, struct db_rows *row)
{
	char ks[2] = { kind, '\0' };
	struct db_param p[] = { P_I64(id), P_STR(ks) };
	struct db_rows plain, order;
	int n = db_query(db, a, SB_AS_GET, p, 2, &plain);
	if (n <= 0)
		return n;
	struct db_param po[] = { P_I64(db_cell_i64(&plain, 0, SB_AS_ROW_ORDER_ID)), P_I64(db_cell_i64(&plain, 0, SB_AS_ROW_SHOP_ID)) };
	if (db_query(db, a, SB_ORDER_LOCK, po, 2, &order) <= 0)
		return -1;
	return db_query(db, a, SB_AS_LOCK, p, 2, row);
}

int rr_can_move(char kind, const char *type, const char *status, enum rr_move move)
{
	return find_move(kind, type, status, move) >= 0;
}

static int notify(struct db *db, struct arena *a, const struct db_rows *row, const char *status, const char *role,
                  int64_t updated)
{
	if (db_cell_i64(row, 0, SB_AS_ROW_AUTHORIZED) == 0)
		return 0; /* the shop has not authorized the app: nobody to notify */
	char kind = *db_cell(row, 0, SB_AS_ROW_KIND);
	struct wh_event e = { .type = kind == RR_CANCEL ? WH_CANCELLATION_STATUS_CHANGE : WH_RETURN_STATUS_CHANGE,
	                      .shop_id = db_cell_i64(row, 0, SB_AS_ROW_SHOP_ID), .timestamp = updated,
	                      .order_id = db_cell_i64(row, 0, SB_AS_ROW_ORDER_ID), .update_time = updated,
	                      .request_id = db_cell_i64(row, 0, SB_AS_ROW_ID), .role = role, .request_status = status,
	                      .return_type = db_cell(row, 0, SB_AS_ROW_TYPE),
	                      .create_time = db_cell_i64(row, 0, SB_AS_ROW_CREATE_TIME) };
	return wh_enqueue(db, a, &e);
}

static int record(struct db *db, int64_t id, const char *event, const char *role, const char *reason,
                  const char *note, const char *images, int64_t at)
{
	struct db_param p[] = { P_I64(id), P_STR(event), P_STR(role), P_STR(reason != NULL ? reason : ""),
	                        P_STR(note != NULL ? note : ""), P_STR(images != NULL ? images : ""), P_I64(at) };
	return db_exec(db, SB_AS_RECORD_INSERT, p, 7, NULL) < 0 ? -1 : 0;
}

int rr_open_on(struct db *db, struct arena *a, char kind, int64_t order_id, const int64_t *lines, int nlines)
{
	char k[2] = { kind, '\0' };
	const char *ids = lines != NULL ? sb_json_ids(a, lines, nlines) : NULL;
	struct db_param p[] = { P_I64(order_id), P_STR(k), P_STR(ids), P_STR(ids) };
	struct db_rows rows;
	if (db_query(db, a, SB_AS_OPEN_ON_ORDER, p, 4, &rows) <= 0)
		return -1;
	return db_cell_i64(&rows, 0, SB_COUNT_VALUE) > 0;
}

int64_t rr_create(struct db *db, struct arena *a, char kind, int64_t order_id, const char *type, const char *reason,
                  const int64_t *lines, int nlines, int64_t now)
{
	struct db_param po[] = { P_STR(sb_json_ids(a, &order_id, 1)) };
	struct db_param ps[] = { P_I64(order_id) };
	struct db_rows ol, st, fee;
	if (db_query(db, a, SB_LINES_OF_ORDERS, po, 1, &ol) < 0 || db_query(db, a, SB_ORDER_STATE, ps, 1, &st) <= 0 ||
	    db_query(db, a, SB_ORDERS_FOR_REQUESTS, ps, 1, &fee) <= 0)
		return -1;
	int64_t subtotal = 0;
	for (int i = 0; i < ol.nrows; i++)
		for (int k = 0; k < nlines; k++)
			if (db_cell_i64(&ol, i, SB_LINES_OF_ORDERS_ID) == lines[k])
				subtotal += db_cell_i64(&ol, i, SB_LINES_OF_ORDERS_SALE_PRICE);
	/* a cancelled order is refunded whole, its shipping fee included; a return refunds the goods */
	int64_t shipping = kind == RR_CANCEL ? db_cell_i64(&fee, 0, SB_ORDERS_FOR_REQUESTS_SHIPPING_FEE) : 0;
	const char *status = kind == RR_CANCEL ? C_PENDING : R_PENDING;
	char k[2] = { kind, '\0' };
	int64_t id = 0;
	struct db_param pi[] = { P_STR(k), P_I64(db_cell_i64(&st, 0, SB_ORDER_STATE_SHOP_ID)), P_I64(order_id), P_STR(type),
	                         P_STR(status), P_STR("BUYER"), P_STR(reason), P_I64(now), P_I64(now),
	                         P_STR(rr_next_action(kind, type, status)), P_I64(now + RR_SELLER_WINDOW), P_I64(subtotal),
	                         P_I64(shipping) };
	if (db_exec(db, SB_AS_INSERT, pi, 13, &id) < 0)
		return -1;
	for (int i = 0; i < nlines; i++) {
		struct db_param pl[] = { P_I64(id), P_I64(lines[i]) };
		if (db_exec(db, SB_AS_LINE_INSERT, pl, 2, NULL) < 0)
			return -1;
	}
	const char *event = kind == RR_CANCEL ? "BUYER_APPLY_CANCELLATION"
	                  : strcmp(type, "REFUND") == 0 ? "BUYER_APPLY_REFUND" : "BUYER_APPLY_RETURN";
	if (record(db, id, event, "BUYER", reason, NULL, NULL, now) != 0)
		return -1;
	struct db_param pc[] = { P_I64(1), P_I64(now), P_I64(order_id) };
	if (kind == RR_CANCEL && db_exec(db, SB_ORDER_BUYER_CANCEL, pc, 3, NULL) < 0)
		return -1;
	char ks[2] = { kind, '\0' };
	struct db_param pg[] = { P_I64(id), P_STR(ks) };
	struct db_rows row;
	if (db_query(db, a, SB_AS_GET, pg, 2, &row) <= 0 || notify(db, a, &row, status, "BUYER", now) != 0)
		return -1;
	return id;
}

/* What a move does to the order: an approved cancellation cancels it with the buyer's reason, a closed one clears
 * the buyer's request, a refunded return changes the order's update_time. */
static int order_follows(struct db *db, struct arena *a, int64_t order_id, const char *to, const char *reason,
                         int64_t now)
{
	if (strcmp(to, "CANCELLATION_REQUEST_COMPLETE") == 0) {
		struct db_param p[] = { P_STR(rr_reason_text(reason, "vi-VN")), P_I64(order_id) };
		return gen_order_set_status(db, a, order_id, "CANCELLED", now, NULL) == 1 &&
		       db_exec(db, SB_ORDER_CANCELLED_BY_BUYER, p, 2, NULL) >= 0 ? 0 : -1;
	}
	if (strcmp(to, "CANCELLATION_REQUEST_CANCEL") == 0) {
		struct db_param p[] = { P_I64(0), P_I64(now), P_I64(order_id) };
		return db_exec(db, SB_ORDER_BUYER_CANCEL, p, 3, NULL) < 0 ? -1 : 0;
	}
	if (strcmp(to, R_COMPLETE) == 0) {
		struct db_param p[] = { P_I64(now), P_I64(order_id) };
		return db_exec(db, SB_ORDER_TOUCH, p, 2, NULL) < 0 ? -1 : 0;
	}
	return 0;
}

int rr_apply(struct db *db, struct arena *a, int64_t id, enum rr_move move, const struct rr_note *note, int64_t now)
{
	struct db_rows row;
	char kind = move <= RR_CANCEL_WITHDRAW ? RR_CANCEL : RR_RETURN;
	char ks[2] = { kind, '\0' };
	struct db_param pg[] = { P_I64(id), P_STR(ks) };
	if (db_query(db, a, SB_AS_GET, pg, 2, &row) <= 0)
		return -1;
	const char *type = db_cell(&row, 0, SB_AS_ROW_TYPE);
	int m = find_move(kind, type, db_cell(&row, 0, SB_AS_ROW_STATUS), move);
	if (m < 0)
		return -1;
	int64_t old = db_cell_i64(&row, 0, SB_AS_ROW_UPDATE_TIME);
	int64_t updated = now > old ? now : old + 1;
	const char *to = moves[m].to;
	const char *tracking = NULL;
	if (move == RR_RETURN_BUYER_SHIPPED) {
		tracking = note->tracking;
		if (tracking == NULL || *tracking == '\0') {
			struct rng g;
			rng_seed(&g, (uint64_t)id * 977 + (uint64_t)updated);
			tracking = gen_tracking_number(&g, a, db_cell(&row, 0, SB_AS_ROW_SHIPPING_PROVIDER));
		}
	}
	if (moves[m].via != NULL && notify(db, a, &row, moves[m].via, note->role, updated) != 0)
		return -1;
	struct db_param ps[] = { P_STR(to), P_STR(note->role), P_I64(updated), P_STR(rr_next_action(kind, type, to)),
	                         moves[m].wait > 0 ? P_I64(updated + moves[m].wait) : P_NULL, P_STR(tracking), P_I64(id) };
	if (db_exec(db, SB_AS_SET_STATE, ps, 7, NULL) < 0 ||
	    record(db, id, moves[m].event, note->role, note->reason, note->comment, note->images, updated) != 0 ||
	    notify(db, a, &row, to, note->role, updated) != 0)
		return -1;
	return order_follows(db, a, db_cell_i64(&row, 0, SB_AS_ROW_ORDER_ID), to, db_cell(&row, 0, SB_AS_ROW_REASON), now);
}

/* TikTok's decision for a request whose wait is over: the seller's silence approves, the buyer's closes. */
static int due_move(char kind, const char *type, const char *status, enum rr_move *move)
{
	static const enum rr_move order[] = { RR_CANCEL_APPROVE, RR_RETURN_APPROVE_REFUND, RR_RETURN_APPROVE_RETURN,
	                                      RR_RETURN_WITHDRAW };
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (rr_can_move(kind, type, status, order[i])) {
			*move = order[i];
			return 1;
		}
	return 0;
}

int rr_expire_due(struct db *db, struct arena *a, int64_t now)
{
	struct db_param p[] = { P_I64(now) };
	struct db_rows due;
	int n = db_query(db, a, SB_AS_DUE, p, 1, &due);
	if (n < 0)
		return -1;
	int moved = 0;
	for (int i = 0; i < n; i++) {
		int64_t id = db_cell_i64(&due, i, SB_AS_DUE_ID);
		struct db_rows row;
		if (db_begin(db) != 0)
			return -1;
		/* the kind is not known yet: lock the row under either */
		int found = rr_lock(db, a, id, RR_CANCEL, &row);
		if (found == 0)
			found = rr_lock(db, a, id, RR_RETURN, &row);
		enum rr_move move;
		const char *deadline = found > 0 ? db_cell(&row, 0, SB_AS_ROW_DEADLINE) : NULL;
		int go = deadline != NULL && strtoll(deadline, NULL, 10) <= now &&
		         due_move(*db_cell(&row, 0, SB_AS_ROW_KIND), db_cell(&row, 0, SB_AS_ROW_TYPE),
		                  db_cell(&row, 0, SB_AS_ROW_STATUS), &move);
		struct rr_note note = { .role = "SYSTEM" };
		if (found < 0 || (go && rr_apply(db, a, id, move, &note, now) != 0) || db_commit(db) != 0) {
			db_rollback(db);
			log_warn("sandbox_after_sales", "request=%lld error=\"the deadline move failed\"", (long long)id);
			return -1;
		}
		moved += go;
	}
	return moved;
}
