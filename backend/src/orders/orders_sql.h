/* Statement ids and result columns of orders; the SQL is in orders_sql.c. Read columns by these names. */
#ifndef ORDERS_ORDERS_SQL_H
#define ORDERS_ORDERS_SQL_H

#include "db/batch.h"

#define ORDERS_STATEMENTS \
	STMT_ORDER_UPDATE, STMT_ORDER_LINES_DELETE, STMT_ORDER_GET, STMT_ORDER_LINES, STMT_ORDER_HISTORY, \
	STMT_CONN_SYNCED, STMT_CONN_POLLED, STMT_CONN_LOCK, STMT_UNLINKED_ORDERS, STMT_ORDER_TOTAL, STMT_ORDER_NUMBER_TAKEN, \
	STMT_ORDER_HOURS_NEWEST, STMT_ORDER_HOURS_OLDEST, STMT_STATUS_HOURS_NEWEST, STMT_STATUS_HOURS_OLDEST, \
	STMT_UNLINKED_HOURS_NEWEST, STMT_UNLINKED_HOURS_OLDEST, \
	STMT_LINKED_HOURS_NEWEST, STMT_LINKED_HOURS_OLDEST, STMT_SLIP_HOURS_NEWEST, STMT_SLIP_HOURS_OLDEST, \
	STMT_NO_SLIP_HOURS_NEWEST, STMT_NO_SLIP_HOURS_OLDEST

/* STMT_ORDER_GET */
enum order_col {
	ORDER_ID, ORDER_CHANNEL, ORDER_CONNECTION_ID, ORDER_SHOP_NAME, ORDER_EXTERNAL_ID, ORDER_STATUS,
	ORDER_CHANNEL_STATUS, ORDER_CREATE_TIME, ORDER_UPDATE_TIME, ORDER_BUYER_NAME, ORDER_BUYER_PHONE,
	ORDER_PAID_TIME, ORDER_BUYER_EMAIL, ORDER_BUYER_MESSAGE, ORDER_CURRENCY, ORDER_SUB_TOTAL,
	ORDER_SHIPPING_FEE, ORDER_SELLER_DISCOUNT, ORDER_PLATFORM_DISCOUNT, ORDER_TAX, ORDER_TOTAL_AMOUNT,
	ORDER_ORIGINAL_TOTAL_PRODUCT_PRICE, ORDER_ORIGINAL_SHIPPING_FEE, ORDER_RECIPIENT_NAME,
	ORDER_RECIPIENT_PHONE, ORDER_FULL_ADDRESS, ORDER_ADDRESS_DETAIL, ORDER_POSTAL_CODE, ORDER_REGION_CODE,
	ORDER_SHIPPING_PROVIDER, ORDER_TRACKING_NUMBER, ORDER_SHIPPING_TYPE, ORDER_IS_COD, ORDER_CANCEL_REASON,
	ORDER_ITEM_COUNT, ORDER_SHOP_CODE, ORDER_REGION, ORDER_SHIPPING_DISCOUNT, ORDER__NCOLS
};
/* STMT_*_HOURS_NEWEST, STMT_*_HOURS_OLDEST */
enum order_hour_col { ORDER_HOUR_HOUR, ORDER_HOUR_N, ORDER_HOUR__NCOLS };
enum unlinked_orders_col { UNLINKED_ORDERS_N, UNLINKED_ORDERS_OF, UNLINKED_ORDERS__NCOLS };
/* STMT_ORDER_LINES */
enum order_line_col {
	ORDER_LINE_SKU_ID, ORDER_LINE_PRODUCT_ID, ORDER_LINE_SELLER_SKU, ORDER_LINE_PRODUCT_NAME,
	ORDER_LINE_SKU_NAME, ORDER_LINE_IMAGE_URL, ORDER_LINE_QUANTITY, ORDER_LINE_UNIT_PRICE,
	ORDER_LINE_ORIGINAL_PRICE, ORDER_LINE__NCOLS
};
/* STMT_ORDER_HISTORY */
enum order_history_col {
	ORDER_HISTORY_STATUS, ORDER_HISTORY_CHANNEL_STATUS, ORDER_HISTORY_UPDATE_TIME, ORDER_HISTORY_RECORDED_AT,
	ORDER_HISTORY__NCOLS
};
/* sql_order_page.columns */
enum order_list_col {
	ORDER_LIST_ID, ORDER_LIST_CHANNEL, ORDER_LIST_CONNECTION_ID, ORDER_LIST_SHOP_NAME, ORDER_LIST_EXTERNAL_ID,
	ORDER_LIST_STATUS, ORDER_LIST_CHANNEL_STATUS, ORDER_LIST_CREATE_TIME, ORDER_LIST_UPDATE_TIME,
	ORDER_LIST_BUYER_NAME, ORDER_LIST_BUYER_PHONE, ORDER_LIST_TOTAL_AMOUNT, ORDER_LIST_CURRENCY,
	ORDER_LIST_ITEM_COUNT, ORDER_LIST_ALL_LINKED, ORDER_LIST_EXPORT_SLIP, ORDER_LIST_SHIP_BY,
	ORDER_LIST_LABEL_PRINTED_AT, ORDER_LIST_ITEM_NAMES, ORDER_LIST__NCOLS
};
/* sql_order_lock */
enum order_lock_col {
	ORDER_LOCK_ID, ORDER_LOCK_EXTERNAL_ID, ORDER_LOCK_UPDATE_TIME, ORDER_LOCK_CHANNEL_STATUS,
	ORDER_LOCK_CREATE_TIME, ORDER_LOCK_BUYER_NAME, ORDER_LOCK_HAS_LIVE_SLIP, ORDER_LOCK_UNLINKED_LINES, ORDER_LOCK__NCOLS
};
/* The orders list is assembled from these fragments, one per filter given, so each combination gets
 * the plan its indexes allow (values are always bound, never written into the text); see sql_order_page. */
