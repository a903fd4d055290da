/* The stock push jobs the sync worker runs, and their schedules (one file each). */
#ifndef STOCK_PUSH_STOCK_PUSH_JOBS_H
#define STOCK_PUSH_STOCK_PUSH_JOBS_H
#include "sync/job.h"

/* stock push (job kind "push_stock"): a connection's SKUs due a push, their quantities sent to TikTok. */
struct job_result job_stock_push(struct worker *w, struct arena *a, const struct job *j);
/* Queues a stock push job (after a short coalescing wait) for each connection with SKUs due a push. */
void stock_push_schedule(struct worker *w, struct arena *a);
/* stock_reconcile: TikTok's quantities compared with what the app would push; differences marked due. */
struct job_result job_stock_reconcile(struct worker *w, struct arena *a, const struct job *j);
/* Queues a stock_reconcile job for each shop with push on not reconciled in the last day. */
void stock_reconcile_schedule(struct worker *w, struct arena *a);
/* pull_warehouses: the shop's TikTok sales warehouses, stored whole. */
struct job_result job_pull_warehouses(struct worker *w, struct arena *a, const struct job *j);

#endif
