/* The answer of every sign-in (login, register, an accepted invitation): a session token with the person. */
#ifndef ACCOUNTS_SESSION_H
#define ACCOUNTS_SESSION_H
#include <stdint.h>

struct request;

/* Issues a session token and answers {token, expires_at, user, merchant} with `status`. */
void answer_session(struct request *r, int status, int64_t uid, int64_t mid, const char *name, const char *email,
                    const char *role, const char *merchant_name);

#endif
