/* TikTok's Fulfillment rules in the sandbox: the package status behind each order status, the pickup slots offered,
 * carrier ids, and the two moves of a package (arranged by the seller, collected by the carrier). */
#include "ff.h"
#include "gen.h"
#include "rr.h"
#include "sb.h"
#include "sb_sql.h"
#include "core/arena.h"
#include "db/db.h"
#include <string.h>

/* Each package status and the order statuses it stands for (one package per order). */
static const struct {
	const char *package, *json;
	const char *orders[3];
} kinds[] = {
	{ "TO_FULFILL", "[\"AWAITING_SHIPMENT\"]", { "AWAITING_SHIPMENT" } },
	{ "PROCESSING", "[\"AWAITING_COLLECTION\",\"PARTIALLY_SHIPPING\"]", { "AWAITING_COLLECTION", "PARTIALLY_SHIPPING" } },
	{ "FULFILLING", "[\"IN_TRANSIT\"]", { "IN_TRANSIT" } },
	{ "COMPLETED", "[\"DELIVERED\",\"COMPLETED\"]", { "DELIVERED", "COMPLETED" } },
	{ "CANCELLED", "[\"CANCELLED\"]", { "CANCELLED" } },
};

const char *ff_package_status(const char *order_status, int paid)
{
	if (!paid)
		return NULL;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		for (size_t k = 0; k < 3 && kinds[i].orders[k] != NULL; k++)
			if (strcmp(kinds[i].orders[k], order_status) == 0)
				return kinds[i].package;
	return NULL; /* UNPAID, ON_HOLD */
}

const char *ff_package_order_statuses(const char *package_status)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i].package, package_status) == 0)
			return kinds[i].json;
	return NULL;
}

int64_t ff_utc_offset(const char *region)
{
	static const struct { const char *region; int hours; } zones[] = {
		{ "VN", 7 }, { "TH", 7 }, { "ID", 7 }, { "MY", 8 }, { "SG", 8 }, { "PH", 8 }, { "JP", 9 },
	};
	for (size_t i = 0; region != NULL && i < sizeof(zones) / sizeof(zones[0]); i++)
		if (strcmp(zones[i].region, region) == 0)
			return (int64_t)zones[i].hours * 3600;
	return 0;
}

int ff_slots(int64_t now, const char *region, struct ff_slot *out)
{
	/* the carriers' two pickup rounds a day, local time: 08:00-12:00 and 13:00-18:00 */
	static const int windows[2][2] = { { 8, 12 }, { 13, 18 } };
	int64_t off = ff_utc_offset(region), local = now + off;
	int64_t midnight = local - ((local % 86400) + 86400) % 86400 - off;
	int n = 0;
	for (int day = 0; day <= FF_SLOT_DAYS && n < FF_SLOT_DAYS * 2; day++)
		for (int w = 0; w < 2 && n < FF_SLOT_DAYS * 2; w++) {
			int64_t start = midnight + (int64_t)day * 86400 + windows[w][0] * 3600;
			if (start <= now)
				continue;
			out[n].start = start;
			out[n].end = midnight + (int64_t)day * 86400 + windows[w][1] * 3600;
			n++;
		}
	return n;
}

int ff_slot_offered(int64_t now, const char *region, int64_t start, int64_t end)
{
	struct ff_slot s[FF_MAX_SLOTS];
	int n = ff_slots(now, region, s);
	for (int i = 0; i < n; i++)
		if (s[i].start == start && s[i].end == end)
			return 1;
	return 0;
}

const char *ff_provider_id(struct arena *a, const char *name)
{
	return arena_printf(a, "69%017llu", (unsigned long long)(gen_hash(name) % 100000000000000000ULL));
}

const char *ff_tracking_text(const char *order_status)
{
	static const struct { const char *status, *text; } words[] = {
		{ "AWAITING_COLLECTION", "Người bán đã sắp xếp vận chuyển, đang chờ đơn vị vận chuyển lấy hàng" },
		{ "IN_TRANSIT", "Đơn vị vận chuyển đã lấy hàng thành công" },
		{ "DELIVERED", "Giao hàng thành công" },
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(words[i].status, order_status) == 0)
			return words[i].text;
	return NULL;
}

int ff_arrange(struct db *db, struct arena *a, int64_t order_id, const char *method, int64_t slot_start,
               int64_t slot_end, const char *tracking, int64_t now)
{
	struct db_param p[] = { P_I64(order_id) };
	struct db_rows rows;
	if (db_query(db, a, SB_ORDER_STATE, p, 1, &rows) <= 0)
		return -1;
	if (tracking == NULL)
		tracking = db_cell(&rows, 0, SB_ORDER_STATE_TRACKING_NUMBER);
	if (*tracking == '\0') {
		struct rng g;
		rng_seed(&g, (uint64_t)order_id * 131 + (uint64_t)now);
		tracking = gen_tracking_number(&g, a, db_cell(&rows, 0, SB_ORDER_STATE_SHIPPING_PROVIDER));
	}
	int pickup = strcmp(method, "PICKUP") == 0;
	struct db_param pu[] = { P_STR(method), pickup ? P_I64(slot_start) : P_NULL, pickup ? P_I64(slot_end) : P_NULL,
	                         P_I64(now), P_STR(tracking), P_I64(order_id) };
	if (db_exec(db, SB_ORDER_ARRANGE, pu, 6, NULL) < 0)
		return -1;
	return gen_order_set_status(db, a, order_id, "AWAITING_COLLECTION", now, NULL) == 1 ? 0 : -1;
}

int ff_collect(struct db *db, struct arena *a, int64_t order_id, int64_t now)
{
	struct db_param p[] = { P_I64(now), P_I64(order_id) };
	struct db_param po[] = { P_I64(order_id) };
	struct db_rows pending;
	if (db_exec(db, SB_ORDER_COLLECTED, p, 2, NULL) < 0 ||
	    gen_order_set_status(db, a, order_id, "IN_TRANSIT", now, NULL) != 1 ||
	    db_query(db, a, SB_AS_PENDING_CANCEL, po, 1, &pending) < 0)
		return -1;
	/* a shipped order can no longer be cancelled: TikTok closes the buyer's pending request */
	struct rr_note note = { .role = "SYSTEM" };
	for (int i = 0; i < pending.nrows; i++)
		if (rr_apply(db, a, db_cell_i64(&pending, i, SB_ID_ID), RR_CANCEL_WITHDRAW, &note, now) != 0)
			return -1;
	return 0;
}
