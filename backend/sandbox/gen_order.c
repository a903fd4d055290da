/* Generated orders and status changes.
 *
 * Amounts follow TikTok's payment formulas, per order (all in the currency's smallest unit):
 *   line.sale_price              = line.original_price - line.seller_discount - line.platform_discount
 *   original_total_product_price = sum(line.original_price)
 *   seller_discount              = sum(line.seller_discount);  platform_discount = sum(line.platform_discount)
 *   sub_total                    = sum(line.sale_price)
 *                                = original_total_product_price - seller_discount - platform_discount
 *   shipping_fee                 = original_shipping_fee - shipping_fee_seller_discount - shipping_fee_platform_discount
 *   tax                          = 0 (Vietnamese prices include VAT)
 *   total_amount                 = sub_total + shipping_fee + tax
 * One line item per unit: two of a SKU are two line items. */
#include "gen.h"
#include "ff.h"
#include "sb.h"
#include "sb_sql.h"
#include "webhook.h"
#include "core/arena.h"
#include "db/db.h"
#include "json/jwrite.h"
#include <stdlib.h>
#include <string.h>

#define HOUR 3600
#define DAY 86400
#define MAX_KINDS 3

static const char *const statuses[] = {
	"UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "PARTIALLY_SHIPPING", "AWAITING_COLLECTION",
	"IN_TRANSIT", "DELIVERED", "COMPLETED", "CANCELLED",
};
static const char *const providers[] = {
	"J&T Express", "Giao Hàng Nhanh", "Ninja Van", "Viettel Post", "BEST Express", "Giao Hàng Tiết Kiệm",
};
static const char *const cancel_reasons[] = {
	"Người mua đổi ý", "Người mua không thanh toán kịp thời", "Cần thay đổi địa chỉ giao hàng",
	"Hết hàng", "Tìm thấy giá tốt hơn",
};
static const char *const messages[] = {
	"", "", "", "", "Giao giờ hành chính giúp em ạ", "Gói kỹ giúp mình nhé", "Gọi trước khi giao",
	"Shop giao nhanh giúp em", "",
};

const char *gen_known_status(const char *s)
{
	if (s == NULL)
		return NULL;
	if (strcmp(s, "CANCEL") == 0)
		return "CANCELLED";
	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (strcmp(statuses[i], s) == 0)
			return statuses[i];
	return NULL;
}

static int is_status(const char *s, const char *want)
{
	return strcmp(s, want) == 0;
}

/* Statuses that follow an order's age, like a real shop's history. */
static const char *status_for_age(struct rng *g, int64_t age)
{
	int roll = (int)rng_range(g, 0, 99);
	if (roll < 9)
		return "CANCELLED";
	if (age < DAY) {
		static const char *const young[] = { "UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "AWAITING_SHIPMENT",
		                                     "AWAITING_COLLECTION", "IN_TRANSIT" };
		return RNG_PICK(g, young);
	}
	if (age < 3 * DAY) {
		static const char *const mid[] = { "AWAITING_SHIPMENT", "PARTIALLY_SHIPPING", "AWAITING_COLLECTION",
		                                   "IN_TRANSIT", "IN_TRANSIT", "DELIVERED" };
		return RNG_PICK(g, mid);
	}
	if (age < 8 * DAY) {
		static const char *const week[] = { "IN_TRANSIT", "DELIVERED", "DELIVERED", "COMPLETED" };
		return RNG_PICK(g, week);
	}
	return roll < 15 ? "DELIVERED" : "COMPLETED";
}

/* How long after creation an order usually reaches a status. */
static int64_t stage_delay(struct rng *g, const char *status)
{
	if (is_status(status, "UNPAID"))
		return 0;
	if (is_status(status, "ON_HOLD") || is_status(status, "AWAITING_SHIPMENT"))
		return rng_range(g, 60, 30 * 60);
	if (is_status(status, "PARTIALLY_SHIPPING") || is_status(status, "AWAITING_COLLECTION"))
		return rng_range(g, 4 * HOUR, DAY);
	if (is_status(status, "IN_TRANSIT"))
		return rng_range(g, DAY, 2 * DAY);
	if (is_status(status, "DELIVERED"))
		return rng_range(g, 2 * DAY, 4 * DAY);
	if (is_status(status, "COMPLETED"))
		return rng_range(g, 7 * DAY, 10 * DAY);
	return rng_range(g, HOUR, 2 * DAY); /* CANCELLED */
}

