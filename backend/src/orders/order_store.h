/* Storing TikTok orders idempotently: upsert on (connection, TikTok id), older data never wins. */
#ifndef ORDERS_ORDER_STORE_H
#define ORDERS_ORDER_STORE_H
#include <stdint.h>

struct arena;
struct db;
struct tt_order;

struct store_counts {
	int created;     /* new orders */
	int updated;     /* newer data replaced older */
	int unchanged;   /* same or older than what is stored */
	int skipped;     /* created before the sync window */
};

#define STORE_CONN_GONE (-2)

/* Stores a batch in one transaction (retried on deadlock or a concurrent insert), holding the connection's
 * row locked: a disconnect committed before it stores nothing (STORE_CONN_GONE), one after it waits.
 * Orders created before window_start are skipped. 0, STORE_CONN_GONE, or -1 on a database failure. */
int orders_store(struct db *db, struct arena *a, int64_t merchant_id, int64_t connection_id,
                 const struct tt_order *orders, int n, int64_t window_start, struct store_counts *counts);

#endif
