/* The answer of every sign-in (login, register, an accepted invitation): a session token with the person. */
#ifndef ACCOUNTS_SESSION_H
#define ACCOUNTS_SESSION_H
#include <stdint.h>

struct request;

/* Who is signed in, as the answers name them. */
struct person {
	int64_t id, merchant_id;
	const char *name, *email, *role, *language, *merchant_name;
};

/* Issues a session token and answers {token, expires_at, user, merchant} with `status`. */
void answer_session(struct request *r, int status, const struct person *p);

#endif
