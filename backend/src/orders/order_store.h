/* Storing TikTok orders idempotently: upsert on (connection, TikTok id), older data never wins. */
#ifndef ORDERS_ORDER_STORE_H
#define ORDERS_ORDER_STORE_H
#include <stdint.h>

struct arena;
struct db;
struct job;
struct tt_order;

struct store_counts {
	int created;     /* new orders */
	int updated;     /* newer data replaced older */
	int unchanged;   /* same or older than what is stored */
	int skipped;     /* created before the sync window */
};

#define STORE_CONN_GONE (-2)
#define STORE_LEASE_LOST (-3)

/* A paged job's place after the page: written in the page's transaction, so that the page and the job's progress
 * commit together (one commit a page) and a worker that lost its lease writes nothing. */
struct store_mark {
	const struct job *job;
	const char *cursor;      /* the next page's token, NULL after the last */
	int64_t done, total;
};

/* Stores a batch in one transaction (retried on deadlock or a concurrent insert), holding the connection's
 * row locked: a disconnect committed before it stores nothing (STORE_CONN_GONE), one after it waits.
 * Orders created before window_start are skipped. 0, STORE_CONN_GONE, or -1 on a database failure. */
int orders_store(struct db *db, struct arena *a, int64_t merchant_id, int64_t connection_id,
                 const struct tt_order *orders, int n, int64_t window_start, struct store_counts *counts);
/* The same, with the job's mark in the transaction: also STORE_LEASE_LOST (then nothing was written). */
int orders_store_marked(struct db *db, struct arena *a, int64_t merchant_id, int64_t connection_id,
                        const struct tt_order *orders, int n, int64_t window_start, const struct store_mark *mark,
                        struct store_counts *counts);

#endif
