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
	STMT_CONN_DEAUTHORIZED,
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
	/* hardening (issue 8) */
	STMT_LOGIN_CLIENT_ADD,
	STMT_LOGIN_CLIENT_GET,
	STMT_LOGIN_CLIENT_REFUND,
	STMT_CONN_LOCK,
	/* products and links (issue 9) */
	STMT_PRODUCT_INSERT,
	STMT_PRODUCT_GET,
	STMT_PRODUCT_LIST,
	STMT_PRODUCT_COUNT,
	STMT_PRODUCT_UPDATE,
	STMT_PRODUCT_LOCK,
	STMT_PRODUCT_DELETE,
	STMT_PRODUCT_BY_SKU,
	STMT_PRODUCT_LINKED_SKUS,
	STMT_MERCHANT_LOCK,
	STMT_CSKU_GET,
	STMT_CSKU_LIST,
	STMT_CSKU_COUNT,
	STMT_CSKU_LOCK,
	STMT_CSKU_LINK,
	STMT_CSKU_UNLINK,
	STMT_CSKU_AUTOLINK_CANDIDATES,
	STMT_ORDER_LINE_LINKS,
	STMT_ORDER_CSKU_IDS,
	STMT_PRODUCT_SHARE,
	/* warehouses, stock, export slips (stock_*.c, export_slip*.c) */
	STMT_WAREHOUSE_LIST,
	STMT_WAREHOUSE_COUNT,
	STMT_WAREHOUSE_GET,
	STMT_WAREHOUSE_INSERT,
	STMT_WAREHOUSE_UPDATE,
	STMT_PRODUCT_BRIEF,
	STMT_STOCK_LIST,
	STMT_STOCK_COUNT,
	STMT_STOCK_APPLY,
	STMT_STOCK_UPDATE,
	STMT_MOVEMENT_INSERT,
	STMT_MOVEMENT_LIST,
	STMT_MOVEMENT_COUNT,
	STMT_RECEIPT_INSERT,
	STMT_RECEIPT_LINE_INSERT,
	STMT_RECEIPT_GET,
	STMT_RECEIPT_LINES,
	STMT_SLIP_RECEIPTS,
	STMT_SLIP_ORDER_LINES,
	STMT_SLIP_LIVE_FOR_ORDER,
	STMT_SLIP_INSERT,
	STMT_SLIP_LOCK,
	STMT_SLIP_LINES,
	STMT_SLIP_SET_EXPORTED,
	STMT_SLIP_SET_CANCELLED,
	STMT_SLIP_LINE_RETURN,
	STMT_SLIP_GET,
	STMT_SLIP_LIST,
	STMT_SLIP_COUNT,
	STMT_SLIPS_OF_ORDER,
	/* export slips in few statements (issue 10, point 10) */
	STMT_SLIP_CREATE_CHECK,
	STMT_SLIP_LINES_FROM_ORDER,
	STMT_SLIP_STOCK_LOCK,
	STMT_SLIP_STOCK_APPLY,
	STMT_SLIP_MOVEMENTS,
	STMT_SLIP_FULL,
	/* stock push (sql/0008) */
	STMT_STOCK_SETTINGS_GET,
	STMT_STOCK_SETTINGS_WAREHOUSES,
	STMT_STOCK_SETTINGS_UPSERT,
	STMT_STOCK_SETTINGS_WH_CLEAR,
	STMT_STOCK_SETTINGS_WH_ADD,
	STMT_STOCK_PUSH_MARK_CONN,
	STMT_STOCK_PUSH_LIST,
	STMT_STOCK_PUSH_COUNT,
	STMT_PUSH_DUE_CONNS,
	STMT_PUSH_CLAIM,
	STMT_PUSH_CLAIMED,
	STMT_PUSH_DONE,
	STMT_PUSH_REJECTED,
	STMT_PUSH_RELEASE,
	STMT_OVERVIEW_DAILY,
	STMT_OVERVIEW_STATUS,
	STMT_PACE_RESERVE,
	STMT_PACE_WAIT,
	STMT_WRITE_MARK,
	STMT_WRITE_GET,
	STMT_REPLICA_WAIT,
	STMT_HEARTBEAT_BEAT,
	STMT_HEARTBEAT_AGE,
	/* stock reconciliation (sql/0009) */
	STMT_CONNS_TO_RECONCILE,
	STMT_RECONCILE_START,
	STMT_RECONCILE_ITEMS_CLEAR,
	STMT_RECONCILE_EXPECTED,
	STMT_RECONCILE_ITEM_ADD,
	STMT_STOCK_PUSH_MARK_SKU,
	STMT_RECONCILE_FINISH,
	STMT_RECONCILE_LATEST,
	STMT_RECONCILE_ITEMS,
	STMT_LOW_STOCK_GET,
	STMT_LOW_STOCK_SET,
	STMT_WEBHOOK_LAG,
	/* Job leases of crashed workers (issue 13). */
	STMT_JOB_LEASES_LIKE,
	STMT_JOB_LEASE_EXPIRE,
	/* TikTok's warehouses of a shop (sql/0013) */
	STMT_TIKTOK_WAREHOUSES,
	STMT_TIKTOK_WAREHOUSES_PULL,
	STMT_TIKTOK_WAREHOUSES_CLEAR,
	STMT_TIKTOK_WAREHOUSES_PULLED,
	/* Orders with unlinked items (sql/0015) */
	STMT_UNLINKED_LINES,
	/* The merchant's data version (sql/0017) */
	STMT_MERCHANT_VERSION,
	STMT__MAX
};

