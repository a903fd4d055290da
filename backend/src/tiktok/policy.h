/* One policy for TikTok trouble, written once: which failures are transient, how often and how long to
 * retry them (inside one call and across job runs), and the stable code each failure travels as. */
#ifndef TIKTOK_POLICY_H
#define TIKTOK_POLICY_H
#include "tiktok/answer.h"

#define TT_CALL_ATTEMPTS 4         /* tries of one call while the failure is transient */
#define TT_CALL_BACKOFF_MAX_MS 5000
#define JOB_MAX_ATTEMPTS 8         /* runs of one job before a transient failure is final */
#define JOB_RETRY_MAX_SECONDS 300
#define DB_RETRY_SECONDS 10        /* a job whose database was unavailable runs again after this */
#define TOKEN_RETRY_SECONDS 5      /* a job whose token was refused runs again after the refresh */

/* 1 for failures worth another try: throttled, TikTok's server error, network trouble, an unreadable answer. */
int tt_transient(enum tt_status s);
/* The wait before in-call retry `attempt` (0-based), in ms: doubling from 200, jittered up to twice that
 * by jitter (0..999), at most TT_CALL_BACKOFF_MAX_MS. */
double tt_backoff_ms(int attempt, unsigned jitter);
/* The delay before a job's next run after its run number `attempts` failed transiently. */
int job_retry_seconds(int attempts);
/* The stable snake_case code of a failure (e.g. "rate_limited"); the SPA translates it. */
const char *tt_status_code(enum tt_status s);

#endif
