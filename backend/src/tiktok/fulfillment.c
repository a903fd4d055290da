/* TikTok Fulfillment API calls: handover slots, batch ship, shipping label, and the label's download. */
#include "tiktok/fulfillment.h"
#include "core/arena.h"
#include "core/buf.h"
#include "json/jwrite.h"
#include <curl/curl.h>
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

static int truthy(yajl_val v)
{
	return v != NULL && YAJL_IS_TRUE(v);
}

enum tt_status tt_handover_slots(struct tt_client *c, const char *shop_cipher, const char *access_token,
                                 const char *package_id, struct arena *a, struct tt_handover *out, struct tt_result *res)
{
	memset(out, 0, sizeof(*out));
	if (!valid_id(package_id))
		return refuse(res, "the package id is not a TikTok id");
	const char *path = arena_printf(a, "/fulfillment/202309/packages/%s/handover_time_slots", package_id);
	enum tt_status st = tt_call(c, "GET", path, shop_cipher, access_token, NULL, 0, NULL, res);
	if (st != TT_OK)
		return st;
	out->can_pickup = truthy(tt_get(res->data, "can_pickup"));
	out->can_drop_off = truthy(tt_get(res->data, "can_drop_off"));
	yajl_val list = tt_get(res->data, "pickup_slots");
	size_t n = list != NULL && YAJL_IS_ARRAY(list) ? list->u.array.len : 0;
	out->slots = arena_alloc(a, sizeof(struct tt_slot) * (n ? n : 1));
	for (size_t i = 0; i < n; i++) {
		yajl_val s = list->u.array.values[i];
		yajl_val avail = tt_get(s, "avaliable"); /* TikTok's spelling; absent means available */
		int64_t from = tt_int(s, "start_time"), to = tt_int(s, "end_time");
		if ((avail == NULL || YAJL_IS_TRUE(avail)) && from > 0 && to > from)
			out->slots[out->nslots++] = (struct tt_slot){ from, to };
	}
	return TT_OK;
}

enum tt_status tt_ship_packages(struct tt_client *c, const char *shop_cipher, const char *access_token,
                                struct tt_ship *pkgs, int n, struct arena *a, struct tt_result *res)
{
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_arr_open(&w, "packages");
	for (int i = 0; i < n; i++) {
		pkgs[i].error = NULL;
		pkgs[i].code = 0;
		jw_obj_open(&w, NULL);
		jw_str(&w, "id", pkgs[i].package_id);
		jw_str(&w, "handover_method", pkgs[i].handover_method);
		if (pkgs[i].slot.start_time > 0) {
			jw_obj_open(&w, "pickup_slot");
			jw_int(&w, "start_time", pkgs[i].slot.start_time);
			jw_int(&w, "end_time", pkgs[i].slot.end_time);
			jw_obj_close(&w);
		}
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	size_t len;
	const char *doc = jw_result(&w, &len);
	const char *body = arena_strndup(a, doc != NULL ? doc : "{}", doc != NULL ? len : 2);
	jw_free(&w);
	enum tt_status st = tt_call(c, "POST", "/fulfillment/202309/packages/ship", shop_cipher, access_token, NULL, 0, body,
	                            res);
	if (st != TT_OK)
		return st;
	yajl_val errs = tt_get(res->data, "errors");
	size_t ne = errs != NULL && YAJL_IS_ARRAY(errs) ? errs->u.array.len : 0;
	for (size_t k = 0; k < ne; k++) {
		yajl_val e = errs->u.array.values[k];
		const char *pkg = tt_str(tt_get(e, "detail"), "package_id");
		const char *msg = tt_str(e, "message");
		for (int i = 0; pkg != NULL && i < n; i++)
			if (strcmp(pkgs[i].package_id, pkg) == 0) {
				pkgs[i].error = arena_strdup(a, msg != NULL && *msg != '\0' ? msg : "refused by TikTok");
				pkgs[i].code = (long)tt_int(e, "code");
			}
	}
	return TT_OK;
}

enum tt_status tt_shipping_label(struct tt_client *c, const char *shop_cipher, const char *access_token,
                                 const char *package_id, struct arena *a, const char **url, const char **tracking,
                                 struct tt_result *res)
{
	*url = *tracking = NULL;
	if (!valid_id(package_id))
		return refuse(res, "the package id is not a TikTok id");
	const char *path = arena_printf(a, "/fulfillment/202309/packages/%s/shipping_documents", package_id);
	struct tt_kv query[] = { { "document_type", "SHIPPING_LABEL" }, { "document_size", "A6" } };
	enum tt_status st = tt_call(c, "GET", path, shop_cipher, access_token, query, 2, NULL, res);
	if (st != TT_OK)
		return st;
	const char *u = tt_str(res->data, "doc_url"), *t = tt_str(res->data, "tracking_number");
	if (u == NULL || (strncmp(u, "http://", 7) != 0 && strncmp(u, "https://", 8) != 0)) {
		snprintf(res->message, sizeof(res->message), "the answer has no document URL");
		return res->status = TT_ERR_MALFORMED;
	}
	*url = arena_strdup(a, u);
	*tracking = arena_strdup(a, t != NULL ? t : "");
	return TT_OK;
}

struct download {
	struct buf b;
	int too_long;
};

static size_t on_data(char *p, size_t size, size_t n, void *ctx)
{
	struct download *d = ctx;
	if (d->b.len + size * n > TT_DOCUMENT_MAX) {
		d->too_long = 1;
		return 0;
	}
	buf_append(&d->b, p, size * n);
	return size * n;
}

enum tt_status tt_document_get(const char *url, long timeout_seconds, struct arena *a, const void **data, size_t *len,
                               struct tt_result *res)
{
	memset(res, 0, sizeof(*res));
	*data = NULL;
	*len = 0;
	CURL *e = curl_easy_init();
	if (e == NULL) {
		snprintf(res->message, sizeof(res->message), "the download could not start");
		return res->status = TT_ERR_NETWORK;
	}
	struct download d = { .too_long = 0 };
	buf_init(&d.b, 0);
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, timeout_seconds);
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, 3L);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, &d);
	CURLcode rc = curl_easy_perform(e);
	long http = 0;
	curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &http);
	curl_easy_cleanup(e);
	res->http_status = http;
	enum tt_status st = TT_OK;
	if (d.too_long) {
		snprintf(res->message, sizeof(res->message), "the document is larger than %u bytes", TT_DOCUMENT_MAX);
		st = TT_ERR_MALFORMED;
	} else if (rc != CURLE_OK || http >= 500) {
		snprintf(res->message, sizeof(res->message), "the document could not be downloaded (%s, HTTP %ld)",
		         curl_easy_strerror(rc), http);
		st = TT_ERR_NETWORK;
	} else if (http != 200 || d.b.len < 5 || memcmp(d.b.data, "%PDF-", 5) != 0) {
		snprintf(res->message, sizeof(res->message), "the document is not a PDF (HTTP %ld)", http);
		st = TT_ERR_MALFORMED;
	} else {
		void *copy = arena_alloc(a, d.b.len);
		memcpy(copy, d.b.data, d.b.len);
		*data = copy;
		*len = d.b.len;
	}
	buf_free(&d.b);
	return res->status = st;
}
