/* The fulfillment jobs the sync worker runs (one file each) and the schedule of the automatic slip rules. */
#ifndef FULFILLMENT_FULFILLMENT_JOBS_H
#define FULFILLMENT_FULFILLMENT_JOBS_H
#include "sync/job.h"

/* fulfillment_batch: a bulk run's orders of one shop (payload: the run's id): arrange shipment, fetch and merge
 * labels, create or export slips, each order's result stored. */
struct job_result job_fulfillment_batch(struct worker *w, struct arena *a, const struct job *j);
/* handover_slots: the pickup slots and drop-off choice of an order's packages (payload: the order's id). */
struct job_result job_handover_slots(struct worker *w, struct arena *a, const struct job *j);
/* fetch_labels: the shipping labels of the shop's packages arranged from the app, kept in the media store. */
struct job_result job_fetch_labels(struct worker *w, struct arena *a, const struct job *j);
/* fulfillment_rules: the shop's automatic slip rules applied to the orders they have not worked on yet. */
struct job_result job_fulfillment_rules(struct worker *w, struct arena *a, const struct job *j);
/* Queues a fulfillment_rules job for each shop whose rules have orders to work on. */
void fulfillment_schedule(struct worker *w, struct arena *a);

#endif
