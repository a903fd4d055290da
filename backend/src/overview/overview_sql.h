/* Statement ids and result columns of the overview; the SQL is in overview_sql.c. Read columns by these names. */
#ifndef OVERVIEW_OVERVIEW_SQL_H
#define OVERVIEW_OVERVIEW_SQL_H

#define OVERVIEW_STATEMENTS \
	STMT_OVERVIEW_DAILY, STMT_OVERVIEW_TILES, STMT_WEBHOOK_LAG, STMT_OVERVIEW_SETTINGS_GET, STMT_OVERVIEW_SETTINGS_SET

/* The overview: daily orders and revenue, orders by status, the webhook lag. */
/* STMT_OVERVIEW_DAILY */
enum overview_daily_col {
	OVERVIEW_DAILY_CONNECTION_ID, OVERVIEW_DAILY_SHOP_NAME, OVERVIEW_DAILY_DAY, OVERVIEW_DAILY_CURRENCY,
	OVERVIEW_DAILY_ORDERS, OVERVIEW_DAILY_REVENUE, OVERVIEW_DAILY_CANCELLED, OVERVIEW_DAILY__NCOLS
};
/* STMT_OVERVIEW_TILES */
enum overview_tiles_col { OVERVIEW_TILES_KIND, OVERVIEW_TILES_CODE, OVERVIEW_TILES_N, OVERVIEW_TILES__NCOLS };
/* STMT_WEBHOOK_LAG */
enum webhook_lag_col {
	WEBHOOK_LAG_PENDING, WEBHOOK_LAG_OLDEST_PENDING_S, WEBHOOK_LAG_RECENT_MAX_S, WEBHOOK_LAG__NCOLS
};
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
