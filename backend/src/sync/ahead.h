/* A second thread of the sync worker that runs one call at a time while the job's own thread does other work. */
#ifndef SYNC_AHEAD_H
#define SYNC_AHEAD_H

struct ahead;
typedef void (*ahead_fn)(void *arg);

/* Starts the thread. Every signal is blocked in it, so a stop signal always reaches the job's own thread. */
struct ahead *ahead_new(void);
/* Hands fn(arg) to the thread. One call at a time: after a start, wait before the next start (a second start
 * while one is in flight aborts the process: it is a programming error). Whatever fn uses belongs to it until the
 * wait returns, and what fn wrote is visible to the caller after the wait. */
void ahead_start(struct ahead *h, ahead_fn fn, void *arg);
/* Returns once the call started last has returned; at once when none is in flight. */
void ahead_wait(struct ahead *h);
/* Waits for a call in flight, then ends and joins the thread. NULL is allowed. */
void ahead_free(struct ahead *h);

#endif
