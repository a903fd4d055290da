/* Paging through TikTok's order search: fetch, store, record progress and the resume cursor. */
#include "orders/order_pages.h"
#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"
#include "statements.h"
#include "orders/order_store.h"
#include "connections/connection_tokens.h"
#include "sync/jobs.h"
#include "tiktok/orders.h"
#include "tiktok/policy.h"
#include <string.h>

struct job_result order_pages(struct worker *w, struct arena *a, const struct job *j, const struct conn *c,
                              struct tt_order_query *q, int track)
{
	struct store_counts counts = { 0, 0, 0, 0 };
	int64_t done = 0;
	q->page_token = track ? j->cursor : NULL;
	for (;;) {
		struct arena page;
		arena_init(&page);
		struct tt_result res;
		struct tt_order_page p;
		enum tt_status st = tt_orders_search(w->tt, c->shop_cipher, c->access_token, q, &page, &p, &res);
		if (st != TT_OK) {
			struct job_result r = job_result_for(w, j, c, st, res.message);
			tt_result_free(&res);
			arena_free(&page);
			return r;
		}
		int stored = orders_store(w->db, &page, c->merchant_id, c->id, p.orders, p.norders, c->window_start, &counts);
		tt_result_free(&res);
		done += p.norders;
		int last = p.next_page_token == NULL || *p.next_page_token == '\0';
		int still_ours = 1;
		if (stored == 0 && track) {
			jobs_set_cursor(w->db, j, last ? NULL : p.next_page_token);
			still_ours = jobs_heartbeat(w->db, j, done, p.total_count > done ? p.total_count : done) > 0;
		}
		q->page_token = last ? NULL : arena_strdup(a, p.next_page_token);
		arena_free(&page);
		if (stored == STORE_CONN_GONE)
			return (struct job_result){ JOB_FAILED, "shop_disconnected", "The shop was disconnected; paging stopped.", 0 };
		if (stored != 0)
			return (struct job_result){ JOB_RETRY, "store_failed", "The orders could not be stored.", DB_RETRY_SECONDS };
		if (!still_ours)
			return (struct job_result){ JOB_FAILED, "job_taken_over", "Another worker took this job over.", 0 };
		if (last)
			break;
		if (*w->stopping)
			return (struct job_result){ JOB_RETRY, "worker_stopped", "The worker stopped; another one resumes here.", 0 };
	}
	log_info("orders_synced", "job=%lld connection=%lld created=%d updated=%d unchanged=%d skipped=%d",
	         (long long)j->id, (long long)c->id, counts.created, counts.updated, counts.unchanged, counts.skipped);
	return JOB_OK;
}
