/* TikTok Return and Refund API calls: cancellation and return searches parsed into tt_as_request (line items grouped
 * per SKU), approve and reject with TikTok's decision words, and the reject reasons of one request. */
#include "tiktok/returns.h"
#include "core/arena.h"
#include "json/jwrite.h"
#include <stdio.h>
#include <string.h>

/* TikTok's ids are digits (letters, '_' and '-' allowed): anything else never reaches a path. */
static int valid_id(const char *s)
{
	if (s == NULL || *s == '\0' || strlen(s) > 64)
		return 0;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_' || *s == '-'))
			return 0;
	return 1;
}

static enum tt_status refuse(struct tt_result *res, const char *why)
{
	memset(res, 0, sizeof(*res));
	snprintf(res->message, sizeof(res->message), "%s", why);
	return res->status = TT_ERR_REJECTED;
}

static const char *str(struct arena *a, yajl_val obj, const char *key)
{
	const char *s = tt_str(obj, key);
	return arena_strdup(a, s != NULL ? s : "");
}

/* A money amount as a plain decimal string ("0" when absent or not one). */
static const char *money(struct arena *a, const char *s)
{
	if (s == NULL || *s == '\0' || strlen(s) > 24)
		return "0";
	int dots = 0;
	for (const char *p = s; *p; p++) {
		if (*p == '.')
			dots++;
		else if (*p < '0' || *p > '9')
			return "0";
	}
	return dots <= 1 ? arena_strdup(a, s) : "0";
}

static void read_lines(struct arena *a, yajl_val items, struct tt_as_request *q)
{
	size_t n = items != NULL && YAJL_IS_ARRAY(items) ? items->u.array.len : 0;
	q->lines = arena_alloc(a, sizeof(struct tt_as_line) * (n ? n : 1));
	for (size_t i = 0; i < n; i++) {
		yajl_val it = items->u.array.values[i];
		const char *sku = tt_str(it, "sku_id");
		if (sku == NULL || *sku == '\0' || strlen(sku) > 64)
			continue;
		struct tt_as_line *l = NULL;
		for (int k = 0; k < q->nlines && l == NULL; k++)
			if (strcmp(q->lines[k].sku_id, sku) == 0)
				l = &q->lines[k];
		if (l != NULL) {
			l->quantity++;
			continue;
		}
		l = &q->lines[q->nlines++];
		*l = (struct tt_as_line){ arena_strdup(a, sku), str(a, it, "seller_sku"), str(a, it, "product_name"),
			                  str(a, it, "sku_name"), 1 };
	}
}

static int read_request(struct arena *a, enum tt_as_source src, yajl_val v, struct tt_as_request *q)
{
	memset(q, 0, sizeof(*q));
	int ret = src == TT_AS_RETURN;
	q->source = src;
	const char *id = tt_str(v, ret ? "return_id" : "cancel_id");
	const char *order = tt_str(v, "order_id");
	const char *status = tt_str(v, ret ? "return_status" : "cancel_status");
	if (!valid_id(id) || !valid_id(order) || status == NULL || strlen(status) > 64)
		return -1;
	q->id = arena_strdup(a, id);
	q->order_id = arena_strdup(a, order);
	q->status = arena_strdup(a, status);
	q->type = str(a, v, ret ? "return_type" : "cancel_type");
	q->role = str(a, v, "role");
	q->reason = str(a, v, ret ? "return_reason" : "cancel_reason");
	q->reason_text = str(a, v, ret ? "return_reason_text" : "cancel_reason_text");
	q->create_time = tt_int(v, "create_time");
	q->update_time = tt_int(v, "update_time");
	q->seller_action = "";
	yajl_val next = tt_get(v, "seller_next_action_response");
	if (next != NULL && YAJL_IS_ARRAY(next))
		for (size_t i = 0; i < next->u.array.len; i++) {
			yajl_val x = next->u.array.values[i];
			int64_t d = tt_int(x, "deadline");
			if (d > 0 && (q->deadline == 0 || d < q->deadline)) {
				q->deadline = d;
				q->seller_action = str(a, x, "action");
			}
		}
	yajl_val amount = tt_get(v, "refund_amount");
	q->refund_total = money(a, tt_str(amount, "refund_total"));
	q->currency = str(a, amount, "currency");
	if (strlen(q->currency) != 3)
		q->currency = "";
	read_lines(a, tt_get(v, ret ? "return_line_items" : "cancel_line_items"), q);
	return 0;
}

