/* The sync worker: claims jobs from the shared table and runs them; schedules recurring work. */
#ifndef SYNC_WORKER_H
#define SYNC_WORKER_H
#include <signal.h>
#include <stdint.h>

struct arena;
struct config;
struct db;
struct job;
struct tt_client;

struct worker {
	const struct config *cfg;
	struct db *db;
	struct tt_client *tt;
	char owner[96];          /* host:pid, the lease owner name */
	volatile sig_atomic_t *stopping;
};

/* How a job ended: done, failed for good, or worth another try later. */
enum job_outcome { JOB_DONE, JOB_FAILED, JOB_RETRY };

struct job_result {
	enum job_outcome outcome;
	const char *code;        /* stable snake_case code (NULL when done); the SPA translates it */
	const char *error;       /* the same in an English sentence, a detail for logs and API clients */
	int retry_seconds;
};

#define JOB_OK ((struct job_result){ JOB_DONE, NULL, NULL, 0 })

struct conn;
/* The opening of every job that works on a connection: loads it (tokens unsealed) and returns 1 when
 * it is active; else returns 0 with how the job ends in *stop: a retry when the database was unavailable,
 * done (nothing to do) when the connection is gone, disconnected or waiting for a reconnect. A job that
 * is already paging when its shop is disconnected is stopped by the store instead (shop_disconnected). */
int job_open(struct worker *w, struct arena *a, const struct job *j, struct conn *c, struct job_result *stop);

/* Runs until *stopping is set; returns the exit code. */
int worker_run(struct worker *w);

/* Job handlers (one file each). */
struct job_result job_token_refresh(struct worker *w, struct arena *a, const struct job *j);
struct job_result job_shop_check(struct worker *w, struct arena *a, const struct job *j);
struct job_result job_sync_orders(struct worker *w, struct arena *a, const struct job *j);
struct job_result job_poll_orders(struct worker *w, struct arena *a, const struct job *j);
struct job_result job_order_fetch(struct worker *w, struct arena *a, const struct job *j);
struct job_result job_pull_products(struct worker *w, struct arena *a, const struct job *j);
struct job_result job_pull_warehouses(struct worker *w, struct arena *a, const struct job *j);
struct job_result job_push_stock(struct worker *w, struct arena *a, const struct job *j);
/* Queues a push_stock job (after a short coalescing wait) for each connection with SKUs due a push. */
void push_stock_schedule(struct worker *w, struct arena *a);
struct job_result job_stock_reconcile(struct worker *w, struct arena *a, const struct job *j);
/* Queues a stock_reconcile job for each shop with push on not reconciled in the last day. */
void stock_reconcile_schedule(struct worker *w, struct arena *a);

/* Enqueue helpers shared by the scheduler and handlers. */
int enqueue_token_refresh(struct db *db, int64_t merchant_id, int64_t connection_id);

#endif
