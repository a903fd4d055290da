/* Sync all (start the order backfill), a sync job's progress, and the sync log. */
#include "api/common.h"
#include "api/handlers.h"
#include "sync/sync_jobs.h"
#include "audit/audit.h"
#include "core/clock.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"
#include "sync/jobs.h"
#include <stdint.h>
#include <string.h>

#define SYNC_WINDOW_SECONDS (60 * 86400)

/* Columns as STMT_JOB_FOR_MERCHANT and STMT_JOB_LIST select them. */
static void write_job(struct jw *w, const char *key, const struct db_rows *rows, int i)
{
	jw_obj_open(w, key);
	jw_int(w, "id", db_cell_i64(rows, i, JOB_ID));
	jw_int(w, "connection_id", db_cell_i64(rows, i, JOB_CONNECTION_ID));
	jw_str(w, "kind", db_cell(rows, i, JOB_KIND));
	jw_str(w, "state", db_cell(rows, i, JOB_STATE));
	jw_obj_open(w, "progress");
	jw_int(w, "done", db_cell_i64(rows, i, JOB_PROGRESS_DONE));
	jw_int(w, "total", db_cell_i64(rows, i, JOB_PROGRESS_TOTAL));
	jw_obj_close(w);
	jw_str(w, "error_code", db_cell(rows, i, JOB_ERROR_CODE));
	jw_str(w, "error", db_cell(rows, i, JOB_ERROR));
	jw_time(w, "created_at", db_cell_i64(rows, i, JOB_CREATED_AT));
	jw_time(w, "started_at", db_cell_i64(rows, i, JOB_STARTED_AT));
	jw_time(w, "finished_at", db_cell_i64(rows, i, JOB_FINISHED_AT));
	jw_obj_close(w);
}

int write_job_of(struct request *r, struct jw *w, const char *key, int64_t id)
{
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows rows;
	int n = id > 0 ? db_query(r->db, r->arena, STMT_JOB_FOR_MERCHANT, p, 2, &rows) : 0;
	if (n < 0)
		return -1;
	if (n == 0)
		jw_null(w, key);
	else
		write_job(w, key, &rows, 0);
	return 0;
}

/* Answers the job `id` of this merchant with `status`, wrapped in {"job": …} when `wrap`. */
void answer_job(struct request *r, int64_t id, int status, int wrap)
{
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows rows;
	int n = id > 0 ? db_query(r->db, r->arena, STMT_JOB_FOR_MERCHANT, p, 2, &rows) : 0;
	if (n < 0) {
		fail_db(r);
		return;
	}
	if (n == 0) {
		resp_error(r, 404, "not_found", "No such sync job.");
		return;
	}
	struct jw w;
	jw_init(&w);
	if (wrap)
		jw_obj_open(&w, NULL);
	write_job(&w, wrap ? "job" : NULL, &rows, 0);
	if (wrap)
		jw_obj_close(&w);
	resp_json(r, status, &w);
	jw_free(&w);
}

void h_sync_job_get(struct request *r)
{
	answer_job(r, req_param_id(r, 0), 200, 0);
}

