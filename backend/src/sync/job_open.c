/* "Load the connection, stop if inactive": the one opening of every job that works on a connection. */
#include "connections/connection_tokens.h"
#include "sync/jobs.h"
#include "sync/worker.h"
#include "tiktok/policy.h"
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
