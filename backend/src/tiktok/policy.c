/* The retry policy and error codes of TikTok calls and the jobs that make them. */
#include "tiktok/policy.h"

int tt_transient(enum tt_status s)
{
	return s == TT_ERR_THROTTLED || s == TT_ERR_SERVER || s == TT_ERR_NETWORK || s == TT_ERR_MALFORMED;
}

double tt_backoff_ms(int attempt, unsigned jitter)
{
	if (attempt > 10)
		attempt = 10;
	double base = 200.0 * (double)(1 << attempt);
	double ms = base + (double)(jitter % 1000) / 1000.0 * base;
	return ms > TT_CALL_BACKOFF_MAX_MS ? TT_CALL_BACKOFF_MAX_MS : ms;
}

int job_retry_seconds(int attempts)
{
	int s = 5 * (attempts > 0 ? attempts : 1);
	return s > JOB_RETRY_MAX_SECONDS ? JOB_RETRY_MAX_SECONDS : s;
}

const char *tt_status_code(enum tt_status s)
{
	switch (s) {
	case TT_OK: return "ok";
	case TT_ERR_TOKEN: return "tiktok_token_refused";
	case TT_ERR_AUTH_CODE: return "tiktok_code_refused";
	case TT_ERR_THROTTLED: return "rate_limited";
	case TT_ERR_SERVER: return "tiktok_server_error";
	case TT_ERR_NETWORK: return "tiktok_unavailable";
	case TT_ERR_MALFORMED: return "tiktok_malformed";
	case TT_ERR_REJECTED: return "tiktok_rejected";
	}
	return "tiktok_rejected";
}
