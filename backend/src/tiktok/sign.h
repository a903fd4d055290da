/* The app's signer for TikTok Shop API calls (independent of the sandbox's verifier). */
#ifndef TIKTOK_SIGN_H
#define TIKTOK_SIGN_H
#include <stddef.h>

struct tt_kv {
	const char *key;
	const char *value;
};

/* Sorts params by key (in place) and writes the lowercase hex sign into out (65 bytes):
 * HMAC-SHA256(secret, secret + path + k1v1k2v2… + body + secret), leaving out `sign` and
 * `access_token`. `body` may be NULL (GET, or an empty body). */
void tt_sign(const char *secret, const char *path, struct tt_kv *params, int n, const char *body, char out[65]);

#endif
