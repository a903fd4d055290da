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
	const char *error;       /* plain words, for merchants */
	int retry_seconds;
};

/* Runs until *stopping is set; returns the exit code. */
int worker_run(struct worker *w);

/* Job handlers (one file each). */
struct job_result job_token_refresh(struct worker *w, struct arena *a, const struct job *j);
struct job_result job_shop_check(struct worker *w, struct arena *a, const struct job *j);
struct job_result job_sync_orders(struct worker *w, struct arena *a, const struct job *j);
struct job_result job_poll_orders(struct worker *w, struct arena *a, const struct job *j);
struct job_result job_order_fetch(struct worker *w, struct arena *a, const struct job *j);
struct job_result job_pull_products(struct worker *w, struct arena *a, const struct job *j);

/* Enqueue helpers shared by the scheduler and handlers. */
int enqueue_token_refresh(struct db *db, int64_t merchant_id, int64_t connection_id);

#endif
