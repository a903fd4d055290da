/* TikTok order search and detail, parsed into tt_order with line items grouped per SKU. */
#include "tiktok/orders.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/log.h"
#include <stdio.h>
#include <string.h>

static const char *str(struct arena *a, yajl_val obj, const char *key)
{
	const char *s = tt_str(obj, key);
	return arena_strdup(a, s != NULL ? s : "");
}

/* A money amount as a plain decimal string ("0" when absent or not a number). */
static const char *money(struct arena *a, yajl_val obj, const char *key)
{
	const char *s = tt_str(obj, key);
	if (s == NULL || *s == '\0' || strlen(s) > 24)
		return "0";
	int dots = 0;
	for (const char *p = s; *p; p++) {
		if (*p == '.')
			dots++;
		else if ((*p < '0' || *p > '9') && !(p == s && *p == '-'))
			return "0";
	}
	return dots <= 1 ? arena_strdup(a, s) : "0";
}

static void read_lines(struct arena *a, yajl_val items, struct tt_order *o)
{
	size_t n = items != NULL && YAJL_IS_ARRAY(items) ? items->u.array.len : 0;
	o->lines = arena_alloc(a, sizeof(struct tt_line) * (n ? n : 1));
	for (size_t i = 0; i < n; i++) {
		yajl_val it = items->u.array.values[i];
		const char *sku = tt_str(it, "sku_id");
		if (sku == NULL)
			continue;
		o->item_count++;
		struct tt_line *l = NULL;
		for (int k = 0; k < o->nlines && l == NULL; k++)
			if (strcmp(o->lines[k].sku_id, sku) == 0)
				l = &o->lines[k];
		if (l != NULL) {
			l->quantity++;
			continue;
		}
		l = &o->lines[o->nlines++];
		l->sku_id = arena_strdup(a, sku);
		l->product_id = str(a, it, "product_id");
		l->seller_sku = str(a, it, "seller_sku");
		l->product_name = str(a, it, "product_name");
		l->sku_name = str(a, it, "sku_name");
		l->image_url = str(a, it, "sku_image");
		l->sale_price = money(a, it, "sale_price");
		l->original_price = money(a, it, "original_price");
		l->quantity = 1;
	}
}

/* packages[{id}]: the ids only; what TikTok knows of each comes from the fulfillment calls. */
static void read_packages(struct arena *a, yajl_val list, struct tt_order *o)
{
	size_t n = list != NULL && YAJL_IS_ARRAY(list) ? list->u.array.len : 0;
	o->packages = arena_alloc(a, sizeof(char *) * (n ? n : 1));
	for (size_t i = 0; i < n; i++) {
		const char *id = tt_str(list->u.array.values[i], "id");
		if (id != NULL && *id != '\0' && strlen(id) <= 64)
			o->packages[o->npackages++] = arena_strdup(a, id);
	}
}

static int read_order(struct arena *a, yajl_val v, struct tt_order *o)
{
	memset(o, 0, sizeof(*o));
	if (tt_str(v, "id") == NULL || tt_str(v, "status") == NULL)
		return -1;
	o->id = str(a, v, "id");
	o->status = str(a, v, "status");
	o->create_time = tt_int(v, "create_time");
	o->update_time = tt_int(v, "update_time");
	o->paid_time = tt_int(v, "paid_time");
	o->buyer_email = str(a, v, "buyer_email");
	o->buyer_message = str(a, v, "buyer_message");
	o->cancel_reason = str(a, v, "cancel_reason");
	o->shipping_provider = str(a, v, "shipping_provider");
	o->tracking_number = str(a, v, "tracking_number");
	o->shipping_type = str(a, v, "shipping_type");
	yajl_val cod = tt_get(v, "is_cod");
	o->is_cod = cod != NULL && YAJL_IS_TRUE(cod);
	yajl_val pay = tt_get(v, "payment");
	o->currency = str(a, pay, "currency");
	o->sub_total = money(a, pay, "sub_total");
	o->shipping_fee = money(a, pay, "shipping_fee");
	o->seller_discount = money(a, pay, "seller_discount");
	o->platform_discount = money(a, pay, "platform_discount");
	o->tax = money(a, pay, "tax");
	o->total_amount = money(a, pay, "total_amount");
	o->original_total_product_price = money(a, pay, "original_total_product_price");
	o->original_shipping_fee = money(a, pay, "original_shipping_fee");
	yajl_val addr = tt_get(v, "recipient_address");
	o->recipient_name = str(a, addr, "name");
	o->recipient_phone = str(a, addr, "phone_number");
	o->full_address = str(a, addr, "full_address");
	o->address_detail = str(a, addr, "address_detail");
	o->postal_code = str(a, addr, "postal_code");
	o->region_code = str(a, addr, "region_code");
	read_lines(a, tt_get(v, "line_items"), o);
	read_packages(a, tt_get(v, "packages"), o);
	o->ship_by = tt_int(v, "rts_sla_time");
	if (o->ship_by < TT_TIME_MIN || o->ship_by > TT_TIME_MAX)
		o->ship_by = 0;
	if (o->update_time < o->create_time)
		o->update_time = o->create_time;
	return 0;
}

