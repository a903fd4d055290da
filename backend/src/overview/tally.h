/* The overview's counters (sql/0030) that the order store keeps itself, a chunk of orders at a time, and the orders
 * list's totals read from them when its filters are exactly a tile's. */
#ifndef OVERVIEW_TALLY_H
#define OVERVIEW_TALLY_H
#include <stdint.h>

struct arena;
struct db;
struct db_param;
struct request;
struct order_filter;

/* What of an order the counters count. */
struct tally_order {
	const char *status;          /* the app's status code */
	const char *channel_status;  /* TikTok's */
	int64_t create_time;
	int has_slip;                /* orders.has_live_slip */
	int unlinked_lines;
};

#define TALLY_DAY_ROWS 256
#define TALLY_ORDERS 128  /* orders of a chunk (the store's are 100 at most) */

/* One side (without or with a live slip) of an order_slip_days row. */
struct tally_day {
	const char *status;
	int64_t day;
	int slip;
	int64_t delta;
};

/* A chunk's changes: order_slip_days rows and the merchant's order counters. */
struct tally {
	struct tally_day days[TALLY_DAY_ROWS];
	int ndays;
	int64_t unlinked, to_arrange;
	int64_t set_id[TALLY_ORDERS], set_time[TALLY_ORDERS], set_n[TALLY_ORDERS], drop_id[TALLY_ORDERS]; /* order_unlinked */
	int nset, ndrop;
};

void tally_init(struct tally *t);
/* Adds (sign 1) or takes away (sign -1) an order's share; a stored order that changes is taken away as it was and
 * added as it is. */
void tally_order(struct tally *t, const struct tally_order *o, int sign);
/* An order's row of order_unlinked: its lines not linked to a product, were before and now (0: no row), and its
 * create time (moved: not the one stored before, so a row kept is written again). */
void tally_unlinked(struct tally *t, int64_t order_id, int64_t create_time, int moved, int64_t were, int64_t now);
/* Writes the changes in the open transaction (rows in key order, so concurrent writers lock alike); 0 or -1. */
int tally_flush(struct db *db, struct arena *a, int64_t merchant_id, int64_t connection_id, struct tally *t);

/* The total of the orders list under f from the counters when f is a tile's filter (status with has_export_slip,
 * whole Vietnam days or none; all_linked=false alone; shipping=to_arrange alone): the statement and its values,
 * or NULL for any other filter. */
const char *tally_list_count(struct request *r, const struct order_filter *f, struct db_param **p, int *n);

#endif
