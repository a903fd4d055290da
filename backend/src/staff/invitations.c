/* Staff invitations: the owner invites an address with a role (a link by e-mail, valid 72 hours, used once), sends it
 * again or revokes it; the invitee reads what it is for and accepts it with a name and password, which signs them in. */
#include "api/common.h"
#include "audit/audit.h"
#include "api/handlers.h"
#include "accounts/language.h"
#include "accounts/password.h"
#include "accounts/session.h"
#include "core/clock.h"
#include "core/config.h"
#include "accounts/email.h"
#include "db/db.h"
#include "mail/outbox.h"
#include "staff/one_time_token.h"
#include "staff/staff.h"
#include "statements.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include <string.h>

#define INVITE_ROLES "manager, warehouse, accountant"

static int invite_role_ok(const char *role)
{
	return strcmp(role, "manager") == 0 || strcmp(role, "warehouse") == 0 || strcmp(role, "accountant") == 0;
}

/* The mail's language: the one the SPA asked for, the default when none. */
static const char *read_lang(struct jr *j)
{
	const char *lang = jr_str(j, j->root, "lang", JR_OPTIONAL, 2, 2);
	if (lang != NULL && !language_known(lang))
		jr_reject_allowed(j, "lang", LANGUAGES, "must be one of " LANGUAGES);
	return lang != NULL ? lang : LANGUAGE_DEFAULT;
}

/* Queues the invitation mail for `email` with the raw token, in the open transaction; 0 or -1. */
static int queue_mail(struct request *r, const char *email, const char *role, const char *lang, const char *token,
                      int64_t expires_at)
{
	struct db_param me[] = { P_I64(r->auth.user_id), P_I64(r->auth.merchant_id) };
	struct db_rows u;
	if (db_query(r->db, r->arena, STMT_USER_GET, me, 2, &u) != 1)
		return -1;
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_str(&w, "link", arena_printf(r->arena, "%s/invite?token=%s", r->cfg->public_url, token));
	jw_str(&w, "inviter_name", db_cell(&u, 0, USER_NAME));
	jw_str(&w, "merchant_name", db_cell(&u, 0, USER_MERCHANT_NAME));
	jw_str(&w, "role", role);
	jw_str(&w, "expires_at", arena_printf(r->arena, "%lld", (long long)expires_at));
	jw_obj_close(&w);
	size_t vlen = 0;
	const char *raw = jw_result(&w, &vlen);
	const char *vars = raw != NULL ? arena_strndup(r->arena, raw, vlen) : NULL;
	int rc = vars != NULL ? mail_enqueue(r->db, r->auth.merchant_id, email, lang, "invitation", vars) : -1;
	jw_free(&w);
	return rc;
}

/* Answers the pending invitation `id` with `status`. */
static void answer_invitation(struct request *r, int status, int64_t id)
{
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows rows;
	if (db_query(r->db, r->arena, STMT_INVITATION_GET, p, 2, &rows) != 1) {
		fail_db(r);
		return;
	}
	struct jw w;
	jw_init(&w);
	staff_write_invitation(&w, &rows, 0);
	resp_json(r, status, &w);
	jw_free(&w);
}