enum tt_status tt_as_search(struct tt_client *c, const char *shop_cipher, const char *access_token, enum tt_as_source src,
                            const struct tt_as_query *q, struct arena *a, struct tt_as_page *out, struct tt_result *res)
{
	memset(out, 0, sizeof(*out));
	out->next_page_token = "";
	int ret = src == TT_AS_RETURN;
	if (q->id != NULL && !valid_id(q->id))
		return refuse(res, "the request id is not a TikTok id");
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	if (q->id != NULL) {
		jw_arr_open(&w, ret ? "return_ids" : "cancel_ids");
		jw_str(&w, NULL, q->id);
		jw_arr_close(&w);
	}
	if (q->update_time_ge > 0)
		jw_int(&w, "update_time_ge", q->update_time_ge);
	if (q->update_time_lt > 0)
		jw_int(&w, "update_time_lt", q->update_time_lt);
	jw_obj_close(&w);
	size_t len;
	const char *doc = jw_result(&w, &len);
	const char *body = arena_strndup(a, doc != NULL ? doc : "{}", doc != NULL ? len : 2);
	jw_free(&w);
	char size[16];
	snprintf(size, sizeof(size), "%d", q->page_size > 0 ? q->page_size : 50);
	struct tt_kv query[4] = { { "page_size", size }, { "sort_field", "update_time" }, { "sort_order", "ASC" } };
	int nq = 3;
	if (q->page_token != NULL && *q->page_token != '\0')
		query[nq++] = (struct tt_kv){ "page_token", q->page_token };
	enum tt_status st = tt_call(c, "POST", ret ? "/return_refund/202309/returns/search"
	                                           : "/return_refund/202309/cancellations/search",
	                            shop_cipher, access_token, query, nq, body, res);
	if (st != TT_OK)
		return st;
	yajl_val list = tt_get(res->data, ret ? "return_orders" : "cancellations");
	size_t n = list != NULL && YAJL_IS_ARRAY(list) ? list->u.array.len : 0;
	out->items = arena_alloc(a, sizeof(struct tt_as_request) * (n ? n : 1));
	for (size_t i = 0; i < n; i++)
		if (read_request(a, src, list->u.array.values[i], &out->items[out->nitems]) == 0)
			out->nitems++;
	out->next_page_token = str(a, res->data, "next_page_token");
	return TT_OK;
}

enum tt_status tt_as_answer(struct tt_client *c, const char *shop_cipher, const char *access_token, enum tt_as_source src,
                            const char *id, const struct tt_as_answer *ans, struct arena *a, struct tt_result *res)
{
	if (!valid_id(id))
		return refuse(res, "the request id is not a TikTok id");
	int ret = src == TT_AS_RETURN;
	const char *path = arena_printf(a, "/return_refund/202309/%s/%s/%s", ret ? "returns" : "cancellations", id,
	                                ans->approve ? "approve" : "reject");
	const char *body = NULL;
	if (ret || !ans->approve) {
		struct jw w;
		jw_init(&w);
		jw_obj_open(&w, NULL);
		if (ret && ans->decision != NULL)
			jw_str(&w, "decision", ans->decision);
		if (!ans->approve) {
			jw_str(&w, "reject_reason", ans->reject_reason != NULL ? ans->reject_reason : "");
			if (ans->comment != NULL && *ans->comment != '\0')
				jw_str(&w, "comment", ans->comment);
			if (ans->nimages > 0) {
				jw_arr_open(&w, "images");
				for (int i = 0; i < ans->nimages; i++) {
					jw_obj_open(&w, NULL);
					jw_str(&w, "image_id", ans->images[i].image_id);
					jw_str(&w, "mime_type", ans->images[i].mime_type);
					jw_int(&w, "width", ans->images[i].width);
					jw_int(&w, "height", ans->images[i].height);
					jw_obj_close(&w);
				}
				jw_arr_close(&w);
			}
		}
		jw_obj_close(&w);
		size_t len;
		const char *doc = jw_result(&w, &len);
		body = arena_strndup(a, doc != NULL ? doc : "{}", doc != NULL ? len : 2);
		jw_free(&w);
	}
	struct tt_kv query[] = { { "idempotency_key", ans->idempotency_key } };
	int nq = ans->idempotency_key != NULL && *ans->idempotency_key != '\0' ? 1 : 0;
	return tt_call(c, "POST", path, shop_cipher, access_token, query, nq, body != NULL ? body : "{}", res);
}

enum tt_status tt_as_reject_reasons(struct tt_client *c, const char *shop_cipher, const char *access_token,
                                    const char *id, struct arena *a, struct tt_reason **out, int *n,
                                    struct tt_result *res)
{
	*out = NULL;
	*n = 0;
	if (!valid_id(id))
		return refuse(res, "the request id is not a TikTok id");
	struct tt_kv query[] = { { "return_or_cancel_id", id }, { "locale", "vi-VN" } }; /* Vietnamese first */
	enum tt_status st = tt_call(c, "GET", "/return_refund/202309/reject_reasons", shop_cipher, access_token, query, 2,
	                            NULL, res);
	if (st != TT_OK)
		return st;
	yajl_val list = tt_get(res->data, "reasons");
	size_t k = list != NULL && YAJL_IS_ARRAY(list) ? list->u.array.len : 0;
	*out = arena_alloc(a, sizeof(struct tt_reason) * (k ? k : 1));
	for (size_t i = 0; i < k; i++) {
		const char *name = tt_str(list->u.array.values[i], "name");
		if (name == NULL || *name == '\0' || strlen(name) > 128)
			continue;
		const char *text = tt_str(list->u.array.values[i], "text");
		(*out)[(*n)++] = (struct tt_reason){ arena_strdup(a, name), arena_strdup(a, text != NULL ? text : name) };
	}
	return TT_OK;
}
