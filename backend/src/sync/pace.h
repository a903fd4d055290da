/* Shop-wide pacing of TikTok calls through the database (the tt_client's pacer in the sync worker). */
#ifndef SYNC_PACE_H
#define SYNC_PACE_H

/* ctx is the struct db of the client's thread (a connection is used by one thread at a time); returns the wait
 * before calling shop (ms), or -1 when the database did not answer. */
double pace_reserve(void *ctx, const char *shop, double interval_ms);

#endif