static int shipped(const char *s)
{
	return is_status(s, "AWAITING_COLLECTION") || is_status(s, "PARTIALLY_SHIPPING") || is_status(s, "IN_TRANSIT") ||
	       is_status(s, "DELIVERED") || is_status(s, "COMPLETED");
}

const char *gen_tracking_number(struct rng *g, struct arena *a, const char *provider)
{
	if (strcmp(provider, "J&T Express") == 0)
		return arena_printf(a, "8%011lld", (long long)rng_range(g, 0, 99999999999LL));
	if (strcmp(provider, "Giao Hàng Nhanh") == 0)
		return arena_printf(a, "GHN%09lld", (long long)rng_range(g, 0, 999999999));
	return arena_printf(a, "VN%010lldVN", (long long)rng_range(g, 0, 9999999999LL));
}

struct sku_row {
	int64_t id, product_id, price;
	const char *title, *name, *seller_sku;
};

struct money {
	int64_t original, seller, platform, sale;
};

/* Rounds a discount to the currency's granularity (1000 VND, whole units elsewhere). */
static int64_t round_amount(int64_t v, const char *currency)
{
	int64_t step = strcmp(currency, "VND") == 0 ? 1000 : (sb_currency_decimals(currency) == 0 ? 100 : 1);
	return v / step * step;
}

/* Inserts the line items (one per unit) of an order; totals go to *sum. */
static int insert_lines(struct db *db, struct rng *g, int64_t order_id, const struct sku_row *k, int nk,
                        const int *qty, const char *currency, struct money *sum)
{
	memset(sum, 0, sizeof(*sum));
	for (int i = 0; i < nk; i++) {
		int64_t seller = rng_range(g, 0, 9) < 3 ? round_amount(k[i].price * rng_range(g, 5, 20) / 100, currency) : 0;
		int64_t platform = rng_range(g, 0, 9) < 2 ? round_amount(k[i].price * rng_range(g, 2, 8) / 100, currency) : 0;
		int64_t sale = k[i].price - seller - platform;
		for (int u = 0; u < qty[i]; u++) {
			struct db_param p[] = { P_I64(order_id), P_I64(k[i].id), P_I64(k[i].product_id), P_STR(k[i].title),
			                        P_STR(k[i].name), P_STR(k[i].seller_sku), P_I64(k[i].price), P_I64(seller),
			                        P_I64(platform), P_I64(sale), P_I64(0) };
			if (db_exec(db, SB_LINE_INSERT, p, 11, NULL) < 0)
				return -1;
			sum->original += k[i].price;
			sum->seller += seller;
			sum->platform += platform;
			sum->sale += sale;
		}
	}
	return 0;
}

struct order_ctx {
	int64_t shop_id, warehouse;
	const char *region, *currency;
	struct sku_row *skus;
	int nskus;
};

