/* Accounts: register (merchant and owner in one transaction), login (throttled), me. */
#include "api/common.h"
#include "api/handlers.h"
#include "auth/jwt.h"
#include "auth/password.h"
#include "core/clock.h"
#include "core/config.h"
#include "db/db.h"
#include "db/sql.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include <ctype.h>
#include <stdlib.h>

static char *lower(struct request *r, const char *s)
{
	char *out = arena_strdup(r->arena, s);
	for (char *p = out; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return out;
}

static void write_user(struct jw *w, int64_t id, const char *name, const char *email, const char *role)
{
	jw_obj_open(w, "user");
	jw_int(w, "id", id);
	jw_str(w, "name", name);
	jw_str(w, "email", email);
	jw_str(w, "role", role);
	jw_obj_close(w);
}

static void write_merchant(struct jw *w, int64_t id, const char *name)
{
	jw_obj_open(w, "merchant");
	jw_int(w, "id", id);
	jw_str(w, "name", name);
	jw_obj_close(w);
}

/* Issues a session token and writes {token, expires_at, user, merchant}. */
static void answer_session(struct request *r, int status, int64_t uid, int64_t mid, const char *name,
                           const char *email, const char *role, const char *merchant_name)
{
	struct token_claims c = { uid, mid, 0, clock_now() + r->cfg->jwt_ttl_seconds };
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
	write_user(&w, uid, name, email, role);
	write_merchant(&w, mid, merchant_name);
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
	email = lower(r, email);
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
	struct db_param pu[5];
	if (db_exec(r->db, STMT_MERCHANT_INSERT, pm, 1, &mid) < 0)
		goto fail;
	pu[0] = P_I64(mid);
	pu[1] = P_STR(name);
	pu[2] = P_STR(email);
	pu[3] = P_STR(hash);
	pu[4] = P_STR("owner");
	if (db_exec(r->db, STMT_USER_INSERT, pu, 5, &uid) < 0)
		goto fail;
	if (db_commit(r->db) != 0)
		goto fail;
	answer_session(r, 201, uid, mid, name, email, "owner", merchant_name);
	return;
fail:
	db_rollback(r->db);
	if (db_errno(r->db) == DB_ER_DUP_ENTRY)
		resp_error(r, 409, "email_taken", "An account with this e-mail address already exists.");
	else
		fail_db(r);
}

/* 1 when this e-mail has had too many failed logins lately (Retry-After set), 0, or -1 on error. */
static int throttled(struct request *r, const char *email)
{
	struct db_param p[] = { P_STR(email), P_I64(r->cfg->login_window_seconds) };
	struct db_rows rows;
	int n = db_query(r->db, r->arena, STMT_LOGIN_FAILURES_GET, p, 2, &rows);
	if (n < 0)
		return -1;
	if (n == 0 || db_cell_i64(&rows, 0, 0) < r->cfg->login_max_failures)
		return 0;
	int64_t retry = db_cell_i64(&rows, 0, 1) + r->cfg->login_window_seconds - clock_now();
	resp_header(r, "Retry-After", arena_printf(r->arena, "%lld", (long long)(retry > 1 ? retry : 1)));
	return 1;
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
	email = lower(r, email);
	int t = throttled(r, email);
	if (t != 0) {
		if (t < 0)
			fail_db(r);
		else
			resp_error(r, 429, "too_many_attempts", "Too many failed sign-in attempts for this e-mail; try again later.");
		return;
	}
	struct db_param p[] = { P_STR(email) };
	struct db_rows u;
	int n = db_query(r->db, r->arena, STMT_USER_BY_EMAIL, p, 1, &u);
	if (n < 0) {
		fail_db(r);
		return;
	}
	if (!password_verify(password, n > 0 ? db_cell(&u, 0, 4) : NULL)) {
		struct db_param f[] = { P_STR(email), P_I64(r->cfg->login_window_seconds) };
		db_exec(r->db, STMT_LOGIN_FAILURE_ADD, f, 2, NULL);
		resp_error(r, 401, "invalid_credentials", "The e-mail or password is wrong.");
		return;
	}
	db_exec(r->db, STMT_LOGIN_FAILURES_CLEAR, p, 1, NULL);
	answer_session(r, 200, db_cell_i64(&u, 0, 0), db_cell_i64(&u, 0, 1), db_cell(&u, 0, 2),
	               db_cell(&u, 0, 3), db_cell(&u, 0, 5), db_cell(&u, 0, 6));
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
	write_user(&w, db_cell_i64(&u, 0, 0), db_cell(&u, 0, 2), db_cell(&u, 0, 3), db_cell(&u, 0, 4));
	write_merchant(&w, db_cell_i64(&u, 0, 1), db_cell(&u, 0, 5));
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}
