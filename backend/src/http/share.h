/* One merchant's share of the pool's workers for heavy requests (searches that walk thousands of rows), held only
 * while other merchants wait: each worker's slot, in memory the pool shares (mapped before the workers fork), names
 * the merchant whose heavy request it runs and the last two distinct merchants whose requests it found queued behind
 * busy workers.
 * A merchant may hold every worker while no other merchant waited in the last SHARE_WAIT_WINDOW_MS, at most half of
 * them otherwise, so the others keep serving everyone else. Callers without a merchant (health checks, webhooks,
 * sign-in) never hold a merchant back. */
#ifndef HTTP_SHARE_H
#define HTTP_SHARE_H
#include <stdint.h>

#define SHARE_WAIT_WINDOW_MS 3000

/* In the pool's master, before the workers fork; -1 when the memory cannot be mapped. */
int share_init(int workers);
/* In a worker just forked: its slot (emptied: a worker that died may have left its merchant there). */
void share_worker(int index);
/* 1 when this worker may run a heavy request of the merchant (its slot then names it); 0 when the merchant's other
 * heavy requests already hold its share while another merchant waits. */
int share_begin(int64_t merchant_id);
/* 1 when share_begin would refuse the merchant now (before the work of telling whether a request is heavy). */
int share_full(int64_t merchant_id);
/* This worker's request is not heavy after all: its place in the share is free again. */
void share_release(void);
/* After every request: the slot is empty again; queued: the request was waiting when the worker came back for it
 * (every worker was busy), and merchant_id (0: none) is then the merchant who waited. */
void share_end(int64_t merchant_id, int queued);

#endif