struct order_list_sql {
	const char *channel, *connection, *status, *created_from, *created_to;
	const char *number;                  /* TikTok order id, or a phone prefix: two parameters */
	const char *external;                /* TikTok order id only */
	const char *phone_prefix;            /* a phone prefix only (no order has the typed digits as its number) */
	const char *has_slip, *no_slip;      /* has_export_slip=true/false: a slip that is not cancelled */
	const char *to_arrange, *awaiting_collection; /* shipping=to_arrange/awaiting_collection */
	const char *label_printed, *label_not_printed; /* label=printed/not_printed */
};
extern const struct order_list_sql sql_order_list;
extern const struct batch_sql sql_order_lock;       /* connection_id, then TikTok order ids */
extern const struct batch_sql sql_order_insert;     /* merchant_id, connection_id, external_id, the 32 fields */
extern const struct batch_sql sql_order_line_insert;
extern const struct batch_sql sql_order_package_insert;
extern const struct batch_sql sql_order_history_insert;
/* Filters of the orders list on links: some line unlinked, or every line linked. */
extern const char *const sql_order_has_unlinked;
extern const char *const sql_order_all_linked;
/* The orders list at any size. A page is "columns" over a source (orders, or the buyer-name
 * words newest first), the filters' fragments of order_list_sql, a keyset or an offset, assembled by
 * orders/order_page.c; totals come from order_counts when every filter is among channel, connection and status. */
struct order_source {
	const char *from;                    /* ends in the merchant's parameter(s) */
	const char *id, *time;               /* the columns the source is ordered by */
};
/* Product names of an order's first lines kept on its row (orders.item_names, joined by U+001F, which no name
 * contains) and shown in the list. */
#define ORDER_ITEM_NAMES 3

/* A name search counts among the newest ORDER_SEARCH_WALK entries of its rarest word (or pair), and a short phone
 * prefix its first ORDER_SEARCH_WALK phones; more make the total a lower bound ("200+"). A search matching more orders
 * than a merchant would scroll through is narrowed, not paged: its total only needs to say it is large, and every
 * entry counted is read (each checked for the other words and filters) on every fresh request. */
#define ORDER_SEARCH_WALK 200
struct order_page_sql {
	const char *columns;                 /* enum order_list_col */
	struct order_source from_orders;     /* merchant_id */
	struct order_source by_status;       /* the same through the status index, in the list's order (sql/0003) */
	struct order_source by_status_slip;  /* the same through the status and live-slip index (sql/0014) */
	struct order_source by_slip;         /* the same through the live-slip index without status (sql/0016) */
	struct order_source by_number;       /* the same through the order number and phone indexes (a search) */
	struct order_source by_phone;        /* counts of a phone prefix: its key's entries only (sql/0031) */
	struct order_source by_status_phone; /* the same within a status */
	/* The word sources' from is a format: its %s takes the joins of the other words (word_join, or "") */
	struct order_source from_words;      /* merchant_id, a word, from, to (its entries' create times), merchant_id */
	struct order_source walk_words;      /* the same, the word's newest ORDER_SEARCH_WALK entries of those times */
	struct order_source walk_words_only; /* the same without the orders (a search with no other filter) */
	struct order_source from_words_only; /* from_words without the orders (nothing but words and dates to check) */
	struct order_source from_words_status; /* from_words, each entry checked in the status key (the list has a status) */
	struct order_source walk_words_status; /* walk_words, the same way */
	struct order_source from_unlinked;   /* merchant_id: the orders with an unlinked line (order_unlinked), newest first */
	struct order_source unlinked_only;   /* the same without the orders (nothing but dates to check) */
	const char *unlinked_join;           /* an orders source's order_unlinked row (LEFT JOIN), before its WHERE */
	const char *no_unlinked;             /* the orders without one */
	const char *word_join;               /* format: the join of the n-th other word (%d four times) */
	const char *word_also;               /* format: its word (%d: n) */
	const char *word_sig;                /* the signature of the other words (order_words.h), on the lead's entry */
	const char *word_of_order;           /* a word of the order o (a name search led by the orders' status) */
	const char *word_rank;               /* merchant_id, a word, from, to, a rank from 0: that entry's create time */
	const char *status_count;            /* merchant_id, a status, from, to, ORDER_SEARCH_WALK + 1: its orders */
	const char *word_count;              /* merchant_id, a word, from, to, ORDER_SEARCH_WALK + 1: its entries */
	const char *counts;                  /* merchant_id; ONE_VALUE */
	const char *counts_linked;           /* merchant_id twice; ONE_VALUE: its orders less those with an unlinked line */
	const char *count_channel, *count_connection, *count_status;
	const char *day_counts;              /* merchant_id; ONE_VALUE: orders by Vietnam day (order_days) */
	const char *status_day_counts;       /* merchant_id, status; ONE_VALUE: the same from order_slip_days */
	const char *day_connection, *day_from, *day_to; /* either's */
};
extern const struct order_page_sql sql_order_page;
extern const struct batch_sql sql_order_count_add;    /* merchant, channel, connection, status, delta */
extern const struct batch_sql sql_order_words_insert; /* merchant, word, create_time, order_id, sig */
extern const struct batch_sql sql_order_words_delete; /* merchant, create_time, order_id, then words */

#endif
