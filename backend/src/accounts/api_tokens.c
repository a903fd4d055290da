/* API tokens for the merchant's own scripts: create (shown once), list, revoke (refused at once). */
#include "api/common.h"
#include "api/handlers.h"
#include "audit/audit.h"
#include "accounts/jwt.h"
#include "core/clock.h"
#include "core/config.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include <stdlib.h>

void h_api_token_create(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	const char *name = jr_str(&j, j.root, "name", JR_REQUIRED, 1, 100);
	int64_t days = jr_int(&j, j.root, "expires_in_days", JR_OPTIONAL, 1, 3650, 365);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	int64_t id;
	struct db_param p[] = { P_I64(r->auth.merchant_id), P_I64(r->auth.user_id), P_STR(name), P_I64(days) };
	if (audit_exec(r, STMT_API_TOKEN_INSERT, p, 4, &id, AUDIT_API_TOKEN, 0, "create") < 0) {
		fail_db(r);
		return;
	}
	int64_t now = clock_now();
	struct token_claims c = { .user_id = r->auth.user_id, .merchant_id = r->auth.merchant_id, .token_id = id,
	                          .expires_at = now + days * 86400, .issued_at = now };
	char *token = jwt_issue(r->cfg->jwt_secret, &c);
	if (token == NULL) {
		resp_error(r, 500, "internal_error", "The token could not be issued.");
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_int(&w, "id", id);
	jw_str(&w, "name", name);
	jw_str(&w, "token", token);
	jw_time(&w, "expires_at", c.expires_at);
	jw_obj_close(&w);
	resp_json(r, 201, &w);
	jw_free(&w);
	free(token);
}

static void write_token(struct jw *w, const struct db_rows *rows, int i)
{
	jw_obj_open(w, NULL);
	jw_int(w, "id", db_cell_i64(rows, i, API_TOKEN_ID));
	jw_str(w, "name", db_cell(rows, i, API_TOKEN_NAME));
	jw_time(w, "created_at", db_cell_i64(rows, i, API_TOKEN_CREATED_AT));
	jw_time(w, "expires_at", db_cell_i64(rows, i, API_TOKEN_EXPIRES_AT));
	jw_time(w, "revoked_at", db_cell_i64(rows, i, API_TOKEN_REVOKED_AT));
	jw_time(w, "last_used_at", db_cell_i64(rows, i, API_TOKEN_LAST_USED_AT));
	jw_obj_close(w);
}

void h_api_token_list(struct request *r)
{
	answer_merchant_list(r, STMT_API_TOKEN_COUNT, STMT_API_TOKEN_LIST, write_token);
}

void h_api_token_revoke(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	int64_t n = id > 0 ? audit_exec(r, STMT_API_TOKEN_REVOKE, p, 2, NULL, AUDIT_API_TOKEN, id, "revoke") : 0;
	if (n < 0)
		fail_db(r);
	else if (n == 0)
		resp_error(r, 404, "not_found", "No active API token with this id.");
	else
		resp_empty(r, 204);
}