extern const char *const sql_statements[STMT__MAX];

/* The result columns of each SELECT, in the order its SQL lists them: read them by these names
 * (db_cell(rows, i, CONN_LIST_SHOP_NAME)), never by bare position. sql_columns (below) holds each
 * statement's count, checked against the prepared statement when the binary starts. */
enum one_col { ONE_VALUE, ONE__NCOLS };
enum merchant_version_col { MVER_DATA, MVER_HEALTH, MVER__NCOLS }; /* STMT_MERCHANT_VERSION, sql/0017's scopes */
enum login_failures_col {                          /* STMT_LOGIN_FAILURES_GET, STMT_LOGIN_CLIENT_GET */
	LOGIN_FAILURES_COUNT, LOGIN_FAILURES_WINDOW_START, LOGIN_FAILURES__NCOLS
};            /* STMT_HEALTH, and every SELECT COUNT(*) */
enum id_col { ID_ID, ID__NCOLS };                  /* SELECT id ...: token check, shop taken, job picks, dedupe */
enum user_login_col {                              /* STMT_USER_BY_EMAIL */
	USER_LOGIN_ID, USER_LOGIN_MERCHANT_ID, USER_LOGIN_NAME, USER_LOGIN_EMAIL, USER_LOGIN_PASSWORD_HASH,
	USER_LOGIN_ROLE, USER_LOGIN_MERCHANT_NAME, USER_LOGIN__NCOLS
};
enum user_col {                                    /* STMT_USER_GET */
	USER_ID, USER_MERCHANT_ID, USER_NAME, USER_EMAIL, USER_ROLE, USER_MERCHANT_NAME, USER__NCOLS
};
enum api_token_col {                               /* STMT_API_TOKEN_LIST */
	API_TOKEN_ID, API_TOKEN_NAME, API_TOKEN_CREATED_AT, API_TOKEN_EXPIRES_AT, API_TOKEN_REVOKED_AT,
	API_TOKEN_LAST_USED_AT, API_TOKEN__NCOLS
};
enum oauth_state_col {                             /* STMT_OAUTH_STATE_GET */
	OAUTH_STATE_MERCHANT_ID, OAUTH_STATE_USER_ID, OAUTH_STATE_REGION, OAUTH_STATE_EXPIRES_AT, OAUTH_STATE_USED,
	OAUTH_STATE__NCOLS
};
enum conn_list_col {                               /* STMT_CONN_LIST */
	CONN_LIST_ID, CONN_LIST_SHOP_ID, CONN_LIST_SHOP_NAME, CONN_LIST_SHOP_CODE, CONN_LIST_REGION,
	CONN_LIST_SELLER_NAME, CONN_LIST_STATUS, CONN_LIST_STATUS_REASON, CONN_LIST_CONNECTED_AT,
	CONN_LIST_ACCESS_EXPIRES_AT, CONN_LIST_EXPIRY_WARNING_AT, CONN_LIST_LAST_SYNCED_AT, CONN_LIST_LAST_ERROR,
	CONN_LIST_LAST_ERROR_AT, CONN_LIST_JOB_ID, CONN_LIST_JOB_KIND, CONN_LIST_JOB_STATE, CONN_LIST_JOB_DONE,
	CONN_LIST_JOB_TOTAL, CONN_LIST_LAST_ERROR_CODE, CONN_LIST__NCOLS
};
enum conn_shop_col {                               /* STMT_CONN_BY_SHOP */
	CONN_SHOP_ID, CONN_SHOP_MERCHANT_ID, CONN_SHOP_SYNC_ENABLED, CONN_SHOP__NCOLS
};
enum conn_col {                                    /* STMT_CONN_GET */
	CONN_ID, CONN_MERCHANT_ID, CONN_SHOP_ID_TT, CONN_SHOP_CIPHER, CONN_ACCESS_TOKEN_ENC, CONN_REFRESH_TOKEN_ENC,
	CONN_STATUS, CONN_ACCESS_EXPIRES_AT, CONN_SYNC_ENABLED, CONN_WINDOW_START, CONN_POLL_CURSOR, CONN__NCOLS
};
enum conn_due_col {                                /* STMT_CONNS_TO_REFRESH, STMT_CONNS_TO_CHECK, STMT_CONNS_TO_POLL */
	CONN_DUE_ID, CONN_DUE_MERCHANT_ID, CONN_DUE__NCOLS
};
enum conn_owned_col { CONN_OWNED_STATUS, CONN_OWNED__NCOLS }; /* STMT_CONN_OWNED, STMT_CONN_LOCK */
enum job_row_col {                                 /* STMT_JOB_GET */
	JOB_ROW_ID, JOB_ROW_MERCHANT_ID, JOB_ROW_CONNECTION_ID, JOB_ROW_KIND, JOB_ROW_PAYLOAD, JOB_ROW_ATTEMPTS,
	JOB_ROW_CURSOR, JOB_ROW__NCOLS
};
enum job_col {                                     /* STMT_JOB_FOR_MERCHANT, STMT_JOB_LIST */
	JOB_ID, JOB_KIND, JOB_STATE, JOB_PROGRESS_DONE, JOB_PROGRESS_TOTAL, JOB_ERROR, JOB_STARTED_AT,
	JOB_FINISHED_AT, JOB_CONNECTION_ID, JOB_CREATED_AT, JOB_ERROR_CODE, JOB__NCOLS
};
enum order_col {                                   /* STMT_ORDER_GET */
	ORDER_ID, ORDER_CHANNEL, ORDER_CONNECTION_ID, ORDER_SHOP_NAME, ORDER_EXTERNAL_ID, ORDER_STATUS,
	ORDER_CHANNEL_STATUS, ORDER_CREATE_TIME, ORDER_UPDATE_TIME, ORDER_BUYER_NAME, ORDER_BUYER_PHONE,
	ORDER_PAID_TIME, ORDER_BUYER_EMAIL, ORDER_BUYER_MESSAGE, ORDER_CURRENCY, ORDER_SUB_TOTAL,
	ORDER_SHIPPING_FEE, ORDER_SELLER_DISCOUNT, ORDER_PLATFORM_DISCOUNT, ORDER_TAX, ORDER_TOTAL_AMOUNT,
	ORDER_ORIGINAL_TOTAL_PRODUCT_PRICE, ORDER_ORIGINAL_SHIPPING_FEE, ORDER_RECIPIENT_NAME,
	ORDER_RECIPIENT_PHONE, ORDER_FULL_ADDRESS, ORDER_ADDRESS_DETAIL, ORDER_POSTAL_CODE, ORDER_REGION_CODE,
	ORDER_SHIPPING_PROVIDER, ORDER_TRACKING_NUMBER, ORDER_SHIPPING_TYPE, ORDER_IS_COD, ORDER_CANCEL_REASON,
	ORDER_ITEM_COUNT, ORDER_SHOP_CODE, ORDER_REGION, ORDER_SHIPPING_DISCOUNT, ORDER__NCOLS
};
enum order_line_col {                              /* STMT_ORDER_LINES */
	ORDER_LINE_SKU_ID, ORDER_LINE_PRODUCT_ID, ORDER_LINE_SELLER_SKU, ORDER_LINE_PRODUCT_NAME,
	ORDER_LINE_SKU_NAME, ORDER_LINE_IMAGE_URL, ORDER_LINE_QUANTITY, ORDER_LINE_UNIT_PRICE,
	ORDER_LINE_ORIGINAL_PRICE, ORDER_LINE__NCOLS
};
enum order_history_col {                           /* STMT_ORDER_HISTORY */
	ORDER_HISTORY_STATUS, ORDER_HISTORY_CHANNEL_STATUS, ORDER_HISTORY_UPDATE_TIME, ORDER_HISTORY_RECORDED_AT,
	ORDER_HISTORY__NCOLS
};
enum order_list_col {                              /* sql_order_page.columns */
	ORDER_LIST_ID, ORDER_LIST_CHANNEL, ORDER_LIST_CONNECTION_ID, ORDER_LIST_SHOP_NAME, ORDER_LIST_EXTERNAL_ID,
	ORDER_LIST_STATUS, ORDER_LIST_CHANNEL_STATUS, ORDER_LIST_CREATE_TIME, ORDER_LIST_UPDATE_TIME,
	ORDER_LIST_BUYER_NAME, ORDER_LIST_BUYER_PHONE, ORDER_LIST_TOTAL_AMOUNT, ORDER_LIST_CURRENCY,
	ORDER_LIST_ITEM_COUNT, ORDER_LIST_ALL_LINKED, ORDER_LIST_EXPORT_SLIP, ORDER_LIST__NCOLS
};
enum order_lock_col {                              /* sql_order_lock */
	ORDER_LOCK_ID, ORDER_LOCK_EXTERNAL_ID, ORDER_LOCK_UPDATE_TIME, ORDER_LOCK_CHANNEL_STATUS, ORDER_LOCK_CREATE_TIME,
	ORDER_LOCK_BUYER_NAME, ORDER_LOCK__NCOLS
};

