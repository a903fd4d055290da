/* The TikTok Shop client: signed calls, envelope parsing, errors mapped to ours, bounded retries
 * with backoff and jitter, a per-shop rate limit, keep-alive, timeouts and a response size cap. */
#ifndef TIKTOK_CLIENT_H
#define TIKTOK_CLIENT_H
#include <stddef.h>
#include <stdint.h>
#include "tiktok/answer.h"
#include "tiktok/sign.h"

struct config;
struct tt_client;

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
/* A multipart/form-data body: one file part and text fields. */
struct tt_form {
	const char *file_field, *filename, *content_type;
	const void *data;
	size_t len;
	const struct tt_kv *fields;
	int nfields;
};
/* A signed POST whose body is the form (the sign leaves multipart bodies out, as TikTok's does). */
enum tt_status tt_call_form(struct tt_client *c, const char *path, const char *shop_cipher, const char *access_token,
                            const struct tt_form *form, struct tt_result *out);
/* Token exchange (grant_type authorized_code) and refresh, on the auth host. */
enum tt_status tt_token_get(struct tt_client *c, const char *auth_code, struct tt_result *out);
enum tt_status tt_token_refresh(struct tt_client *c, const char *refresh_token, struct tt_result *out);

/* TikTok's idea of now: the local clock corrected by the offset seen in its last Date header.
 * Signed timestamps use it, and so does the decision when a token needs refreshing. */
int64_t tt_client_now(const struct tt_client *c);

#endif
