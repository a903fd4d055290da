/* The sandbox's own verifier of TikTok request signatures and webhook signatures (shares nothing with the app's signer). */
#ifndef SANDBOX_VERIFY_H
#define SANDBOX_VERIFY_H
#include <stddef.h>

struct arena;

/* TikTok's string to sign: secret + path + sorted key/value pairs of the query (without sign and
 * access_token, values decoded, repeated keys joined with ",") + body + secret.
 * Returns NULL when the query has a malformed escape. */
char *sbv_string(struct arena *a, const char *secret, const char *path, const char *query,
                     const char *body, size_t body_len);
/* Lowercase hex HMAC-SHA256(secret, s) into out. */
void sbv_hmac(const char *secret, const char *s, size_t n, char out[65]);
/* 1 when `given` is the right sign for this request. The body counts unless the content type is
 * multipart/form-data; an empty "{}" body is accepted signed either with or without it. */
int sbv_check(struct arena *a, const char *secret, const char *path, const char *query,
                   const char *content_type, const char *body, size_t body_len, const char *given);
/* The webhook Authorization value: hex HMAC-SHA256(app_secret, app_key + body). */
void sbv_webhook_sign(const char *app_key, const char *app_secret, const char *body, size_t n, char out[65]);

#endif
