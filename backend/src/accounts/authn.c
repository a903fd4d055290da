/* Bearer-token check for ROUTE_USER routes; answers 401 itself when the token is not acceptable. */
#include "accounts/authn.h"
#include "accounts/jwt.h"
#include "accounts/roles.h"
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

/* The caller's row as it is now: a person disabled, or whose sessions were ended after this one was signed, is
 * refused at once; the role is the one they have now, for API tokens too (a token acts as the person who made it). */
static int load_user(struct request *r, const struct token_claims *c)
{
	struct db_param p[] = { P_I64(c->user_id), P_I64(c->merchant_id) };
	struct db_rows u;
	int n = db_query(r->db, r->arena, STMT_AUTH_USER, p, 2, &u);
	if (n < 0)
		return unavailable(r);
	if (n == 0)
		return refuse(r, "unauthorized", "This account no longer exists.");
	if (db_cell(&u, 0, AUTH_USER_DISABLED_AT) != NULL)
		return refuse(r, "account_disabled", "This account has been disabled by the shop's owner.");
	if (c->token_id == 0 && db_cell(&u, 0, AUTH_USER_SESSIONS_SINCE) != NULL &&
	    c->issued_at < db_cell_i64(&u, 0, AUTH_USER_SESSIONS_SINCE))
		return refuse(r, "session_ended", "This session has been ended; sign in again.");
	r->auth.role = role_from_name(db_cell(&u, 0, AUTH_USER_ROLE));
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
	if (jwt_verify(r->cfg->jwt_secret, h + 7, clock_now(), &c) != 0)
		return refuse(r, "unauthorized", "The token is invalid or has expired; sign in again.");
	if (c.token_id > 0) {
		struct db_param p[] = { P_I64(c.token_id), P_I64(c.merchant_id), P_I64(c.user_id) };
		struct db_rows rows;
		int n = db_query(r->db, r->arena, STMT_API_TOKEN_CHECK, p, 3, &rows);
		if (n < 0)
			return unavailable(r);
		if (n == 0)
			return refuse(r, "unauthorized", "This API token has been revoked or has expired.");
	}
	if (load_user(r, &c) != 0)
		return -1;
	if (c.token_id > 0) {
		struct db_param p[] = { P_I64(c.token_id), P_I64(c.merchant_id) };
		db_exec(r->db, STMT_API_TOKEN_TOUCH, p, 2, NULL);
	}
	struct db_param seen[] = { P_I64(c.user_id) };
	db_exec(r->db, STMT_STAFF_SEEN, seen, 1, NULL); /* the staff list's "last seen", at most once a minute */
	r->auth.user_id = c.user_id;
	r->auth.merchant_id = c.merchant_id;
	r->auth.token_id = c.token_id;
	return 0;
}
