/* OAuth state tokens: HMAC over nonce, merchant, user and expiry. */
#include "connections/oauth_state.h"
#include "core/arena.h"
#include "crypto/hmac.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

void oauth_nonce(char out[OAUTH_NONCE_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char raw[OAUTH_NONCE_LEN / 2];
	if (getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw))
		abort(); /* no randomness: never hand out a guessable state */
	for (size_t i = 0; i < sizeof(raw); i++) {
		out[2 * i] = hex[raw[i] >> 4];
		out[2 * i + 1] = hex[raw[i] & 15];
	}
	out[OAUTH_NONCE_LEN] = '\0';
}

static void sign(const char *secret, const char *nonce, int64_t mid, int64_t uid, int64_t exp, char out[65])
{
	char msg[160];
	int n = snprintf(msg, sizeof(msg), "tts-oauth-state|%s|%lld|%lld|%lld", nonce, (long long)mid,
	                 (long long)uid, (long long)exp);
	hmac_sha256_hex(secret, strlen(secret), msg, (size_t)n, out);
}

char *oauth_state_make(struct arena *a, const char *secret, const char *nonce, int64_t merchant_id,
                       int64_t user_id, int64_t expires_at)
{
	char sig[65];
	sign(secret, nonce, merchant_id, user_id, expires_at, sig);
	return arena_printf(a, "%s.%lld.%s", nonce, (long long)expires_at, sig);
}

int oauth_state_parse(struct arena *a, const char *state, struct oauth_state *out)
{
	memset(out, 0, sizeof(*out));
	if (state == NULL || strlen(state) > 200)
		return -1;
	const char *d1 = strchr(state, '.');
	const char *d2 = d1 != NULL ? strchr(d1 + 1, '.') : NULL;
	if (d1 == NULL || d2 == NULL || d1 - state != OAUTH_NONCE_LEN || d2 - d1 < 2 || d2 - d1 > 20)
		return -1;
	for (const char *p = state; p < d1; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return -1;
	for (const char *p = d1 + 1; p < d2; p++)
		if (*p < '0' || *p > '9')
			return -1;
	memcpy(out->nonce, state, OAUTH_NONCE_LEN);
	out->expires_at = strtoll(d1 + 1, NULL, 10);
	out->sig = arena_strdup(a, d2 + 1);
	return 0;
}

int oauth_state_signed(const char *secret, const struct oauth_state *s, int64_t merchant_id, int64_t user_id)
{
	char want[65];
	sign(secret, s->nonce, merchant_id, user_id, s->expires_at, want);
	return ct_equal(want, s->sig);
}
