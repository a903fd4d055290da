/* Job token_refresh: a new access token before the old one expires, or "reconnect needed". */
#include "connections/connection_jobs.h"
#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"
#include "statements.h"
#include "connections/connection_tokens.h"
#include "core/config.h"
#include "mail/reconnect_mail.h"
#include "sync/jobs.h"
#include "tiktok/auth.h"
#include "tiktok/client.h"
#include "tiktok/policy.h"

/* The error is recorded first, so whoever sees "reconnect needed" also sees why; the owner gets one mail per episode. */
static void needs_reconnect(struct worker *w, int64_t conn_id, const char *why)
{
	struct db_param p[] = { P_STR("refresh_failed"), P_I64(conn_id) };
	conn_set_error(w->db, conn_id, "refresh_failed", why);
	reconnect_mark(w->db, w->cfg->public_url, conn_id, STMT_CONN_SET_REAUTH, p, 2);
}

struct job_result job_token_refresh(struct worker *w, struct arena *a, const struct job *j)
{
	struct conn c;
	struct job_result stop;
	if (!job_open(w, a, j, &c, &stop))
		return stop;
	if (c.refresh_token == NULL) {
		needs_reconnect(w, c.id, "The stored refresh token cannot be read; reconnect the shop.");
		return (struct job_result){ JOB_FAILED, "refresh_failed", "The stored refresh token cannot be read.", 0 };
	}
	struct tt_result res;
	struct tt_tokens t;
	enum tt_status st = tt_token_refresh(w->tt, c.refresh_token, &res);
	if (st == TT_OK && tt_tokens_read(res.data, a, &t) != 0)
		st = TT_ERR_MALFORMED;
	tt_result_free(&res);
	if (st == TT_OK) {
		if (conn_save_tokens(w->db, a, w->cfg, c.id, &t) < 0)
			return (struct job_result){ JOB_RETRY, "db_unavailable", "The new token could not be stored.", DB_RETRY_SECONDS };
		log_info("token_refreshed", "connection=%lld expires=%lld", (long long)c.id, (long long)t.access_expires_at);
		return JOB_OK;
	}
	const char *why = tt_status_text(st), *code = tt_status_code(st);
	if (tt_transient(st) && j->attempts < JOB_MAX_ATTEMPTS) {
		conn_set_error(w->db, c.id, code, why);
		return (struct job_result){ JOB_RETRY, code, why, job_retry_seconds(j->attempts) };
	}
	needs_reconnect(w, c.id, "TikTok refused to renew the authorization; reconnect the shop.");
	return (struct job_result){ JOB_FAILED, code, why, 0 };
}