/* The number of result columns of each statement (0: not a SELECT); db_prepare_all checks it. */
extern const int sql_columns[STMT__MAX];

/* Columns of the stock statements, read by name. */
enum warehouse_col { WH_ID, WH_NAME, WH_CODE, WH_ADDRESS, WH_IS_DEFAULT, WH_CREATED_AT, WH__NCOLS };
enum product_brief_col { PB_ID, PB_NAME, PB_SKU, PB_UNIT, PB__NCOLS };
enum stock_col {
	STOCK_WAREHOUSE_ID, STOCK_WAREHOUSE_NAME, STOCK_PRODUCT_ID, STOCK_PRODUCT_NAME, STOCK_PRODUCT_SKU,
	STOCK_PRODUCT_UNIT, STOCK_ON_HAND, STOCK_AVAILABLE, STOCK_AWAITING, STOCK_UPDATED_AT, STOCK__NCOLS
};
enum movement_col {
	MV_ID, MV_CREATED_AT, MV_WAREHOUSE_ID, MV_WAREHOUSE_NAME, MV_PRODUCT_ID, MV_PRODUCT_NAME, MV_PRODUCT_SKU,
	MV_USER_ID, MV_USER_NAME, MV_DOC_TYPE, MV_DOC_ID, MV_D_ON_HAND, MV_D_AVAILABLE, MV_D_AWAITING, MV_ON_HAND,
	MV_AVAILABLE, MV_AWAITING, MV__NCOLS
};
enum receipt_col {
	RC_ID, RC_WAREHOUSE_ID, RC_KIND, RC_EXPORT_SLIP_ID, RC_NOTE, RC_CREATED_AT, RC_USER_NAME, RC__NCOLS
};
enum receipt_line_col { RL_RECEIPT_ID, RL_PRODUCT_ID, RL_QUANTITY, RL_NAME, RL_SKU, RL_UNIT, RL__NCOLS };
enum slip_order_line_col {
	SOL_CHANNEL_SKU_ID, SOL_SKU_ID, SOL_SELLER_SKU, SOL_PRODUCT_NAME, SOL_SKU_NAME, SOL_QUANTITY, SOL_PRODUCT_ID,
	SOL_NAME, SOL_SKU, SOL__NCOLS
};
enum slip_live_col { SLV_ID, SLV_STATUS, SLV__NCOLS };
enum slip_lock_col { SLK_STATUS, SLK_WAREHOUSE_ID, SLK_ORDER_ID, SLK__NCOLS };
enum slip_line_col { SLN_PRODUCT_ID, SLN_QUANTITY, SLN_RETURNED, SLN_NAME, SLN_SKU, SLN_UNIT, SLN__NCOLS };
/* STMT_SLIP_CREATE_CHECK: the order, the warehouse if the merchant's, the live slip, then each line (NULLs: none) */
enum slip_check_col {
	SCK_STATUS, SCK_WAREHOUSE_ID, SCK_LIVE_ID, SCK_LIVE_STATUS, SCK_CHANNEL_SKU_ID, SCK_SKU_ID, SCK_SELLER_SKU,
	SCK_PRODUCT_NAME, SCK_SKU_NAME, SCK_QUANTITY, SCK_PRODUCT_ID, SCK__NCOLS
};
enum slip_stock_col { SST_PRODUCT_ID, SST_QUANTITY, SST_AVAILABLE, SST__NCOLS }; /* STMT_SLIP_STOCK_LOCK */
/* STMT_SLIP_GET, STMT_SLIP_LIST and STMT_SLIPS_OF_ORDER select these alike. */
enum slip_col {
	SLIP_ID, SLIP_ORDER_ID, SLIP_WAREHOUSE_ID, SLIP_STATUS, SLIP_CREATED_AT, SLIP_EXPORTED_AT, SLIP_CANCELLED_AT,
	SLIP_CREATED_BY, SLIP_ORDER_EXTERNAL_ID, SLIP_ORDER_STATUS, SLIP_BUYER_NAME, SLIP_WAREHOUSE_NAME,
	SLIP_WAREHOUSE_CODE, SLIP_WAREHOUSE_ADDRESS, SLIP_QUANTITY, SLIP_RETURNED, SLIP_MERCHANT_NAME, SLIP__NCOLS
};

