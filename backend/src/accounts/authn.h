/* Authentication of api requests: the bearer JWT, and for API tokens their revocation. */
#ifndef ACCOUNTS_AUTHN_H
#define ACCOUNTS_AUTHN_H

struct request;

int api_authenticate(struct request *r);

#endif
