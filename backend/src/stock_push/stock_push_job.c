/* Job push_stock: a connection's dirty SKUs claimed under a lease, their latest quantities (stock_plan_of) pushed per
 * TikTok product, and per SKU the pushed version recorded only over an older one; scheduling of the job when SKUs
 * become dirty. */
#include "stock_push/stock_push_jobs.h"
#include "stock_push/stock_plan.h"
#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"
#include "statements.h"
#include "connections/connection_tokens.h"
#include "sync/jobs.h"
#include "tiktok/inventory.h"
#include "tiktok/policy.h"
#include <stdio.h>
#include <string.h>

#define CLAIM_BATCH 200
#define MAX_ROUNDS 50
#define COALESCE_SECONDS 1   /* a burst of changes within this wait makes one call with the latest quantity */
#define BATCH_SKUS 100       /* TikTok takes up to 100 SKUs per update call */

void stock_push_schedule(struct worker *w, struct arena *a)
{
	struct db_rows rows;
	int n = db_query(w->db, a, STMT_PUSH_DUE_CONNS, NULL, 0, &rows);
	for (int i = 0; i < n; i++) {
		int64_t conn = db_cell_i64(&rows, i, PUSH_DUE_CONNECTION_ID);
		char key[48];
		snprintf(key, sizeof(key), "push_stock:%lld", (long long)conn);
		jobs_enqueue(w->db, db_cell_i64(&rows, i, PUSH_DUE_MERCHANT_ID), conn, "push_stock", key, NULL,
		             COALESCE_SECONDS, NULL);
	}
}

/* Records one SKU's outcome: pushed (qty >= 0), skipped (qty < 0: not linked, push off, or not managed), or refused. */
static void record(struct worker *w, const struct job *j, int64_t id, int64_t version, int64_t qty, const char *error)
{
	if (error != NULL) {
		struct db_param p[] = { P_I64(version), P_I64(version), P_STR("sku_rejected"), P_STR(error), P_I64(id),
		                        P_I64(version), P_STR(j->owner) };
		db_exec(w->db, STMT_PUSH_REJECTED, p, 7, NULL);
		return;
	}
	struct db_param q = qty >= 0 ? P_I64(qty) : P_NULL;
	struct db_param p[] = { P_I64(version), P_I64(version), q, q, P_I64(id), P_I64(version), P_STR(j->owner) };
	db_exec(w->db, STMT_PUSH_DONE, p, 7, NULL);
}

static struct job_result release(struct worker *w, const struct job *j, const struct conn *c, enum tt_status st,
                                 const char *message)
{
	struct db_param p[] = { P_STR(tt_status_code(st)), P_STR(message), P_I64(c->id), P_STR(j->owner) };
	db_exec(w->db, STMT_PUSH_RELEASE, p, 4, NULL);
	return job_result_for(w, j, c, st, message);
}

/* TikTok took the quantity: it is what TikTok has now (the preview's "TikTok has"). */
static void seen(struct worker *w, const struct conn *c, const char *sku, const char *warehouse, int64_t qty)
{
	struct db_param p[] = { P_I64(c->id), P_STR(sku), P_STR(warehouse), P_I64(c->merchant_id), P_I64(qty) };
	db_exec(w->db, STMT_TIKTOK_SKU_STOCK_SET, p, 5, NULL);
}

