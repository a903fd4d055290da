/* One merchant's share of the pool's workers for heavy requests (searches that walk thousands of rows): each
 * worker's slot, in memory the pool shares (mapped before the workers fork), names the merchant whose heavy request
 * it runs, and a merchant may hold at most half of the workers, so the others keep serving everyone else. */
#ifndef HTTP_SHARE_H
#define HTTP_SHARE_H
#include <stdint.h>

/* In the pool's master, before the workers fork; -1 when the memory cannot be mapped. */
int share_init(int workers);
/* In a worker just forked: its slot (emptied: a worker that died may have left its merchant there). */
void share_worker(int index);
/* 1 when this worker may run a heavy request of the merchant (its slot then names it); 0 when the merchant's other
 * heavy requests already hold its share. */
int share_begin(int64_t merchant_id);
/* After every request: the slot is empty again. */
void share_end(void);

#endif
