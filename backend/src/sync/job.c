/* The steps jobs share: the opening of a job on a connection, what a TikTok failure means, a token refresh queued. */
#include "connections/connection_tokens.h"
#include "sync/jobs.h"
#include "sync/job.h"
#include "core/log.h"
#include "db/db.h"
#include "tiktok/policy.h"
#include <stdio.h>
#include <string.h>

int job_open(struct worker *w, struct arena *a, const struct job *j, struct conn *c, struct job_result *stop)
{
	int n = conn_load(w->db, a, w->cfg, j->connection_id, c);
	if (n < 0) {
		*stop = (struct job_result){ JOB_RETRY, "db_unavailable", "The database was unavailable.", DB_RETRY_SECONDS };
		return 0;
	}
	if (n == 0 || strcmp(c->status, "active") != 0) {
		*stop = JOB_OK; /* nothing to do for a shop that is gone or waits for its merchant to reconnect */
		return 0;
	}
	return 1;
}

struct job_result job_result_for(struct worker *w, const struct job *j, const struct conn *c, enum tt_status st,
                                 const char *message)
{
	const char *why = tt_status_text(st), *code = tt_status_code(st);
	conn_set_error(w->db, c->id, code, why);
	log_warn("tiktok_failed", "job=%lld kind=%s status=%d message=\"%s\"", (long long)j->id, j->kind, (int)st, message);
	if (j->attempts >= JOB_MAX_ATTEMPTS)
		return (struct job_result){ JOB_FAILED, code, why, 0 };
	if (st == TT_ERR_TOKEN) {
		enqueue_token_refresh(w->db, c->merchant_id, c->id);
		return (struct job_result){ JOB_RETRY, code, why, TOKEN_RETRY_SECONDS };
	}
	if (tt_transient(st))
		return (struct job_result){ JOB_RETRY, code, why, job_retry_seconds(j->attempts) };
	return (struct job_result){ JOB_FAILED, code, why, 0 };
}

int enqueue_token_refresh(struct db *db, int64_t merchant_id, int64_t connection_id)
{
	char key[48];
	snprintf(key, sizeof(key), "token_refresh:%lld", (long long)connection_id);
	return jobs_enqueue(db, merchant_id, connection_id, "token_refresh", key, NULL, 0, NULL);
}
