/* POST/GET /sandbox/sellers (a seller with its shops) and POST /sandbox/authorize (consent without a browser). */
#include "ctl.h"
#include "gen.h"
#include "handlers.h"
#include "sb.h"
#include "sb_sql.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"

#define MAX_SHOPS 10

static void write_shops(struct request *r, struct jw *w, const struct db_rows *s)
{
	jw_arr_open(w, "shops");
	for (int i = 0; i < s->nrows; i++) {
		jw_obj_open(w, NULL);
		jw_str(w, "id", sb_ext(r->arena, ID_SHOP, db_cell_i64(s, i, SB_SHOPS_OF_SELLER_ID)));
		jw_str(w, "cipher", db_cell(s, i, SB_SHOPS_OF_SELLER_CIPHER));
		jw_str(w, "name", db_cell(s, i, SB_SHOPS_OF_SELLER_NAME));
		jw_str(w, "code", db_cell(s, i, SB_SHOPS_OF_SELLER_CODE));
		jw_str(w, "region", db_cell(s, i, SB_SHOPS_OF_SELLER_REGION));
		jw_str(w, "seller_type", db_cell(s, i, SB_SHOPS_OF_SELLER_SELLER_TYPE));
		jw_bool(w, "authorized", db_cell_i64(s, i, SB_SHOPS_OF_SELLER_AUTHORIZED) != 0);
		jw_obj_close(w);
	}
	jw_arr_close(w);
}

/* {seller_id, seller_name, email, region, shops[]} of one seller. */
static void answer_seller(struct request *r, int status, int64_t seller_id)
{
	struct db_param p[] = { P_I64(seller_id) };
	struct db_rows seller, shops;
	if (db_query(r->db, r->arena, SB_SELLER_GET, p, 1, &seller) <= 0 ||
	    db_query(r->db, r->arena, SB_SHOPS_OF_SELLER, p, 1, &shops) < 0) {
		ctl_fail_db(r);
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_str(&w, "seller_id", db_cell(&seller, 0, SB_SELLER_GET_ID));
	jw_str(&w, "seller_name", db_cell(&seller, 0, SB_SELLER_GET_NAME));
	jw_str(&w, "email", db_cell(&seller, 0, SB_SELLER_GET_EMAIL));
	jw_str(&w, "region", db_cell(&seller, 0, SB_SELLER_GET_REGION));
	write_shops(r, &w, &shops);
	jw_obj_close(&w);
	resp_json(r, status, &w);
	jw_free(&w);
}

void h_ctl_seller_create(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	const char *name = jr_str(&j, j.root, "seller_name", JR_REQUIRED, 1, 150);
	const char *email = jr_str(&j, j.root, "email", JR_REQUIRED | JR_EMAIL, 3, 254);
	const char *password = jr_str(&j, j.root, "password", JR_REQUIRED, 6, 200);
	const char *region = jr_str(&j, j.root, "region", JR_OPTIONAL, 2, 2);
	int64_t nshops = jr_int(&j, j.root, "shops", JR_OPTIONAL, 1, MAX_SHOPS, 1);
	int live = jr_bool(&j, j.root, "live", JR_OPTIONAL, 0);
	int64_t seed = jr_int(&j, j.root, "seed", JR_OPTIONAL, 0, INT64_MAX, -1);
	if (region == NULL)
		region = "VN";
	if (sb_region_currency(region) == NULL)
		jr_fail(&j, "region", "is not a TikTok Shop region (VN, TH, MY, PH, SG, ID, JP, US, GB, MX, BR, DE, FR, IE, IT, ES)");
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	email = sb_lower(r->arena, email);
	if (seed < 0)
		seed = (int64_t)(gen_hash(email) >> 1);
	struct rng g;
	rng_seed(&g, (uint64_t)seed);
	int64_t now = sb_now(r->db, r->arena);
	const char *salt = sb_random_token(r->arena, "", 32);
	char hash[65];
	sb_password_hash(salt, password, hash);
	int64_t seller_id = 0;
	if (db_begin(r->db) != 0) {
		ctl_fail_db(r);
		return;
	}
	struct db_param p[] = { P_STR(name), P_STR(email), P_STR(hash), P_STR(salt), P_STR(region), P_I64(live), P_I64(now) };
	if (db_exec(r->db, SB_SELLER_INSERT, p, 7, &seller_id) < 0)
		goto fail;
	for (int i = 0; i < nshops; i++)
		if (gen_shop(r->db, r->arena, &g, seller_id, name, region, i, now) < 0)
			goto fail;
	if (db_commit(r->db) != 0)
		goto fail;
	answer_seller(r, 201, seller_id);
	return;
fail:
	db_rollback(r->db);
	if (db_errno(r->db) == DB_ER_DUP_ENTRY)
		resp_error(r, 409, "seller_exists", "A seller with this e-mail address already exists.");
	else
		ctl_fail_db(r);
}

void h_ctl_seller_get(struct request *r)
{
	const char *email = req_query(r, "email");
	if (email == NULL || *email == '\0') {
		resp_error(r, 400, "email_required", "Give the seller's e-mail address: /sandbox/sellers?email=...");
		return;
	}
	const char *lower = sb_lower(r->arena, email);
	struct db_param p[] = { P_STR(lower) };
	struct db_rows rows;
	int n = db_query(r->db, r->arena, SB_SELLER_BY_EMAIL, p, 1, &rows);
	if (n < 0)
		ctl_fail_db(r);
	else if (n == 0)
		resp_error(r, 404, "not_found", "No seller with this e-mail address.");
	else
		answer_seller(r, 200, db_cell_i64(&rows, 0, SB_SELLER_BY_EMAIL_ID));
}

void h_ctl_authorize(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	const char *email = jr_str(&j, j.root, "email", JR_REQUIRED, 1, 254);
	const char *password = jr_str(&j, j.root, "password", JR_REQUIRED, 1, 200);
	const char *state = jr_str(&j, j.root, "state", JR_OPTIONAL, 0, 1000);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	struct sb_app app;
	int64_t seller = sb_login(r->db, r->arena, email, password, NULL);
	if (seller < 0 || sb_app_load(r->db, r->arena, &app) <= 0) {
		ctl_fail_db(r);
		return;
	}
	if (seller == 0) {
		resp_error(r, 401, "invalid_credentials", "The e-mail address or password is wrong.");
		return;
	}
	const char *code = sb_grant(r->db, r->arena, seller, sb_now(r->db, r->arena));
	if (code == NULL) {
		ctl_fail_db(r);
		return;
	}
	const char *url = sb_url_add(r->arena, app.redirect_url, "code", code);
	url = sb_url_add(r->arena, url, "state", state != NULL ? state : "");
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_str(&w, "redirect_url", url);
	jw_str(&w, "code", code);
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}