void h_invitation_create(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	const char *email = jr_str(&j, j.root, "email", JR_REQUIRED | JR_EMAIL, 3, 254);
	const char *role = jr_str(&j, j.root, "role", JR_REQUIRED, 1, 16);
	const char *lang = read_lang(&j);
	if (role != NULL && !invite_role_ok(role))
		jr_reject_allowed(&j, "role", INVITE_ROLES, "must be one of " INVITE_ROLES);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	email = email_key(r->arena, email);
	char token[OTT_HEX_LEN + 1], hash[OTT_HEX_LEN + 1];
	if (ott_new(token, hash) != 0) {
		resp_error(r, 500, "internal_error", "The invitation could not be made.");
		return;
	}
	int64_t expires_at = clock_now() + INVITATION_VALID_SECONDS, id = 0;
	struct db_param pe[] = { P_STR(email) };
	struct db_param pr[] = { P_I64(r->auth.merchant_id), P_STR(email) };
	struct db_param pi[] = { P_I64(r->auth.merchant_id), P_STR(email), P_STR(role), P_STR(hash),
		                     P_I64(r->auth.user_id), P_I64(expires_at) };
	struct db_rows taken;
	if (db_begin(r->db) != 0) {
		fail_db(r);
		return;
	}
	int n = db_query(r->db, r->arena, STMT_EMAIL_TAKEN, pe, 1, &taken);
	if (n < 0)
		goto fail;
	if (n > 0) {
		db_rollback(r->db);
		resp_error(r, 409, "email_taken", "An account with this e-mail address already exists.");
		return;
	}
	/* inviting an address again replaces its pending invitation (the old link stops working) */
	if (db_exec(r->db, STMT_INVITATION_REVOKE_PENDING, pr, 2, NULL) < 0 ||
	    db_exec(r->db, STMT_INVITATION_INSERT, pi, 6, &id) < 0 ||
	    queue_mail(r, email, role, lang, token, expires_at) != 0 ||
	    audit_record(r, AUDIT_INVITATION, id, "create", NULL, audit_body(r)) < 0 || db_commit(r->db) != 0)
		goto fail;
	answer_invitation(r, 201, id);
	return;
fail:
	db_rollback(r->db);
	if (db_errno(r->db) == DB_ER_DUP_ENTRY)
		resp_error(r, 409, "invitation_pending", "This address was just invited; reload the list.");
	else
		fail_db(r);
}