/* STMT_SLIP_FULL: one row per line, the slip's columns (enum slip_col; its quantity and returned are 0, the sums
 * of the lines) then the line's. */
enum slip_full_col {
	SLF_PRODUCT_ID = SLIP__NCOLS, SLF_QUANTITY, SLF_RETURNED, SLF_NAME, SLF_SKU, SLF_UNIT, SLF__NCOLS
};

/* The orders list is assembled from these fragments, one per filter given, so each combination gets
 * the plan its indexes allow (values are always bound, never written into the text); see sql_order_page. */
struct order_list_sql {
	const char *channel, *connection, *status, *created_from, *created_to;
	const char *number;                  /* TikTok order id, or a phone prefix: two parameters */
	const char *external;                /* TikTok order id only */
	const char *has_slip, *no_slip;      /* has_export_slip=true/false: a slip that is not cancelled */
};
extern const struct order_list_sql sql_order_list;
/* The list's column after all_linked: "id status" of the order's export slip (not cancelled, else newest). */

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

/* Products and links (issue 9): result columns by name. */
enum product_col {  /* STMT_PRODUCT_GET, STMT_PRODUCT_LIST */
	PRODUCT_ID, PRODUCT_NAME, PRODUCT_SKU, PRODUCT_UNIT, PRODUCT_PRICE, PRODUCT_IMAGE_URL, PRODUCT_CREATED_AT,
	PRODUCT_UPDATED_AT, PRODUCT_LINKED_SKUS, PRODUCT__NCOLS
};
enum product_linked_col { PRODUCT_LINKED_ID, PRODUCT_LINKED_SELLER_SKU, PRODUCT_LINKED_SKU_ID, PRODUCT_LINKED__NCOLS };
enum csku_col {     /* STMT_CSKU_GET, STMT_CSKU_LIST */
	CSKU_ID, CSKU_CONNECTION_ID, CSKU_SKU_ID, CSKU_TT_PRODUCT_ID, CSKU_SELLER_SKU, CSKU_NAME, CSKU_SKU_NAME,
	CSKU_IMAGE_URL, CSKU_PRICE, CSKU_CURRENCY, CSKU_SHOP_NAME, CSKU_PRODUCT_ID, CSKU_PRODUCT_NAME, CSKU_PRODUCT_SKU,
	CSKU_PRODUCT_UNIT, CSKU_PRODUCT_IMAGE_URL, CSKU__NCOLS
};
enum csku_lock_col { CSKU_LOCK_ID, CSKU_LOCK_PRODUCT_ID, CSKU_LOCK__NCOLS };
enum autolink_col { /* STMT_CSKU_AUTOLINK_CANDIDATES */
	AUTOLINK_ID, AUTOLINK_SELLER_SKU, AUTOLINK_NAME, AUTOLINK_SKU_NAME, AUTOLINK_IMAGE_URL, AUTOLINK_PRICE,
	AUTOLINK_MATCHES, AUTOLINK_PRODUCT_ID, AUTOLINK__NCOLS
};
enum line_link_col { /* STMT_ORDER_LINE_LINKS, in the order of STMT_ORDER_LINES */
	LINE_LINK_CHANNEL_SKU_ID, LINE_LINK_PRODUCT_ID, LINE_LINK_PRODUCT_NAME, LINE_LINK_PRODUCT_SKU,
	LINE_LINK_PRODUCT_UNIT, LINE_LINK_PRODUCT_IMAGE_URL, LINE_LINK__NCOLS
};
enum csku_ids_col { CSKU_IDS_ID, CSKU_IDS_SKU_ID, CSKU_IDS__NCOLS }; /* sql_channel_sku_ids */

