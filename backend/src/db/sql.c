/* All SQL of the api workers in one place. Times go out as Unix seconds (the session is UTC). */
#include "db/sql.h"

const char *const sql_statements[STMT__MAX] = {
	/* STMT_HEALTH */
	"SELECT 1",
	/* STMT_MERCHANT_INSERT */
	"INSERT INTO merchants (name) VALUES (?)",
	/* STMT_USER_INSERT */
	"INSERT INTO users (merchant_id, name, email, password_hash, role) VALUES (?, ?, ?, ?, ?)",
	/* STMT_USER_BY_EMAIL */
	"SELECT u.id, u.merchant_id, u.name, u.email, u.password_hash, u.role, m.name "
	"FROM users u JOIN merchants m ON m.id = u.merchant_id WHERE u.email = ?",
	/* STMT_USER_GET */
	"SELECT u.id, u.merchant_id, u.name, u.email, u.role, m.name "
	"FROM users u JOIN merchants m ON m.id = u.merchant_id WHERE u.id = ? AND u.merchant_id = ?",
	/* STMT_LOGIN_FAILURES_GET */
	"SELECT failures, UNIX_TIMESTAMP(window_start) FROM login_failures "
	"WHERE email = ? AND window_start > UTC_TIMESTAMP() - INTERVAL ? SECOND",
	/* STMT_LOGIN_FAILURE_ADD */
	"INSERT INTO login_failures (email, failures, window_start) VALUES (?, 1, UTC_TIMESTAMP()) "
	"ON DUPLICATE KEY UPDATE "
	"failures = IF(window_start > UTC_TIMESTAMP() - INTERVAL ? SECOND, failures + 1, 1), "
	"window_start = IF(failures = 1, UTC_TIMESTAMP(), window_start)",
	/* STMT_LOGIN_FAILURES_CLEAR */
	"DELETE FROM login_failures WHERE email = ?",
	/* STMT_API_TOKEN_INSERT */
	"INSERT INTO api_tokens (merchant_id, user_id, name, expires_at) "
	"VALUES (?, ?, ?, UTC_TIMESTAMP() + INTERVAL ? DAY)",
	/* STMT_API_TOKEN_LIST */
	"SELECT id, name, UNIX_TIMESTAMP(created_at), UNIX_TIMESTAMP(expires_at), "
	"UNIX_TIMESTAMP(revoked_at), UNIX_TIMESTAMP(last_used_at) "
	"FROM api_tokens WHERE merchant_id = ? ORDER BY id DESC LIMIT ? OFFSET ?",
	/* STMT_API_TOKEN_COUNT */
	"SELECT COUNT(*) FROM api_tokens WHERE merchant_id = ?",
	/* STMT_API_TOKEN_CHECK */
	"SELECT id FROM api_tokens WHERE id = ? AND merchant_id = ? AND user_id = ? "
	"AND revoked_at IS NULL AND expires_at > UTC_TIMESTAMP()",
	/* STMT_API_TOKEN_TOUCH */
	"UPDATE api_tokens SET last_used_at = UTC_TIMESTAMP() WHERE id = ? AND merchant_id = ? "
	"AND (last_used_at IS NULL OR last_used_at < UTC_TIMESTAMP() - INTERVAL 60 SECOND)",
	/* STMT_API_TOKEN_REVOKE */
	"UPDATE api_tokens SET revoked_at = UTC_TIMESTAMP() WHERE id = ? AND merchant_id = ? AND revoked_at IS NULL",
};
