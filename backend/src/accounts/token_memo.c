/* The bearer tokens this api worker verified lately: a token whose exact bytes passed jwt_verify carries the same
 * claims at its next use, so only its expiry is checked again (whether its person, session or API token still holds
 * is read from the database at every request all the same). Bounded: one token per slot, in the worker's memory. */
#include "accounts/token_memo.h"
#include "accounts/jwt.h"
#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>

#define TOKEN_MEMO_SLOTS 64
#define TOKEN_MEMO_MAX 1024 /* a longer token is not remembered */

static struct slot {
	char token[TOKEN_MEMO_MAX];
	size_t len;            /* 0: empty */
	struct token_claims claims;
} slots[TOKEN_MEMO_SLOTS];

static struct slot *slot_of(const char *token, size_t len)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a: a place to look, not a proof */
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)token[i]) * 1099511628211ULL;
	return &slots[h % TOKEN_MEMO_SLOTS];
}

int token_memo_get(const char *token, int64_t now, struct token_claims *out)
{
	size_t len = strlen(token);
	if (len == 0 || len > TOKEN_MEMO_MAX)
		return -1;
	const struct slot *s = slot_of(token, len);
	/* compared in constant time: how long a comparison takes says nothing of a remembered token's bytes */
	if (s->len != len || CRYPTO_memcmp(s->token, token, len) != 0 || s->claims.expires_at <= now)
		return -1;
	*out = s->claims;
	return 0;
}

void token_memo_put(const char *token, const struct token_claims *c)
{
	size_t len = strlen(token);
	if (len == 0 || len > TOKEN_MEMO_MAX)
		return;
	struct slot *s = slot_of(token, len);
	memcpy(s->token, token, len);
	s->len = len;
	s->claims = *c;
}