/* The caller's connection `id` when it is active; otherwise answers (404, 409 or 500) and returns 0. */
static int64_t active_connection(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	struct db_param own[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows rows;
	int n = id > 0 ? db_query(r->db, r->arena, STMT_CONN_OWNED, own, 2, &rows) : 0;
	if (n < 0) {
		fail_db(r);
		return 0;
	}
	if (n == 0) {
		resp_error(r, 404, "not_found", "No such connection.");
		return 0;
	}
	if (strcmp(db_cell(&rows, 0, CONN_OWNED_STATUS), "active") != 0) {
		refuse_reconnect_required(r);
		return 0;
	}
	return id;
}

void h_conn_sync(struct request *r)
{
	int64_t id = active_connection(r);
	if (id == 0)
		return;
	struct db_rows rows;
	int64_t end = clock_now(), start = end - SYNC_WINDOW_SECONDS;
	char *key = arena_printf(r->arena, "sync_orders:%lld", (long long)id);
	char *payload = arena_printf(r->arena, "%lld %lld", (long long)start, (long long)end);
	int64_t job = 0;
	struct db_param en[] = { P_I64(start), P_I64(start), P_I64(end), P_I64(id), P_I64(r->auth.merchant_id) };
	if (db_begin(r->db) != 0)
		goto fail;
	int queued = jobs_enqueue(r->db, r->auth.merchant_id, id, "sync_orders", key, payload, 0, &job);
	if (queued < 0)
		goto fail;
	if (queued == 0) { /* a run is going: answer it instead of starting another */
		struct db_param pk[] = { P_STR(key) };
		if (db_query(r->db, r->arena, STMT_JOB_BY_DEDUPE, pk, 1, &rows) < 0)
			goto fail;
		job = rows.nrows > 0 ? db_cell_i64(&rows, 0, ID_ID) : 0;
	} else if (db_exec(r->db, STMT_CONN_ENABLE_SYNC, en, 5, NULL) < 0 ||
	           jobs_enqueue(r->db, r->auth.merchant_id, id, "poll_after_sales",
	                        arena_printf(r->arena, "poll_after_sales:%lld", (long long)id),
	                        arena_printf(r->arena, "%lld", (long long)start), 0, NULL) < 0 ||
	           audit_record(r, AUDIT_CONNECTION, id, "sync", NULL, NULL) < 0) {
		goto fail; /* the cancellation and return requests of the same window come with the orders */
	}
	if (db_commit(r->db) != 0)
		goto fail;
	answer_job(r, job, 202, 1);
	return;
fail:
	db_rollback(r->db);
	fail_db(r);
}

/* "Pull products": a pull_products job for the connection, or the one already going. */
void h_conn_pull_products(struct request *r)
{
	int64_t id = active_connection(r);
	if (id != 0)
		answer_enqueued(r, id, "pull_products");
}

void answer_enqueued(struct request *r, int64_t connection_id, const char *kind)
{
	struct db_rows rows;
	char *key = arena_printf(r->arena, "%s:%lld", kind, (long long)connection_id);
	int64_t job = 0;
	/* a new job is the merchant's request, logged with it; one already going changes nothing */
	int queued = db_begin(r->db) == 0 ? jobs_enqueue(r->db, r->auth.merchant_id, connection_id, kind, key, NULL, 0, &job) : -1;
	if (queued > 0 && audit_record(r, AUDIT_CONNECTION, connection_id, kind, NULL, NULL) < 0)
		queued = -1;
	if (queued < 0 || db_commit(r->db) != 0) {
		db_rollback(r->db);
		queued = -1;
	}
	struct db_param pk[] = { P_STR(key) };
	if (queued == 0 && db_query(r->db, r->arena, STMT_JOB_BY_DEDUPE, pk, 1, &rows) > 0)
		job = db_cell_i64(&rows, 0, ID_ID);
	if (queued < 0 || job == 0) {
		fail_db(r);
		return;
	}
	answer_job(r, job, 202, 1);
}

static void write_job_item(struct jw *w, const struct db_rows *rows, int i)
{
	write_job(w, NULL, rows, i);
}

void h_sync_job_list(struct request *r)
{
	struct jr q;
	struct page pg;
	query_errors_init(&q, r);
	page_params(&q, r, &pg);
	int64_t cid = query_int(&q, r, "connection_id", 1, INT64_MAX, 0);
	if (query_errors_answer(&q, r) != 0)
		return;
	struct db_param p[5] = { P_I64(r->auth.merchant_id), cid ? P_I64(cid) : P_NULL, cid ? P_I64(cid) : P_NULL };
	answer_list(r, &pg, STMT_JOB_COUNT, STMT_JOB_LIST, p, 3, write_job_item);
}