void h_invitation_resend(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	const char *lang = read_lang(&j);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	char token[OTT_HEX_LEN + 1], hash[OTT_HEX_LEN + 1];
	if (ott_new(token, hash) != 0) {
		resp_error(r, 500, "internal_error", "The invitation could not be made.");
		return;
	}
	int64_t expires_at = clock_now() + INVITATION_VALID_SECONDS;
	struct db_param pg[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_param pu[] = { P_STR(hash), P_I64(r->auth.user_id), P_I64(expires_at), P_I64(id),
		                     P_I64(r->auth.merchant_id) };
	struct db_rows inv;
	if (db_begin(r->db) != 0) {
		fail_db(r);
		return;
	}
	int64_t n = db_exec(r->db, STMT_INVITATION_RENEW, pu, 5, NULL);
	if (n < 0)
		goto fail;
	if (n == 0) {
		db_rollback(r->db);
		resp_error(r, 404, "not_found", "No pending invitation with this id.");
		return;
	}
	if (db_query(r->db, r->arena, STMT_INVITATION_GET, pg, 2, &inv) != 1 ||
	    queue_mail(r, db_cell(&inv, 0, INVITATION_EMAIL), db_cell(&inv, 0, INVITATION_ROLE), lang, token,
	               expires_at) != 0 ||
	    audit_record(r, AUDIT_INVITATION, id, "resend", NULL, NULL) < 0 || db_commit(r->db) != 0)
		goto fail;
	answer_invitation(r, 200, id);
	return;
fail:
	db_rollback(r->db);
	fail_db(r);
}

void h_invitation_revoke(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	int64_t n = id > 0 ? audit_exec(r, STMT_INVITATION_REVOKE, p, 2, NULL, AUDIT_INVITATION, id, "revoke") : 0;
	if (n < 0)
		fail_db(r);
	else if (n == 0)
		resp_error(r, 404, "not_found", "No pending invitation with this id.");
	else
		resp_empty(r, 204);
}

/* Reads the invitation of `token` (locked inside a transaction) and answers its refusal; 1 when usable, 0 when
 * refused (answered), -1 on a database failure (not answered). */
static int usable_invitation(struct request *r, const char *token, struct db_rows *inv)
{
	char hash[OTT_HEX_LEN + 1];
	ott_hash(token, hash);
	struct db_param p[] = { P_STR(hash) };
	int n = db_query(r->db, r->arena, STMT_INVITATION_BY_TOKEN, p, 1, inv);
	if (n < 0)
		return -1;
	if (n == 0 || db_cell_i64(inv, 0, INV_TOKEN_REVOKED) != 0)
		resp_error(r, 404, "invitation_not_found", "This invitation link is not valid (it was replaced or revoked).");
	else if (db_cell_i64(inv, 0, INV_TOKEN_ACCEPTED) != 0)
		resp_error(r, 409, "invitation_used", "This invitation was already accepted; sign in instead.");
	else if (db_cell_i64(inv, 0, INV_TOKEN_EXPIRED) != 0)
		resp_error(r, 410, "invitation_expired", "This invitation has expired; ask for a new one.");
	else
		return 1;
	return 0;
}

void h_invitation_lookup(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	const char *token = jr_str(&j, j.root, "token", JR_REQUIRED, 1, 128);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	struct db_rows inv;
	int ok = usable_invitation(r, token, &inv);
	if (ok < 0)
		fail_db(r);
	if (ok <= 0)
		return;
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_str(&w, "email", db_cell(&inv, 0, INV_TOKEN_EMAIL));
	jw_str(&w, "role", db_cell(&inv, 0, INV_TOKEN_ROLE));
	jw_str(&w, "merchant_name", db_cell(&inv, 0, INV_TOKEN_MERCHANT_NAME));
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}

void h_invitation_accept(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	const char *token = jr_str(&j, j.root, "token", JR_REQUIRED, 1, 128);
	const char *name = jr_str(&j, j.root, "name", JR_REQUIRED, 1, 200);
	const char *password = jr_str(&j, j.root, "password", JR_REQUIRED, 8, 200);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	char pw_hash[256];
	if (password_hash(password, pw_hash, sizeof(pw_hash)) != 0) {
		resp_error(r, 500, "internal_error", "The password could not be hashed.");
		return;
	}
	struct db_rows inv;
	int64_t uid = 0;
	if (db_begin(r->db) != 0) {
		fail_db(r);
		return;
	}
	int ok = usable_invitation(r, token, &inv);
	if (ok < 0)
		goto fail;
	if (ok == 0) {
		db_rollback(r->db);
		return;
	}
	int64_t mid = db_cell_i64(&inv, 0, INV_TOKEN_MERCHANT_ID);
	const char *email = db_cell(&inv, 0, INV_TOKEN_EMAIL), *role = db_cell(&inv, 0, INV_TOKEN_ROLE);
	struct db_param pu[] = { P_I64(mid), P_STR(name), P_STR(email), P_STR(pw_hash), P_STR(role),
		                 P_STR(LANGUAGE_DEFAULT) };
	if (db_exec(r->db, STMT_USER_INSERT, pu, 6, &uid) < 0)
		goto fail;
	struct db_param pa[] = { P_I64(uid), P_I64(db_cell_i64(&inv, 0, INV_TOKEN_ID)) };
	struct db_param ps[] = { P_I64(uid) };
	r->auth.merchant_id = mid; /* the new person is the actor of their own joining */
	r->auth.user_id = uid;
	if (db_exec(r->db, STMT_INVITATION_ACCEPTED, pa, 2, NULL) != 1 ||
	    db_exec(r->db, STMT_STAFF_SEEN, ps, 1, NULL) < 0 || audit_change(r, AUDIT_USER, uid, "join", NULL) < 0 ||
	    db_commit(r->db) != 0)
		goto fail;
	answer_session(r, 201, &(struct person){ .id = uid, .merchant_id = mid, .name = name, .email = email,
	                                         .role = role, .language = LANGUAGE_DEFAULT,
	                                         .merchant_name = db_cell(&inv, 0, INV_TOKEN_MERCHANT_NAME) });
	return;
fail:
	db_rollback(r->db);
	if (db_errno(r->db) == DB_ER_DUP_ENTRY)
		resp_error(r, 409, "email_taken", "An account with this e-mail address already exists (a person belongs to one shop).");
	else
		fail_db(r);
}
