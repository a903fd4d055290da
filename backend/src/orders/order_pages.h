/* Paging through a TikTok order search, storing each page as it comes, with progress and resume. */
#ifndef ORDERS_ORDER_PAGES_H
#define ORDERS_ORDER_PAGES_H
#include "sync/job.h"
#include "tiktok/client.h"

struct conn;
struct tt_order_query;

/* Runs the search from the job's cursor to the last page. `track` (0 or 1) records progress
 * and the resume cursor on the job. Returns JOB_DONE or how it failed. */
struct job_result order_pages(struct worker *w, struct arena *a, const struct job *j, const struct conn *c,
                              struct tt_order_query *q, int track);


#endif
