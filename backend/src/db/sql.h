/* The app's statement table: every SQL statement the api workers run, by id. */
#ifndef DB_SQL_H
#define DB_SQL_H

enum stmt {
	STMT_HEALTH,
	STMT_MERCHANT_INSERT,
	STMT_USER_INSERT,
	STMT_USER_BY_EMAIL,
	STMT_USER_GET,
	STMT_LOGIN_FAILURES_GET,
	STMT_LOGIN_FAILURE_ADD,
	STMT_LOGIN_FAILURES_CLEAR,
	STMT_API_TOKEN_INSERT,
	STMT_API_TOKEN_LIST,
	STMT_API_TOKEN_COUNT,
	STMT_API_TOKEN_CHECK,
	STMT_API_TOKEN_TOUCH,
	STMT_API_TOKEN_REVOKE,
	STMT_OAUTH_STATE_INSERT,
	STMT_OAUTH_STATE_GET,
	STMT_OAUTH_STATE_USE,
	STMT_CONN_SHOP_TAKEN,
	STMT_CONN_UPSERT,
	STMT_CONN_LIST,
	STMT_CONN_COUNT,
	STMT_CONN_DISCONNECT,
	STMT_CONN_BY_SHOP,
	STMT_CONN_SET_REAUTH,
	STMT_CONN_SET_EXPIRY_WARNING,
	STMT_CONN_GET,
	STMT_CONN_TOKENS_SET,
	STMT_CONN_CHECKED,
	STMT_CONN_ERROR,
	STMT_CONN_CHECK_FAILED,
	STMT_CONNS_TO_REFRESH,
	STMT_CONNS_TO_CHECK,
	STMT_WEBHOOK_RECEIPT_INSERT,
	STMT_WEBHOOK_RECEIPT_OUTCOME,
	STMT_JOB_ENQUEUE,
	STMT_JOB_PICK_QUEUED,
	STMT_JOB_PICK_EXPIRED,
	STMT_JOB_TAKE,
	STMT_JOB_GET,
	STMT_JOB_HEARTBEAT,
	STMT_JOB_FINISH,
	STMT_JOB_RETRY,
	STMT_JOBS_CANCEL_FOR_CONN,
	STMT_JOB_FOR_MERCHANT,
	STMT_JOB_RUN_START,
	STMT_JOB_RUN_END,
	STMT_ORDER_UPDATE,
	STMT_ORDER_LINES_DELETE,
	STMT_ORDER_GET,
	STMT_ORDER_LINES,
	STMT_ORDER_HISTORY,
	STMT_JOB_CURSOR_SET,
	STMT_JOB_BY_DEDUPE,
	STMT_JOB_LIST,
	STMT_JOB_COUNT,
	STMT_CONN_OWNED,
	STMT_CONN_ENABLE_SYNC,
	STMT_CONN_SYNCED,
	STMT_CONN_POLLED,
	STMT_CONNS_TO_POLL,
	STMT__MAX
};

extern const char *const sql_statements[STMT__MAX];

/* The orders list is assembled from these fragments, one per filter given, so each combination gets
 * the plan its indexes allow (values are always bound, never written into the text). */
struct order_list_sql {
	const char *select, *count;          /* each ends in "WHERE o.merchant_id = ?" */
	const char *channel, *connection, *status, *created_from, *created_to;
	const char *number;                  /* TikTok order id, or a phone prefix: two parameters */
	const char *external;                /* TikTok order id only */
	const char *name;                    /* part of the buyer's name */
	const char *newest, *oldest;         /* order and page: per_page, offset */
};
extern const struct order_list_sql sql_order_list;

/* Orders are stored a page at a time: each multi-row statement is its head, then its row
 * fragment repeated once per row (comma-separated), then its tail. */
struct batch_sql {
	const char *head, *row, *tail;
	int params;                          /* per row */
};
extern const struct batch_sql sql_order_lock;       /* connection_id, then TikTok order ids */
extern const struct batch_sql sql_order_insert;     /* merchant_id, connection_id, external_id, the 31 fields */
extern const struct batch_sql sql_order_line_insert;
extern const struct batch_sql sql_order_history_insert;

#endif
