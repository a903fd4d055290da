/* TikTok authorization resources: token answers and GET /authorization/202309/shops. */
#include "tiktok/auth.h"
#include "core/arena.h"
#include <stdio.h>
#include <string.h>

static const char *copy(struct arena *a, yajl_val obj, const char *key)
{
	const char *s = tt_str(obj, key);
	return s != NULL ? arena_strdup(a, s) : NULL;
}

int tt_tokens_read(yajl_val data, struct arena *a, struct tt_tokens *t)
{
	memset(t, 0, sizeof(*t));
	t->access_token = copy(a, data, "access_token");
	t->refresh_token = copy(a, data, "refresh_token");
	t->access_expires_at = tt_int(data, "access_token_expire_in");
	t->refresh_expires_at = tt_int(data, "refresh_token_expire_in");
	t->open_id = copy(a, data, "open_id");
	t->seller_name = copy(a, data, "seller_name");
	t->seller_region = copy(a, data, "seller_base_region");
	if (t->access_token == NULL || t->refresh_token == NULL || t->access_expires_at <= 0)
		return -1;
	if (t->refresh_expires_at <= 0)
		t->refresh_expires_at = t->access_expires_at;
	return 0;
}

enum tt_status tt_shops_get(struct tt_client *c, const char *access_token, struct arena *a,
                            struct tt_shop **shops, int *nshops, struct tt_result *res)
{
	*shops = NULL;
	*nshops = 0;
	enum tt_status st = tt_call(c, "GET", "/authorization/202309/shops", NULL, access_token, NULL, 0, NULL, res);
	if (st != TT_OK)
		return st;
	yajl_val list = tt_get(res->data, "shops");
	if (list == NULL || !YAJL_IS_ARRAY(list)) {
		snprintf(res->message, sizeof(res->message), "the shops answer has no shops list");
		return res->status = TT_ERR_MALFORMED;
	}
	size_t n = list->u.array.len;
	struct tt_shop *out = arena_alloc(a, sizeof(*out) * (n ? n : 1));
	for (size_t i = 0; i < n; i++) {
		yajl_val s = list->u.array.values[i];
		out[i].id = copy(a, s, "id");
		out[i].name = copy(a, s, "name");
		out[i].region = copy(a, s, "region");
		out[i].cipher = copy(a, s, "cipher");
		out[i].code = copy(a, s, "code");
		if (out[i].id == NULL || out[i].cipher == NULL || out[i].name == NULL) {
			snprintf(res->message, sizeof(res->message), "a shop in the answer lacks id, name or cipher");
			return res->status = TT_ERR_MALFORMED;
		}
		if (out[i].region == NULL)
			out[i].region = "";
		if (out[i].code == NULL)
			out[i].code = "";
	}
	*shops = out;
	*nshops = (int)n;
	return TT_OK;
}
