/* POST /fulfillment/202309/packages/{package_id}/ship and POST /fulfillment/202309/packages/ship (batch, with
 * per-package errors): arranging shipment moves the order to AWAITING_COLLECTION. */
#include "tt.h"
#include "tt_package.h"
#include "ff.h"
#include "handlers.h"
#include "sb_sql.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include <string.h>

/* TikTok publishes no limit for a batch; the sandbox takes as many as a package search page holds */
#define MAX_BATCH 50

/* One package's shipping request as read from its JSON object. */
struct ship_req {
	const char *method;
	int64_t start, end;
	const char *tracking, *provider_id;   /* self_shipment: seller shipping only */
};

/* An optional object member; an empty array or null count as absent (the PHP SDK sends [] for an empty one).
 * Sets *bad when the member is something else. */
static yajl_val member_obj(yajl_val obj, const char *name, int *bad)
{
	const char *path[] = { name, NULL };
	yajl_val v = yajl_tree_get(obj, path, yajl_t_any);
	if (v == NULL || YAJL_IS_NULL(v) || (YAJL_IS_ARRAY(v) && v->u.array.len == 0))
		return NULL;
	if (!YAJL_IS_OBJECT(v))
		*bad = 1;
	return YAJL_IS_OBJECT(v) ? v : NULL;
}

/* Reads `spec` into q; returns NULL or the reason it is invalid. */
static const char *read_spec(struct request *r, yajl_val spec, struct ship_req *q)
{
	struct jr j = { .root = spec, .arena = r->arena };
	memset(q, 0, sizeof(*q));
	int bad_slot = 0, bad_self = 0;
	q->method = jr_str(&j, spec, "handover_method", JR_REQUIRED, 1, 16);
	yajl_val slot = member_obj(spec, "pickup_slot", &bad_slot);
	yajl_val self = member_obj(spec, "self_shipment", &bad_self);
	if (j.nerr == 0 && strcmp(q->method, "PICKUP") != 0 && strcmp(q->method, "DROP_OFF") != 0)
		return "Invalid handover_method: PICKUP or DROP_OFF";
	if (bad_slot || bad_self)
		return bad_slot ? "Invalid pickup_slot: must be an object" : "Invalid self_shipment: must be an object";
	if (j.nerr == 0 && strcmp(q->method, "PICKUP") == 0) {
		if (slot == NULL)
			return "Invalid pickup_slot: a pickup needs the pickup_slot chosen from handover_time_slots";
		q->start = jr_int(&j, slot, "start_time", JR_REQUIRED, 0, 4102444800LL, 0);
		q->end = jr_int(&j, slot, "end_time", JR_REQUIRED, 0, 4102444800LL, 0);
	}
	if (self != NULL) {
		q->tracking = jr_str(&j, self, "tracking_number", JR_OPTIONAL, 1, 64);
		q->provider_id = jr_str(&j, self, "shipping_provider_id", JR_OPTIONAL, 1, 64);
	}
	if (j.nerr > 0)
		return arena_printf(r->arena, "Invalid %s: %s", j.errs[0].field, j.errs[0].message);
	return NULL;
}

/* Ships one package in its own transaction: 0, or the error code with its message in *msg. */
static int ship(struct request *r, const struct tt_call *c, const char *package_id, const struct ship_req *q,
                const char **msg)
{
	struct db_rows o;
	if (db_begin(r->db) != 0)
		goto db_fail;
	int found = tt_package_find(r, c, package_id, 1, &o);
	if (found < 0)
		goto db_fail;
	int code = 0;
	const char *status = found ? db_cell(&o, 0, SB_ORDER_ROW_STATUS) : "";
	int seller = found && strcmp(db_cell(&o, 0, SB_ORDER_ROW_SHIPPING_TYPE), "SELLER") == 0;
	if (!found) {
		code = FF_PACKAGE_NOT_FOUND;
		*msg = arena_printf(r->arena, "Package %s does not exist", package_id);
	} else if (strcmp(status, "CANCELLED") == 0) {
		code = FF_ORDER_CANCELLED;
		*msg = "The order has been cancelled: the package cannot be shipped";
	} else if (strcmp(status, "AWAITING_SHIPMENT") != 0) {
		code = FF_ALREADY_SHIPPED;
		*msg = "The package has already been shipped";
	} else if (seller && (q->tracking == NULL || q->provider_id == NULL)) {
		code = FF_SHIPPING_TYPE;
		*msg = "Seller shipping: self_shipment needs tracking_number and shipping_provider_id";
	} else if (strcmp(q->method, "PICKUP") == 0 && !seller && !ff_slot_offered(c->now, c->region, q->start, q->end)) {
		code = FF_SLOT_NOT_OFFERED;
		*msg = "The pickup slot is not available: choose one of handover_time_slots";
	}
	if (code != 0) {
		db_rollback(r->db);
		return code;
	}
	if (ff_arrange(r->db, r->arena, sb_row(package_id, ID_PACKAGE), q->method, q->start, q->end,
	               seller ? q->tracking : NULL, c->now) != 0 || db_commit(r->db) != 0)
		goto db_fail;
	return 0;
db_fail:
	db_rollback(r->db);
	*msg = "Internal error";
	return TT_INTERNAL;
}

void h_tt_package_ship(struct request *r)
{
	struct tt_call c;
	struct jr j;
	if (tt_begin(r, TT_SHOP, &c) != 0 || tt_body(r, &j) != 0)
		return;
	struct ship_req q;
	const char *bad = read_spec(r, j.root, &q), *msg = NULL;
	if (bad != NULL) {
		tt_fail(r, TT_INVALID_REQUEST, bad);
		return;
	}
	int code = ship(r, &c, r->params[0], &q, &msg);
	if (code != 0) {
		tt_fail(r, code, msg);
		return;
	}
	struct jw w;
	tt_open(r, &w);
	tt_send(r, &c, &w);
}

void h_tt_packages_ship(struct request *r)
{
	struct tt_call c;
	struct jr j;
	if (tt_begin(r, TT_SHOP, &c) != 0 || tt_body(r, &j) != 0)
		return;
	yajl_val list = jr_arr(&j, j.root, "packages", JR_REQUIRED, 1, MAX_BATCH);
	if (j.nerr > 0) {
		tt_fail(r, TT_INVALID_REQUEST, arena_printf(r->arena, "Invalid packages: %s (1 to %d packages)",
		                                            j.errs[0].message, MAX_BATCH));
		return;
	}
	struct jw w;
	tt_open(r, &w);
	jw_arr_open(&w, "errors");
	for (size_t i = 0; i < list->u.array.len; i++) {
		yajl_val item = list->u.array.values[i];
		struct jr ji = { .root = item, .arena = r->arena };
		const char *id = YAJL_IS_OBJECT(item) ? jr_str(&ji, item, "id", JR_REQUIRED, 1, 40) : NULL;
		struct ship_req q;
		const char *msg = id == NULL ? "Invalid id: every package needs its id" : read_spec(r, item, &q);
		int code = msg != NULL ? TT_INVALID_REQUEST : ship(r, &c, id, &q, &msg);
		if (code == 0)
			continue;
		jw_obj_open(&w, NULL);
		jw_int(&w, "code", code);
		jw_str(&w, "message", msg);
		jw_obj_open(&w, "detail");
		jw_str(&w, "package_id", id != NULL ? id : "");
		jw_obj_close(&w);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	tt_send(r, &c, &w);
}
