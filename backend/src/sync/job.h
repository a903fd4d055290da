/* What every job handler uses: the worker it runs in, how a job ends, and the steps jobs share. */
#ifndef SYNC_JOB_H
#define SYNC_JOB_H
#include <signal.h>
#include <stdint.h>
#include "tiktok/answer.h"

struct arena;
struct config;
struct db;
struct job;
struct tt_client;
struct conn;
struct ahead;

struct worker {
	const struct config *cfg;
	struct db *db;
	struct tt_client *tt;
	/* The order pages' second thread and its own TikTok client (paced through a database connection of its own): the
	 * next page is asked for while the current one is stored (orders/order_pages.c). Nothing else uses them. */
	struct ahead *ahead;
	struct tt_client *tt_ahead;
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

/* The opening of every job that works on a connection: loads it (tokens unsealed) and returns 1 when
 * it is active; else returns 0 with how the job ends in *stop: a retry when the database was unavailable,
 * done (nothing to do) when the connection is gone, disconnected or waiting for a reconnect. A job that
 * is already paging when its shop is disconnected is stopped by the store instead (shop_disconnected). */
int job_open(struct worker *w, struct arena *a, const struct job *j, struct conn *c, struct job_result *stop);

/* What a TikTok failure means for a job (token trouble queues a refresh first). */
struct job_result job_result_for(struct worker *w, const struct job *j, const struct conn *c, enum tt_status st,
                                 const char *message);
/* Queues a token refresh of the connection (once: a live one is not doubled). */
int enqueue_token_refresh(struct db *db, int64_t merchant_id, int64_t connection_id);

#endif
