/* SQL of accounts (users, sign-in, API tokens): its statements by id (enum stmt), each with its result columns;
 * times go out as Unix seconds (the session is UTC). */
#include "statements.h"

const struct sql_statement accounts_sql[STMT__MAX] = {
	[STMT_MERCHANT_INSERT] = {
		.text = "INSERT INTO merchants (name) VALUES (?)",
	},
	[STMT_USER_INSERT] = {
		.text = "INSERT INTO users (merchant_id, name, email, password_hash, role) VALUES (?, ?, ?, ?, ?)",
	},
	[STMT_USER_BY_EMAIL] = {
		.ncols = USER_LOGIN__NCOLS,
		.text = "SELECT u.id, u.merchant_id, u.name, u.email, u.password_hash, u.role, m.name, "
		        "u.disabled_at IS NOT NULL FROM users u JOIN merchants m ON m.id = u.merchant_id WHERE u.email = ?",
	},
	/* every authenticated request, in one statement: who the caller is now (role, disabled, sessions ended), whether
	 * its "last seen" (and its API token's "last used") is a minute old, so that the write runs only then; the API
	 * token (0: a session) still valid; and when the first two parameters are 1, the merchant's data versions of the
	 * read cache (sql/0017), read before the data they label. (want, want, token, user, merchant) */
	[STMT_AUTH_USER] = {
		.ncols = AUTH_USER__NCOLS,
		.text = "SELECT u.role, UNIX_TIMESTAMP(u.disabled_at), UNIX_TIMESTAMP(u.sessions_since), "
		        "u.last_seen_at IS NULL OR u.last_seen_at < UTC_TIMESTAMP() - INTERVAL 60 SECOND, "
		        "t.id IS NOT NULL AND t.revoked_at IS NULL AND t.expires_at > UTC_TIMESTAMP(), "
		        "t.last_used_at IS NULL OR t.last_used_at < UTC_TIMESTAMP() - INTERVAL 60 SECOND, "
		        "IF(?, (SELECT CAST(COALESCE(SUM(v.version), 0) AS SIGNED) FROM merchant_versions v "
		        "WHERE v.merchant_id = u.merchant_id AND v.scope = 0), NULL), "
		        "IF(?, (SELECT CAST(COALESCE(SUM(v.version), 0) AS SIGNED) FROM merchant_versions v "
		        "WHERE v.merchant_id = u.merchant_id AND v.scope = 1), NULL) "
		        "FROM users u LEFT JOIN api_tokens t ON t.id = ? AND t.merchant_id = u.merchant_id AND t.user_id = u.id "
		        "WHERE u.id = ? AND u.merchant_id = ?",
	},
	[STMT_USER_GET] = {
		.ncols = USER__NCOLS,
		.text = "SELECT u.id, u.merchant_id, u.name, u.email, u.role, m.name "
		        "FROM users u JOIN merchants m ON m.id = u.merchant_id WHERE u.id = ? AND u.merchant_id = ?",
	},
	/* run after STMT_LOGIN_FAILURE_ADD in the same transaction (the row is locked) */
	[STMT_LOGIN_FAILURES_GET] = {
		.ncols = LOGIN_FAILURES__NCOLS,
		.text = "SELECT failures, UNIX_TIMESTAMP(window_start) FROM login_failures WHERE email = ?",
	},
	/* counts an attempt before its password is checked (cleared when it is right) */
	[STMT_LOGIN_FAILURE_ADD] = {
		.text = "INSERT INTO login_failures (email, failures, window_start) VALUES (?, 1, UTC_TIMESTAMP()) "
		        "ON DUPLICATE KEY UPDATE "
		        "failures = IF(window_start > UTC_TIMESTAMP() - INTERVAL ? SECOND, failures + 1, 1), "
		        "window_start = IF(failures = 1, UTC_TIMESTAMP(), window_start)",
	},
	[STMT_LOGIN_FAILURES_CLEAR] = {
		.text = "DELETE FROM login_failures WHERE email = ?",
	},
	[STMT_API_TOKEN_INSERT] = {
		.text = "INSERT INTO api_tokens (merchant_id, user_id, name, expires_at) "
		        "VALUES (?, ?, ?, UTC_TIMESTAMP() + INTERVAL ? DAY)",
	},
	[STMT_API_TOKEN_LIST] = {
		.ncols = API_TOKEN__NCOLS,
		.text = "SELECT id, name, UNIX_TIMESTAMP(created_at), UNIX_TIMESTAMP(expires_at), "
		        "UNIX_TIMESTAMP(revoked_at), UNIX_TIMESTAMP(last_used_at) "
		        "FROM api_tokens WHERE merchant_id = ? ORDER BY id DESC LIMIT ? OFFSET ?",
	},
	[STMT_API_TOKEN_COUNT] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT COUNT(*) FROM api_tokens WHERE merchant_id = ?",
	},
	/* run when STMT_AUTH_USER found last_used_at a minute old; its own condition keeps concurrent workers right */
	[STMT_API_TOKEN_TOUCH] = {
		.text = "UPDATE api_tokens SET last_used_at = UTC_TIMESTAMP() WHERE id = ? AND merchant_id = ? "
		        "AND (last_used_at IS NULL OR last_used_at < UTC_TIMESTAMP() - INTERVAL 60 SECOND)",
	},
	[STMT_API_TOKEN_REVOKE] = {
		.text = "UPDATE api_tokens SET revoked_at = UTC_TIMESTAMP() WHERE id = ? AND merchant_id = ? AND revoked_at IS NULL",
	},
	/* counts an attempt of a client address before its password is checked */
	[STMT_LOGIN_CLIENT_ADD] = {
		.text = "INSERT INTO login_client_failures (client, failures, window_start) VALUES (?, 1, UTC_TIMESTAMP()) "
		        "ON DUPLICATE KEY UPDATE "
		        "failures = IF(window_start > UTC_TIMESTAMP() - INTERVAL ? SECOND, failures + 1, 1), "
		        "window_start = IF(failures = 1, UTC_TIMESTAMP(), window_start)",
	},
	/* after STMT_LOGIN_CLIENT_ADD in the same transaction */
	[STMT_LOGIN_CLIENT_GET] = {
		.ncols = LOGIN_FAILURES__NCOLS,
		.text = "SELECT failures, UNIX_TIMESTAMP(window_start) FROM login_client_failures WHERE client = ?",
	},
	/* the attempt did not fail (right password, or not checked) */
	[STMT_LOGIN_CLIENT_REFUND] = {
		.text = "UPDATE login_client_failures SET failures = failures - 1 WHERE client = ? AND failures > 0",
	},
};
