/* TikTok's Return and Refund rules in the sandbox: the buyers' cancellation and return requests, their statuses and
 * deadlines, the reasons on both sides, and every move of a request (record, webhook 11 or 12, the order's fields). */
#ifndef SANDBOX_RR_H
#define SANDBOX_RR_H
#include <stdint.h>

struct arena;
struct db;
struct db_rows;

/* Error codes as the sandbox answers them (README: which are confirmed by public sources). */
enum rr_code {
	RR_INVALID_PARAM = 25001001,     /* a decision or reject reason that does not fit the request */
	RR_NOT_FOUND = 25002001,         /* no such request in this shop */
	RR_WRONG_STATUS = 25002002,      /* the request's status does not allow the action (already answered, closed) */
};

/* Request kinds (after_sales.kind). */
#define RR_CANCEL 'C'
#define RR_RETURN 'R'

/* How long TikTok waits: the seller answers within 48 hours, the buyer ships an approved return within 7 days. */
#define RR_SELLER_WINDOW 172800
#define RR_BUYER_SHIP_WINDOW 604800

/* External id bases of requests. */
#define ID_CANCEL 4035318504086000000LL
#define ID_RETURN 4035319218955000000LL

/* Every move a request can make. */
enum rr_move {
	RR_CANCEL_APPROVE,           /* seller or system: COMPLETE (SUCCESS then COMPLETE), the order CANCELLED */
	RR_CANCEL_REJECT,            /* seller: CANCEL */
	RR_CANCEL_WITHDRAW,          /* buyer, or system when the package ships first: CANCEL */
	RR_RETURN_APPROVE_REFUND,    /* seller or system, pending REFUND or received package: SUCCESS then COMPLETE */
	RR_RETURN_APPROVE_RETURN,    /* seller or system, pending RETURN_AND_REFUND: AWAITING_BUYER_SHIP */
	RR_RETURN_BUYER_SHIPPED,     /* buyer: BUYER_SHIPPED_ITEM */
	RR_RETURN_REJECT,            /* seller, pending: REFUND_OR_RETURN_REQUEST_REJECT */
	RR_RETURN_REJECT_PACKAGE,    /* seller, received: REJECT_RECEIVE_PACKAGE */
	RR_RETURN_WITHDRAW,          /* buyer, or system when the buyer never ships: RETURN_OR_REFUND_REQUEST_CANCEL */
};

/* The details a move carries into the request's record. */
struct rr_note {
	const char *role;            /* BUYER, SELLER, SYSTEM */
	const char *reason;          /* a reject reason key, or NULL */
	const char *comment;         /* NULL for none */
	const char *images;          /* image ids, one a line; NULL for none */
	const char *tracking;        /* the buyer's return tracking number (RR_RETURN_BUYER_SHIPPED), NULL to draw one */
};

/* Locks request `id` of `kind` (row id, sb_as_row_col into row) inside the caller's transaction, its order's row first
 * as every move of an order does (raising a request, shipping, collecting), so two moves never wait on each other
 * crosswise. 1 found, 0 none, -1 error. */
int rr_lock(struct db *db, struct arena *a, int64_t id, char kind, struct db_rows *row);

/* 1 when the request in `status` (of `type`) may make `move`. */
int rr_can_move(char kind, const char *type, const char *status, enum rr_move move);

/* Creates a request raised by the buyer for the order (locked by the caller) on `lines` (order line row ids, all of
 * the order's for a cancellation), in status PENDING with the seller's deadline: record and webhook. Returns the
 * request's row id, -1 on error. */
int64_t rr_create(struct db *db, struct arena *a, char kind, int64_t order_id, const char *type, const char *reason,
                  const int64_t *lines, int nlines, int64_t now);

/* Moves request `id` (locked by the caller, checked with rr_can_move) and what follows from it. 0 or -1. */
int rr_apply(struct db *db, struct arena *a, int64_t id, enum rr_move move, const struct rr_note *note, int64_t now);

/* Applies TikTok's own decision to every request whose deadline has passed at `now` (each in its own transaction).
 * Returns how many moved, -1 on a database error. */
int rr_expire_due(struct db *db, struct arena *a, int64_t now);

/* The open requests of the order's lines: 1 when one of `kind` is open on the order (a cancellation) or on one of
 * `lines` (a return), 0 none, -1 error. */
int rr_open_on(struct db *db, struct arena *a, char kind, int64_t order_id, const int64_t *lines, int nlines);

/* Reasons: the buyer's (cancel_reason, return_reason) and the seller's reject reasons, with English and Vietnamese
 * texts. */
struct rr_reason {
	const char *name, *en, *vi;
};
/* The reasons a buyer gives for `kind`; n set to how many. */
const struct rr_reason *rr_buyer_reasons(char kind, int *n);
/* The reject reasons allowed for a request of `kind` in `status`; n set to how many (0: it cannot be rejected). */
const struct rr_reason *rr_reject_reasons(char kind, const char *status, int *n);
/* The text of a reason key in the locale ("vi-VN" Vietnamese, anything else English); the key itself when unknown. */
const char *rr_reason_text(const char *name, const char *locale);
/* The seller's next action for a request in `status` of `type`, NULL when nothing awaits the seller. */
const char *rr_next_action(char kind, const char *type, const char *status);

#endif
