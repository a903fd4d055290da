/* The after-sales jobs the sync worker runs (one file each) and the store they share. */
#ifndef AFTER_SALES_AFTER_SALES_JOBS_H
#define AFTER_SALES_AFTER_SALES_JOBS_H
#include "sync/job.h"
#include "tiktok/returns.h"

struct conn;

/* poll_after_sales: cancellations and returns changed since the stored cursor (payload: a start time, for Sync all),
 * then the reject reasons of those waiting for an answer. */
struct job_result job_poll_after_sales(struct worker *w, struct arena *a, const struct job *j);
/* after_sales_fetch: the request named by a status-change webhook ("cancellation:<id>" or "return:<id>"). */
struct job_result job_after_sales_fetch(struct worker *w, struct arena *a, const struct job *j);
/* after_sales_answer: the approval or rejection the merchant gave a request (payload: its id) sent to TikTok. */
struct job_result job_after_sales_answer(struct worker *w, struct arena *a, const struct job *j);

/* Stores requests as TikTok answered them (an older answer never moves one back), then applies the stock rule to
 * each. 0, or -1 when the database failed. */
int as_store(struct worker *w, struct arena *a, const struct conn *c, const struct tt_as_request *q, int n);
/* One request searched by TikTok id and stored; the job's outcome. */
struct job_result as_fetch_one(struct worker *w, struct arena *a, const struct job *j, const struct conn *c,
                               enum tt_as_source src, const char *id);
/* Reads and stores the reject reasons of the connection's requests waiting for an answer; the job's outcome. */
struct job_result as_read_reasons(struct worker *w, struct arena *a, const struct job *j, const struct conn *c);

#endif
