/* SQL of accounts (users, sign-in, API tokens): its statements by id (enum stmt), each with its result columns;
 * times go out as Unix seconds (the session is UTC). */
#include "statements.h"

/* The parts of the caller's check (STMT_AUTH_*): the user's columns, the token's or NULLs, the versions or NULLs
 * (each scope's shards summed, one row by the GROUP BY: none when the user is gone) */
#define AUTH_CALLER \
	"SELECT u.role, UNIX_TIMESTAMP(u.disabled_at), UNIX_TIMESTAMP(u.sessions_since), " \
	"u.last_seen_at IS NULL OR u.last_seen_at < UTC_TIMESTAMP() - INTERVAL 60 SECOND, "
#define AUTH_TOKEN \
	"t.id IS NOT NULL AND t.revoked_at IS NULL AND t.expires_at > UTC_TIMESTAMP(), " \
	"t.last_used_at IS NULL OR t.last_used_at < UTC_TIMESTAMP() - INTERVAL 60 SECOND, "
#define AUTH_NO_TOKEN "NULL, NULL, "
#define AUTH_VERSIONS \
	"CAST(COALESCE(SUM(IF(v.scope = 0, v.version, 0)), 0) AS SIGNED), " \
	"CAST(COALESCE(SUM(IF(v.scope = 1, v.version, 0)), 0) AS SIGNED) "
#define AUTH_NO_VERSIONS "NULL, NULL "
#define AUTH_FROM "FROM users u"
#define AUTH_TOKEN_JOIN " LEFT JOIN api_tokens t ON t.id = ? AND t.merchant_id = u.merchant_id AND t.user_id = u.id"
#define AUTH_VERSIONS_JOIN " LEFT JOIN merchant_versions v ON v.merchant_id = u.merchant_id"
#define AUTH_WHERE " WHERE u.id = ? AND u.merchant_id = ?"
#define AUTH_VERSIONS_GROUP " GROUP BY u.id"

const struct sql_statement accounts_sql[STMT__MAX] = {
	[STMT_MERCHANT_INSERT] = {
		.text = "INSERT INTO merchants (name) VALUES (?)",
	},
	[STMT_USER_INSERT] = {
		.text = "INSERT INTO users (merchant_id, name, email, password_hash, role, language) "
		        "VALUES (?, ?, ?, ?, ?, ?)",
	},
	[STMT_USER_BY_EMAIL] = {
		.ncols = USER_LOGIN__NCOLS,
		.text = "SELECT u.id, u.merchant_id, u.name, u.email, u.password_hash, u.role, m.name, "
		        "u.disabled_at IS NOT NULL, u.language FROM users u JOIN merchants m ON m.id = u.merchant_id "
		        "WHERE u.email = ?",
	},
	/* Every authenticated request runs one of these four, all with the columns of enum auth_user_col: who the
	 * caller is now (role, disabled, sessions ended) and whether its "last seen" is a minute old, so that the write
	 * runs only then; with an API token, that token still valid and its "last used" a minute old; when the read
	 * cache will want them, the merchant's data versions (sql/0017), read before the data they label. Each reads
	 * only the tables its case needs, since the server plans every join again at each execution. */
	[STMT_AUTH_SESSION] = { /* user, merchant */
		.ncols = AUTH_USER__NCOLS,
		.text = AUTH_CALLER AUTH_NO_TOKEN AUTH_NO_VERSIONS AUTH_FROM AUTH_WHERE,
	},
	[STMT_AUTH_SESSION_VERSIONS] = { /* user, merchant */
		.ncols = AUTH_USER__NCOLS,
		.text = AUTH_CALLER AUTH_NO_TOKEN AUTH_VERSIONS AUTH_FROM AUTH_VERSIONS_JOIN AUTH_WHERE AUTH_VERSIONS_GROUP,
	},
	[STMT_AUTH_TOKEN] = { /* token, user, merchant */
		.ncols = AUTH_USER__NCOLS,
		.text = AUTH_CALLER AUTH_TOKEN AUTH_NO_VERSIONS AUTH_FROM AUTH_TOKEN_JOIN AUTH_WHERE,
	},
	[STMT_AUTH_TOKEN_VERSIONS] = { /* token, user, merchant */
		.ncols = AUTH_USER__NCOLS,
		.text = AUTH_CALLER AUTH_TOKEN AUTH_VERSIONS AUTH_FROM AUTH_TOKEN_JOIN AUTH_VERSIONS_JOIN AUTH_WHERE
		        AUTH_VERSIONS_GROUP,
	},
	[STMT_USER_GET] = {
		.ncols = USER__NCOLS,
		.text = "SELECT u.id, u.merchant_id, u.name, u.email, u.role, m.name, u.language "
		        "FROM users u JOIN merchants m ON m.id = u.merchant_id WHERE u.id = ? AND u.merchant_id = ?",
	},
	/* language, user, merchant */
	[STMT_USER_LANGUAGE_SET] = {
		.text = "UPDATE users SET language = ? WHERE id = ? AND merchant_id = ?",
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
	/* run when the caller's check (STMT_AUTH_TOKEN*) found last_used_at a minute old; its own condition keeps
	 * concurrent workers right */
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