/* Pushes rows [from, to) of one TikTok product. 0 done, -1 a failure for the whole job (in *out). */
static int push_product(struct worker *w, struct arena *a, const struct job *j, const struct conn *c,
                        const struct db_rows *rows, int from, int to, const char *warehouse, struct job_result *out)
{
	struct tt_inv_sku *skus = arena_alloc(a, sizeof(struct tt_inv_sku) * (size_t)(to - from));
	int *row = arena_alloc(a, sizeof(int) * (size_t)(to - from));
	int n = 0;
	for (int i = from; i < to; i++) {
		struct stock_plan plan;
		stock_plan_of(rows, i, &plan);
		if (plan.action != PLAN_SEND) {
			record(w, j, db_cell_i64(rows, i, PLAN_ID), db_cell_i64(rows, i, PLAN_VERSION), -1, NULL);
			continue;
		}
		skus[n] = (struct tt_inv_sku){ db_cell(rows, i, PLAN_SKU_ID), plan.quantity, NULL };
		row[n++] = i;
	}
	for (int b = 0; b < n; b += BATCH_SKUS) {
		int m = n - b < BATCH_SKUS ? n - b : BATCH_SKUS;
		struct tt_result res;
		const char *product = db_cell(rows, from, PLAN_TT_PRODUCT_ID);
		enum tt_status st = tt_inventory_update(w->tt, c->shop_cipher, c->access_token, product, warehouse, skus + b,
		                                        m, a, &res);
		char message[256];
		snprintf(message, sizeof(message), "%s", res.message);
		tt_result_free(&res);
		if (st != TT_OK && st != TT_ERR_REJECTED) {
			*out = release(w, j, c, st, message);
			return -1;
		}
		for (int k = b; k < b + m; k++) {
			const char *error = st == TT_OK ? skus[k].error : message;
			if (error == NULL)
				seen(w, c, skus[k].sku_id, warehouse, skus[k].quantity);
			record(w, j, db_cell_i64(rows, row[k], PLAN_ID), db_cell_i64(rows, row[k], PLAN_VERSION), skus[k].quantity,
			       error);
		}
	}
	return 0;
}

struct job_result job_stock_push(struct worker *w, struct arena *a, const struct job *j)
{
	struct conn c;
	struct job_result stop;
	if (!job_open(w, a, j, &c, &stop))
		return stop;
	const char *warehouse = NULL;
	int64_t pushed = 0;
	for (int round = 0; round < MAX_ROUNDS && !*w->stopping; round++) {
		struct db_param pc[] = { P_STR(j->owner), P_I64(c.id), P_I64(CLAIM_BATCH) };
		int64_t claimed = db_exec(w->db, STMT_PUSH_CLAIM, pc, 3, NULL);
		if (claimed < 0)
			return (struct job_result){ JOB_RETRY, "db_unavailable", "The database was unavailable.", DB_RETRY_SECONDS };
		if (claimed == 0)
			break;
		struct db_param pr[] = { P_I64(c.id), P_STR(j->owner) };
		struct db_rows rows;
		int n = db_query(w->db, a, STMT_PUSH_CLAIMED, pr, 2, &rows);
		if (n < 0)
			return (struct job_result){ JOB_RETRY, "db_unavailable", "The database was unavailable.", DB_RETRY_SECONDS };
		if (n > 0 && warehouse == NULL) {
			warehouse = db_cell(&rows, 0, PLAN_TIKTOK_WAREHOUSE_ID);
			if (*warehouse == '\0') {
				struct tt_result res;
				enum tt_status st = tt_default_warehouse(w->tt, c.shop_cipher, c.access_token, a, &warehouse, &res);
				char message[256];
				snprintf(message, sizeof(message), "%s", res.message);
				tt_result_free(&res);
				if (st != TT_OK)
					return release(w, j, &c, st, message);
			}
		}
		for (int i = 0; i < n;) {
			int k = i + 1;
			while (k < n && strcmp(db_cell(&rows, k, PLAN_TT_PRODUCT_ID),
			                       db_cell(&rows, i, PLAN_TT_PRODUCT_ID)) == 0)
				k++;
			struct job_result fail;
			if (push_product(w, a, j, &c, &rows, i, k, warehouse, &fail) != 0)
				return fail;
			i = k;
		}
		pushed += n;
		if (jobs_heartbeat(w->db, j, pushed, pushed) == 0)
			return (struct job_result){ JOB_FAILED, "job_taken_over", "Another worker took this job over.", 0 };
	}
	log_info("stock_pushed", "job=%lld connection=%lld skus=%lld", (long long)j->id, (long long)c.id, (long long)pushed);
	return JOB_OK;
}
