/* Job sync_orders ("Sync all"): every order created in the 60 days before the click, paged at 100. */
#include "orders/order_jobs.h"
#include "core/arena.h"
#include "db/db.h"
#include "statements.h"
#include "connections/connection_tokens.h"
#include "sync/jobs.h"
#include "orders/order_pages.h"
#include "tiktok/orders.h"
#include <stdio.h>

struct job_result job_sync_orders(struct worker *w, struct arena *a, const struct job *j)
{
	long long start = 0, end = 0;
	if (j->payload == NULL || sscanf(j->payload, "%lld %lld", &start, &end) != 2 || start >= end)
		return (struct job_result){ JOB_FAILED, "job_invalid", "The sync window of this job is missing.", 0 };
	struct conn c;
	struct job_result stop;
	if (!job_open(w, a, j, &c, &stop))
		return stop;
	c.window_start = start;
	struct tt_order_query q = { .create_time_ge = start, .create_time_lt = end, .sort_field = "create_time",
	                            .page_size = 100 };
	struct job_result r = order_pages(w, j, &c, &q, 1);
	if (r.outcome == JOB_DONE) {
		struct db_param p[] = { P_I64(c.id) };
		db_exec(w->db, STMT_CONN_SYNCED, p, 1, NULL);
	}
	return r;
}
