/* TikTok's answer envelope: parsed with the request reader's caps, classified by HTTP status and code. */
#include "tiktok/answer.h"
#include "core/arena.h"
#include "json/jread.h"
#include <stdio.h>

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
