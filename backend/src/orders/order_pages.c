/* Paging through TikTok's order search: fetch, then store each page with the job's progress and resume cursor in
 * the same transaction. */
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

/* One page: fetch, store, record; `next` receives the following page's token (NULL after the last) in `keep`. */
static int one_page(struct worker *w, const struct job *j, const struct conn *c, struct tt_order_query *q, int track,
                    struct arena *keep, const char **next, int64_t *done, struct store_counts *counts,
                    struct job_result *r)
{
	struct arena page;
	arena_init(&page);
	struct tt_result res;
	struct tt_order_page p;
	enum tt_status st = tt_orders_search(w->tt, c->shop_cipher, c->access_token, q, &page, &p, &res);
	if (st != TT_OK) {
		*r = job_result_for(w, j, c, st, res.message);
		tt_result_free(&res);
		arena_free(&page);
		return -1;
	}
	int last = p.next_page_token == NULL || *p.next_page_token == '\0';
	*done += p.norders;
	struct store_mark mark = { j, last ? NULL : p.next_page_token, *done, p.total_count > *done ? p.total_count : *done };
	int stored = orders_store_marked(w->db, &page, c->merchant_id, c->id, p.orders, p.norders, c->window_start,
	                                 track ? &mark : NULL, counts);
	tt_result_free(&res);
	*next = last ? NULL : arena_strdup(keep, p.next_page_token);
	arena_free(&page);
	if (stored == STORE_CONN_GONE)
		*r = (struct job_result){ JOB_FAILED, "shop_disconnected", "The shop was disconnected; paging stopped.", 0 };
	else if (stored == STORE_LEASE_LOST)
		*r = (struct job_result){ JOB_FAILED, "job_taken_over", "Another worker took this job over.", 0 };
	else if (stored != 0)
		*r = (struct job_result){ JOB_RETRY, "store_failed", "The orders could not be stored.", DB_RETRY_SECONDS };
	else if (!last && *w->stopping)
		*r = (struct job_result){ JOB_RETRY, "worker_stopped", "The worker stopped; another one resumes here.", 0 };
	else
		return 0;
	return -1;
}

struct job_result order_pages(struct worker *w, struct arena *a, const struct job *j, const struct conn *c,
                              struct tt_order_query *q, int track)
{
	struct store_counts counts = { 0, 0, 0, 0 };
	int64_t done = 0;
	/* the next page's token lives in one of two arenas while the other is reused: the memory stays flat over
	 * however many pages a backfill has */
	struct arena keep[2];
	arena_init(&keep[0]);
	arena_init(&keep[1]);
	q->page_token = track && j->cursor != NULL ? arena_strdup(a, j->cursor) : NULL;
	struct job_result r = JOB_OK;
	for (int k = 0;; k ^= 1) {
		arena_reset(&keep[k]);
		const char *next;
		if (one_page(w, j, c, q, track, &keep[k], &next, &done, &counts, &r) != 0)
			break;
		q->page_token = next;
		if (next == NULL) {
			log_info("orders_synced", "job=%lld connection=%lld created=%d updated=%d unchanged=%d skipped=%d",
			         (long long)j->id, (long long)c->id, counts.created, counts.updated, counts.unchanged,
			         counts.skipped);
			break;
		}
	}
	q->page_token = NULL;
	arena_free(&keep[0]);
	arena_free(&keep[1]);
	return r;
}
