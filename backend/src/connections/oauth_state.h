/* The OAuth `state`: signed, bound to merchant and user, expiring; single use is kept in the database. */
#ifndef CONNECTIONS_OAUTH_STATE_H
#define CONNECTIONS_OAUTH_STATE_H
#include <stdint.h>

struct arena;

#define OAUTH_NONCE_LEN 32

struct oauth_state {
	char nonce[OAUTH_NONCE_LEN + 1];
	int64_t expires_at;
	const char *sig;
};

/* A fresh random nonce (32 hex characters). */
void oauth_nonce(char out[OAUTH_NONCE_LEN + 1]);
/* "<nonce>.<expires_at>.<signature>" in the arena. */
char *oauth_state_make(struct arena *a, const char *secret, const char *nonce, int64_t merchant_id,
                       int64_t user_id, int64_t expires_at);
/* Splits a state; 0, or -1 when it is not of our form. */
int oauth_state_parse(struct arena *a, const char *state, struct oauth_state *out);
/* 1 when the signature matches these bindings. */
int oauth_state_signed(const char *secret, const struct oauth_state *s, int64_t merchant_id, int64_t user_id);

#endif
