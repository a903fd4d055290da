/* Statement ids and result columns of the overview; the SQL is in overview_sql.c. Read columns by these names. */
#ifndef OVERVIEW_OVERVIEW_SQL_H
#define OVERVIEW_OVERVIEW_SQL_H

#define OVERVIEW_STATEMENTS \
	STMT_OVERVIEW, STMT_OVERVIEW_SETTINGS_GET, STMT_OVERVIEW_SETTINGS_SET

/* STMT_OVERVIEW: every number of the home screen as rows of one statement, each row of a kind (OVERVIEW_KIND) that
 * fills the columns its names below give it, the others NULL; the rows come in no order. */
enum overview_col {
	OVERVIEW_KIND, OVERVIEW_CODE, OVERVIEW_ID, OVERVIEW_NAME, OVERVIEW_TEXT, OVERVIEW_TEXT2, OVERVIEW_MONEY,
	OVERVIEW_N, OVERVIEW_A, OVERVIEW_B, OVERVIEW_C, OVERVIEW_D, OVERVIEW_E, OVERVIEW_F, OVERVIEW_G, OVERVIEW_H,
	OVERVIEW__NCOLS
};
/* "head" (one row): the merchant's settings, its counters (overview_counts' shards summed) and the nearest deadline
 * of the after-sales requests waiting */
#define OV_HEAD_NO_SLIP_DAYS OVERVIEW_N
#define OV_HEAD_LOW_STOCK_THRESHOLD OVERVIEW_A
#define OV_HEAD_ORDERS_UNLINKED OVERVIEW_B
#define OV_HEAD_ORDERS_TO_ARRANGE OVERVIEW_C
#define OV_HEAD_UNLINKED_SKUS OVERVIEW_D
#define OV_HEAD_SLIPS_AWAITING_EXPORT OVERVIEW_E
#define OV_HEAD_WAITING_COUNT OVERVIEW_F
#define OV_HEAD_WAITING_NEAREST OVERVIEW_G
/* "low_stock" (one row): the stock rows at or below the threshold */
#define OV_LOW_STOCK_COUNT OVERVIEW_N
/* "slips" (one row): the orders without a live slip in the no-slip window, of each status a slip may be made in (in
 * slip_order_statuses' order), and the cancelled orders with one */
#define OV_SLIPS_NO_SLIP_COLUMNS { OVERVIEW_N, OVERVIEW_A, OVERVIEW_B, OVERVIEW_C, OVERVIEW_D }
#define OV_SLIPS_CANCELLED_WITH OVERVIEW_E
/* "statuses" (one row): the orders of each app status, in order_statuses' order */
#define OV_STATUS_COLUMNS { OVERVIEW_N, OVERVIEW_A, OVERVIEW_B, OVERVIEW_C, OVERVIEW_D, OVERVIEW_E, OVERVIEW_F, \
	                    OVERVIEW_G, OVERVIEW_H }
#define OV_STATUS_COUNT 9
/* "day": orders, revenue and cancellations of a shop, Vietnam day and currency */
#define OV_DAY_CONNECTION_ID OVERVIEW_ID
#define OV_DAY_SHOP_NAME OVERVIEW_NAME
#define OV_DAY_DAY OVERVIEW_A
#define OV_DAY_CURRENCY OVERVIEW_CODE
#define OV_DAY_ORDERS OVERVIEW_N
#define OV_DAY_REVENUE OVERVIEW_MONEY
#define OV_DAY_CANCELLED OVERVIEW_B
/* "ship_by": an order to arrange with one of the soonest deadlines */
#define OV_SHIP_ID OVERVIEW_ID
#define OV_SHIP_EXTERNAL_ID OVERVIEW_CODE
#define OV_SHIP_SHOP_NAME OVERVIEW_NAME
#define OV_SHIP_BY OVERVIEW_A
/* "shop": a connected shop and its sync health */
#define OV_SHOP_ID OVERVIEW_ID
#define OV_SHOP_NAME OVERVIEW_NAME
#define OV_SHOP_STATUS OVERVIEW_CODE
#define OV_SHOP_LAST_ERROR_CODE OVERVIEW_TEXT
#define OV_SHOP_JOB_STATE OVERVIEW_TEXT2
#define OV_SHOP_PUSH_FAILED OVERVIEW_N
#define OV_SHOP_ACCESS_EXPIRES_AT OVERVIEW_B
#define OV_SHOP_LAST_SYNCED_AT OVERVIEW_C
#define OV_SHOP_LAST_ERROR_AT OVERVIEW_D
#define OV_SHOP_PENDING OVERVIEW_E
#define OV_SHOP_OLDEST_PENDING_S OVERVIEW_F
#define OV_SHOP_RECENT_MAX_S OVERVIEW_G
/* STMT_OVERVIEW_SETTINGS_GET */
enum overview_settings_col { OVERVIEW_SETTINGS_NO_SLIP_DAYS, OVERVIEW_SETTINGS_LOW_STOCK, OVERVIEW_SETTINGS__NCOLS };

/* The counters of sql/0030 written a chunk of orders at a time (overview/tally.c). */
struct batch_sql;
extern const struct batch_sql sql_order_slip_days_add; /* merchant, status, day, connection, no_slip, with_slip */
extern const struct batch_sql sql_overview_count_add;  /* merchant, counter, delta */
extern const struct batch_sql sql_order_unlinked_set;  /* order, merchant, create_time, n */
extern const struct batch_sql sql_order_unlinked_drop; /* order ids */
/* The orders list's totals read from the counters: by status (then a day range), or one counter. */
struct tally_sql {
	const char *no_slip, *with_slip;     /* merchant, status */
	const char *day_from, *day_to;       /* a Vietnam day number each */
	const char *counter;                 /* merchant, counter */
};
extern const struct tally_sql sql_tally;

#endif
