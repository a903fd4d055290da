/* TikTok's token host: exchange an auth code for tokens and refresh them (unsigned, app_secret in the query). */
#include "tt.h"
#include "handlers.h"
#include "sb_sql.h"
#include "verify.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <string.h>

#define ACCESS_TTL  (7 * 86400)      /* access tokens live about 7 days ... */
#define REFRESH_TTL (365 * 86400)    /* ... refresh tokens (the authorization) a year */

static const char *const scopes[] = {
	"seller.authorization.info", "seller.shop.info", "seller.order.info", "seller.product.basic",
	"seller.product.write", "seller.logistics", "seller.fulfillment.basic",
};

/* app_key and app_secret of the query must be the registered app's; -1 when answered. */
static int check_app(struct request *r, const struct tt_call *c, const char *grant)
{
	const char *key = req_query(r, "app_key");
	const char *secret = req_query(r, "app_secret");
	if (key == NULL || secret == NULL || strcmp(key, c->app.app_key) != 0 ||
	    !sb_str_eq_ct(secret, c->app.app_secret)) {
		tt_fail(r, TT_INVALID_REQUEST, "Invalid app_key or app_secret");
		return -1;
	}
	const char *gt = req_query(r, "grant_type");
	if (gt == NULL || strcmp(gt, grant) != 0) {
		tt_fail(r, TT_INVALID_REQUEST, arena_printf(r->arena, "Invalid grant_type: expected %s", grant));
		return -1;
	}
	return 0;
}

/* A stable opaque open_id for the seller. */
static const char *open_id(struct request *r, int64_t seller_id)
{
	char hex[65];
	const char *msg = arena_printf(r->arena, "seller:%lld", (long long)seller_id);
	sbv_hmac("sandbox-open-id", msg, strlen(msg), hex);
	hex[32] = '\0';
	return arena_strdup(r->arena, hex);
}

/* Issues a new token pair for the seller and answers with it. */
static void issue(struct request *r, const struct tt_call *c, int64_t seller_id)
{
	struct db_param ps[] = { P_I64(seller_id) };
	struct db_rows seller;
	int n = db_query(r->db, r->arena, SB_SELLER_GET, ps, 1, &seller);
	if (n <= 0) {
		tt_fail_db(r);
		return;
	}
	const char *access = sb_random_token(r->arena, "TTP_", 44);
	const char *refresh = sb_random_token(r->arena, "TTR_", 44);
	int64_t access_exp = c->now + ACCESS_TTL, refresh_exp = c->now + REFRESH_TTL;
	struct db_param p[] = { P_I64(seller_id), P_STR(access), P_I64(access_exp), P_STR(refresh),
	                        P_I64(refresh_exp), P_I64(c->now) };
	if (db_exec(r->db, SB_TOKEN_INSERT, p, 6, NULL) < 0) {
		tt_fail_db(r);
		return;
	}
	struct jw w;
	tt_open(r, &w);
	jw_str(&w, "access_token", access);
	jw_int(&w, "access_token_expire_in", access_exp);
	jw_str(&w, "refresh_token", refresh);
	jw_int(&w, "refresh_token_expire_in", refresh_exp);
	jw_str(&w, "open_id", open_id(r, seller_id));
	jw_str(&w, "seller_name", db_cell(&seller, 0, SB_SELLER_GET_NAME));
	jw_str(&w, "seller_base_region", db_cell(&seller, 0, SB_SELLER_GET_REGION));
	jw_int(&w, "user_type", 0);
	jw_arr_open(&w, "granted_scopes");
	for (size_t i = 0; i < sizeof(scopes) / sizeof(scopes[0]); i++)
		jw_str(&w, NULL, scopes[i]);
	jw_arr_close(&w);
	tt_send(r, c, &w);
}

void h_tt_token_get(struct request *r)
{
	struct tt_call c;
	if (tt_begin(r, TT_TOKEN_HOST, &c) != 0 || check_app(r, &c, "authorized_code") != 0)
		return;
	const char *code = req_query(r, "auth_code");
	if (code == NULL || *code == '\0') {
		tt_fail(r, TT_INVALID_AUTH_CODE, "Invalid auth_code");
		return;
	}
	struct db_param pu[] = { P_I64(c.now), P_STR(code), P_I64(c.now) };
	int64_t used = db_exec(r->db, SB_CODE_USE, pu, 3, NULL);
	if (used < 0) {
		tt_fail_db(r);
		return;
	}
	if (used == 0) {
		tt_fail(r, TT_INVALID_AUTH_CODE, "Invalid auth_code: unknown, expired or already used");
		return;
	}
	struct db_param pc[] = { P_STR(code) };
	struct db_rows rows;
	if (db_query(r->db, r->arena, SB_CODE_SELLER, pc, 1, &rows) <= 0) {
		tt_fail_db(r);
		return;
	}
	issue(r, &c, db_cell_i64(&rows, 0, SB_CODE_SELLER_SELLER_ID));
}

void h_tt_token_refresh(struct request *r)
{
	struct tt_call c;
	if (tt_begin(r, TT_TOKEN_HOST, &c) != 0 || check_app(r, &c, "refresh_token") != 0)
		return;
	const char *tok = req_query(r, "refresh_token");
	struct db_param p[] = { P_STR(tok != NULL ? tok : "") };
	struct db_rows rows;
	int n = db_query(r->db, r->arena, SB_TOKEN_BY_REFRESH, p, 1, &rows);
	if (n < 0) {
		tt_fail_db(r);
		return;
	}
	if (n == 0 || db_cell_i64(&rows, 0, SB_TOKEN_BY_REFRESH_REVOKED) != 0 ||
	    db_cell_i64(&rows, 0, SB_TOKEN_BY_REFRESH_REFRESH_EXPIRES) <= c.now) {
		tt_fail(r, TT_INVALID_AUTH_CODE, "Invalid refresh_token: unknown, revoked or expired");
		return;
	}
	issue(r, &c, db_cell_i64(&rows, 0, SB_TOKEN_BY_REFRESH_SELLER_ID));
}
