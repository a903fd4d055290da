/* TikTok's side of the sandbox: the call context, the checks every API call passes, the response envelope. */
#ifndef SANDBOX_TT_H
#define SANDBOX_TT_H
#include <stdint.h>
#include "sb.h"

struct jw;
struct jr;
struct request;

/* TikTok's error codes (tiktok-shop-api.md). */
enum tt_code {
	TT_OK = 0,
	TT_TOKEN_EXPIRED = 105002,
	TT_INVALID_SIGN = 106001,
	TT_SHOP_CIPHER_MISSING = 106013,
	TT_THROTTLED = 36009002,
	TT_INTERNAL = 36009003,
	TT_INVALID_REQUEST = 36009004,   /* app_key, timestamp, unexpected shop_cipher, bad parameters */
	TT_INVALID_PATH = 36009009,
	TT_INVALID_AUTH_CODE = 36004004,
};

enum tt_scope {
	TT_TOKEN_HOST,   /* /api/v2/token/...: unsigned, app_secret in the query */
	TT_SIGNED,       /* signed, must not carry shop_cipher (/authorization/...) */
	TT_SHOP,         /* signed and shop-scoped: shop_cipher required */
};

struct tt_call {
	int64_t now;            /* the sandbox clock */
	struct sb_app app;
	struct sb_control ctl;
	int64_t seller_id;      /* owner of the access token */
	int64_t shop_id;        /* the shop named by shop_cipher */
	const char *region;
	const char *currency;
	int malformed;          /* fault: break this response's JSON */
};

/* Applies faults and TikTok's checks for `scope`; answers the error itself and returns -1. */
int tt_begin(struct request *r, enum tt_scope scope, struct tt_call *c);

/* Counts a shop-scoped call against TikTok's per-shop, per-path limit; answers 429 itself and returns -1 past it. */
int tt_rate_take(struct request *r, const struct tt_call *c);

/* Starts the envelope {"code":0,"message":"Success","request_id":…,"data":{ — the caller writes data's members. */
void tt_open(struct request *r, struct jw *w);
/* Closes data and the envelope and sends it (200), breaking it when the malformed fault hit. */
void tt_send(struct request *r, const struct tt_call *c, struct jw *w);
/* An error envelope with data null; the HTTP status follows the code. */
void tt_fail(struct request *r, int code, const char *message);
void tt_fail_db(struct request *r);

/* The request body as a JSON object ("{}" when empty); answers 36009004 itself and returns -1. */
int tt_body(struct request *r, struct jr *j);
/* Query integer in [min, max], `def` when absent; -1 (answered) when malformed. */
int tt_query_int(struct request *r, const char *name, int64_t min, int64_t max, int64_t def, int64_t *out);

/* Opaque page tokens: base64 of "v1:<tag>:<sort key>:<id>:<total>"; the tag binds a token to its listing and
 * sort, and the total counted for the first page rides along so later pages need not count again. */
const char *tt_page_token(struct arena *a, const char *tag, int64_t key, int64_t id, int64_t total);
/* 1 decoded, 0 absent or empty, -1 malformed or made for another listing. */
int tt_page_token_parse(struct arena *a, const char *tok, const char *tag, int64_t *key, int64_t *id, int64_t *total);

/* 1 when the shop uploaded the image uri (POST /product/202309/images/upload), 0 when not, -1 on a database error. */
int sb_image_issued(struct request *r, int64_t shop_id, const char *uri);

#endif
