/* "Quên mật khẩu": a reset link by e-mail (valid an hour, used once) and the new password, which ends every session of
 * the person. The request answers the same whether or not the address has an account; it is limited per client. */
#include "api/common.h"
#include "audit/audit.h"
#include "api/handlers.h"
#include "accounts/password.h"
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

/* Requests one client address may make per login window, and links one person is sent per hour. */
#define RESET_CLIENT_MAX 10
#define RESET_USER_MAX 3

static const char *client_of(struct request *r)
{
	return r->remote_addr != NULL && *r->remote_addr ? r->remote_addr : "unknown";
}

/* In one transaction, so that the answer takes about as long whether or not the address has an account (one commit
 * of the client's count either way): counts the request against its client, then makes a link for the person of
 * `email` and queues its mail when there is such a person (enabled, not sent too many links already). 0 when done,
 * 1 when the client is over its limit (Retry-After set, nothing sent), -1 on a failure. */
static int request_link(struct request *r, const char *email, const char *lang)
{
	char token[OTT_HEX_LEN + 1], hash[OTT_HEX_LEN + 1];
	if (ott_new(token, hash) != 0)
		return -1;
	int64_t expires_at = clock_now() + RESET_VALID_SECONDS;
	const char *client = client_of(r);
	struct db_param pc[] = { P_STR(client), P_I64(r->cfg->login_window_seconds) };
	struct db_param pu[] = { P_I64(RESET_VALID_SECONDS), P_STR(email) };
	struct db_rows c, u;
	if (db_begin(r->db) != 0)
		return -1;
	if (db_exec(r->db, STMT_RESET_CLIENT_ADD, pc, 2, NULL) < 0 ||
	    db_query(r->db, r->arena, STMT_RESET_CLIENT_GET, pc, 1, &c) != 1)
		goto fail;
	if (db_cell_i64(&c, 0, RESET_CLIENT_REQUESTS) > RESET_CLIENT_MAX) {
		if (db_commit(r->db) != 0)
			goto fail;
		int64_t retry = db_cell_i64(&c, 0, RESET_CLIENT_WINDOW_START) + r->cfg->login_window_seconds - clock_now();
		resp_header(r, "Retry-After", arena_printf(r->arena, "%lld", (long long)(retry > 1 ? retry : 1)));
		return 1;
	}
	int n = db_query(r->db, r->arena, STMT_RESET_USER, pu, 2, &u);
	if (n < 0)
		goto fail;
	if (n > 0 && db_cell_i64(&u, 0, RESET_USER_RECENT) < RESET_USER_MAX) {
		struct db_param pi[] = { P_I64(db_cell_i64(&u, 0, RESET_USER_ID)), P_STR(hash), P_I64(expires_at) };
		if (db_exec(r->db, STMT_RESET_INSERT, pi, 3, NULL) < 0)
			goto fail;
		struct jw w;
		jw_init(&w);
		jw_obj_open(&w, NULL);
		jw_str(&w, "link", arena_printf(r->arena, "%s/reset-password?token=%s", r->cfg->public_url, token));
		jw_str(&w, "expires_at", arena_printf(r->arena, "%lld", (long long)expires_at));
		jw_obj_close(&w);
		size_t vlen = 0;
		const char *raw = jw_result(&w, &vlen);
		const char *vars = raw != NULL ? arena_strndup(r->arena, raw, vlen) : NULL;
		int64_t mid = db_cell_i64(&u, 0, RESET_USER_MERCHANT_ID);
		int rc = vars != NULL ? mail_enqueue(r->db, mid, email, lang, "password_reset", vars) : -1;
		jw_free(&w);
		if (rc != 0)
			goto fail;
	}
	if (db_commit(r->db) != 0)
		goto fail;
	return 0;
fail:
	db_rollback(r->db);
	return -1;
}

void h_password_reset_request(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	const char *email = jr_str(&j, j.root, "email", JR_REQUIRED | JR_EMAIL, 3, 254);
	const char *lang = jr_str(&j, j.root, "lang", JR_OPTIONAL, 2, 2);
	if (lang != NULL && strcmp(lang, "vi") != 0 && strcmp(lang, "en") != 0)
		jr_reject_allowed(&j, "lang", "vi, en", "must be one of vi, en");
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	int t = request_link(r, email_key(r->arena, email), lang != NULL ? lang : "vi");
	if (t < 0)
		fail_db(r);
	else if (t > 0)
		resp_error(r, 429, "too_many_attempts", "Too many requests; try again later.");
	else
		resp_empty(r, 202);
}

void h_password_reset_confirm(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	const char *token = jr_str(&j, j.root, "token", JR_REQUIRED, 1, 128);
	const char *password = jr_str(&j, j.root, "password", JR_REQUIRED, 8, 200);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	char hash[OTT_HEX_LEN + 1], pw_hash[256];
	ott_hash(token, hash);
	if (password_hash(password, pw_hash, sizeof(pw_hash)) != 0) {
		resp_error(r, 500, "internal_error", "The password could not be hashed.");
		return;
	}
	struct db_param p[] = { P_STR(hash) };
	struct db_rows t;
	if (db_begin(r->db) != 0) {
		fail_db(r);
		return;
	}
	int n = db_query(r->db, r->arena, STMT_RESET_BY_TOKEN, p, 1, &t);
	if (n < 0)
		goto fail;
	const char *code = NULL, *message = NULL;
	int status = 0;
	if (n == 0)
		status = 404, code = "reset_not_found", message = "This reset link is not valid.";
	else if (db_cell_i64(&t, 0, RESET_TOKEN_USED) != 0)
		status = 409, code = "reset_used", message = "This reset link was already used; ask for a new one.";
	else if (db_cell_i64(&t, 0, RESET_TOKEN_EXPIRED) != 0)
		status = 410, code = "reset_expired", message = "This reset link has expired; ask for a new one.";
	if (code != NULL) {
		db_rollback(r->db);
		resp_error(r, status, code, message);
		return;
	}
	int64_t uid = db_cell_i64(&t, 0, RESET_TOKEN_USER_ID);
	struct db_param pp[] = { P_STR(pw_hash), P_I64(uid) };
	struct db_param pu[] = { P_I64(uid) };
	struct db_param pe[] = { P_STR(db_cell(&t, 0, RESET_TOKEN_EMAIL)) };
	r->auth.merchant_id = db_cell_i64(&t, 0, RESET_TOKEN_MERCHANT_ID); /* the person is the actor of their reset */
	r->auth.user_id = uid;
	if (db_exec(r->db, STMT_RESET_SET_PASSWORD, pp, 2, NULL) < 0 ||
	    db_exec(r->db, STMT_RESET_USE_ALL, pu, 1, NULL) < 0 ||
	    audit_record(r, AUDIT_USER, uid, "password_reset", NULL, NULL) < 0 ||
	    db_exec(r->db, STMT_LOGIN_FAILURES_CLEAR, pe, 1, NULL) < 0 || db_commit(r->db) != 0)
		goto fail;
	resp_empty(r, 204);
	return;
fail:
	db_rollback(r->db);
	fail_db(r);
}
