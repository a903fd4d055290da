/* The bearer tokens this api worker verified lately, so that a client's next request skips the signature check. */
#ifndef ACCOUNTS_TOKEN_MEMO_H
#define ACCOUNTS_TOKEN_MEMO_H
#include <stdint.h>

struct token_claims;

/* 0 and the claims of exactly this token when it was verified before and is unexpired at `now`; -1 otherwise. */
int token_memo_get(const char *token, int64_t now, struct token_claims *out);
/* Remembers a token jwt_verify accepted (one of TOKEN_MEMO_SLOTS, a newer one in the same slot replaces it). */
void token_memo_put(const char *token, const struct token_claims *c);

#endif
