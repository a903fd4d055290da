/* Job token_refresh: a new access token before the old one expires, or "reconnect needed". */
#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"
#include "db/sql.h"
#include "sync/connection.h"
#include "sync/jobs.h"
#include "sync/worker.h"
#include "tiktok/auth.h"
#include "tiktok/client.h"
#include <string.h>

#define MAX_ATTEMPTS 10

static void needs_reconnect(struct worker *w, int64_t conn_id, const char *why)
{
	struct db_param p[] = { P_STR("refresh_failed"), P_I64(conn_id) };
	struct db_param e[] = { P_STR(why), P_I64(conn_id) };
	db_exec(w->db, STMT_CONN_SET_REAUTH, p, 2, NULL);
	db_exec(w->db, STMT_CONN_ERROR, e, 2, NULL);
}

struct job_result job_token_refresh(struct worker *w, struct arena *a, const struct job *j)
{
	struct conn c;
	int n = conn_load(w->db, a, w->cfg, j->connection_id, &c);
	if (n < 0)
		return (struct job_result){ JOB_RETRY, "The database was unavailable.", 30 };
	if (n == 0 || strcmp(c.status, "active") != 0)
		return (struct job_result){ JOB_DONE, NULL, 0 }; /* disconnected or already waiting for the merchant */
	if (c.refresh_token == NULL) {
		needs_reconnect(w, c.id, "The stored refresh token cannot be read; reconnect the shop.");
		return (struct job_result){ JOB_FAILED, "The stored refresh token cannot be read.", 0 };
	}
	struct tt_result res;
	struct tt_tokens t;
	enum tt_status st = tt_token_refresh(w->tt, c.refresh_token, &res);
	if (st == TT_OK && tt_tokens_read(res.data, a, &t) != 0)
		st = TT_ERR_MALFORMED;
	tt_result_free(&res);
	if (st == TT_OK) {
		if (conn_save_tokens(w->db, a, w->cfg, c.id, &t) < 0)
			return (struct job_result){ JOB_RETRY, "The new token could not be stored.", 30 };
		log_info("token_refreshed", "connection=%lld expires=%lld", (long long)c.id, (long long)t.access_expires_at);
		return (struct job_result){ JOB_DONE, NULL, 0 };
	}
	const char *why = tt_status_text(st);
	int transient = st == TT_ERR_THROTTLED || st == TT_ERR_SERVER || st == TT_ERR_NETWORK || st == TT_ERR_MALFORMED;
	if (transient && j->attempts < MAX_ATTEMPTS) {
		struct db_param e[] = { P_STR(why), P_I64(c.id) };
		db_exec(w->db, STMT_CONN_ERROR, e, 2, NULL);
		return (struct job_result){ JOB_RETRY, why, j->attempts * 60 };
	}
	needs_reconnect(w, c.id, "TikTok refused to renew the authorization; reconnect the shop.");
	return (struct job_result){ JOB_FAILED, why, 0 };
}
