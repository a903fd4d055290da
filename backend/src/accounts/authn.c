/* Bearer-token check for ROUTE_USER routes; answers 401 itself when the token is not acceptable. */
#include "accounts/authn.h"
#include "accounts/jwt.h"
#include "accounts/roles.h"
#include "accounts/token_memo.h"
#include "api/read_cache.h"
#include "core/clock.h"
#include "core/config.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include <strings.h>

static int refuse(struct request *r, const char *code, const char *message)
{
	resp_header(r, "WWW-Authenticate", "Bearer");
	resp_error(r, 401, code, message);
	return -1;
}

static int unavailable(struct request *r)
{
	resp_error(r, 503, "database_unavailable", "The token could not be checked; please try again.");
	return -1;
}

/* The caller's check by [an API token][the read cache wants the versions]. */
static const enum stmt auth_stmt[2][2] = {
	{ STMT_AUTH_SESSION, STMT_AUTH_SESSION_VERSIONS },
	{ STMT_AUTH_TOKEN, STMT_AUTH_TOKEN_VERSIONS },
};

/* The caller's row as it is now, in one statement: a person disabled, or whose sessions were ended after this one was
 * signed, is refused at once; an API token revoked or expired too; the role is the one they have now, for API tokens
 * too (a token acts as the person who made it). The merchant's data versions come with it when the read cache will
 * want them. The "last seen" and "last used" writes run only when the row says they are a minute old. */
static int load_user(struct request *r, const struct token_claims *c)
{
	int want = read_cache_wanted(r) != 0, token = c->token_id > 0;
	struct db_param p[] = { P_I64(c->token_id), P_I64(c->user_id), P_I64(c->merchant_id) };
	int from = token ? 0 : 1; /* a session's statements take no token */
	struct db_rows u;
	int n = db_query(r->db, r->arena, auth_stmt[token][want], p + from, 3 - from, &u);
	if (n < 0)
		return unavailable(r);
	if (token && (n == 0 || db_cell_i64(&u, 0, AUTH_USER_TOKEN_VALID) != 1))
		return refuse(r, "unauthorized", "This API token has been revoked or has expired.");
	if (n == 0)
		return refuse(r, "unauthorized", "This account no longer exists.");
	if (db_cell(&u, 0, AUTH_USER_DISABLED_AT) != NULL)
		return refuse(r, "account_disabled", "This account has been disabled by the shop's owner.");
	if (!token && db_cell(&u, 0, AUTH_USER_SESSIONS_SINCE) != NULL &&
	    c->issued_at < db_cell_i64(&u, 0, AUTH_USER_SESSIONS_SINCE))
		return refuse(r, "session_ended", "This session has been ended; sign in again.");
	r->auth.role = role_from_name(db_cell(&u, 0, AUTH_USER_ROLE));
	if (want && db_cell(&u, 0, AUTH_USER_DATA_VERSION) != NULL) {
		r->auth.versions_read = 1;
		r->auth.data_version = db_cell_i64(&u, 0, AUTH_USER_DATA_VERSION);
		r->auth.health_version = db_cell_i64(&u, 0, AUTH_USER_HEALTH_VERSION);
	}
	if (token && db_cell_i64(&u, 0, AUTH_USER_TOKEN_USED_DUE) == 1) {
		struct db_param t[] = { P_I64(c->token_id), P_I64(c->merchant_id) };
		db_exec(r->db, STMT_API_TOKEN_TOUCH, t, 2, NULL);
	}
	if (db_cell_i64(&u, 0, AUTH_USER_SEEN_DUE) == 1) { /* the staff list's "last seen", to the minute */
		struct db_param seen[] = { P_I64(c->user_id) };
		db_exec(r->db, STMT_STAFF_SEEN, seen, 1, NULL);
	}
	return 0;
}

int api_authenticate(struct request *r)
{
	const char *h = r->authorization;
	if (h == NULL || *h == '\0')
		return refuse(r, "unauthorized", "Sign in first: the Authorization header with a bearer token is missing.");
	if (strncasecmp(h, "Bearer ", 7) != 0)
		return refuse(r, "unauthorized", "The Authorization header must be 'Bearer <token>'.");
	struct token_claims c;
	int64_t now = clock_now();
	if (token_memo_get(h + 7, now, &c) != 0) {
		if (jwt_verify(r->cfg->jwt_secret, h + 7, now, &c) != 0)
			return refuse(r, "unauthorized", "The token is invalid or has expired; sign in again.");
		token_memo_put(h + 7, &c);
	}
	if (load_user(r, &c) != 0)
		return -1;
	r->auth.user_id = c.user_id;
	r->auth.merchant_id = c.merchant_id;
	r->auth.token_id = c.token_id;
	return 0;
}
