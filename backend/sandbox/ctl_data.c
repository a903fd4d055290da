/* POST /sandbox/shops/{shop_id}/products and /orders: generated catalogue and orders, deterministic from a seed. */
#include "ctl.h"
#include "gen.h"
#include "handlers.h"
#include "sb.h"
#include "sb_sql.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include <string.h>

#define MAX_PRODUCTS 200
#define MAX_SKUS 10
#define MAX_ORDERS 1000

/* A seed from the body, or one derived from the shop and how much it already holds. */
static uint64_t seed_of(struct jr *j, int64_t shop_id, int stmt, struct request *r)
{
	struct db_param p[] = { P_I64(shop_id) };
	struct db_rows rows;
	int64_t have = db_query(r->db, r->arena, stmt, p, 1, &rows) > 0 ? db_cell_i64(&rows, 0, SB_COUNT_VALUE) : 0;
	int64_t def = (int64_t)(((uint64_t)shop_id * 1000003ULL + (uint64_t)have * 7919ULL) >> 1);
	return (uint64_t)jr_int(j, j->root, "seed", JR_OPTIONAL, 0, INT64_MAX, def);
}

void h_ctl_products_create(struct request *r)
{
	int64_t shop_id;
	const char *region;
	struct jr j;
	if (!ctl_shop(r, &shop_id, &region, NULL) || req_json(r, &j) != 0)
		return;
	int count = (int)jr_int(&j, j.root, "count", JR_OPTIONAL, 1, MAX_PRODUCTS, 5);
	int skus = (int)jr_int(&j, j.root, "skus_per_product", JR_OPTIONAL, 1, MAX_SKUS, 3);
	uint64_t seed = seed_of(&j, shop_id, SB_PRODUCT_COUNT, r);
	/* seller_skus: the codes of the SKUs made, in order (tests choose blank, repeated or odd codes) */
	yajl_val list = jr_arr(&j, j.root, "seller_skus", JR_OPTIONAL, 0, MAX_PRODUCTS);
	int ncodes = list != NULL ? (int)list->u.array.len : 0;
	const char **codes = list != NULL ? arena_alloc(r->arena, sizeof(char *) * (size_t)(count * skus + 1)) : NULL;
	for (int i = 0; codes != NULL && i < count * skus; i++) {
		yajl_val v = i < ncodes ? list->u.array.values[i] : NULL;
		codes[i] = v != NULL && YAJL_IS_STRING(v) ? v->u.string : NULL;
		if (v != NULL && !YAJL_IS_STRING(v))
			jr_fail(&j, "seller_skus", "must be an array of strings");
	}
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	struct rng g;
	rng_seed(&g, seed);
	int64_t now = sb_now(r->db, r->arena);
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_arr_open(&w, "products");
	if (db_begin(r->db) != 0)
		goto fail;
	if (gen_products(r->db, r->arena, &g, shop_id, region, count, skus, codes, count * skus, now, &w) != 0 || db_commit(r->db) != 0) {
		db_rollback(r->db);
		goto fail;
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	resp_json(r, 201, &w);
	jw_free(&w);
	return;
fail:
	jw_free(&w);
	ctl_fail_db(r);
}

void h_ctl_orders_create(struct request *r)
{
	int64_t shop_id;
	const char *region;
	int authorized = 0;
	struct jr j;
	if (!ctl_shop(r, &shop_id, &region, &authorized) || req_json(r, &j) != 0)
		return;
	struct gen_order_opts o = { 0 };
	o.count = (int)jr_int(&j, j.root, "count", JR_OPTIONAL, 1, MAX_ORDERS, 10);
	o.days_back = (int)jr_int(&j, j.root, "days_back", JR_OPTIONAL, 0, 365, 0);
	o.create_time = jr_int(&j, j.root, "create_time", JR_OPTIONAL, CTL_TIME_MIN, CTL_TIME_MAX, 0);
	const char *st = jr_str(&j, j.root, "status", JR_OPTIONAL, 1, 40);
	o.status = gen_known_status(st);
	if (st != NULL && o.status == NULL)
		jr_fail(&j, "status", "is not a TikTok order status");
	o.same_sku_ratio = ctl_number(&j, j.root, "same_sku_ratio", 0, 1, 0.3);
	o.shipping_type = jr_str(&j, j.root, "shipping_type", JR_OPTIONAL, 1, 10);
	if (o.shipping_type != NULL && strcmp(o.shipping_type, "TIKTOK") != 0 && strcmp(o.shipping_type, "SELLER") != 0)
		jr_fail(&j, "shipping_type", "is TIKTOK or SELLER");
	if (jr_has(j.root, "is_cod"))
		o.cod = jr_bool(&j, j.root, "is_cod", JR_OPTIONAL, 0) ? 1 : -1;
	/* history made through the control API is not announced, unless asked (new orders as a live shop gets them) */
	o.notify = jr_bool(&j, j.root, "notify", JR_OPTIONAL, 0) && authorized;
	uint64_t seed = seed_of(&j, shop_id, SB_ORDER_COUNT, r);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	struct rng g;
	rng_seed(&g, seed);
	int64_t now = sb_now(r->db, r->arena);
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_arr_open(&w, "orders");
	int made = -1;
	if (db_begin(r->db) == 0) {
		made = gen_orders(r->db, r->arena, &g, shop_id, region, &o, now, &w);
		if (made <= 0 || db_commit(r->db) != 0) {
			db_rollback(r->db);
			made = made == 0 ? 0 : -1;
		}
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	if (made > 0)
		resp_json(r, 201, &w);
	else if (made == 0)
		resp_error(r, 409, "no_products", "The shop has no active products: create some with POST /sandbox/shops/{shop_id}/products.");
	else
		ctl_fail_db(r);
	jw_free(&w);
}
