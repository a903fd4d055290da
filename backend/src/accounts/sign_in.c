/* Accounts: register (merchant and owner in one transaction), login (throttled per e-mail and per client), me and
 * its language. */
#include "api/common.h"
#include "api/handlers.h"
#include "accounts/jwt.h"
#include "accounts/language.h"
#include "accounts/password.h"
#include "accounts/roles.h"
#include "accounts/session.h"
#include "core/clock.h"
#include "core/config.h"
#include "accounts/email.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include <stdlib.h>

/* The members {user, merchant}: the person, with their role and what it permits (the SPA shows only what they can
 * do), and their merchant. */
static void write_person(struct jw *w, const struct person *p)
{
	jw_obj_open(w, "user");
	jw_int(w, "id", p->id);
	jw_str(w, "name", p->name);
	jw_str(w, "email", p->email);
	jw_str(w, "role", p->role);
	jw_str(w, "language", p->language);
	roles_write_permissions(w, "permissions", role_from_name(p->role));
	jw_obj_close(w);
	jw_obj_open(w, "merchant");
	jw_int(w, "id", p->merchant_id);
	jw_str(w, "name", p->merchant_name);
	jw_obj_close(w);
}

void answer_session(struct request *r, int status, const struct person *p)
{
	int64_t now = clock_now();
	struct token_claims c = { .user_id = p->id, .merchant_id = p->merchant_id,
	                          .expires_at = now + r->cfg->jwt_ttl_seconds, .issued_at = now };
	char *token = jwt_issue(r->cfg->jwt_secret, &c);
	if (token == NULL) {
		resp_error(r, 500, "internal_error", "The session token could not be issued.");
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_str(&w, "token", token);
	jw_time(&w, "expires_at", c.expires_at);
	write_person(&w, p);
	jw_obj_close(&w);
	resp_json(r, status, &w);
	jw_free(&w);
	free(token);
}

void h_register(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	const char *merchant_name = jr_str(&j, j.root, "merchant_name", JR_REQUIRED, 1, 200);
	const char *name = jr_str(&j, j.root, "name", JR_REQUIRED, 1, 200);
	const char *email = jr_str(&j, j.root, "email", JR_REQUIRED | JR_EMAIL, 3, 254);
	const char *password = jr_str(&j, j.root, "password", JR_REQUIRED, 8, 200);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	email = email_key(r->arena, email);
	char hash[256];
	if (password_hash(password, hash, sizeof(hash)) != 0) {
		resp_error(r, 500, "internal_error", "The password could not be hashed.");
		return;
	}
	int64_t mid = 0, uid = 0;
	if (db_begin(r->db) != 0) {
		fail_db(r);
		return;
	}
	struct db_param pm[] = { P_STR(merchant_name) };
	struct db_param pu[6];
	if (db_exec(r->db, STMT_MERCHANT_INSERT, pm, 1, &mid) < 0)
		goto fail;
	pu[0] = P_I64(mid);
	pu[1] = P_STR(name);
	pu[2] = P_STR(email);
	pu[3] = P_STR(hash);
	pu[4] = P_STR("owner");
	pu[5] = P_STR(LANGUAGE_DEFAULT);
	if (db_exec(r->db, STMT_USER_INSERT, pu, 6, &uid) < 0)
		goto fail;
	if (db_commit(r->db) != 0)
		goto fail;
	answer_session(r, 201, &(struct person){ .id = uid, .merchant_id = mid, .name = name, .email = email,
	                                         .role = "owner", .language = LANGUAGE_DEFAULT,
	                                         .merchant_name = merchant_name });
	return;
fail:
	db_rollback(r->db);
	if (db_errno(r->db) == DB_ER_DUP_ENTRY)
		resp_error(r, 409, "email_taken", "An account with this e-mail address already exists.");
	else
		fail_db(r);
}

/* The client of a request: the address nginx passes. */
static const char *client_of(struct request *r)
{
	return r->remote_addr != NULL && *r->remote_addr ? r->remote_addr : "unknown";
}

/* Counts one attempt against the client address, then the e-mail, in one transaction: each counter
 * row stays locked until the commit, so concurrent attempts each see a count of their own and at most
 * the limit of them get their password checked. Returns 1 when either is over its limit (Retry-After
 * set; the client's count given back, as its attempt is not checked), 0 to check the password, -1 on a
 * failure (rolled back). */
static int count_attempt_once(struct request *r, const char *email)
{
	const char *client = client_of(r);
	struct db_param c[] = { P_STR(client), P_I64(r->cfg->login_window_seconds) };
	struct db_param e[] = { P_STR(email), P_I64(r->cfg->login_window_seconds) };
	struct db_rows cr, er;
	int64_t start = 0;
	if (db_begin(r->db) != 0)
		return -1;
	if (db_exec(r->db, STMT_LOGIN_CLIENT_ADD, c, 2, NULL) < 0 ||
	    db_query(r->db, r->arena, STMT_LOGIN_CLIENT_GET, c, 1, &cr) != 1)
		goto fail;
	if (db_cell_i64(&cr, 0, LOGIN_FAILURES_COUNT) > r->cfg->login_client_max_failures) {
		start = db_cell_i64(&cr, 0, LOGIN_FAILURES_WINDOW_START);
	} else {
		if (db_exec(r->db, STMT_LOGIN_FAILURE_ADD, e, 2, NULL) < 0 ||
		    db_query(r->db, r->arena, STMT_LOGIN_FAILURES_GET, e, 1, &er) != 1)
			goto fail;
		if (db_cell_i64(&er, 0, LOGIN_FAILURES_COUNT) > r->cfg->login_max_failures)
			start = db_cell_i64(&er, 0, LOGIN_FAILURES_WINDOW_START);
	}
	if (start != 0 && db_exec(r->db, STMT_LOGIN_CLIENT_REFUND, c, 1, NULL) < 0)
		goto fail;
	if (db_commit(r->db) != 0)
		goto fail;
	if (start == 0)
		return 0;
	int64_t retry = start + r->cfg->login_window_seconds - clock_now();
	resp_header(r, "Retry-After", arena_printf(r->arena, "%lld", (long long)(retry > 1 ? retry : 1)));
	return 1;
fail:
	db_rollback(r->db);
	return -1;
}

static int count_attempt(struct request *r, const char *email)
{
	int rc = count_attempt_once(r, email);
	for (int attempt = 1; rc < 0 && db_deadlock_again(r->db, attempt, 3); attempt++)
		rc = count_attempt_once(r, email);
	return rc;
}

void h_login(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	const char *email = jr_str(&j, j.root, "email", JR_REQUIRED, 1, 254);
	const char *password = jr_str(&j, j.root, "password", JR_REQUIRED, 1, 200);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	email = email_key(r->arena, email);
	int t = count_attempt(r, email);
	if (t != 0) {
		if (t < 0)
			fail_db(r);
		else
			resp_error(r, 429, "too_many_attempts", "Too many failed sign-in attempts; try again later.");
		return;
	}
	struct db_param p[] = { P_STR(email) };
	struct db_rows u;
	int n = db_query(r->db, r->arena, STMT_USER_BY_EMAIL, p, 1, &u);
	if (n < 0) {
		fail_db(r);
		return;
	}
	if (!password_verify(password, n > 0 ? db_cell(&u, 0, USER_LOGIN_PASSWORD_HASH) : NULL)) {
		resp_error(r, 401, "invalid_credentials", "The e-mail or password is wrong.");
		return;
	}
	struct db_param c[] = { P_STR(client_of(r)) };
	db_exec(r->db, STMT_LOGIN_FAILURES_CLEAR, p, 1, NULL);
	db_exec(r->db, STMT_LOGIN_CLIENT_REFUND, c, 1, NULL);
	/* said only to whoever knows the password */
	if (db_cell_i64(&u, 0, USER_LOGIN_DISABLED) != 0) {
		resp_error(r, 401, "account_disabled", "This account has been disabled by the shop's owner.");
		return;
	}
	answer_session(r, 200, &(struct person){
		.id = db_cell_i64(&u, 0, USER_LOGIN_ID), .merchant_id = db_cell_i64(&u, 0, USER_LOGIN_MERCHANT_ID),
		.name = db_cell(&u, 0, USER_LOGIN_NAME), .email = db_cell(&u, 0, USER_LOGIN_EMAIL),
		.role = db_cell(&u, 0, USER_LOGIN_ROLE), .language = db_cell(&u, 0, USER_LOGIN_LANGUAGE),
		.merchant_name = db_cell(&u, 0, USER_LOGIN_MERCHANT_NAME) });
}

void h_me(struct request *r)
{
	struct db_param p[] = { P_I64(r->auth.user_id), P_I64(r->auth.merchant_id) };
	struct db_rows u;
	int n = db_query(r->db, r->arena, STMT_USER_GET, p, 2, &u);
	if (n < 0) {
		fail_db(r);
		return;
	}
	if (n == 0) {
		resp_error(r, 401, "unauthorized", "This account no longer exists.");
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	write_person(&w, &(struct person){
		.id = db_cell_i64(&u, 0, USER_ID), .merchant_id = db_cell_i64(&u, 0, USER_MERCHANT_ID),
		.name = db_cell(&u, 0, USER_NAME), .email = db_cell(&u, 0, USER_EMAIL), .role = db_cell(&u, 0, USER_ROLE),
		.language = db_cell(&u, 0, USER_LANGUAGE), .merchant_name = db_cell(&u, 0, USER_MERCHANT_NAME) });
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}

/* {language}: the language the person uses the app in, which the mails the app sends on its own are written in. */
void h_me_update(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	const char *language = jr_str(&j, j.root, "language", JR_REQUIRED, 2, 2);
	if (language != NULL && !language_known(language))
		jr_reject_allowed(&j, "language", LANGUAGES, "must be one of " LANGUAGES);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	struct db_param p[] = { P_STR(language), P_I64(r->auth.user_id), P_I64(r->auth.merchant_id) };
	if (db_exec(r->db, STMT_USER_LANGUAGE_SET, p, 3, NULL) < 0) {
		fail_db(r);
		return;
	}
	h_me(r);
}
