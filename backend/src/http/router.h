/* The route table as data, and the matcher that tells 404 from 405. */
#ifndef HTTP_ROUTER_H
#define HTTP_ROUTER_H
#include <stddef.h>

struct arena;
struct request;
typedef void (*handler_fn)(struct request *r);

enum route_auth {
	ROUTE_PUBLIC,   /* no token needed */
	ROUTE_USER,     /* a valid bearer token of a user */
	ROUTE_REPLICA,  /* the same, and a read whose lag is harmless: may run on the read replica */
};

struct route {
	const char *method;
	const char *pattern;   /* literal segments and {name} segments, e.g. /api/v1/orders/{id} */
	handler_fn handler;
	enum route_auth auth;
	/* The app's permission the caller needs (checked by app->authorize); a line that leaves it out has 0, which the
	 * app makes its most guarded permission. */
	int permission;
};

struct route_match {
	const struct route *route;  /* NULL: no route for this method and path */
	int path_known;             /* the path exists under other methods (405) */
	char allowed[64];           /* those methods, "GET, POST" */
	const char *params[4];      /* {name} segments, copied into the arena */
	int nparams;
};

void router_match(const struct route *routes, size_t n, const char *method, const char *path,
                  struct arena *a, struct route_match *m);

#endif
