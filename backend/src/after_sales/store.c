/* Requests stored from TikTok's answers (with their lines), fetched one by one, and their reject reasons cached for
 * the reject dialog: api requests read all of it from here and never call TikTok. */
#include "after_sales/after_sales_jobs.h"
#include "after_sales/status.h"
#include "after_sales/stock_rule.h"
#include "connections/connection_tokens.h"
#include "core/arena.h"
#include "db/batch.h"
#include "db/db.h"
#include "statements.h"
#include "sync/jobs.h"
#include "tiktok/policy.h"
#include <string.h>

static const struct batch_sql line_upsert = {
	.head = "INSERT INTO after_sales_lines (request_id, merchant_id, sku_id, seller_sku, product_name, sku_name, quantity) "
	        "VALUES ",
	.row = "(?, ?, ?, ?, ?, ?, ?)",
	.tail = " ON DUPLICATE KEY UPDATE quantity = VALUES(quantity)",
	.params = 7,
};

static const struct batch_sql reason_insert = {
	.head = "INSERT INTO after_sales_reject_reasons (request_id, name, text, position) VALUES ",
	.row = "(?, ?, ?, ?)",
	.tail = " ON DUPLICATE KEY UPDATE text = VALUES(text), position = VALUES(position)",
	.params = 4,
};

static const char *source_name(enum tt_as_source s)
{
	return s == TT_AS_RETURN ? "return" : "cancellation";
}

/* Cuts a TikTok text to the column's length in characters without splitting one. */
static const char *cut(struct arena *a, const char *s, size_t max)
{
	size_t chars = 0, i = 0;
	for (; s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && chars++ == max)
			return arena_strndup(a, s, i);
	return s;
}

static int store_one(struct worker *w, struct arena *a, const struct conn *c, const struct tt_as_request *q)
{
	const char *src = source_name(q->source);
	const char *kind = q->source == TT_AS_RETURN ? as_return_kind(q->type) : "cancellation";
	const char *status = as_status_of(q->status);
	int waiting = strcmp(status, "waiting") == 0 && q->deadline > 0;
	struct db_param p[] = {
		P_I64(c->merchant_id), P_I64(c->id), P_STR(src), P_STR(q->id), P_STR(q->order_id), P_I64(c->id),
		P_STR(q->order_id), P_STR(kind), P_STR(status), P_STR(q->status), P_STR(cut(a, q->type, 32)),
		P_STR(cut(a, q->role, 16)), P_STR(cut(a, q->reason, 128)), P_STR(cut(a, q->reason_text, 500)),
		P_STR(cut(a, q->seller_action, 64)), waiting ? P_I64(q->deadline) : P_NULL, P_STR(q->refund_total),
		P_STR(q->currency), P_I64(q->create_time), P_I64(q->update_time),
	};
	if (db_exec(w->db, STMT_AS_UPSERT, p, 20, NULL) < 0)
		return -1;
	struct db_param k[] = { P_I64(c->id), P_STR(src), P_STR(q->id) };
	struct db_rows row;
	if (db_query(w->db, a, STMT_AS_ID_OF, k, 3, &row) != 1)
		return -1;
	int64_t id = db_cell_i64(&row, 0, ID_ID);
	if (q->nlines > 0) {
		struct db_param *v = arena_alloc(a, sizeof(struct db_param) * 7 * (size_t)q->nlines);
		for (int i = 0; i < q->nlines; i++) {
			const struct tt_as_line *l = &q->lines[i];
			struct db_param *x = v + 7 * i;
			x[0] = P_I64(id);
			x[1] = P_I64(c->merchant_id);
			x[2] = P_STR(l->sku_id);
			x[3] = P_STR(cut(a, l->seller_sku, 128));
			x[4] = P_STR(cut(a, l->product_name, 500));
			x[5] = P_STR(cut(a, l->sku_name, 255));
			x[6] = P_I64(l->quantity);
		}
		if (batch_exec(w->db, a, &line_upsert, v, q->nlines) != 0)
			return -1;
	}
	return as_stock_rule(w, a, id);
}

int as_store(struct worker *w, struct arena *a, const struct conn *c, const struct tt_as_request *q, int n)
{
	for (int i = 0; i < n; i++)
		if (store_one(w, a, c, &q[i]) != 0)
			return -1;
	return 0;
}

struct job_result as_fetch_one(struct worker *w, struct arena *a, const struct job *j, const struct conn *c,
                               enum tt_as_source src, const char *id)
{
	struct tt_as_query q = { .id = id, .page_size = 1 };
	struct tt_as_page page;
	struct tt_result res;
	enum tt_status st = tt_as_search(w->tt, c->shop_cipher, c->access_token, src, &q, a, &page, &res);
	if (st != TT_OK) {
		struct job_result r = job_result_for(w, j, c, st, res.message);
		tt_result_free(&res);
		return r;
	}
	int stored = as_store(w, a, c, page.items, page.nitems);
	tt_result_free(&res);
	if (stored != 0)
		return (struct job_result){ JOB_RETRY, "store_failed", "The request could not be stored.", DB_RETRY_SECONDS };
	return as_read_reasons(w, a, j, c);
}

struct job_result as_read_reasons(struct worker *w, struct arena *a, const struct job *j, const struct conn *c)
{
	struct db_param p[] = { P_I64(c->id) };
	struct db_rows rows;
	int n = db_query(w->db, a, STMT_AS_NEED_REASONS, p, 1, &rows);
	if (n < 0)
		return (struct job_result){ JOB_RETRY, "store_failed", "The requests could not be read.", DB_RETRY_SECONDS };
	for (int i = 0; i < n; i++) {
		int64_t id = db_cell_i64(&rows, i, AS_NEED_ID);
		struct tt_reason *reasons;
		int nr;
		struct tt_result res;
		enum tt_status st = tt_as_reject_reasons(w->tt, c->shop_cipher, c->access_token,
		                                         db_cell(&rows, i, AS_NEED_EXTERNAL_ID), a, &reasons, &nr, &res);
		if (st != TT_OK) {
			struct job_result r = job_result_for(w, j, c, st, res.message);
			tt_result_free(&res);
			return r;
		}
		struct db_param *v = arena_alloc(a, sizeof(struct db_param) * 4 * (size_t)(nr > 0 ? nr : 1));
		for (int k = 0; k < nr; k++) {
			v[4 * k] = P_I64(id);
			v[4 * k + 1] = P_STR(reasons[k].name);
			v[4 * k + 2] = P_STR(cut(a, reasons[k].text, 500));
			v[4 * k + 3] = P_I64(k);
		}
		struct db_param one[] = { P_I64(id) };
		int ok = db_begin(w->db) == 0 && db_exec(w->db, STMT_AS_REASONS_CLEAR, one, 1, NULL) >= 0 &&
		         (nr == 0 || batch_exec(w->db, a, &reason_insert, v, nr) == 0) &&
		         db_exec(w->db, STMT_AS_REASONS_READ, one, 1, NULL) >= 0 && db_commit(w->db) == 0;
		tt_result_free(&res);
		if (!ok) {
			db_rollback(w->db);
			return (struct job_result){ JOB_RETRY, "store_failed", "The reject reasons could not be stored.",
				                    DB_RETRY_SECONDS };
		}
	}
	return JOB_OK;
}
