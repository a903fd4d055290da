/* The TikTok Shop client: signed calls, envelope parsing, errors mapped to ours, bounded retries
 * with backoff and jitter, a per-shop rate limit, keep-alive, timeouts and a response size cap. */
#ifndef TIKTOK_CLIENT_H
#define TIKTOK_CLIENT_H
#include <stdint.h>
#include <yajl/yajl_tree.h>
#include "tiktok/sign.h"

struct config;
struct tt_client;

enum tt_status {
	TT_OK = 0,
	TT_ERR_TOKEN,       /* 105xxx: access token expired or invalid — refresh or reconnect */
	TT_ERR_AUTH_CODE,   /* 36004004: the authorization code is invalid, used or expired */
	TT_ERR_THROTTLED,   /* 429 / 36009002, after the retries */
	TT_ERR_SERVER,      /* 5xx / 36009003, after the retries */
	TT_ERR_NETWORK,     /* connect failure or timeout, after the retries */
	TT_ERR_MALFORMED,   /* not a TikTok envelope */
	TT_ERR_REJECTED,    /* any other non-zero code: the request itself is wrong */
};

struct tt_result {
	enum tt_status status;
	long http_status;
	long code;            /* TikTok's code, 0 on success */
	char message[256];    /* TikTok's or ours; never contains secrets */
	yajl_val root;        /* the parsed envelope (free with tt_result_free) */
	yajl_val data;        /* root.data */
};

struct tt_client *tt_client_new(const struct config *cfg);
void tt_client_free(struct tt_client *c);

/* Shop-wide pacing: before each call to a shop, reserve(ctx, shop, interval_ms) takes the shop's next call slot among
 * every process that calls it and returns how long to wait (ms), or < 0 when it cannot tell; the client then paces
 * that shop by itself (calls at least interval_ms apart within this process). Without a pacer, always by itself. */
typedef double (*tt_pacer)(void *ctx, const char *shop, double interval_ms);
void tt_client_set_pacer(struct tt_client *c, tt_pacer reserve, void *ctx);

/* A signed API call. shop_cipher is NULL for /authorization calls; body is NULL for GET.
 * Returns the status (also in out->status). */
enum tt_status tt_call(struct tt_client *c, const char *method, const char *path, const char *shop_cipher,
                       const char *access_token, const struct tt_kv *query, int nquery, const char *body,
                       struct tt_result *out);
/* Token exchange (grant_type authorized_code) and refresh, on the auth host. */
enum tt_status tt_token_get(struct tt_client *c, const char *auth_code, struct tt_result *out);
enum tt_status tt_token_refresh(struct tt_client *c, const char *refresh_token, struct tt_result *out);
void tt_result_free(struct tt_result *r);

/* TikTok's idea of now: the local clock corrected by the offset seen in its last Date header.
 * Signed timestamps use it, and so does the decision when a token needs refreshing. */
int64_t tt_client_now(const struct tt_client *c);

/* Plain words for a status, for merchants. */
const char *tt_status_text(enum tt_status s);

/* Reading envelope data: a member by key (NULL when absent), its string or integer value. */
yajl_val tt_get(yajl_val obj, const char *key);
const char *tt_str(yajl_val obj, const char *key);           /* NULL when absent or not a string */
int64_t tt_int(yajl_val obj, const char *key);               /* 0 when absent; accepts "123" too */

#endif
