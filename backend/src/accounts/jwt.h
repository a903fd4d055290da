/* JWT for sessions and API tokens: HS256 only, algorithm pinned after decoding, exp checked. */
#ifndef ACCOUNTS_JWT_H
#define ACCOUNTS_JWT_H
#include <stdint.h>

struct token_claims {
	int64_t user_id;      /* sub */
	int64_t merchant_id;  /* mid */
	int64_t token_id;     /* tid: API token id, 0 for a session */
	int64_t expires_at;   /* exp */
	int64_t issued_at;    /* iat: when it was signed (0 when absent), to refuse sessions older than a sign-out */
};

/* A signed token for the claims (expires_at and issued_at must be set); malloc'd, or NULL. */
char *jwt_issue(const char *secret, const struct token_claims *c);
/* 0 and the claims when the token is HS256, correctly signed, unexpired at `now` and complete;
 * -1 otherwise. */
int jwt_verify(const char *secret, const char *token, int64_t now, struct token_claims *out);

#endif
