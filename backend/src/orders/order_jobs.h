/* The order jobs the sync worker runs (one file each). */
#ifndef ORDERS_ORDER_JOBS_H
#define ORDERS_ORDER_JOBS_H
#include "sync/job.h"

/* sync_orders ("Sync all"): every order created in the 60 days before the click. */
struct job_result job_sync_orders(struct worker *w, struct arena *a, const struct job *j);
/* poll_orders: orders changed since the stored cursor. */
struct job_result job_poll_orders(struct worker *w, struct arena *a, const struct job *j);
/* order_fetch: the orders named by status-change webhooks, the due jobs of one shop together (n of them, one
 * outcome for all). */
struct job_result job_order_fetch(struct worker *w, struct arena *a, const struct job *jobs, int n);

#endif
