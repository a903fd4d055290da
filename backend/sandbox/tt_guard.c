/* The checks every TikTok path runs first: faults, app_key, sign, timestamp, shop_cipher, access token. */
#include "tt.h"
#include "sb_sql.h"
#include "verify.h"
#include "db/db.h"
#include "http/request.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TS_BEFORE 300   /* a timestamp may be up to 5 minutes old ... */
#define TS_AFTER  30    /* ... and 30 seconds ahead of the sandbox clock */
#define LATENCY_MAX_MS 30000

static void sleep_ms(int ms)
{
	if (ms <= 0)
		return;
	if (ms > LATENCY_MAX_MS)
		ms = LATENCY_MAX_MS;
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0)
		;
}

/* Latency, throttling, errors and malformed bodies from /sandbox/faults. -1 when answered. */
static int apply_faults(struct request *r, struct tt_call *c)
{
	sleep_ms(c->ctl.latency_ms);
	if (c->ctl.throttle_rate > 0 && sb_rand01() < c->ctl.throttle_rate) {
		resp_header(r, "Retry-After", "1");
		tt_fail(r, TT_THROTTLED, "Too many requests");
		return -1;
	}
	if (c->ctl.error_rate > 0 && sb_rand01() < c->ctl.error_rate) {
		tt_fail(r, TT_INTERNAL, "Internal error");
		return -1;
	}
	if (c->ctl.fail_count > 0) {
		struct db_param p[] = { P_STR(r->path) };
		if (db_exec(r->db, SB_CONTROL_FAIL_TAKE, p, 1, NULL) == 1) {
			tt_fail(r, TT_INTERNAL, "Internal error");
			return -1;
		}
	}
	c->malformed = c->ctl.malformed_rate > 0 && sb_rand01() < c->ctl.malformed_rate;
	return 0;
}

static int check_timestamp(struct request *r, const struct tt_call *c)
{
	const char *ts = req_query(r, "timestamp");
	char *end = NULL;
	long long t = ts != NULL && *ts ? strtoll(ts, &end, 10) : 0;
	if (ts == NULL || *ts == '\0' || *end != '\0') {
		tt_fail(r, TT_INVALID_REQUEST, "Invalid timestamp: the timestamp parameter is missing or not a number");
		return -1;
	}
	if (t < c->now - TS_BEFORE || t > c->now + TS_AFTER) {
		tt_fail(r, TT_INVALID_REQUEST, "Invalid timestamp: the timestamp is out of range");
		return -1;
	}
	return 0;
}

static int check_token(struct request *r, struct tt_call *c)
{
	const char *tok = r->getenv(r, "HTTP_X_TTS_ACCESS_TOKEN");
	if (tok == NULL || *tok == '\0')
		tok = req_query(r, "access_token");
	if (tok == NULL || *tok == '\0') {
		tt_fail(r, TT_TOKEN_EXPIRED, "Access token is missing: send it in the x-tts-access-token header");
		return -1;
	}
	struct db_param p[] = { P_STR(tok) };
	struct db_rows rows;
	int n = db_query(r->db, r->arena, SB_TOKEN_BY_ACCESS, p, 1, &rows);
	if (n < 0) {
		tt_fail_db(r);
		return -1;
	}
	if (n == 0 || db_cell_i64(&rows, 0, SB_TOKEN_BY_ACCESS_REVOKED) != 0) {
		tt_fail(r, TT_TOKEN_EXPIRED, "Access token is invalid");
		return -1;
	}
	if (db_cell_i64(&rows, 0, SB_TOKEN_BY_ACCESS_ACCESS_EXPIRES) <= c->now) {
		tt_fail(r, TT_TOKEN_EXPIRED, "Access token is expired");
		return -1;
	}
	c->seller_id = db_cell_i64(&rows, 0, SB_TOKEN_BY_ACCESS_SELLER_ID);
	return 0;
}

static int check_shop(struct request *r, struct tt_call *c, const char *cipher)
{
	struct db_param p[] = { P_STR(cipher) };
	struct db_rows rows;
	int n = db_query(r->db, r->arena, SB_SHOP_BY_CIPHER, p, 1, &rows);
	if (n < 0) {
		tt_fail_db(r);
		return -1;
	}
	if (n == 0 || db_cell_i64(&rows, 0, SB_SHOP_BY_CIPHER_SELLER_ID) != c->seller_id ||
	    db_cell_i64(&rows, 0, SB_SHOP_BY_CIPHER_AUTHORIZED) == 0) {
		tt_fail(r, TT_INVALID_REQUEST, "Invalid shop_cipher: no shop this access token was authorized for");
		return -1;
	}
	c->shop_id = db_cell_i64(&rows, 0, SB_SHOP_BY_CIPHER_ID);
	c->region = db_cell(&rows, 0, SB_SHOP_BY_CIPHER_REGION);
	c->currency = sb_region_currency(c->region);
	if (c->currency == NULL)
		c->currency = "VND";
	return 0;
}

int tt_begin(struct request *r, enum tt_scope scope, struct tt_call *c)
{
	memset(c, 0, sizeof(*c));
	if (sb_control_load(r->db, r->arena, &c->ctl) < 0 || sb_app_load(r->db, r->arena, &c->app) <= 0) {
		tt_fail_db(r);
		return -1;
	}
	c->now = (int64_t)time(NULL) + c->ctl.clock_offset;
	if (apply_faults(r, c) != 0)
		return -1;
	if (scope == TT_TOKEN_HOST)
		return 0; /* the token handlers check app_key and app_secret themselves */

	const char *app_key = req_query(r, "app_key");
	if (app_key == NULL || strcmp(app_key, c->app.app_key) != 0) {
		tt_fail(r, TT_INVALID_REQUEST, "Invalid app_key");
		return -1;
	}
	const char *sign = req_query(r, "sign");
	if (sign == NULL || *sign == '\0') {
		tt_fail(r, TT_INVALID_SIGN, "Invalid sign: the sign parameter is missing");
		return -1;
	}
	if (!sbv_check(r->arena, c->app.app_secret, r->path, r->query, r->content_type, r->body,
	                    r->body_len, sign)) {
		tt_fail(r, TT_INVALID_SIGN, "Invalid sign");
		return -1;
	}
	if (check_timestamp(r, c) != 0)
		return -1;
	const char *cipher = req_query(r, "shop_cipher");
	int has_cipher = cipher != NULL && *cipher != '\0';
	if (scope == TT_SHOP && !has_cipher) {
		tt_fail(r, TT_SHOP_CIPHER_MISSING, "shop_cipher is missing: this API is shop-scoped");
		return -1;
	}
	if (scope == TT_SIGNED && cipher != NULL) {
		tt_fail(r, TT_INVALID_REQUEST, "Invalid request: shop_cipher is not expected on this API");
		return -1;
	}
	if (check_token(r, c) != 0)
		return -1;
	if (scope != TT_SHOP)
		return 0;
	return check_shop(r, c, cipher) == 0 ? tt_rate_take(r, c) : -1;
}
