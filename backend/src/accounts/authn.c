/* Bearer-token check for ROUTE_USER routes; answers 401 itself when the token is not acceptable. */
#include "accounts/authn.h"
#include "accounts/jwt.h"
#include "core/clock.h"
#include "core/config.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include <strings.h>

static int refuse(struct request *r, const char *message)
{
	resp_header(r, "WWW-Authenticate", "Bearer");
	resp_error(r, 401, "unauthorized", message);
	return -1;
}

int api_authenticate(struct request *r)
{
	const char *h = r->authorization;
	if (h == NULL || *h == '\0')
		return refuse(r, "Sign in first: the Authorization header with a bearer token is missing.");
	if (strncasecmp(h, "Bearer ", 7) != 0)
		return refuse(r, "The Authorization header must be 'Bearer <token>'.");
	struct token_claims c;
	if (jwt_verify(r->cfg->jwt_secret, h + 7, clock_now(), &c) != 0)
		return refuse(r, "The token is invalid or has expired; sign in again.");
	if (c.token_id > 0) {
		struct db_param p[] = { P_I64(c.token_id), P_I64(c.merchant_id), P_I64(c.user_id) };
		struct db_rows rows;
		int n = db_query(r->db, r->arena, STMT_API_TOKEN_CHECK, p, 3, &rows);
		if (n < 0) {
			resp_error(r, 503, "database_unavailable", "The token could not be checked; please try again.");
			return -1;
		}
		if (n == 0)
			return refuse(r, "This API token has been revoked or has expired.");
		db_exec(r->db, STMT_API_TOKEN_TOUCH, p, 2, NULL);
	}
	r->auth.user_id = c.user_id;
	r->auth.merchant_id = c.merchant_id;
	r->auth.token_id = c.token_id;
	return 0;
}