/* Builds, inserts and reports one order. */
static int one_order(struct db *db, struct arena *a, struct rng *g, const struct order_ctx *x,
                     const struct gen_order_opts *o, int64_t now, struct jw *w)
{
	int64_t created = o->create_time > 0 ? o->create_time
	                  : o->days_back > 0 ? now - rng_range(g, 0, (int64_t)o->days_back * DAY) : now;
	const char *status = o->status != NULL ? o->status : status_for_age(g, now - created);
	int64_t updated = created + stage_delay(g, status);
	if (updated > now)
		updated = now;
	int cancelled = is_status(status, "CANCELLED");
	int unpaid = is_status(status, "UNPAID") || (cancelled && rng_range(g, 0, 1) == 0);
	int64_t paid = unpaid ? 0 : created + rng_range(g, 30, 20 * 60);
	if (paid > updated)
		paid = updated;
	const char *provider = RNG_PICK(g, providers);
	struct gen_person p;
	gen_person(g, a, &p);

	int nk = (int)rng_range(g, 1, x->nskus < MAX_KINDS ? x->nskus : MAX_KINDS);
	struct sku_row k[MAX_KINDS];
	int qty[MAX_KINDS];
	for (int i = 0; i < nk; i++) {
		int dup;
		do {
			k[i] = x->skus[rng_next(g) % (uint64_t)x->nskus];
			dup = 0;
			for (int j = 0; j < i; j++)
				dup |= k[j].id == k[i].id;
		} while (dup);
		qty[i] = rng_unit(g) < o->same_sku_ratio ? (int)rng_range(g, 2, 3) : 1;
	}
	int64_t osf = round_amount((int64_t)rng_range(g, 15, 35) * 1000, "VND");
	if (strcmp(x->currency, "VND") != 0)
		osf = sb_currency_decimals(x->currency) == 0 ? 500 : 299;
	int64_t ship_platform = rng_range(g, 0, 1) ? osf / 2 : 0;
	int64_t ship_seller = rng_range(g, 0, 4) == 0 ? osf - ship_platform : 0;
	int is_cod = rng_range(g, 0, 9) < 4;
	const char *buyer_id = arena_printf(a, "7494%015lld", (long long)rng_range(g, 0, 999999999999999LL));
	const char *email = arena_printf(a, "v%012llx@scs2.tiktok.com", (unsigned long long)(rng_next(g) & 0xffffffffffffULL));
	/* every random draw happens here, in order: initializer lists have no evaluation order */
	const char *message = RNG_PICK(g, messages);
	const char *reason = cancelled ? RNG_PICK(g, cancel_reasons) : "";
	int buyer_cancel = !cancelled && is_status(status, "AWAITING_SHIPMENT") && rng_range(g, 0, 19) == 0;
	const char *tracking = shipped(status) ? gen_tracking_number(g, a, provider) : "";
	const char *ship_type = rng_range(g, 0, 9) < 8 ? "TIKTOK" : "SELLER";
	/* choices the caller made replace the draws after they happened, so the rest of the seed's stream stays */
	if (o->shipping_type != NULL)
		ship_type = o->shipping_type;
	if (o->cod != 0)
		is_cod = o->cod > 0;

	/* an order made already shipped was arranged (a drop-off) and, past AWAITING_COLLECTION, collected in its past;
	 * the times follow from the others so the seed's stream of draws stays as it was */
	int collected = shipped(status) && !is_status(status, "AWAITING_COLLECTION") && !is_status(status, "PARTIALLY_SHIPPING");
	int64_t rts = !shipped(status) ? 0 : collected ? paid + (updated - paid) / 4 : updated;
	int64_t collect_at = collected ? (is_status(status, "IN_TRANSIT") ? updated : paid + (updated - paid) / 2) : 0;
	struct db_param op[39] = {
		P_I64(x->shop_id), P_STR(status), P_I64(created), P_I64(updated), paid > 0 ? P_I64(paid) : P_NULL,
		P_STR(buyer_id), P_STR(email), P_STR(message), P_STR(reason), cancelled ? P_I64(updated) : P_NULL,
		P_I64(buyer_cancel), P_STR(provider), P_STR(tracking), P_STR(ship_type), P_I64(x->warehouse),
		P_I64(is_cod), P_I64(is_status(status, "ON_HOLD")), P_STR(p.name), P_STR(p.phone), P_STR(p.street),
		P_STR(p.ward), P_STR(p.district), P_STR(p.province), P_STR(p.postal_code), P_STR(x->region),
		P_STR(x->currency),
	};
	/* the money columns are set once the lines (which need the order id) are in */
	int64_t order_id = 0;
	for (int i = 26; i < 36; i++)
		op[i] = P_I64(0);
	op[36] = shipped(status) ? P_STR("DROP_OFF") : P_NULL;
	op[37] = shipped(status) ? P_I64(rts) : P_NULL;
	op[38] = collected ? P_I64(collect_at) : P_NULL;
	if (db_exec(db, SB_ORDER_INSERT, op, 39, &order_id) < 0)
		return -1;
	struct money m;
	if (insert_lines(db, g, order_id, k, nk, qty, x->currency, &m) < 0)
		return -1;
	int64_t ship = osf - ship_seller - ship_platform;
	struct db_param mp[] = { P_I64(m.original), P_I64(m.seller), P_I64(m.platform), P_I64(m.sale), P_I64(osf),
	                         P_I64(ship_seller), P_I64(ship_platform), P_I64(ship), P_I64(0),
	                         P_I64(m.sale + ship), P_I64(order_id) };
	if (db_exec(db, SB_ORDER_SET_MONEY, mp, 11, NULL) < 0)
		return -1;
	struct wh_event e = { .type = WH_ORDER_STATUS_CHANGE, .shop_id = x->shop_id, .timestamp = now,
	                      .order_id = order_id, .order_status = status, .is_on_hold = is_status(status, "ON_HOLD"),
	                      .update_time = updated };
	if (o->notify && wh_enqueue(db, a, &e) != 0)
		return -1;
	if (w != NULL) {
		jw_obj_open(w, NULL);
		jw_str(w, "id", sb_ext(a, ID_ORDER, order_id));
		jw_int(w, "create_time", created);
		jw_int(w, "update_time", updated);
		jw_str(w, "status", status);
		jw_obj_close(w);
	}
	return 0;
}

