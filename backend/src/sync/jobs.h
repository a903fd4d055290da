/* The job table: enqueue with de-duplication, claim with SKIP LOCKED under a lease, heartbeat, finish. */
#ifndef SYNC_JOBS_H
#define SYNC_JOBS_H
#include <stdint.h>

struct arena;
struct db;

#define JOB_LEASE_SECONDS 30

struct job {
	int64_t id;
	int64_t merchant_id;
	int64_t connection_id;
	const char *kind;
	const char *payload;   /* may be NULL */
	int attempts;          /* including this one */
	const char *cursor;    /* where a paged job stopped (NULL: from the start) */
	int64_t done;          /* the progress recorded with that cursor */
	int64_t run_id;        /* this run's row in sync_job_runs */
	const char *owner;     /* the worker holding the lease */
};

/* Queues a job unless a live one has the same dedupe key (NULL: no de-duplication).
 * Returns 1 when queued, 0 when a live duplicate exists, -1 on error. */
int jobs_enqueue(struct db *db, int64_t merchant_id, int64_t connection_id, const char *kind,
                 const char *dedupe_key, const char *payload, int delay_seconds, int64_t *id);
/* Claims the next due job (or one whose lease expired) for `owner`. 1 claimed, 0 none, -1 error. */
int jobs_claim(struct db *db, struct arena *a, const char *owner, struct job *out);
/* For a kind whose jobs run together (one TikTok call for many): claims up to max more queued jobs due now of
 * first's merchant, connection and kind for its owner. Returns how many were claimed into out, -1 on error. */
int jobs_claim_more(struct db *db, struct arena *a, const struct job *first, int max, struct job *out);
/* Renews the lease and records progress. 1 still ours, 0 lost to another worker, -1 error. */
int jobs_heartbeat(struct db *db, const struct job *j, int64_t done, int64_t total);
/* Records where a paged job has got to, so another worker can resume there. */
int jobs_set_cursor(struct db *db, const struct job *j, const char *cursor);
/* Both of the above in one statement, for a page written in the caller's transaction. 1, 0 (lost) or -1. */
int jobs_page_done(struct db *db, const struct job *j, const char *cursor, int64_t done, int64_t total);
/* Ends the job as done (code NULL) or failed with a stable code and its sentence. */
int jobs_finish(struct db *db, const struct job *j, const char *code, const char *error);
/* Puts the job back in the queue after delay_seconds, recording why. */
int jobs_retry(struct db *db, const struct job *j, const char *code, const char *error, int delay_seconds);

#endif
