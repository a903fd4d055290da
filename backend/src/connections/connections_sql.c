/* SQL of TikTok connections (authorization, tokens, the connection rows the jobs schedule from): its statements by
 * id (enum stmt), each with its result columns; times go out as Unix seconds (the session is UTC). */
#include "statements.h"

const struct sql_statement connections_sql[STMT__MAX] = {
	[STMT_OAUTH_STATE_INSERT] = {
		.text = "INSERT INTO oauth_states (nonce, merchant_id, user_id, region, expires_at) VALUES (?, ?, ?, ?, FROM_UNIXTIME(?))",
	},
	[STMT_OAUTH_STATE_GET] = {
		.ncols = OAUTH_STATE__NCOLS,
		.text = "SELECT merchant_id, user_id, region, UNIX_TIMESTAMP(expires_at), used_at IS NOT NULL FROM "
		        "oauth_states WHERE nonce = ?",
	},
	[STMT_OAUTH_STATE_USE] = {
		.text = "UPDATE oauth_states SET used_at = UTC_TIMESTAMP() WHERE nonce = ? AND used_at IS NULL AND expires_at"
		        " > UTC_TIMESTAMP()",
	},
	[STMT_CONN_SHOP_TAKEN] = {
		.ncols = ID__NCOLS,
		.text = "SELECT id FROM connections WHERE channel = 'tiktok' AND shop_id = ? AND merchant_id <> ? "
		        "AND status <> 'disconnected' LIMIT 1 FOR UPDATE",
	},
	/* a shop connected again is updated in place and becomes active. */
	[STMT_CONN_UPSERT] = {
		.text = "INSERT INTO connections (merchant_id, shop_id, shop_cipher, shop_name, shop_code, region, seller_name, open_id, "
		        "status, access_token_enc, refresh_token_enc, access_expires_at, refresh_expires_at, connected_at) "
		        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?), UTC_TIMESTAMP()) "
		        "ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id), shop_cipher = VALUES(shop_cipher), shop_name = VALUES(shop_name), "
		        "shop_code = VALUES(shop_code), region = VALUES(region), seller_name = VALUES(seller_name), "
		        "open_id = VALUES(open_id), status = 'active', status_reason = NULL, access_token_enc = VALUES(access_token_enc), "
		        "refresh_token_enc = VALUES(refresh_token_enc), access_expires_at = VALUES(access_expires_at), "
		        "refresh_expires_at = VALUES(refresh_expires_at), expiry_warning_at = NULL, disconnected_at = NULL, "
		        "connected_at = UTC_TIMESTAMP(), last_error = NULL, last_error_code = NULL, last_error_at = NULL",
	},
	[STMT_CONN_LIST] = {
		.ncols = CONN_LIST__NCOLS,
		.text = "SELECT c.id, c.shop_id, c.shop_name, c.shop_code, c.region, c.seller_name, c.status, c.status_reason, "
		        "UNIX_TIMESTAMP(c.connected_at), UNIX_TIMESTAMP(c.access_expires_at), UNIX_TIMESTAMP(c.expiry_warning_at), "
		        "UNIX_TIMESTAMP(c.last_synced_at), c.last_error, UNIX_TIMESTAMP(c.last_error_at), "
		        "j.id, j.kind, j.state, j.progress_done, j.progress_total, c.last_error_code "
		        "FROM connections c LEFT JOIN sync_jobs j ON j.id = (SELECT MAX(id) FROM sync_jobs s "
		        "WHERE s.merchant_id = c.merchant_id AND s.connection_id = c.id AND s.kind = 'sync_orders') "
		        "WHERE c.merchant_id = ? AND (c.status <> 'disconnected' OR ? = 1) ORDER BY c.id LIMIT ? OFFSET ?",
	},
	/* the second parameter is 1 to count disconnected shops too */
	[STMT_CONN_COUNT] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT COUNT(*) FROM connections WHERE merchant_id = ? AND (status <> 'disconnected' OR ? = 1)",
	},
	/* tokens are wiped; orders stay. */
	[STMT_CONN_DISCONNECT] = {
		.text = "UPDATE connections SET status = 'disconnected', disconnected_at = UTC_TIMESTAMP(), access_token_enc = '', "
		        "refresh_token_enc = '' WHERE id = ? AND merchant_id = ? AND status <> 'disconnected'",
	},
	[STMT_CONN_BY_SHOP] = {
		.ncols = CONN_SHOP__NCOLS,
		.text = "SELECT id, merchant_id, sync_enabled FROM connections WHERE channel = 'tiktok' AND shop_id = ? AND "
		        "status <> 'disconnected'",
	},
	[STMT_CONN_SET_REAUTH] = {
		.text = "UPDATE connections SET status = 'reauth_required', status_reason = ? WHERE id = ? AND status = 'active'",
	},
	/* TikTok's word wins over a refresh that failed first for the same reason */
	[STMT_CONN_DEAUTHORIZED] = {
		.text = "UPDATE connections SET status = 'reauth_required', status_reason = 'deauthorized' WHERE id = ? "
		        "AND status <> 'disconnected'",
	},
	[STMT_CONN_SET_EXPIRY_WARNING] = {
		.text = "UPDATE connections SET expiry_warning_at = FROM_UNIXTIME(?) WHERE id = ? AND status <> 'disconnected'",
	},
	[STMT_CONN_GET] = {
		.ncols = CONN__NCOLS,
		.text = "SELECT id, merchant_id, shop_id, shop_cipher, access_token_enc, refresh_token_enc, status, "
		        "UNIX_TIMESTAMP(access_expires_at), sync_enabled, COALESCE(sync_window_start, 0), COALESCE(poll_cursor, 0) "
		        "FROM connections WHERE id = ?",
	},
	[STMT_CONN_TOKENS_SET] = {
		.text = "UPDATE connections SET access_token_enc = ?, refresh_token_enc = ?, access_expires_at = FROM_UNIXTIME(?), "
		        "refresh_expires_at = FROM_UNIXTIME(?), expiry_warning_at = NULL, last_error = NULL, last_error_code = NULL, "
		        "last_error_at = NULL WHERE id = ? AND status = 'active'",
	},
	[STMT_CONN_CHECKED] = {
		.text = "UPDATE connections SET last_checked_at = UTC_TIMESTAMP(), last_error = NULL, last_error_code = NULL, "
		        "last_error_at = NULL WHERE id = ?",
	},
	[STMT_CONN_ERROR] = {
		.text = "UPDATE connections SET last_error_code = ?, last_error = ?, last_error_at = UTC_TIMESTAMP() WHERE id = ?",
	},
	[STMT_CONN_CHECK_FAILED] = {
		.text = "UPDATE connections SET last_checked_at = UTC_TIMESTAMP(), last_error_code = ?, last_error = ?, "
		        "last_error_at = UTC_TIMESTAMP() WHERE id = ?",
	},
	/* access tokens with under a day left by TikTok's clock (passed in). */
	[STMT_CONNS_TO_REFRESH] = {
		.ncols = CONN_DUE__NCOLS,
		.text = "SELECT id, merchant_id FROM connections WHERE status = 'active' AND access_expires_at < FROM_UNIXTIME(?) LIMIT 500",
	},
	[STMT_CONNS_TO_CHECK] = {
		.ncols = CONN_DUE__NCOLS,
		.text = "SELECT id, merchant_id FROM connections WHERE status = 'active' AND sync_enabled = 0 "
		        "AND (last_checked_at IS NULL OR last_checked_at < UTC_TIMESTAMP() - INTERVAL ? SECOND) LIMIT 500",
	},
	[STMT_JOBS_CANCEL_FOR_CONN] = {
		.text = "UPDATE sync_jobs SET state = 'failed', error = 'The shop was disconnected.', error_code = 'shop_disconnected', "
		        "dedupe_key = NULL, "
		        "finished_at = UTC_TIMESTAMP() WHERE connection_id = ? AND merchant_id = ? AND state = 'queued'",
	},
	[STMT_CONN_OWNED] = {
		.ncols = CONN_OWNED__NCOLS,
		.text = "SELECT status FROM connections WHERE id = ? AND merchant_id = ? AND status <> 'disconnected'",
	},
	/* from the first Sync all on, new and changed orders are polled. */
	[STMT_CONN_ENABLE_SYNC] = {
		.text = "UPDATE connections SET sync_enabled = 1, sync_window_start = LEAST(COALESCE(sync_window_start, ?), ?), "
		        "poll_cursor = COALESCE(poll_cursor, ?) WHERE id = ? AND merchant_id = ? AND status = 'active'",
	},
	[STMT_CONNS_TO_POLL] = {
		.ncols = CONN_DUE__NCOLS,
		.text = "SELECT id, merchant_id FROM connections WHERE status = 'active' AND sync_enabled = 1 "
		        "AND (last_polled_at IS NULL OR last_polled_at < UTC_TIMESTAMP() - INTERVAL ? SECOND) LIMIT 500",
	},
};
