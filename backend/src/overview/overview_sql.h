/* Statement ids and result columns of the overview; the SQL is in overview_sql.c. Read columns by these names. */
#ifndef OVERVIEW_OVERVIEW_SQL_H
#define OVERVIEW_OVERVIEW_SQL_H

#define OVERVIEW_STATEMENTS \
	STMT_OVERVIEW, STMT_OVERVIEW_WAITING, STMT_OVERVIEW_SETTINGS_GET, STMT_OVERVIEW_SETTINGS_SET

/* STMT_OVERVIEW: every number of the home screen as rows of one statement, each row of a kind (OVERVIEW_KIND) that
 * fills the columns its names below give it, the others NULL; STMT_OVERVIEW_WAITING: its "waiting" row alone. */
enum overview_col {
	OVERVIEW_KIND, OVERVIEW_CODE, OVERVIEW_ID, OVERVIEW_NAME, OVERVIEW_TEXT, OVERVIEW_TEXT2, OVERVIEW_MONEY,
	OVERVIEW_N, OVERVIEW_A, OVERVIEW_B, OVERVIEW_C, OVERVIEW_D, OVERVIEW_E, OVERVIEW_F, OVERVIEW_G, OVERVIEW__NCOLS
};
/* "settings": the merchant's no-slip window and low-stock threshold */
#define OV_SETTINGS_NO_SLIP_DAYS OVERVIEW_N
#define OV_SETTINGS_LOW_STOCK OVERVIEW_A
/* "no_slip", "with_slip", "status" (CODE: an app status), "counter" (CODE: the counter): a number */
#define OV_TILE_CODE OVERVIEW_CODE
#define OV_TILE_N OVERVIEW_N
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
/* "waiting": the after-sales requests waiting for an answer */
#define OV_WAITING_COUNT OVERVIEW_N
#define OV_WAITING_NEAREST OVERVIEW_B
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
extern const struct batch_sql sql_order_unlinked_set;  /* order, merchant, n */
extern const struct batch_sql sql_order_unlinked_drop; /* order ids */
/* The orders list's totals read from the counters: by status (then a day range), or one counter. */
struct tally_sql {
	const char *no_slip, *with_slip;     /* merchant, status */
	const char *day_from, *day_to;       /* a Vietnam day number each */
	const char *counter;                 /* merchant, counter */
};
extern const struct tally_sql sql_tally;

#endif
