/* The answer of every sign-in (login, register, an accepted invitation): a session token with the person. */
#ifndef ACCOUNTS_SESSION_H
#define ACCOUNTS_SESSION_H
#include <stdint.h>

struct request;
struct jw;

/* Who is signed in, as the answers name them. */
struct person {
	int64_t id, merchant_id;
	const char *name, *email, *role, *language, *merchant_name;
};

/* Writes the members {user, merchant} of the person (the user with their role's permissions). */
void write_person(struct jw *w, const struct person *p);
/* Issues a session token and answers {token, expires_at, user, merchant} with `status`. */
void answer_session(struct request *r, int status, const struct person *p);

#endif
