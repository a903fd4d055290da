/* The sync worker loop: schedule recurring jobs, claim one (with its shop's due jobs of a kind run together), run its
 * handler, record each outcome. */
#include "sync/worker.h"
#include "after_sales/after_sales_jobs.h"
#include "audit/audit.h"
#include "connections/connection_jobs.h"
#include "fulfillment/fulfillment_jobs.h"
#include "mail/mail_send.h"
#include "orders/order_jobs.h"
#include "products/product_jobs.h"
#include "stock_push/stock_push_jobs.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/log.h"
#include "db/db.h"
#include "statements.h"
#include "sync/jobs.h"
#include "sync/leases.h"
#include "tiktok/client.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

#define SCHEDULE_EVERY_MS 5000.0
#define PUSH_SCHEDULE_EVERY_MS 200.0
#define MAIL_EVERY_MS 500.0         /* how soon a queued e-mail (an invitation, a reset link) goes out */
#define IDLE_WAIT_MS 100
#define HEARTBEAT_EVERY_MS 1000.0   /* with a read replica: the beat whose age on the replica is its lag */
#define REFRESH_AHEAD_SECONDS 86400

typedef struct job_result (*job_fn)(struct worker *w, struct arena *a, const struct job *j);
typedef struct job_result (*jobs_fn)(struct worker *w, struct arena *a, const struct job *jobs, int n);

#define TOGETHER_MAX 50 /* the most jobs of a kind run together (TikTok's Get Order Detail takes 50 ids) */
_Static_assert(TOGETHER_MAX <= LEASE_DEBT_MAX, "a batch's leases fit in the debt");

/* Each kind's handler: run for one job, or run_together for the due jobs of one connection at once (up to
 * TOGETHER_MAX, one outcome for them all): a burst of webhooks then costs one TikTok call and one store. */
static const struct {
	const char *kind;
	job_fn run;
	jobs_fn run_together;
} kinds[] = {
	{ .kind = "token_refresh", .run = job_token_refresh },
	{ .kind = "shop_check", .run = job_shop_check },
	{ .kind = "sync_orders", .run = job_sync_orders },
	{ .kind = "poll_orders", .run = job_poll_orders },
	{ .kind = "order_fetch", .run_together = job_order_fetch },
	{ .kind = "pull_products", .run = job_pull_products },
	{ .kind = "pull_warehouses", .run = job_pull_warehouses },
	{ .kind = "push_stock", .run = job_stock_push },  /* the kind's stored name */
	{ .kind = "stock_reconcile", .run = job_stock_reconcile },
	{ .kind = "fulfillment_batch", .run = job_fulfillment_batch },
	{ .kind = "handover_slots", .run = job_handover_slots },
	{ .kind = "fetch_labels", .run = job_fetch_labels },
	{ .kind = "fulfillment_rules", .run = job_fulfillment_rules },
	{ .kind = "poll_after_sales", .run = job_poll_after_sales },
	{ .kind = "after_sales_fetch", .run = job_after_sales_fetch },
	{ .kind = "after_sales_answer", .run = job_after_sales_answer },
};

/* Queues a job per connection listed by `stmt`; live duplicates are skipped by their dedupe key. */
static void enqueue_each(struct worker *w, struct arena *a, int stmt, int64_t arg, const char *kind)
{
	struct db_param p[] = { P_I64(arg) };
	struct db_rows rows;
	int n = db_query(w->db, a, stmt, p, 1, &rows);
	for (int i = 0; i < n; i++) {
		int64_t conn = db_cell_i64(&rows, i, CONN_DUE_ID);
		char key[48];
		snprintf(key, sizeof(key), "%s:%lld", kind, (long long)conn);
		jobs_enqueue(w->db, db_cell_i64(&rows, i, CONN_DUE_MERCHANT_ID), conn, kind, key, NULL, 0, NULL);
	}
}

/* Recurring work, safe to run in every worker at once: the dedupe keys keep one live job each. */
static void schedule(struct worker *w, struct arena *a)
{
	enqueue_each(w, a, STMT_CONNS_TO_REFRESH, tt_client_now(w->tt) + REFRESH_AHEAD_SECONDS, "token_refresh");
	enqueue_each(w, a, STMT_CONNS_TO_CHECK, w->cfg->poll_interval_seconds, "shop_check");
	enqueue_each(w, a, STMT_CONNS_TO_POLL, w->cfg->poll_interval_seconds, "poll_orders");
	enqueue_each(w, a, STMT_AS_CONNS_TO_POLL, w->cfg->after_sales_poll_seconds, "poll_after_sales");
	stock_reconcile_schedule(w, a);
	fulfillment_schedule(w, a);
	audit_purge(w->db, a);
}

static int kind_index(const char *kind)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i].kind, kind) == 0)
			return (int)i;
	return -1;
}