/* Channel SKUs seen in stored orders (first sight kept) and pulled from TikTok's catalog (refreshed). */
extern const struct batch_sql sql_channel_sku_seen;   /* merchant, connection, sku_id, tt product, seller_sku,
                                                         name, sku name, image, price, currency */
extern const struct batch_sql sql_channel_sku_pulled; /* the same ten */
extern const struct batch_sql sql_channel_sku_ids;    /* connection_id, then sku ids */
/* Filters of the orders list on links: some line unlinked, or every line linked. */
extern const char *const sql_order_has_unlinked;
extern const char *const sql_order_all_linked;

/* Issue 12: the orders list at a million orders. A page is "columns" over a source (orders, or the buyer-name
 * words newest first), the filters' fragments of order_list_sql, a keyset or an offset, assembled by
 * api/order_page.c; totals come from order_counts when every filter is among channel, connection and status. */
struct order_source {
	const char *from;                    /* ends in the merchant's parameter(s) */
	const char *id, *time;               /* the columns the source is ordered by */
};
/* A name search counts among the newest ORDER_SEARCH_WALK entries of its rarest word; more matches make the
 * total a lower bound ("1.000+"). */
#define ORDER_SEARCH_WALK 1000
struct order_page_sql {
	const char *columns;                 /* enum order_list_col */
	struct order_source from_orders;     /* merchant_id */
	struct order_source by_status;       /* the same through the status index, in the list's order (sql/0003) */
	struct order_source by_status_slip;  /* the same through the status and live-slip index (sql/0014) */
	struct order_source by_slip;         /* the same through the live-slip index without status (sql/0016) */
	struct order_source by_number;       /* the same through the order number and phone indexes (a search) */
	struct order_source from_words;      /* merchant_id, a word, from, to (its entries' create times), merchant_id */
	struct order_source walk_words;      /* the same, the word's newest ORDER_SEARCH_WALK entries of those times */
	struct order_source walk_words_only; /* the same without the orders (a search with no other filter) */
	struct order_source from_unlinked;   /* merchant_id twice, merchant_id: the orders of the unlinked lines */
	const char *word_also;               /* one more word of the same order */
	const char *word_count;              /* merchant_id, a word, from, to, ORDER_SEARCH_WALK + 1: its entries */
	const char *counts;                  /* merchant_id; ONE_VALUE */
	const char *count_channel, *count_connection, *count_status;
	const char *day_counts;              /* merchant_id; ONE_VALUE: orders by Vietnam day (order_days) */
	const char *day_connection, *day_from, *day_to;
};
extern const struct order_page_sql sql_order_page;
extern const struct batch_sql sql_order_count_add;    /* merchant, channel, connection, status, delta */
extern const struct batch_sql sql_order_words_insert; /* merchant, word, create_time, order_id */
extern const struct batch_sql sql_order_words_delete; /* merchant, create_time, order_id, then words */

