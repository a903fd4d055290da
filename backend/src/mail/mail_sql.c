/* SQL of the mail outbox: its statements by id (enum stmt), each with its result columns. */
#include "statements.h"

const struct sql_statement mail_sql[STMT__MAX] = {
	[STMT_MAIL_ENQUEUE] = {
		.text = "INSERT INTO mail_outbox (merchant_id, recipient, language, kind, vars) VALUES (?, ?, ?, ?, ?)",
	},
	/* the connection's status before it turns to reauth_required, locked until the change commits */
	[STMT_MAIL_CONN_STATUS_LOCK] = {
		.ncols = MAIL_CONN__NCOLS,
		.text = "SELECT status, merchant_id FROM connections WHERE id = ? FOR UPDATE",
	},
	/* the shop's owner learns that the shop must be reconnected, in the language they last used the app in; the caller
	 * runs it only when the connection has just turned from active to reauth_required, so one mail goes out per
	 * episode */
	[STMT_MAIL_RECONNECT_ENQUEUE] = {
		.text = "INSERT INTO mail_outbox (merchant_id, recipient, language, kind, vars) "
		        "SELECT c.merchant_id, u.email, u.language, 'reconnect', "
		        "JSON_OBJECT('link', ?, 'shop_name', c.shop_name) "
		        "FROM connections c JOIN users u ON u.merchant_id = c.merchant_id AND u.role = 'owner' "
		        "WHERE c.id = ? ORDER BY u.id LIMIT 1",
	},
	[STMT_MAIL_PICK_DUE] = {
		.ncols = ID__NCOLS,
		.text = "SELECT id FROM mail_outbox WHERE status = 'queued' AND next_attempt_at <= UTC_TIMESTAMP() "
		        "ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED",
	},
	/* a mail whose worker stopped while sending it: sent again (a mail twice beats a mail never) */
	[STMT_MAIL_PICK_EXPIRED] = {
		.ncols = ID__NCOLS,
		.text = "SELECT id FROM mail_outbox WHERE status = 'sending' AND lease_expires_at < UTC_TIMESTAMP() "
		        "ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED",
	},
	[STMT_MAIL_TAKE] = {
		.text = "UPDATE mail_outbox SET status = 'sending', lease_owner = ?, "
		        "lease_expires_at = UTC_TIMESTAMP() + INTERVAL ? SECOND, attempts = attempts + 1 WHERE id = ?",
	},
	[STMT_MAIL_GET] = {
		.ncols = MAIL_ROW__NCOLS,
		.text = "SELECT id, recipient, language, kind, vars, attempts FROM mail_outbox WHERE id = ?",
	},
	/* no row changed means another worker took the mail over after this one's lease ran out; last_error_code
	 * stays: why the tries before this one failed */
	[STMT_MAIL_SENT] = {
		.text = "UPDATE mail_outbox SET status = 'sent', sent_at = UTC_TIMESTAMP(), vars = NULL, message_id = ?, "
		        "lease_owner = NULL, lease_expires_at = NULL "
		        "WHERE id = ? AND lease_owner = ? AND status = 'sending'",
	},
	[STMT_MAIL_RETRY] = {
		.text = "UPDATE mail_outbox SET status = 'queued', last_error_code = ?, "
		        "next_attempt_at = UTC_TIMESTAMP() + INTERVAL ? SECOND, lease_owner = NULL, lease_expires_at = NULL "
		        "WHERE id = ? AND lease_owner = ? AND status = 'sending'",
	},
	[STMT_MAIL_GIVE_UP] = {
		.text = "UPDATE mail_outbox SET status = 'failed', last_error_code = ?, vars = NULL, "
		        "lease_owner = NULL, lease_expires_at = NULL WHERE id = ? AND lease_owner = ? AND status = 'sending'",
	},
};