/* Stores a job's outcome and logs it; returns -1 when the outcome could not be stored. */
static int record(struct worker *w, const struct job *j, struct job_result res, double t0, int together)
{
	int stored;
	if (res.outcome == JOB_RETRY)
		stored = jobs_retry(w->db, j, res.code, res.error, res.retry_seconds);
	else if (res.outcome == JOB_DONE)
		stored = jobs_finish(w->db, j, NULL, NULL);
	else
		stored = jobs_finish(w->db, j, res.code, res.error);
	log_info("job", "id=%lld kind=%s connection=%lld attempt=%d outcome=%s ms=%.1f together=%d%s%s%s%s%s", (long long)j->id,
	         j->kind, (long long)j->connection_id, j->attempts,
	         res.outcome == JOB_DONE ? "done" : res.outcome == JOB_RETRY ? "retry" : "failed", clock_ms() - t0, together,
	         res.code ? " code=" : "", res.code ? res.code : "", res.error ? " error=\"" : "", res.error ? res.error : "", res.error ? "\"" : "");
	return stored;
}

/* Runs the claimed job (with the due jobs of its connection claimed beside it when its kind runs them together) and
 * stores each outcome; a job whose outcome could not be stored is remembered in debt. */
static void run_claimed(struct worker *w, struct arena *a, const struct job *j, struct lease_debt *debt)
{
	double t0 = clock_ms();
	int k = kind_index(j->kind);
	struct job_result res = { JOB_FAILED, "job_invalid", "This kind of job is unknown to this worker.", 0 };
	if (k >= 0 && kinds[k].run_together != NULL) {
		struct job *all = arena_alloc(a, sizeof(*all) * TOGETHER_MAX);
		all[0] = *j;
		int more = jobs_claim_more(w->db, a, j, TOGETHER_MAX - 1, all + 1);
		int n = 1 + (more > 0 ? more : 0);
		res = kinds[k].run_together(w, a, all, n);
		/* the outcomes in one transaction: one commit for the lot */
		int failed = n > 1 && db_begin(w->db) != 0;
		for (int i = 0; i < n && !failed; i++)
			failed = record(w, &all[i], res, t0, n) < 0;
		if (n > 1 && !failed && db_commit(w->db) != 0)
			failed = 1;
		if (failed) {
			if (n > 1)
				db_rollback(w->db);
			for (int i = 0; i < n; i++)
				leases_remember(debt, all[i].id);
		}
		return;
	}
	if (k >= 0)
		res = kinds[k].run(w, a, j);
	if (record(w, j, res, t0, 1) < 0)
		leases_remember(debt, j->id);
}

int worker_run(struct worker *w)
{
	struct arena a;
	arena_init(&a);
	double last_schedule = 0, last_push_schedule = 0, last_beat = 0, last_mail = 0;
	int beat = *w->cfg->db_replica_host != '\0' || *w->cfg->db_replica_socket != '\0';
	struct lease_debt debt = { 0 };
	char host[sizeof(w->owner)];
	snprintf(host, sizeof(host), "%s", w->owner);
	char *colon = strrchr(host, ':');
	if (colon != NULL)
		*colon = '\0';
	log_info("start", "app=sync owner=%s", w->owner);
	while (!*w->stopping) {
		leases_settle(w->db, &debt, w->owner);
		if (clock_ms() - last_schedule >= SCHEDULE_EVERY_MS) {
			leases_release_dead(w->db, &a, host);
			schedule(w, &a);
			last_schedule = clock_ms();
			arena_reset(&a);
		}
		if (clock_ms() - last_push_schedule >= PUSH_SCHEDULE_EVERY_MS) {
			stock_push_schedule(w, &a);
			last_push_schedule = clock_ms();
			arena_reset(&a);
		}
		if (clock_ms() - last_mail >= MAIL_EVERY_MS) {
			mail_outbox_step(w, &a);
			last_mail = clock_ms();
			arena_reset(&a);
		}
		if (beat && clock_ms() - last_beat >= HEARTBEAT_EVERY_MS) {
			db_exec(w->db, STMT_HEARTBEAT_BEAT, NULL, 0, NULL);
			last_beat = clock_ms();
		}
		struct job j;
		int claimed = jobs_claim(w->db, &a, w->owner, &j);
		if (claimed > 0)
			run_claimed(w, &a, &j, &debt);
		arena_reset(&a);
		if (claimed <= 0 && !*w->stopping) {
			struct timespec ts = { 0, IDLE_WAIT_MS * 1000000L };
			nanosleep(&ts, NULL); /* a signal ends the wait early */
		}
	}
	/* A job whose outcome could not be stored is given back now rather than when its lease runs out. */
	leases_settle(w->db, &debt, w->owner);
	arena_free(&a);
	log_info("stop", "app=sync owner=%s", w->owner);
	return 0;
}
