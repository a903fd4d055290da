/* SQL of staff: the merchant's people, their invitations and password resets; every statement on people or
 * invitations filters by the caller's merchant. Times go out as Unix seconds (the session is UTC). */
#include "statements.h"

#define STAFF_COLUMNS \
	"id, name, email, role, UNIX_TIMESTAMP(disabled_at), UNIX_TIMESTAMP(last_seen_at), UNIX_TIMESTAMP(created_at) "
#define INVITATION_COLUMNS \
	"i.id, i.email, i.role, u.name, UNIX_TIMESTAMP(i.created_at), UNIX_TIMESTAMP(i.expires_at), " \
	"i.expires_at <= UTC_TIMESTAMP() FROM staff_invitations i JOIN users u ON u.id = i.invited_by "

const struct sql_statement staff_sql[STMT__MAX] = {
	/* the owner first, then by role and name */
	[STMT_STAFF_LIST] = {
		.ncols = STAFF__NCOLS,
		.text = "SELECT " STAFF_COLUMNS "FROM users WHERE merchant_id = ? "
		        "ORDER BY FIELD(role, 'owner', 'manager', 'warehouse', 'accountant'), name, id",
	},
	[STMT_STAFF_GET] = {
		.ncols = STAFF__NCOLS,
		.text = "SELECT " STAFF_COLUMNS "FROM users WHERE id = ? AND merchant_id = ?",
	},
	/* the row stays locked until the change commits, so two owners' clicks apply one after the other */
	[STMT_STAFF_LOCK] = {
		.ncols = STAFF_LOCK__NCOLS,
		.text = "SELECT id, role, disabled_at IS NOT NULL, password_hash FROM users "
		        "WHERE id = ? AND merchant_id = ? FOR UPDATE",
	},
	[STMT_STAFF_SET_ROLE] = {
		.text = "UPDATE users SET role = ? WHERE id = ? AND merchant_id = ?",
	},
	/* sessions issued before now are refused from the next request on */
	[STMT_STAFF_DISABLE] = {
		.text = "UPDATE users SET disabled_at = UTC_TIMESTAMP(), sessions_since = UTC_TIMESTAMP() "
		        "WHERE id = ? AND merchant_id = ? AND disabled_at IS NULL",
	},
	[STMT_STAFF_ENABLE] = {
		.text = "UPDATE users SET disabled_at = NULL WHERE id = ? AND merchant_id = ?",
	},
	[STMT_STAFF_REVOKE_TOKENS] = {
		.text = "UPDATE api_tokens SET revoked_at = UTC_TIMESTAMP() "
		        "WHERE user_id = ? AND merchant_id = ? AND revoked_at IS NULL",
	},
	[STMT_STAFF_SEEN] = {
		.text = "UPDATE users SET last_seen_at = UTC_TIMESTAMP() WHERE id = ? "
		        "AND (last_seen_at IS NULL OR last_seen_at < UTC_TIMESTAMP() - INTERVAL 60 SECOND)",
	},
	/* a person belongs to one merchant: an address is taken whichever merchant has it */
	[STMT_EMAIL_TAKEN] = {
		.ncols = ID__NCOLS,
		.text = "SELECT id FROM users WHERE email = ?",
	},
	/* pending: neither accepted nor revoked (expired ones too, so that the owner can send them again) */
	[STMT_INVITATION_LIST] = {
		.ncols = INVITATION__NCOLS,
		.text = "SELECT " INVITATION_COLUMNS "WHERE i.merchant_id = ? AND i.pending_email IS NOT NULL ORDER BY i.id DESC",
	},
	[STMT_INVITATION_GET] = {
		.ncols = INVITATION__NCOLS,
		.text = "SELECT " INVITATION_COLUMNS "WHERE i.id = ? AND i.merchant_id = ? AND i.pending_email IS NOT NULL",
	},
	[STMT_INVITATION_REVOKE_PENDING] = {
		.text = "UPDATE staff_invitations SET revoked_at = UTC_TIMESTAMP() WHERE merchant_id = ? AND pending_email = ?",
	},
	[STMT_INVITATION_INSERT] = {
		.text = "INSERT INTO staff_invitations (merchant_id, email, role, token_hash, invited_by, expires_at) "
		        "VALUES (?, ?, ?, ?, ?, FROM_UNIXTIME(?))",
	},
	/* sending again: a new token (the old link stops working) and a new validity */
	[STMT_INVITATION_RENEW] = {
		.text = "UPDATE staff_invitations SET token_hash = ?, invited_by = ?, expires_at = FROM_UNIXTIME(?) "
		        "WHERE id = ? AND merchant_id = ? AND pending_email IS NOT NULL",
	},
	[STMT_INVITATION_REVOKE] = {
		.text = "UPDATE staff_invitations SET revoked_at = UTC_TIMESTAMP() "
		        "WHERE id = ? AND merchant_id = ? AND pending_email IS NOT NULL",
	},
	/* locked until the acceptance commits: a second use of the same link waits and then sees it accepted */
	[STMT_INVITATION_BY_TOKEN] = {
		.ncols = INV_TOKEN__NCOLS,
		.text = "SELECT i.id, i.merchant_id, i.email, i.role, i.expires_at <= UTC_TIMESTAMP(), "
		        "i.accepted_at IS NOT NULL, i.revoked_at IS NOT NULL, m.name "
		        "FROM staff_invitations i JOIN merchants m ON m.id = i.merchant_id WHERE i.token_hash = ? FOR UPDATE",
	},
	[STMT_INVITATION_ACCEPTED] = {
		.text = "UPDATE staff_invitations SET accepted_at = UTC_TIMESTAMP(), accepted_user_id = ? "
		        "WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL",
	},
	[STMT_RESET_CLIENT_ADD] = {
		.text = "INSERT INTO password_reset_clients (client, requests, window_start) VALUES (?, 1, UTC_TIMESTAMP()) "
		        "ON DUPLICATE KEY UPDATE "
		        "requests = IF(window_start > UTC_TIMESTAMP() - INTERVAL ? SECOND, requests + 1, 1), "
		        "window_start = IF(requests = 1, UTC_TIMESTAMP(), window_start)",
	},
	/* after STMT_RESET_CLIENT_ADD in the same transaction (the row is locked) */
	[STMT_RESET_CLIENT_GET] = {
		.ncols = RESET_CLIENT__NCOLS,
		.text = "SELECT requests, UNIX_TIMESTAMP(window_start) FROM password_reset_clients WHERE client = ?",
	},
	/* a disabled person gets no link; the links of the last window are counted */
	[STMT_RESET_USER] = {
		.ncols = RESET_USER__NCOLS,
		.text = "SELECT u.id, u.merchant_id, (SELECT COUNT(*) FROM password_resets r WHERE r.user_id = u.id "
		        "AND r.created_at > UTC_TIMESTAMP() - INTERVAL ? SECOND) "
		        "FROM users u WHERE u.email = ? AND u.disabled_at IS NULL",
	},
	[STMT_RESET_INSERT] = {
		.text = "INSERT INTO password_resets (user_id, token_hash, expires_at) "
		        "VALUES (?, ?, FROM_UNIXTIME(?))",
	},
	[STMT_RESET_BY_TOKEN] = {
		.ncols = RESET_TOKEN__NCOLS,
		.text = "SELECT r.id, r.user_id, u.email, r.expires_at <= UTC_TIMESTAMP(), r.used_at IS NOT NULL, u.merchant_id "
		        "FROM password_resets r JOIN users u ON u.id = r.user_id WHERE r.token_hash = ? FOR UPDATE",
	},
	/* every session issued before the new password is refused from the next request on */
	[STMT_RESET_SET_PASSWORD] = {
		.text = "UPDATE users SET password_hash = ?, sessions_since = UTC_TIMESTAMP() WHERE id = ?",
	},
	/* the link used and every other one still open for the same person */
	[STMT_RESET_USE_ALL] = {
		.text = "UPDATE password_resets SET used_at = UTC_TIMESTAMP() WHERE user_id = ? AND used_at IS NULL",
	},
};