/* The shop's default warehouse and its active SKUs; 0 when it has none, -1 on error. */
static int load_ctx(struct db *db, struct arena *a, int64_t shop_id, const char *region, struct order_ctx *x)
{
	memset(x, 0, sizeof(*x));
	x->shop_id = shop_id;
	x->region = region;
	x->currency = sb_region_currency(region);
	if (x->currency == NULL)
		x->currency = "VND";
	struct db_param p[] = { P_I64(shop_id) };
	struct db_rows wh, sk;
	int nw = db_query(db, a, SB_WAREHOUSES_OF_SHOP, p, 1, &wh);
	int ns = db_query(db, a, SB_SKUS_FOR_ORDERS, p, 1, &sk);
	if (nw < 0 || ns < 0)
		return -1;
	for (int i = 0; i < nw && x->warehouse == 0; i++)
		if (db_cell_i64(&wh, i, SB_WAREHOUSES_OF_SHOP_IS_DEFAULT) != 0)
			x->warehouse = db_cell_i64(&wh, i, SB_WAREHOUSES_OF_SHOP_ID);
	if (ns == 0 || x->warehouse == 0)
		return 0;
	x->skus = arena_alloc(a, sizeof(struct sku_row) * (size_t)ns);
	x->nskus = ns;
	for (int i = 0; i < ns; i++) {
		x->skus[i].id = db_cell_i64(&sk, i, SB_SKUS_FOR_ORDERS_ID);
		x->skus[i].product_id = db_cell_i64(&sk, i, SB_SKUS_FOR_ORDERS_PRODUCT_ID);
		x->skus[i].title = db_cell(&sk, i, SB_SKUS_FOR_ORDERS_TITLE);
		x->skus[i].name = arena_printf(a, "%s, %s", db_cell(&sk, i, SB_SKUS_FOR_ORDERS_ATTR1_VALUE),
		                               db_cell(&sk, i, SB_SKUS_FOR_ORDERS_ATTR2_VALUE));
		x->skus[i].seller_sku = db_cell(&sk, i, SB_SKUS_FOR_ORDERS_SELLER_SKU);
		x->skus[i].price = db_cell_i64(&sk, i, SB_SKUS_FOR_ORDERS_PRICE);
	}
	return 1;
}

