/* The ticker: the sandbox's background process (webhook deliveries and retries, expiry notices, the live demo). */
#ifndef SANDBOX_TICKER_H
#define SANDBOX_TICKER_H
#include <stdint.h>
#include <sys/types.h>

struct config;

struct ticker_settings {
	int tick_ms;             /* TTS_SANDBOX_TICK_MS: pause between passes (default 250) */
	int live;                /* TTS_SANDBOX_LIVE=1: the demo sellers' shops get new orders and status moves */
	int live_interval;       /* TTS_SANDBOX_LIVE_INTERVAL: seconds between live steps (default 180) */
	int notice_days;         /* type 7 goes out this many days before an authorization expires (30) */
};

/* Reads the TTS_SANDBOX_* settings of the ticker from the environment. */
void ticker_settings_load(struct ticker_settings *s);
/* Runs passes until SIGTERM/SIGINT or until the server process `server` exits; then stops the server
 * and waits for it. Returns the exit code. */
int ticker_run(const struct config *cfg, const struct ticker_settings *s, pid_t server);

struct db;
struct arena;
/* One live-demo step for every shop of a live seller: new orders, statuses moved on. -1 on error. */
int live_step(struct db *db, struct arena *a, int64_t now);
/* Queues type 7 for authorizations that expire within `days` (once per token). -1 on error. */
int expiry_notices(struct db *db, struct arena *a, int64_t now, int days);

#endif
