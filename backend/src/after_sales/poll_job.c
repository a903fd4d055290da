/* Job poll_after_sales: cancellations and returns changed since the stored cursor (minus an overlap), or since the
 * start Sync all gives; then the reject reasons of those waiting for an answer. */
#include "after_sales/after_sales_jobs.h"
#include "connections/connection_tokens.h"
#include "core/arena.h"
#include "db/db.h"
#include "statements.h"
#include "sync/jobs.h"
#include "tiktok/policy.h"
#include <stdlib.h>

#define OVERLAP_SECONDS 300 /* TikTok may commit an update_time slightly in the past */
#define PAGE_SIZE 50

static struct job_result pages(struct worker *w, struct arena *a, const struct job *j, const struct conn *c,
                               enum tt_as_source src, int64_t from, int64_t to)
{
	struct tt_as_query q = { .update_time_ge = from, .update_time_lt = to, .page_size = PAGE_SIZE, .page_token = "" };
	for (int page = 0;; page++) {
		struct tt_as_page p;
		struct tt_result res;
		enum tt_status st = tt_as_search(w->tt, c->shop_cipher, c->access_token, src, &q, a, &p, &res);
		if (st != TT_OK) {
			struct job_result r = job_result_for(w, j, c, st, res.message);
			tt_result_free(&res);
			return r;
		}
		int stored = as_store(w, a, c, p.items, p.nitems);
		tt_result_free(&res);
		if (stored != 0)
			return (struct job_result){ JOB_RETRY, "store_failed", "The requests could not be stored.", DB_RETRY_SECONDS };
		if (jobs_heartbeat(w->db, j, page + 1, 0) == 0)
			return (struct job_result){ JOB_FAILED, "lease_lost", "Another worker took over this job.", 0 };
		if (*p.next_page_token == '\0' || p.nitems == 0)
			return JOB_OK;
		q.page_token = p.next_page_token;
	}
}

struct job_result job_poll_after_sales(struct worker *w, struct arena *a, const struct job *j)
{
	struct conn c;
	struct job_result stop;
	if (!job_open(w, a, j, &c, &stop))
		return stop;
	if (!c.sync_enabled)
		return JOB_OK;
	int64_t from = j->payload != NULL ? strtoll(j->payload, NULL, 10) : 0;
	if (from <= 0) {
		struct db_param p[] = { P_I64(c.id) };
		struct db_rows rows;
		int n = db_query(w->db, a, STMT_AS_SYNC_CURSOR, p, 1, &rows);
		if (n < 0)
			return (struct job_result){ JOB_RETRY, "store_failed", "The cursor could not be read.", DB_RETRY_SECONDS };
		int64_t cursor = n > 0 ? db_cell_i64(&rows, 0, AS_CURSOR_TIME) : 0;
		from = cursor > OVERLAP_SECONDS ? cursor - OVERLAP_SECONDS : c.window_start;
	}
	if (from <= 0)
		from = 1;
	int64_t to = tt_client_now(w->tt) + 1;
	struct job_result r = pages(w, a, j, &c, TT_AS_CANCELLATION, from, to);
	if (r.outcome == JOB_DONE)
		r = pages(w, a, j, &c, TT_AS_RETURN, from, to);
	if (r.outcome == JOB_DONE)
		r = as_read_reasons(w, a, j, &c);
	if (r.outcome == JOB_DONE) {
		struct db_param p[] = { P_I64(c.id), P_I64(c.merchant_id), P_I64(to) };
		db_exec(w->db, STMT_AS_SYNC_SET, p, 3, NULL);
	} else if (r.outcome == JOB_RETRY && j->payload == NULL) {
		r.outcome = JOB_FAILED; /* the next poll comes soon anyway */
	}
	return r;
}
