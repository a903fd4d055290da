/* Job stock_reconcile: TikTok's quantities read through the product search (and kept as what TikTok has), compared
 * with what the app would push (stock_plan_of), each differing SKU recorded and marked due a push (the push job
 * corrects it); scheduling once a day per shop. */
#include "stock_push/stock_push_jobs.h"
#include "stock_push/stock_plan.h"
#include "stock_push/tiktok_stock.h"
#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"
#include "statements.h"
#include "connections/connection_tokens.h"
#include "sync/jobs.h"
#include "tiktok/inventory.h"
#include "tiktok/policy.h"
#include "tiktok/products.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_SIZE 100
#define DAY_SECONDS 86400

struct expected {
	const char *sku_id;
	int64_t id, qty, pending;
};

static int by_sku(const void *a, const void *b)
{
	return strcmp(((const struct expected *)a)->sku_id, ((const struct expected *)b)->sku_id);
}

void stock_reconcile_schedule(struct worker *w, struct arena *a)
{
	struct db_param p[] = { P_I64(DAY_SECONDS) };
	struct db_rows rows;
	int n = db_query(w->db, a, STMT_CONNS_TO_RECONCILE, p, 1, &rows);
	for (int i = 0; i < n; i++) {
		int64_t conn = db_cell_i64(&rows, i, CONN_DUE_ID);
		char key[48];
		snprintf(key, sizeof(key), "stock_reconcile:%lld", (long long)conn);
		jobs_enqueue(w->db, db_cell_i64(&rows, i, CONN_DUE_MERCHANT_ID), conn, "stock_reconcile", key, NULL, 0, NULL);
	}
}

/* Keeps one page's quantities and compares its SKUs; counts into *checked and *corrected. -1 on a database error. */
static int compare_page(struct worker *w, struct arena *a, const struct job *j, const struct conn *c,
                        const struct tt_product_page *pg, struct expected *ex, size_t nex, const char *warehouse,
                        int64_t *checked, int64_t *corrected)
{
	for (int i = 0; i < pg->nproducts; i++) {
		if (tiktok_stock_seen(w->db, a, c->merchant_id, c->id, &pg->products[i]) != 0)
			return -1;
		for (int k = 0; k < pg->products[i].nskus; k++) {
			const struct tt_sku *s = &pg->products[i].skus[k];
			struct expected key = { .sku_id = s->id };
			struct expected *e = bsearch(&key, ex, nex, sizeof(*ex), by_sku);
			if (e == NULL || e->pending)
				continue;   /* not linked, or a push of it is on its way */
			(*checked)++;
			int64_t have = tt_sku_quantity(s, warehouse);
			if (have == e->qty)
				continue;
			struct db_param pi[] = { P_I64(j->id), P_I64(e->id), P_I64(have), P_I64(e->qty) };
			struct db_param pm[] = { P_I64(e->id), P_I64(c->merchant_id), P_I64(c->id) };
			if (db_exec(w->db, STMT_RECONCILE_ITEM_ADD, pi, 4, NULL) < 0 ||
			    db_exec(w->db, STMT_STOCK_PUSH_MARK_SKU, pm, 3, NULL) < 0)
				return -1;
			(*corrected)++;
		}
	}
	return 0;
}

struct job_result job_stock_reconcile(struct worker *w, struct arena *a, const struct job *j)
{
	struct conn c;
	struct job_result stop;
	if (!job_open(w, a, j, &c, &stop))
		return stop;
	static const struct job_result db_down = { JOB_RETRY, "db_unavailable", "The database was unavailable.", DB_RETRY_SECONDS };
	struct db_param pc[] = { P_I64(c.merchant_id), P_I64(c.id) };
	struct db_rows rows;
	int n = db_query(w->db, a, STMT_STOCK_PLAN, pc, 2, &rows);
	struct db_param ps[] = { P_I64(j->id), P_I64(c.merchant_id), P_I64(c.id) };
	struct db_param pj[] = { P_I64(j->id) };
	if (n < 0 || db_exec(w->db, STMT_RECONCILE_START, ps, 3, NULL) < 0 ||
	    db_exec(w->db, STMT_RECONCILE_ITEMS_CLEAR, pj, 1, NULL) < 0)
		return db_down;
	int64_t checked = 0, corrected = 0;
	if (n > 0) {
		struct expected *ex = arena_alloc(a, sizeof(*ex) * (size_t)n);
		size_t nex = 0;
		for (int i = 0; i < n; i++) {
			struct stock_plan plan;
			stock_plan_of(&rows, i, &plan);
			if (plan.action == PLAN_SEND)   /* a SKU the push leaves alone is TikTok's to keep */
				ex[nex++] = (struct expected){ db_cell(&rows, i, PLAN_SKU_ID), db_cell_i64(&rows, i, PLAN_ID),
				                               plan.quantity, db_cell_i64(&rows, i, PLAN_PENDING) };
		}
		qsort(ex, nex, sizeof(*ex), by_sku);
		const char *warehouse = db_cell(&rows, 0, PLAN_TIKTOK_WAREHOUSE_ID);
		struct tt_result res;
		if (*warehouse == '\0') {
			enum tt_status st = tt_default_warehouse(w->tt, c.shop_cipher, c.access_token, a, &warehouse, &res);
			if (st != TT_OK) {
				struct job_result r = job_result_for(w, j, &c, st, res.message);
				tt_result_free(&res);
				return r;
			}
			tt_result_free(&res);
		}
		const char *token = NULL;
		int64_t seen = 0;
		do {
			struct arena page;
			arena_init(&page);
			struct tt_product_page pg;
			enum tt_status st = tt_products_search(w->tt, c.shop_cipher, c.access_token, PAGE_SIZE, token, &page, &pg, &res);
			if (st != TT_OK) {
				struct job_result r = job_result_for(w, j, &c, st, res.message);
				tt_result_free(&res);
				arena_free(&page);
				return r;
			}
			tt_result_free(&res);
			/* a page's differences and their marks in one transaction: none is recorded without its push */
			int64_t was_checked = checked, was_corrected = corrected;
			int bad = db_begin(w->db) != 0 ||
			          compare_page(w, &page, j, &c, &pg, ex, nex, warehouse, &checked, &corrected) != 0 ||
			          db_commit(w->db) != 0;
			if (bad) {
				db_rollback(w->db);
				checked = was_checked;
				corrected = was_corrected;
			}
			seen += pg.nproducts;
			token = pg.next_page_token != NULL && *pg.next_page_token ? arena_strdup(a, pg.next_page_token) : NULL;
			int64_t total = pg.total_count > seen ? pg.total_count : seen;
			arena_free(&page);
			if (bad)
				return db_down;
			if (jobs_heartbeat(w->db, j, seen, total) == 0)
				return (struct job_result){ JOB_FAILED, "job_taken_over", "Another worker took this job over.", 0 };
			if (*w->stopping && token != NULL)
				return (struct job_result){ JOB_RETRY, "worker_stopped", "The worker stopped; another one starts over.", 0 };
		} while (token != NULL);
	}
	struct db_param pf[] = { P_I64(checked), P_I64(corrected), P_I64(j->id) };
	if (db_exec(w->db, STMT_RECONCILE_FINISH, pf, 3, NULL) < 0)
		return db_down;
	log_info("stock_reconciled", "job=%lld connection=%lld checked=%lld corrected=%lld", (long long)j->id,
	         (long long)c.id, (long long)checked, (long long)corrected);
	return JOB_OK;
}
