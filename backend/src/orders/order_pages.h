/* Paging through a TikTok order search, storing each page as it comes, with progress and resume. */
#ifndef ORDERS_ORDER_PAGES_H
#define ORDERS_ORDER_PAGES_H
#include "sync/job.h"
#include "tiktok/client.h"

struct conn;
struct tt_order_query;

/* Runs the search from the job's cursor to the last page, asking for each next page on the worker's second thread
 * while the current one is stored. `track` (0 or 1) records progress and the resume cursor on the job: the cursor
 * always names the first page not stored. Returns JOB_DONE or how it failed. */
struct job_result order_pages(struct worker *w, const struct job *j, const struct conn *c, const struct tt_order_query *q,
                              int track);


#endif
