/* TikTok connections: start the authorization, finish it in the callback, list, disconnect. */
#include "api/common.h"
#include "audit/audit.h"
#include "api/handlers.h"
#include "connections/oauth_browser.h"
#include "connections/oauth_state.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/log.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "http/urlcode.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include "connections/connection_tokens.h"
#include "tiktok/auth.h"
#include <string.h>

#define STATE_TTL_SECONDS 600

/* TikTok Shop's regions, as the 422 names them. */
#define REGIONS "VN, TH, MY, PH, SG, ID, JP, US, GB, MX, BR, DE, FR, IE, IT, ES"

/* Two capital letters found in REGIONS (a pair of letters can only match inside one of its codes). */
static int known_region(const char *r)
{
	return strlen(r) == 2 && r[0] >= 'A' && r[0] <= 'Z' && r[1] >= 'A' && r[1] <= 'Z' && strstr(REGIONS, r) != NULL;
}

void h_conn_authorize(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	const char *region = jr_str(&j, j.root, "region", JR_OPTIONAL, 2, 2);
	if (region == NULL && j.nerr == 0)
		region = "VN";
	if (region != NULL && !known_region(region))
		jr_reject_allowed(&j, "region", REGIONS, "must be one of " REGIONS);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	char nonce[OAUTH_NONCE_LEN + 1];
	oauth_nonce(nonce);
	int64_t exp = clock_now() + STATE_TTL_SECONDS;
	struct db_param p[] = { P_STR(nonce), P_I64(r->auth.merchant_id), P_I64(r->auth.user_id), P_STR(region), P_I64(exp) };
	if (db_exec(r->db, STMT_OAUTH_STATE_INSERT, p, 5, NULL) != 1) {
		fail_db(r);
		return;
	}
	const char *state = oauth_state_make(r->arena, r->cfg->jwt_secret, nonce, r->auth.merchant_id, r->auth.user_id, exp);
	oauth_browser_bind(r, nonce, STATE_TTL_SECONDS);
	const char *url = arena_printf(r->arena, "%s/open/authorize?service_id=%s&state=%s", r->cfg->tiktok_authorize_url,
	                               url_encode(r->arena, r->cfg->tiktok_service_id), url_encode(r->arena, state));
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_str(&w, "authorize_url", url);
	jw_time(&w, "state_expires_at", exp);
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}

/* Back to the SPA's connections screen with the outcome in the query. */
static void back_to_app(struct request *r, const char *query)
{
	resp_redirect(r, arena_printf(r->arena, "%s/settings/ecommerce?%s", r->cfg->public_url, query));
}

static void back_with_error(struct request *r, const char *reason)
{
	log_info("tiktok_connect_failed", "reason=%s", reason);
	back_to_app(r, arena_printf(r->arena, "result=error&reason=%s", reason));
}

/* Checks and consumes the state; the merchant and user it binds go into r->auth.
 * Returns NULL when usable, else the reason to show. */
static const char *consume_state(struct request *r, const char *state)
{
	struct oauth_state s;
	if (oauth_state_parse(r->arena, state, &s) != 0)
		return "invalid_state";
	struct db_param p[] = { P_STR(s.nonce) };
	struct db_rows rows;
	int n = db_query(r->db, r->arena, STMT_OAUTH_STATE_GET, p, 1, &rows);
	if (n < 0)
		return "server_error";
	if (n == 0)
		return "invalid_state";
	int64_t mid = db_cell_i64(&rows, 0, OAUTH_STATE_MERCHANT_ID), uid = db_cell_i64(&rows, 0, OAUTH_STATE_USER_ID);
	if (db_cell_i64(&rows, 0, OAUTH_STATE_EXPIRES_AT) != s.expires_at || !oauth_state_signed(r->cfg->jwt_secret, &s, mid, uid))
		return "invalid_state";
	if (db_cell_i64(&rows, 0, OAUTH_STATE_USED) != 0)
		return "state_used";
	if (s.expires_at <= clock_now())
		return "state_expired";
	if (!oauth_browser_matches(r, s.nonce))
		return "other_browser"; /* not used up: the browser that started it can still finish */
	oauth_browser_clear(r, s.nonce);
	int64_t used = db_exec(r->db, STMT_OAUTH_STATE_USE, p, 1, NULL);
	if (used < 0)
		return "server_error";
	if (used == 0)
		return "state_used";
	r->auth.merchant_id = mid;
	r->auth.user_id = uid;
	return NULL;
}

/* Stores one connection per shop in one transaction. Returns connected count, or -1;
 * shops connected to another merchant are counted in *taken and the first is named. */
