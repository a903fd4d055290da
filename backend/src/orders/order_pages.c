/* Paging through TikTok's order search: each page is stored with the job's progress and resume cursor in the same
 * transaction, while the worker's second thread already fetches the next one. */
#include "orders/order_pages.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/log.h"
#include "db/db.h"
#include "statements.h"
#include "orders/order_store.h"
#include "connections/connection_tokens.h"
#include "sync/ahead.h"
#include "sync/jobs.h"
#include "tiktok/orders.h"
#include "tiktok/policy.h"
#include <stdio.h>
#include <string.h>

/* One page's call on the second thread: the search and its parse, into the call's own arena. From its start until
 * the job's thread has waited for it, only that thread touches it; the connection is only read by both. */
struct page_call {
	struct tt_client *tt;
	const struct conn *c;
	struct tt_order_query q;
	struct arena arena;         /* the page's orders, then the store's scratch */
	struct tt_order_page page;
	enum tt_status st;
	char message[256];
};

static void page_call_run(void *arg)
{
	struct page_call *pc = arg;
	struct tt_result res;
	pc->st = tt_orders_search(pc->tt, pc->c->shop_cipher, pc->c->access_token, &pc->q, &pc->arena, &pc->page, &res);
	snprintf(pc->message, sizeof(pc->message), "%s", res.message);
	tt_result_free(&res);   /* the page read above holds copies in the arena */
}

/* Asks for the page at `token` (NULL: the first) into pc, whose arena is emptied first. */
static void page_call_start(struct worker *w, struct page_call *pc, const struct tt_order_query *q, const char *token)
{
	arena_reset(&pc->arena);
	pc->q = *q;
	pc->q.page_token = token != NULL ? arena_strdup(&pc->arena, token) : NULL;
	ahead_start(w->ahead, page_call_run, pc);
}

/* Stores a fetched page with the job's mark; 0 when paging goes on, else -1 with how the job ends in *r. */
static int store_page(struct worker *w, const struct job *j, const struct conn *c, struct page_call *pc, int last,
                      int track, int64_t *done, struct store_counts *counts, struct job_result *r)
{
	const struct tt_order_page *p = &pc->page;
	*done += p->norders;
	struct store_mark mark = { j, last ? NULL : p->next_page_token, *done, p->total_count > *done ? p->total_count : *done };
	int stored = orders_store_marked(w->db, &pc->arena, c->merchant_id, c->id, p->orders, p->norders, c->window_start,
	                                 track ? &mark : NULL, counts);
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

struct job_result order_pages(struct worker *w, const struct job *j, const struct conn *c, const struct tt_order_query *q,
                              int track)
{
	struct store_counts counts = { 0, 0, 0, 0 };
	int resume = track && j->cursor != NULL;
	int64_t done = resume ? j->done : 0;   /* a resumed run counts on from the pages stored before */
	/* two calls used in turn: page k is stored from one while page k+1 is fetched into the other, so the memory
	 * stays flat over however many pages a backfill has */
	struct page_call call[2];
	memset(call, 0, sizeof(call));
	for (int k = 0; k < 2; k++) {
		call[k].tt = w->tt_ahead;
		call[k].c = c;
		arena_init(&call[k].arena);
	}
	page_call_start(w, &call[0], q, resume ? j->cursor : NULL);
	struct job_result r = JOB_OK;
	for (int k = 0;; k ^= 1) {
		struct page_call *pc = &call[k];
		double t0 = clock_ms();
		ahead_wait(w->ahead);
		double t1 = clock_ms();
		if (pc->st != TT_OK) {
			/* pages before it are stored and the job's cursor names this one: a retry resumes here */
			r = job_result_for(w, j, c, pc->st, pc->message);
			break;
		}
		const char *next = pc->page.next_page_token;
		int last = next == NULL || *next == '\0';
		if (!last)
			page_call_start(w, &call[k ^ 1], q, next);
		int stop = store_page(w, j, c, pc, last, track, &done, &counts, &r);
		/* what a page costs the job's thread: waiting for its fetch (the part the previous store did not hide)
		 * and its store */
		log_debug("orders_page", "job=%lld orders=%d wait_ms=%.1f store_ms=%.1f", (long long)j->id, pc->page.norders,
		          t1 - t0, clock_ms() - t1);
		if (stop != 0)
			break;
		if (last) {
			log_info("orders_synced", "job=%lld connection=%lld created=%d updated=%d unchanged=%d skipped=%d",
			         (long long)j->id, (long long)c->id, counts.created, counts.updated, counts.unchanged,
			         counts.skipped);
			break;
		}
	}
	/* a page fetched ahead but not stored is dropped: the stored cursor still names it */
	ahead_wait(w->ahead);
	arena_free(&call[0].arena);
	arena_free(&call[1].arena);
	return r;
}