/* Stock push (sql/0008). */
enum stock_settings_col { SS_CONN_STATUS, SS_ENABLED, SS_BUFFER, SS_TIKTOK_WAREHOUSE_ID, SS__NCOLS };
enum stock_settings_wh_col { SSW_WAREHOUSE_ID, SSW__NCOLS };   /* STMT_STOCK_SETTINGS_WAREHOUSES */
enum stock_push_col {      /* STMT_STOCK_PUSH_LIST */
	SP_CHANNEL_SKU_ID, SP_SKU_ID, SP_SELLER_SKU, SP_PRODUCT_NAME, SP_SKU_NAME, SP_PRODUCT_ID, SP_PENDING,
	SP_PUSHED_QTY, SP_PUSHED_AT, SP_ERROR_CODE, SP_ERROR, SP_ERROR_AT, SP__NCOLS
};
enum push_due_col { PUSH_DUE_CONNECTION_ID, PUSH_DUE_MERCHANT_ID, PUSH_DUE__NCOLS };
enum push_claimed_col {   /* STMT_PUSH_CLAIMED */
	PC_ID, PC_VERSION, PC_SKU_ID, PC_TT_PRODUCT_ID, PC_LINKED, PC_ENABLED, PC_QTY, PC_TIKTOK_WAREHOUSE_ID, PC__NCOLS
};
/* Shop-wide pacing (sql/0011). */
enum pace_wait_col { PACE_WAIT_MS, PACE_WAIT__NCOLS };   /* STMT_PACE_WAIT */
/* Read replicas (sql/0012). */
enum write_get_col { WRITE_GTID, WRITE__NCOLS };                   /* STMT_WRITE_GET */
enum replica_wait_col { REPLICA_WAIT_RESULT, REPLICA_WAIT__NCOLS }; /* STMT_REPLICA_WAIT */
enum heartbeat_age_col { HEARTBEAT_AGE_MS, HEARTBEAT__NCOLS };      /* STMT_HEARTBEAT_AGE */
/* The overview (issue 14). */
enum overview_daily_col {                          /* STMT_OVERVIEW_DAILY */
	OV_DAILY_CONNECTION_ID, OV_DAILY_SHOP_NAME, OV_DAILY_DAY, OV_DAILY_CURRENCY, OV_DAILY_ORDERS, OV_DAILY_REVENUE,
	OV_DAILY__NCOLS
};
enum overview_status_col { OV_STATUS_STATUS, OV_STATUS_COUNT, OV_STATUS__NCOLS }; /* STMT_OVERVIEW_STATUS */
enum webhook_lag_col {                             /* STMT_WEBHOOK_LAG */
	WEBHOOK_LAG_PENDING, WEBHOOK_LAG_OLDEST_PENDING_S, WEBHOOK_LAG_RECENT_MAX_S, WEBHOOK_LAG__NCOLS
};