static int store_shops_once(struct request *r, const struct tt_tokens *t, const struct tt_shop *shops, int n,
                            int *taken, const char **taken_name)
{
	*taken = 0;
	*taken_name = NULL;
	char *access = token_seal(r->arena, r->cfg, t->access_token);
	char *refresh = token_seal(r->arena, r->cfg, t->refresh_token);
	if (access == NULL || refresh == NULL || db_begin(r->db) != 0)
		return -1;
	int connected = 0;
	for (int i = 0; i < n; i++) {
		struct db_param tp[] = { P_STR(shops[i].id), P_I64(r->auth.merchant_id) };
		struct db_rows rows;
		int other = db_query(r->db, r->arena, STMT_CONN_SHOP_TAKEN, tp, 2, &rows);
		if (other < 0)
			goto fail;
		if (other > 0) {
			if ((*taken)++ == 0)
				*taken_name = shops[i].name;
			continue;
		}
		struct db_param up[] = { P_I64(r->auth.merchant_id), P_STR(shops[i].id), P_STR(shops[i].cipher),
		                         P_STR(shops[i].name), P_STR(shops[i].code), P_STR(shops[i].region),
		                         P_STR(t->seller_name ? t->seller_name : ""), P_STR(t->open_id ? t->open_id : ""),
		                         P_STR(access), P_STR(refresh), P_I64(t->access_expires_at),
		                         P_I64(t->refresh_expires_at) };
		int64_t id = 0;
		if (db_exec(r->db, STMT_CONN_UPSERT, up, 12, &id) < 0 ||
		    audit_change(r, AUDIT_CONNECTION, id, "connect", NULL) < 0)
			goto fail;
		connected++;
	}
	if (db_commit(r->db) != 0)
		goto fail;
	return connected;
fail:
	db_rollback(r->db);
	return -1;
}

/* store_shops_once, run again after a deadlock: merchants connecting at the same moment each lock the gap where a
 * shop's row would go (the check that no other merchant holds it) before inserting there. */
static int store_shops(struct request *r, const struct tt_tokens *t, const struct tt_shop *shops, int n,
                       int *taken, const char **taken_name)
{
	int rc = store_shops_once(r, t, shops, n, taken, taken_name);
	for (int attempt = 1; rc < 0 && db_deadlock_again(r->db, attempt, 3); attempt++)
		rc = store_shops_once(r, t, shops, n, taken, taken_name);
	return rc;
}

void h_conn_callback(struct request *r)
{
	const char *code = req_query(r, "code");
	const char *state = req_query(r, "state");
	const char *error = req_query(r, "error");
	if (state == NULL || *state == '\0') {
		back_with_error(r, "invalid_state");
		return;
	}
	const char *bad = consume_state(r, state);
	if (bad != NULL) {
		back_with_error(r, bad);
		return;
	}
	if ((error != NULL && *error != '\0') || code == NULL || *code == '\0' || strcmp(code, "null") == 0) {
		back_with_error(r, "auth_denied");
		return;
	}
	struct tt_client *tt = r->app;
	struct tt_result res;
	struct tt_tokens tokens;
	if (tt_token_get(tt, code, &res) != TT_OK || tt_tokens_read(res.data, r->arena, &tokens) != 0) {
		log_warn("tiktok_token_get", "status=%d code=%ld message=\"%s\"", (int)res.status, res.code, res.message);
		tt_result_free(&res);
		back_with_error(r, "token_failed");
		return;
	}
	tt_result_free(&res);
	struct tt_shop *shops;
	int nshops;
	enum tt_status st = tt_shops_get(tt, tokens.access_token, r->arena, &shops, &nshops, &res);
	if (st != TT_OK) {
		log_warn("tiktok_shops_get", "status=%d code=%ld message=\"%s\"", (int)st, res.code, res.message);
		tt_result_free(&res);
		back_with_error(r, "shops_failed");
		return;
	}
	tt_result_free(&res);
	if (nshops == 0) {
		back_with_error(r, "no_shops");
		return;
	}
	int taken = 0;
	const char *taken_name = NULL;
	int connected = store_shops(r, &tokens, shops, nshops, &taken, &taken_name);
	if (connected < 0) {
		back_with_error(r, "server_error");
		return;
	}
	log_info("tiktok_connected", "merchant=%lld shops=%d taken=%d", (long long)r->auth.merchant_id, connected, taken);
	if (connected == 0) {
		back_to_app(r, arena_printf(r->arena, "result=error&reason=shop_taken&shop=%s", url_encode(r->arena, taken_name)));
		return;
	}
	const char *q = arena_printf(r->arena, "result=connected&shops=%d", connected);
	if (taken > 0)
		q = arena_printf(r->arena, "%s&taken=%d&shop=%s", q, taken, url_encode(r->arena, taken_name));
	back_to_app(r, q);
}

