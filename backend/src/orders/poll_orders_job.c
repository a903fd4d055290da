/* Job poll_orders: after Sync all, orders changed since the stored cursor (minus an overlap). */
#include "orders/order_jobs.h"
#include "core/arena.h"
#include "db/db.h"
#include "statements.h"
#include "connections/connection_tokens.h"
#include "sync/jobs.h"
#include "orders/order_pages.h"
#include "tiktok/orders.h"

#define OVERLAP_SECONDS 300 /* TikTok may commit an update_time slightly in the past */

struct job_result job_poll_orders(struct worker *w, struct arena *a, const struct job *j)
{
	struct conn c;
	struct job_result stop;
	if (!job_open(w, a, j, &c, &stop))
		return stop;
	if (!c.sync_enabled)
		return JOB_OK;
	int64_t to = tt_client_now(w->tt) + 1;
	int64_t from = c.poll_cursor > OVERLAP_SECONDS ? c.poll_cursor - OVERLAP_SECONDS : 1;
	struct tt_order_query q = { .create_time_ge = c.window_start, .update_time_ge = from, .update_time_lt = to,
	                            .sort_field = "update_time", .page_size = 100 };
	struct job_result r = order_pages(w, j, &c, &q, 0);
	if (r.outcome == JOB_DONE) {
		struct db_param p[] = { P_I64(to), P_I64(c.id) };
		db_exec(w->db, STMT_CONN_POLLED, p, 2, NULL);
	} else if (r.outcome == JOB_RETRY) {
		r.outcome = JOB_FAILED; /* the next poll comes soon anyway */
	}
	return r;
}