static int sane_time(int64_t t, int optional)
{
	return (optional && t == 0) || (t >= TT_TIME_MIN && t <= TT_TIME_MAX);
}

enum tt_status tt_order_page_read(struct arena *a, struct tt_order_page *out, struct tt_result *res)
{
	yajl_val list = tt_get(res->data, "orders");
	size_t n = list != NULL && YAJL_IS_ARRAY(list) ? list->u.array.len : 0;
	if (list != NULL && !YAJL_IS_ARRAY(list))
		goto malformed;
	out->orders = arena_alloc(a, sizeof(struct tt_order) * (n ? n : 1));
	out->norders = 0;
	for (size_t i = 0; i < n; i++) {
		struct tt_order *o = &out->orders[out->norders];
		if (read_order(a, list->u.array.values[i], o) != 0)
			goto malformed;
		if (!sane_time(o->create_time, 0) || !sane_time(o->update_time, 0) || !sane_time(o->paid_time, 1)) {
			log_warn("tiktok_order_rejected", "order=%.64s create_time=%lld update_time=%lld paid_time=%lld "
			         "reason=\"a time outside %d..%lld\"", o->id, (long long)o->create_time, (long long)o->update_time,
			         (long long)o->paid_time, TT_TIME_MIN, (long long)TT_TIME_MAX);
			continue;
		}
		out->norders++;
	}
	out->next_page_token = str(a, res->data, "next_page_token");
	out->total_count = tt_int(res->data, "total_count");
	return TT_OK;
malformed:
	snprintf(res->message, sizeof(res->message), "an order in the answer lacks id or status");
	return res->status = TT_ERR_MALFORMED;
}

static void bound(struct buf *b, const char *name, int64_t v)
{
	if (v <= 0)
		return;
	char s[64];
	snprintf(s, sizeof(s), "%s\"%s\":%lld", b->len > 1 ? "," : "", name, (long long)v);
	buf_puts(b, s);
}

enum tt_status tt_orders_search(struct tt_client *c, const char *shop_cipher, const char *access_token,
                                const struct tt_order_query *q, struct arena *a, struct tt_order_page *out,
                                struct tt_result *res)
{
	memset(out, 0, sizeof(*out));
	struct buf body;
	buf_init(&body, 0);
	buf_puts(&body, "{");
	bound(&body, "create_time_ge", q->create_time_ge);
	bound(&body, "create_time_lt", q->create_time_lt);
	bound(&body, "update_time_ge", q->update_time_ge);
	bound(&body, "update_time_lt", q->update_time_lt);
	buf_puts(&body, "}");
	char size[16];
	snprintf(size, sizeof(size), "%d", q->page_size);
	struct tt_kv query[4] = { { "page_size", size }, { "sort_field", q->sort_field }, { "sort_order", "ASC" } };
	int nq = 3;
	if (q->page_token != NULL && *q->page_token != '\0')
		query[nq++] = (struct tt_kv){ "page_token", q->page_token };
	enum tt_status st = tt_call(c, "POST", "/order/202309/orders/search", shop_cipher, access_token, query, nq,
	                            body.data, res);
	buf_free(&body);
	return st == TT_OK ? tt_order_page_read(a, out, res) : st;
}

enum tt_status tt_orders_get(struct tt_client *c, const char *shop_cipher, const char *access_token,
                             const char *const *ids, int nids, struct arena *a, struct tt_order_page *out,
                             struct tt_result *res)
{
	memset(out, 0, sizeof(*out));
	struct buf list;
	buf_init(&list, 0);
	for (int i = 0; i < nids && i < 50; i++) {
		if (i > 0)
			buf_puts(&list, ",");
		buf_puts(&list, ids[i]);
	}
	struct tt_kv query[] = { { "ids", list.data != NULL ? list.data : "" } };
	enum tt_status st = tt_call(c, "GET", "/order/202309/orders", shop_cipher, access_token, query, 1, NULL, res);
	buf_free(&list);
	return st == TT_OK ? tt_order_page_read(a, out, res) : st;
}