static void write_connection(struct jw *w, const struct db_rows *rows, int i)
{
	jw_obj_open(w, NULL);
	jw_int(w, "id", db_cell_i64(rows, i, CONN_LIST_ID));
	jw_str(w, "channel", "tiktok");
	jw_str(w, "shop_id", db_cell(rows, i, CONN_LIST_SHOP_ID));
	jw_str(w, "shop_name", db_cell(rows, i, CONN_LIST_SHOP_NAME));
	jw_str(w, "shop_code", db_cell(rows, i, CONN_LIST_SHOP_CODE));
	jw_str(w, "region", db_cell(rows, i, CONN_LIST_REGION));
	jw_str(w, "seller_name", db_cell(rows, i, CONN_LIST_SELLER_NAME));
	jw_str(w, "status", db_cell(rows, i, CONN_LIST_STATUS));
	jw_str(w, "status_reason", db_cell(rows, i, CONN_LIST_STATUS_REASON));
	jw_time(w, "connected_at", db_cell_i64(rows, i, CONN_LIST_CONNECTED_AT));
	jw_time(w, "token_expires_at", db_cell_i64(rows, i, CONN_LIST_ACCESS_EXPIRES_AT));
	jw_time(w, "expiry_warning_at", db_cell_i64(rows, i, CONN_LIST_EXPIRY_WARNING_AT));
	jw_time(w, "last_synced_at", db_cell_i64(rows, i, CONN_LIST_LAST_SYNCED_AT));
	jw_str(w, "last_error_code", db_cell(rows, i, CONN_LIST_LAST_ERROR_CODE));
	jw_str(w, "last_error", db_cell(rows, i, CONN_LIST_LAST_ERROR));
	jw_time(w, "last_error_at", db_cell_i64(rows, i, CONN_LIST_LAST_ERROR_AT));
	if (db_cell(rows, i, CONN_LIST_JOB_ID) == NULL) {
		jw_null(w, "sync");
	} else {
		jw_obj_open(w, "sync");
		jw_int(w, "id", db_cell_i64(rows, i, CONN_LIST_JOB_ID));
		jw_str(w, "kind", db_cell(rows, i, CONN_LIST_JOB_KIND));
		jw_str(w, "state", db_cell(rows, i, CONN_LIST_JOB_STATE));
		jw_obj_open(w, "progress");
		jw_int(w, "done", db_cell_i64(rows, i, CONN_LIST_JOB_DONE));
		jw_int(w, "total", db_cell_i64(rows, i, CONN_LIST_JOB_TOTAL));
		jw_obj_close(w);
		jw_obj_close(w);
	}
	jw_obj_close(w);
}

/* ?include_disconnected=true also lists disconnected shops (their orders stay, e.g. for the orders filter). */
void h_conn_list(struct request *r)
{
	struct jr q;
	struct page pg;
	query_errors_init(&q, r);
	page_params(&q, r, &pg);
	const char *all = query_str(&q, r, "include_disconnected", 5);
	if (all != NULL && strcmp(all, "true") != 0 && strcmp(all, "false") != 0)
		jr_reject(&q, "include_disconnected", JR_not_a_boolean, "must be true or false");
	if (query_errors_answer(&q, r) != 0)
		return;
	struct db_param p[4] = { P_I64(r->auth.merchant_id), P_I64(all != NULL && strcmp(all, "true") == 0) };
	answer_list(r, &pg, STMT_CONN_COUNT, STMT_CONN_LIST, p, 2, write_connection);
}

void h_conn_delete(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	if (id == 0) {
		resp_error(r, 404, "not_found", "No such connection.");
		return;
	}
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	if (db_begin(r->db) != 0) {
		fail_db(r);
		return;
	}
	const char *before = audit_snap(r, AUDIT_CONNECTION, id);
	int64_t n = db_exec(r->db, STMT_CONN_DISCONNECT, p, 2, NULL);
	if (n < 0 || (n > 0 && (db_exec(r->db, STMT_JOBS_CANCEL_FOR_CONN, p, 2, NULL) < 0 ||
	                        audit_change(r, AUDIT_CONNECTION, id, "disconnect", before) < 0)) ||
	    db_commit(r->db) != 0) {
		db_rollback(r->db);
		fail_db(r);
		return;
	}
	if (n == 0) {
		resp_error(r, 404, "not_found", "No such connection.");
		return;
	}
	log_info("tiktok_disconnected", "merchant=%lld connection=%lld", (long long)r->auth.merchant_id, (long long)id);
	resp_empty(r, 204);
}