/* Stock reconciliation (sql/0009). */
enum reconcile_expected_col {   /* STMT_RECONCILE_EXPECTED */
	RX_ID, RX_SKU_ID, RX_QTY, RX_PENDING, RX_TIKTOK_WAREHOUSE_ID, RX__NCOLS
};
enum reconcile_latest_col {     /* STMT_RECONCILE_LATEST */
	RCL_JOB_ID, RCL_STATE, RCL_CHECKED, RCL_CORRECTED, RCL_STARTED_AT, RCL_FINISHED_AT, RCL_ERROR_CODE, RCL__NCOLS
};
enum reconcile_item_col {       /* STMT_RECONCILE_ITEMS */
	RI_CHANNEL_SKU_ID, RI_SKU_ID, RI_SELLER_SKU, RI_PRODUCT_NAME, RI_SKU_NAME, RI_TIKTOK_QTY, RI_APP_QTY, RI__NCOLS
};
/* Job leases of crashed workers (issue 13). */
enum job_lease_col { JOB_LEASE_ID, JOB_LEASE_OWNER, JOB_LEASE__NCOLS };   /* STMT_JOB_LEASES_LIKE */
/* TikTok's warehouses of a shop (sql/0013). */
enum tiktok_warehouse_col { TWH_ID, TWH_NAME, TWH_IS_DEFAULT, TWH__NCOLS };   /* STMT_TIKTOK_WAREHOUSES */
enum tiktok_warehouse_pull_col { TWP_PULLED_AT, TWP_JOB_ID, TWP__NCOLS };     /* STMT_TIKTOK_WAREHOUSES_PULL */
extern const struct batch_sql sql_tiktok_warehouse_insert; /* connection, position, merchant, id, name, is_default */

#endif
