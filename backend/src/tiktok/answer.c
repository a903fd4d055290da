/* TikTok's answer envelope: parsed with the request reader's caps, classified by HTTP status and code. */
#include "tiktok/answer.h"
#include "core/arena.h"
#include "json/jread.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum tt_status classify(long http, long code)
{
	if (code == 0 && http >= 200 && http < 300)
		return TT_OK;
	if (code / 1000 == 105)
		return TT_ERR_TOKEN;
	if (code == 36004004)
		return TT_ERR_AUTH_CODE;
	if (http == 429 || code == 36009002)
		return TT_ERR_THROTTLED;
	if (http >= 500 || code == 36009003)
		return TT_ERR_SERVER;
	return TT_ERR_REJECTED;
}

enum tt_status tt_answer_read(const char *text, size_t len, struct tt_result *out)
{
	struct arena a;
	arena_init(&a);
	struct jr j;
	char err[300];
	int parsed = text != NULL && len <= TT_ANSWER_MAX && jr_parse(&j, &a, text, len, JR_MAX_DEPTH, err, sizeof(err)) == 0;
	arena_free(&a);
	out->root = parsed ? j.root : NULL;
	yajl_val code = tt_get(out->root, "code");
	if (out->root == NULL || code == NULL || !YAJL_IS_INTEGER(code)) {
		tt_result_free(out);
		snprintf(out->message, sizeof(out->message), "unreadable answer (HTTP %ld)", out->http_status);
		return out->status = out->http_status == 429 ? TT_ERR_THROTTLED
		                     : out->http_status >= 500 ? TT_ERR_SERVER : TT_ERR_MALFORMED;
	}
	out->code = (long)YAJL_GET_INTEGER(code);
	out->data = tt_get(out->root, "data");
	const char *msg = tt_str(out->root, "message");
	snprintf(out->message, sizeof(out->message), "%s", msg != NULL ? msg : "");
	return out->status = classify(out->http_status, out->code);
}

const char *tt_status_text(enum tt_status s)
{
	switch (s) {
	case TT_OK: return "ok";
	case TT_ERR_TOKEN: return "TikTok refused the access token; the shop must be reconnected";
	case TT_ERR_AUTH_CODE: return "TikTok refused the authorization code (expired or already used)";
	case TT_ERR_THROTTLED: return "TikTok is throttling requests; will retry later";
	case TT_ERR_SERVER: return "TikTok had a server error; will retry later";
	case TT_ERR_NETWORK: return "TikTok could not be reached; will retry later";
	case TT_ERR_MALFORMED: return "TikTok sent an unreadable answer";
	case TT_ERR_REJECTED: return "TikTok rejected the request";
	}
	return "unknown";
}

void tt_result_free(struct tt_result *r)
{
	if (r->root != NULL)
		yajl_tree_free(r->root);
	r->root = NULL;
	r->data = NULL;
}

yajl_val tt_get(yajl_val obj, const char *key)
{
	if (obj == NULL || !YAJL_IS_OBJECT(obj))
		return NULL;
	for (size_t i = 0; i < obj->u.object.len; i++)
		if (strcmp(obj->u.object.keys[i], key) == 0)
			return obj->u.object.values[i];
	return NULL;
}

const char *tt_str(yajl_val obj, const char *key)
{
	yajl_val v = tt_get(obj, key);
	return v != NULL && YAJL_IS_STRING(v) ? v->u.string : NULL;
}

int64_t tt_int(yajl_val obj, const char *key)
{
	yajl_val v = tt_get(obj, key);
	if (v == NULL)
		return 0;
	if (YAJL_IS_INTEGER(v))
		return (int64_t)YAJL_GET_INTEGER(v);
	if (YAJL_IS_STRING(v))
		return strtoll(v->u.string, NULL, 10);
	return 0;
}
