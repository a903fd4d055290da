/* The job table: any number of sync workers on any hosts share it without a coordinator. */
#include "sync/jobs.h"
#include "core/log.h"
#include "db/db.h"
#include "statements.h"
#include <string.h>

int jobs_enqueue(struct db *db, int64_t merchant_id, int64_t connection_id, const char *kind,
                 const char *dedupe_key, const char *payload, int delay_seconds, int64_t *id)
{
	struct db_param p[] = { P_I64(merchant_id), P_I64(connection_id), P_STR(kind), P_STR(dedupe_key),
	                        P_STR(payload), P_I64(delay_seconds) };
	int64_t insert_id = 0;
	int64_t n = db_exec(db, STMT_JOB_ENQUEUE, p, 6, &insert_id);
	if (id != NULL)
		*id = n > 0 ? insert_id : 0;
	return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/* Picks with one statement inside the open transaction; the row stays locked until commit. */
static int pick(struct db *db, struct arena *a, int stmt, int64_t *id)
{
	struct db_rows rows;
	int n = db_query(db, a, stmt, NULL, 0, &rows);
	if (n > 0)
		*id = db_cell_i64(&rows, 0, ID_ID);
	return n;
}

int jobs_claim(struct db *db, struct arena *a, const char *owner, struct job *out)
{
	memset(out, 0, sizeof(*out));
	int64_t id = 0;
	if (db_begin(db) != 0)
		return -1;
	/* A job whose worker died resumes first: it is work already under way (a backfill at its cursor). */
	int n = pick(db, a, STMT_JOB_PICK_EXPIRED, &id);
	if (n == 0)
		n = pick(db, a, STMT_JOB_PICK_QUEUED, &id);
	if (n <= 0) {
		db_rollback(db);
		return n;
	}
	struct db_param take[] = { P_STR(owner), P_I64(JOB_LEASE_SECONDS), P_I64(id) };
	struct db_param run[] = { P_I64(id), P_STR(owner) };
	int64_t run_id = 0;
	if (db_exec(db, STMT_JOB_TAKE, take, 3, NULL) != 1 || db_exec(db, STMT_JOB_RUN_START, run, 2, &run_id) != 1 ||
	    db_commit(db) != 0) {
		db_rollback(db);
		return -1;
	}
	struct db_param get[] = { P_I64(id) };
	struct db_rows rows;
	if (db_query(db, a, STMT_JOB_GET, get, 1, &rows) != 1)
		return -1;
	out->id = id;
	out->merchant_id = db_cell_i64(&rows, 0, JOB_ROW_MERCHANT_ID);
	out->connection_id = db_cell_i64(&rows, 0, JOB_ROW_CONNECTION_ID);
	out->kind = db_cell(&rows, 0, JOB_ROW_KIND);
	out->payload = db_cell(&rows, 0, JOB_ROW_PAYLOAD);
	out->attempts = (int)db_cell_i64(&rows, 0, JOB_ROW_ATTEMPTS);
	out->cursor = db_cell(&rows, 0, JOB_ROW_CURSOR);
	out->done = db_cell_i64(&rows, 0, JOB_ROW_DONE);
	out->run_id = run_id;
	out->owner = owner;
	return 1;
}

int jobs_claim_more(struct db *db, struct arena *a, const struct job *first, int max, struct job *out)
{
	struct db_param pick[] = { P_I64(first->merchant_id), P_I64(first->connection_id), P_STR(first->kind), P_I64(max) };
	struct db_rows rows;
	if (max <= 0)
		return 0;
	if (db_begin(db) != 0)
		return -1;
	int n = db_query(db, a, STMT_JOB_PICK_MORE, pick, 4, &rows);
	for (int i = 0; i < n; i++) {
		int64_t id = db_cell_i64(&rows, i, JOB_ROW_ID);
		struct db_param take[] = { P_STR(first->owner), P_I64(JOB_LEASE_SECONDS), P_I64(id) };
		struct db_param run[] = { P_I64(id), P_STR(first->owner) };
		out[i] = (struct job){
			.id = id, .merchant_id = first->merchant_id, .connection_id = first->connection_id, .kind = first->kind,
			.payload = db_cell(&rows, i, JOB_ROW_PAYLOAD), .attempts = (int)db_cell_i64(&rows, i, JOB_ROW_ATTEMPTS),
			.cursor = db_cell(&rows, i, JOB_ROW_CURSOR), .done = db_cell_i64(&rows, i, JOB_ROW_DONE),
			.owner = first->owner,
		};
		if (db_exec(db, STMT_JOB_TAKE, take, 3, NULL) != 1 || db_exec(db, STMT_JOB_RUN_START, run, 2, &out[i].run_id) != 1)
			n = -1;
	}
	if (n < 0 || db_commit(db) != 0) {
		db_rollback(db);
		return -1;
	}
	return n;
}

int jobs_heartbeat(struct db *db, const struct job *j, int64_t done, int64_t total)
{
	struct db_param p[] = { P_I64(JOB_LEASE_SECONDS), P_I64(done), P_I64(total), P_I64(j->id), P_STR(j->owner) };
	int64_t n = db_exec(db, STMT_JOB_HEARTBEAT, p, 5, NULL);
	if (n == 0)
		log_warn("job_lease_lost", "job=%lld kind=%s", (long long)j->id, j->kind);
	return n < 0 ? -1 : n > 0;
}

int jobs_set_cursor(struct db *db, const struct job *j, const char *cursor)
{
	struct db_param p[] = { P_STR(cursor), P_I64(j->id), P_STR(j->owner) };
	return db_exec(db, STMT_JOB_CURSOR_SET, p, 3, NULL) < 0 ? -1 : 0;
}

int jobs_page_done(struct db *db, const struct job *j, const char *cursor, int64_t done, int64_t total)
{
	struct db_param p[] = { P_STR(cursor), P_I64(JOB_LEASE_SECONDS), P_I64(done), P_I64(total), P_I64(j->id),
	                        P_STR(j->owner) };
	int64_t n = db_exec(db, STMT_JOB_PAGE_DONE, p, 6, NULL);
	if (n == 0)
		log_warn("job_lease_lost", "job=%lld kind=%s", (long long)j->id, j->kind);
	return n < 0 ? -1 : n > 0;
}

static void end_run(struct db *db, const struct job *j, const char *outcome)
{
	struct db_param p[] = { P_STR(outcome), P_I64(j->run_id) };
	db_exec(db, STMT_JOB_RUN_END, p, 2, NULL);
}

int jobs_finish(struct db *db, const struct job *j, const char *code, const char *error)
{
	struct db_param p[] = { P_STR(code == NULL ? "done" : "failed"), P_STR(error), P_STR(code), P_I64(j->id),
	                        P_STR(j->owner) };
	int64_t n = db_exec(db, STMT_JOB_FINISH, p, 5, NULL);
	end_run(db, j, n == 1 ? (code == NULL ? "done" : "failed") : "lease_lost");
	return n < 0 ? -1 : 0;
}

int jobs_retry(struct db *db, const struct job *j, const char *code, const char *error, int delay_seconds)
{
	struct db_param p[] = { P_STR(error), P_STR(code), P_I64(delay_seconds), P_I64(j->id), P_STR(j->owner) };
	int64_t n = db_exec(db, STMT_JOB_RETRY, p, 5, NULL);
	end_run(db, j, n == 1 ? "retry" : "lease_lost");
	return n < 0 ? -1 : 0;
}
