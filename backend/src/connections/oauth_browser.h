/* The OAuth state bound to the browser that started it (RFC 6749 §10.12): a cookie set when authorizing,
 * required by the callback. Its value is a MAC of the state's nonce, so only our server can make it. */
#ifndef CONNECTIONS_OAUTH_BROWSER_H
#define CONNECTIONS_OAUTH_BROWSER_H

struct request;

/* Sets the HttpOnly, SameSite=Lax cookie for this nonce (valid max_age seconds, sent only to the callback). */
void oauth_browser_bind(struct request *r, const char *nonce, int max_age);
/* 1 when the request carries the cookie of this nonce with the right value. */
int oauth_browser_matches(struct request *r, const char *nonce);
/* Expires the cookie of this nonce (the state is used up). */
void oauth_browser_clear(struct request *r, const char *nonce);

#endif
