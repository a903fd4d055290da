/* Job handover_slots: TikTok's pickup slots and drop-off choice for each package of one order, stored for the arrange
 * shipment dialog (an api request never asks TikTok). */
#include "fulfillment/fulfillment_jobs.h"
#include "connections/connection_tokens.h"
#include "core/arena.h"
#include "db/batch.h"
#include "db/db.h"
#include "statements.h"
#include "sync/jobs.h"
#include "tiktok/fulfillment.h"
#include "tiktok/policy.h"
#include <stdlib.h>

static int store(struct worker *w, struct arena *a, int64_t row, const struct tt_handover *h)
{
	struct db_param *v = arena_alloc(a, sizeof(struct db_param) * 3 * (size_t)(h->nslots > 0 ? h->nslots : 1));
	for (int i = 0; i < h->nslots; i++) {
		v[3 * i] = P_I64(row);
		v[3 * i + 1] = P_I64(h->slots[i].start_time);
		v[3 * i + 2] = P_I64(h->slots[i].end_time);
	}
	struct db_param p[] = { P_I64(h->can_pickup), P_I64(h->can_drop_off), P_I64(row) };
	struct db_param k[] = { P_I64(row) };
	if (db_begin(w->db) != 0)
		return -1;
	if (db_exec(w->db, STMT_FF_PACKAGE_SLOTS_CLEAR, k, 1, NULL) < 0 ||
	    (h->nslots > 0 && batch_exec(w->db, a, &sql_ff_slot_insert, v, h->nslots) != 0) ||
	    db_exec(w->db, STMT_FF_PACKAGE_SLOTS_READ, p, 3, NULL) < 0 || db_commit(w->db) != 0) {
		db_rollback(w->db);
		return -1;
	}
	return 0;
}

struct job_result job_handover_slots(struct worker *w, struct arena *a, const struct job *j)
{
	struct conn c;
	struct job_result stop;
	if (!job_open(w, a, j, &c, &stop))
		return stop;
	int64_t order = j->payload != NULL ? strtoll(j->payload, NULL, 10) : 0;
	struct db_param p[] = { P_I64(order) };
	struct db_rows rows;
	int n = db_query(w->db, a, STMT_FF_PACKAGES_OF, p, 1, &rows);
	if (n < 0)
		return (struct job_result){ JOB_RETRY, "store_failed", "The packages could not be read.", DB_RETRY_SECONDS };
	for (int i = 0; i < n; i++) {
		struct tt_handover h;
		struct tt_result res;
		enum tt_status st = tt_handover_slots(w->tt, c.shop_cipher, c.access_token, db_cell(&rows, i, FF_PKG_PACKAGE_ID), a,
		                                      &h, &res);
		if (st != TT_OK) {
			struct job_result r = job_result_for(w, j, &c, st, res.message);
			tt_result_free(&res);
			return r;
		}
		tt_result_free(&res);
		if (store(w, a, db_cell_i64(&rows, i, FF_PKG_ID), &h) != 0)
			return (struct job_result){ JOB_RETRY, "store_failed", "The slots could not be stored.", DB_RETRY_SECONDS };
		jobs_heartbeat(w->db, j, i + 1, n);
	}
	return JOB_OK;
}
