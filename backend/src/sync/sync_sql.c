/* SQL of the sync worker (jobs, leases, pacing, webhook receipts): its statements by id (enum stmt), each with its
 * result columns; times go out as Unix seconds (the session is UTC). */
#include "statements.h"

const struct sql_statement sync_sql[STMT__MAX] = {
	/* a notification id already stored affects no row. */
	[STMT_WEBHOOK_RECEIPT_INSERT] = {
		.text = "INSERT IGNORE INTO webhook_receipts (notification_id, type, shop_id, outcome, body) VALUES (?, ?, ?, 'received', ?)",
	},
	[STMT_WEBHOOK_RECEIPT_OUTCOME] = {
		.text = "UPDATE webhook_receipts SET outcome = ? WHERE notification_id = ?",
	},
	/* a live job with the same dedupe key makes this a no-op. */
	[STMT_JOB_ENQUEUE] = {
		.text = "INSERT IGNORE INTO sync_jobs (merchant_id, connection_id, kind, dedupe_key, payload, run_after) "
		        "VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP() + INTERVAL ? SECOND)",
	},
	/* the recurring background kinds (scheduler's polls and shop checks) yield to work a merchant or TikTok
	 * started, so a throttled round of polls over many shops cannot hold a Sync all back. */
	[STMT_JOB_PICK_QUEUED] = {
		.ncols = ID__NCOLS,
		.text = "SELECT id FROM sync_jobs WHERE state = 'queued' AND run_after <= UTC_TIMESTAMP() "
		        "ORDER BY kind IN ('poll_orders', 'shop_check'), run_after, id LIMIT 1 FOR UPDATE SKIP LOCKED",
	},
	/* a running job whose worker stopped renewing its lease. */
	[STMT_JOB_PICK_EXPIRED] = {
		.ncols = ID__NCOLS,
		.text = "SELECT id FROM sync_jobs WHERE state = 'running' AND lease_expires_at < UTC_TIMESTAMP() "
		        "ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED",
	},
	/* merchant, connection, kind, limit: more queued jobs due now of the connection's kind, oldest first (a key range
	 * of ix_sync_jobs_kind), the columns of STMT_JOB_GET */
	[STMT_JOB_PICK_MORE] = {
		.ncols = JOB_ROW__NCOLS,
		.text = "SELECT id, merchant_id, connection_id, kind, payload, attempts + 1, page_cursor, progress_done FROM sync_jobs "
		        "WHERE merchant_id = ? AND connection_id = ? AND kind = ? AND state = 'queued' AND run_after <= UTC_TIMESTAMP() "
		        "ORDER BY created_at, id LIMIT ? FOR UPDATE SKIP LOCKED",
	},
	[STMT_JOB_TAKE] = {
		.text = "UPDATE sync_jobs SET state = 'running', lease_owner = ?, lease_expires_at = UTC_TIMESTAMP() + INTERVAL ? SECOND, "
		        "attempts = attempts + 1, started_at = COALESCE(started_at, UTC_TIMESTAMP()) WHERE id = ?",
	},
	[STMT_JOB_GET] = {
		.ncols = JOB_ROW__NCOLS,
		.text = "SELECT id, merchant_id, connection_id, kind, payload, attempts, page_cursor, progress_done FROM sync_jobs WHERE id = ?",
	},
	/* no row means the lease was lost to another worker. */
	[STMT_JOB_HEARTBEAT] = {
		.text = "UPDATE sync_jobs SET lease_expires_at = UTC_TIMESTAMP() + INTERVAL ? SECOND, progress_done = ?, progress_total = ? "
		        "WHERE id = ? AND lease_owner = ? AND state = 'running'",
	},
	[STMT_JOB_FINISH] = {
		.text = "UPDATE sync_jobs SET state = ?, error = ?, error_code = ?, dedupe_key = NULL, finished_at = UTC_TIMESTAMP(), "
		        "lease_owner = NULL, lease_expires_at = NULL WHERE id = ? AND lease_owner = ? AND state = 'running'",
	},
	[STMT_JOB_RETRY] = {
		.text = "UPDATE sync_jobs SET state = 'queued', error = ?, error_code = ?, run_after = UTC_TIMESTAMP() + INTERVAL ? SECOND, "
		        "lease_owner = NULL, lease_expires_at = NULL WHERE id = ? AND lease_owner = ? AND state = 'running'",
	},
	[STMT_JOB_FOR_MERCHANT] = {
		.ncols = JOB__NCOLS,
		.text = "SELECT id, kind, state, progress_done, progress_total, error, UNIX_TIMESTAMP(started_at), "
		        "UNIX_TIMESTAMP(finished_at), connection_id, UNIX_TIMESTAMP(created_at), error_code FROM sync_jobs WHERE id = ? "
		        "AND merchant_id = ?",
	},
	[STMT_JOB_RUN_START] = {
		.text = "INSERT INTO sync_job_runs (job_id, worker, started_at) VALUES (?, ?, UTC_TIMESTAMP(3))",
	},
	[STMT_JOB_RUN_END] = {
		.text = "UPDATE sync_job_runs SET finished_at = UTC_TIMESTAMP(3), outcome = ? WHERE id = ?",
	},
	/* cursor, lease seconds, done, total, id, owner: a paged job's place and progress in one write (no row: lease lost) */
	[STMT_JOB_PAGE_DONE] = {
		.text = "UPDATE sync_jobs SET page_cursor = ?, lease_expires_at = UTC_TIMESTAMP() + INTERVAL ? SECOND, progress_done = ?, "
		        "progress_total = ? WHERE id = ? AND lease_owner = ? AND state = 'running'",
	},
	[STMT_JOB_CURSOR_SET] = {
		.text = "UPDATE sync_jobs SET page_cursor = ? WHERE id = ? AND lease_owner = ? AND state = 'running'",
	},
	[STMT_JOB_BY_DEDUPE] = {
		.ncols = ID__NCOLS,
		.text = "SELECT id FROM sync_jobs WHERE dedupe_key = ?",
	},
	/* the sync log of a merchant, optionally of one connection */
	[STMT_JOB_LIST] = {
		.ncols = JOB__NCOLS,
		.text = "SELECT id, kind, state, progress_done, progress_total, error, UNIX_TIMESTAMP(started_at), "
		        "UNIX_TIMESTAMP(finished_at), connection_id, UNIX_TIMESTAMP(created_at), error_code FROM sync_jobs "
		        "WHERE merchant_id = ? AND (? IS NULL OR connection_id = ?) ORDER BY id DESC LIMIT ? OFFSET ?",
	},
	[STMT_JOB_COUNT] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT COUNT(*) FROM sync_jobs WHERE merchant_id = ? AND (? IS NULL OR connection_id = ?)",
	},
	/* shop, interval, interval: takes the shop's next call slot (at least now) and moves the next one an interval
	 * further, in one locked row change; the session variable @tts_pace_wait keeps how long to wait (ms). The
	 * VALUES are evaluated first, so a new shop waits 0. */
	[STMT_PACE_RESERVE] = {
		.text = "INSERT INTO shop_pace (shop_cipher, next_ms) VALUES "
		        "(?, (@tts_pace_now := ROUND(UNIX_TIMESTAMP(NOW(3)) * 1000)) + (@tts_pace_wait := 0) + ?) "
		        "ON DUPLICATE KEY UPDATE next_ms = @tts_pace_now + (@tts_pace_wait := GREATEST(next_ms - @tts_pace_now, 0)) + ?",
	},
	/* the wait of this session's last reservation */
	[STMT_PACE_WAIT] = {
		.ncols = PACE_WAIT__NCOLS,
		.text = "SELECT CAST(@tts_pace_wait AS SIGNED)",
	},
	/* owner pattern ('host:%'): the running jobs of one host's workers still under lease */
	[STMT_JOB_LEASES_LIKE] = {
		.ncols = JOB_LEASE__NCOLS,
		.text = "SELECT id, lease_owner FROM sync_jobs WHERE state = 'running' AND lease_expires_at >= UTC_TIMESTAMP() "
		        "AND lease_owner LIKE ?",
	},
	/* id, owner: the lease ends now, so the next claim takes the job over */
	[STMT_JOB_LEASE_EXPIRE] = {
		.text = "UPDATE sync_jobs SET lease_expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND "
		        "WHERE id = ? AND lease_owner = ? AND state = 'running'",
	},
};
