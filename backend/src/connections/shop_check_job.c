/* Job shop_check: a light call that proves the token still works and keeps TikTok's clock known. */
#include "connections/connection_jobs.h"
#include "core/arena.h"
#include "db/db.h"
#include "statements.h"
#include "connections/connection_tokens.h"
#include "sync/jobs.h"
#include "tiktok/auth.h"
#include "tiktok/client.h"
#include "tiktok/policy.h"

struct job_result job_shop_check(struct worker *w, struct arena *a, const struct job *j)
{
	struct conn c;
	struct job_result stop;
	if (!job_open(w, a, j, &c, &stop))
		return stop;
	if (c.access_token == NULL) {
		enqueue_token_refresh(w->db, c.merchant_id, c.id);
		return JOB_OK;
	}
	struct tt_result res;
	struct tt_shop *shops;
	int nshops;
	enum tt_status st = tt_shops_get(w->tt, c.access_token, a, &shops, &nshops, &res);
	tt_result_free(&res);
	struct db_param p[] = { P_I64(c.id) };
	if (st == TT_OK) {
		db_exec(w->db, STMT_CONN_CHECKED, p, 1, NULL);
		return JOB_OK;
	}
	if (st == TT_ERR_TOKEN) { /* refresh after a token-expired error */
		enqueue_token_refresh(w->db, c.merchant_id, c.id);
		return JOB_OK;
	}
	struct db_param e[] = { P_STR(tt_status_code(st)), P_STR(tt_status_text(st)), P_I64(c.id) };
	db_exec(w->db, STMT_CONN_CHECK_FAILED, e, 3, NULL);
	return (struct job_result){ JOB_FAILED, tt_status_code(st), tt_status_text(st), 0 };
}