int gen_orders(struct db *db, struct arena *a, struct rng *g, int64_t shop_id, const char *region,
               const struct gen_order_opts *o, int64_t now, struct jw *w)
{
	struct order_ctx x;
	int rc = load_ctx(db, a, shop_id, region, &x);
	if (rc <= 0)
		return rc;
	for (int i = 0; i < o->count; i++)
		if (one_order(db, a, g, &x, o, now, w) != 0)
			return -1;
	return o->count;
}

const char *gen_next_status(struct rng *g, const char *status)
{
	if (is_status(status, "UNPAID"))
		return rng_range(g, 0, 5) == 0 ? "CANCELLED" : (rng_range(g, 0, 4) == 0 ? "ON_HOLD" : "AWAITING_SHIPMENT");
	if (is_status(status, "ON_HOLD"))
		return "AWAITING_SHIPMENT";
	if (is_status(status, "AWAITING_SHIPMENT") || is_status(status, "PARTIALLY_SHIPPING"))
		return "AWAITING_COLLECTION";
	if (is_status(status, "AWAITING_COLLECTION"))
		return "IN_TRANSIT";
	if (is_status(status, "IN_TRANSIT"))
		return "DELIVERED";
	if (is_status(status, "DELIVERED"))
		return "COMPLETED";
	return NULL;
}

int gen_order_set_status(struct db *db, struct arena *a, int64_t order_id, const char *status, int64_t now,
                         int64_t *update_time)
{
	struct db_param p[] = { P_I64(order_id) };
	struct db_rows rows;
	int n = db_query(db, a, SB_ORDER_STATE, p, 1, &rows);
	if (n <= 0)
		return n;
	int64_t old_update = db_cell_i64(&rows, 0, SB_ORDER_STATE_UPDATE_TIME);
	int64_t updated = now > old_update ? now : old_update + 1;
	const char *paid_s = db_cell(&rows, 0, SB_ORDER_STATE_PAID_TIME);
	int64_t paid = paid_s != NULL ? strtoll(paid_s, NULL, 10) : 0;
	if (paid == 0 && !is_status(status, "UNPAID") && !is_status(status, "CANCELLED"))
		paid = updated;
	const char *tracking = db_cell(&rows, 0, SB_ORDER_STATE_TRACKING_NUMBER);
	struct rng g;
	rng_seed(&g, (uint64_t)order_id * 31 + (uint64_t)updated);
	if (shipped(status) && *tracking == '\0')
		tracking = gen_tracking_number(&g, a, db_cell(&rows, 0, SB_ORDER_STATE_SHIPPING_PROVIDER));
	int cancelled = is_status(status, "CANCELLED");
	int on_hold = is_status(status, "ON_HOLD");
	const char *reason = cancelled ? RNG_PICK(&g, cancel_reasons) : "";
	struct db_param pu[] = { P_STR(status), P_I64(updated), paid > 0 ? P_I64(paid) : P_NULL, P_STR(tracking),
	                         P_STR(reason),
	                         cancelled ? P_I64(updated) : P_NULL, P_I64(on_hold), P_I64(order_id) };
	if (db_exec(db, SB_ORDER_SET_STATUS, pu, 8, NULL) < 0)
		return -1;
	if (update_time != NULL)
		*update_time = updated;
	const char *event = ff_tracking_text(status);
	struct db_param pt[] = { P_I64(order_id), P_I64(updated * 1000), P_STR(event) };
	if (event != NULL && db_exec(db, SB_TRACKING_INSERT, pt, 3, NULL) < 0)
		return -1;
	if (db_cell_i64(&rows, 0, SB_ORDER_STATE_AUTHORIZED) == 0)
		return 1; /* the shop has not authorized the app: nobody to notify */
	struct wh_event e = { .type = WH_ORDER_STATUS_CHANGE, .shop_id = db_cell_i64(&rows, 0, SB_ORDER_STATE_SHOP_ID),
	                      .timestamp = now, .order_id = order_id, .order_status = status, .is_on_hold = on_hold,
	                      .update_time = updated };
	return wh_enqueue(db, a, &e) == 0 ? 1 : -1;
}
