/* Statement ids and result columns of the overview; the SQL is in overview_sql.c. Read columns by these names. */
#ifndef OVERVIEW_OVERVIEW_SQL_H
#define OVERVIEW_OVERVIEW_SQL_H

#define OVERVIEW_STATEMENTS \
	STMT_OVERVIEW_DAILY, STMT_OVERVIEW_STATUS, STMT_WEBHOOK_LAG

/* The overview (issue 14). */
enum overview_daily_col {                          /* STMT_OVERVIEW_DAILY */
	OV_DAILY_CONNECTION_ID, OV_DAILY_SHOP_NAME, OV_DAILY_DAY, OV_DAILY_CURRENCY, OV_DAILY_ORDERS, OV_DAILY_REVENUE,
	OV_DAILY__NCOLS
};
enum overview_status_col { OV_STATUS_STATUS, OV_STATUS_COUNT, OV_STATUS__NCOLS }; /* STMT_OVERVIEW_STATUS */
enum webhook_lag_col {                             /* STMT_WEBHOOK_LAG */
	WEBHOOK_LAG_PENDING, WEBHOOK_LAG_OLDEST_PENDING_S, WEBHOOK_LAG_RECENT_MAX_S, WEBHOOK_LAG__NCOLS
};

#endif
