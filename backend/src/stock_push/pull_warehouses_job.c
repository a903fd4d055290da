/* Job pull_warehouses: the shop's TikTok sales warehouses read from TikTok and stored whole, replacing the last list,
 * for the stock push settings' picker. */
#include "stock_push/stock_push_jobs.h"
#include "core/arena.h"
#include "core/log.h"
#include "db/batch.h"
#include "db/db.h"
#include "statements.h"
#include "connections/connection_tokens.h"
#include "sync/jobs.h"
#include "tiktok/inventory.h"
#include "tiktok/policy.h"

#define WAREHOUSE_PARAMS 6

/* Replaces the connection's list in one transaction; -1 on a database error. */
static int store_list(struct db *db, struct arena *a, const struct conn *c, const struct tt_warehouse *list, int n)
{
	struct db_param *v = arena_alloc(a, sizeof(struct db_param) * WAREHOUSE_PARAMS * (size_t)(n > 0 ? n : 1));
	for (int i = 0; i < n; i++) {
		struct db_param row[WAREHOUSE_PARAMS] = { P_I64(c->id), P_I64(i), P_I64(c->merchant_id), P_STR(list[i].id),
		                                          P_STR(list[i].name), P_I64(list[i].is_default) };
		for (int k = 0; k < WAREHOUSE_PARAMS; k++)
			v[i * WAREHOUSE_PARAMS + k] = row[k];
	}
	struct db_param key[] = { P_I64(c->id), P_I64(c->merchant_id) };
	if (db_begin(db) != 0)
		return -1;
	if (db_exec(db, STMT_TIKTOK_WAREHOUSES_CLEAR, key, 2, NULL) < 0 ||
	    (n > 0 && batch_exec(db, a, &sql_tiktok_warehouse_insert, v, n) != 0) ||
	    db_exec(db, STMT_TIKTOK_WAREHOUSES_PULLED, key, 2, NULL) < 0 || db_commit(db) != 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

struct job_result job_pull_warehouses(struct worker *w, struct arena *a, const struct job *j)
{
	struct conn c;
	struct job_result stop;
	if (!job_open(w, a, j, &c, &stop))
		return stop;
	struct tt_warehouse *list = NULL;
	int n = 0;
	struct tt_result res;
	enum tt_status st = tt_sales_warehouses(w->tt, c.shop_cipher, c.access_token, a, &list, &n, &res);
	if (st != TT_OK) {
		struct job_result r = job_result_for(w, j, &c, st, res.message);
		tt_result_free(&res);
		return r;
	}
	tt_result_free(&res);
	if (store_list(w->db, a, &c, list, n) != 0)
		return (struct job_result){ JOB_RETRY, "store_failed", "The warehouses could not be stored.", DB_RETRY_SECONDS };
	jobs_heartbeat(w->db, j, n, n);
	log_info("tiktok_warehouses_pulled", "job=%lld connection=%lld warehouses=%d", (long long)j->id, (long long)c.id, n);
	return JOB_OK;
}
