/* The FastCGI server: a prefork of workers on one socket, each with its own database
 * connection, running one dispatcher over the binary's route table. */
#ifndef HTTP_SERVER_H
#define HTTP_SERVER_H
#include <stddef.h>
#include "http/router.h"

struct config;
struct request;

struct db;

/* A larger body cap for the paths that take files. */
struct upload_cap {
	const char *prefix;
	size_t max;
};

struct app {
	const char *name;                 /* for logs */
	const struct route *routes;
	size_t nroutes;
	const char *const *sql;           /* statement table */
	int nstmts;
	const int *ncols;                 /* result columns per statement, checked at start; NULL: unchecked */
	/* Optional: more checks against the database at start (statements assembled at run time); 0 when they pass. */
	int (*start_check)(struct db *db);
	const char *db_name;              /* database this binary uses */
	int statement_ms;                 /* time limit of each statement of a request (0: none) */
	/* Checks the bearer token of a ROUTE_USER request and fills r->auth; answers 401 itself
	 * and returns -1 when it is not acceptable. */
	int (*authenticate)(struct request *r);
	/* Optional: whether the authenticated caller has the route's permission; answers 403 itself and returns -1
	 * when not. */
	int (*authorize)(struct request *r, int permission);
	/* Optional, with a replica configured: whether a ROUTE_REPLICA request may read the replica (it has caught up
	 * with the caller's own writes), and what a successful write request leaves for that check. */
	int (*replica_ok)(struct request *r);
	void (*after_write)(struct request *r);
	/* Optional: answers requests no route matches (default: the 404 envelope). */
	void (*not_found)(struct request *r);
	/* Optional: made once before the workers are forked (memory they share). */
	void (*pool_init)(const struct config *cfg);
	/* Optional per-worker state, stored in r->app. */
	void *(*worker_init)(const struct config *cfg);
	void (*worker_free)(void *state);
	/* Optional: bodies of requests whose path starts with one of these prefixes (a NULL prefix ends the list) may be
	 * up to its max bytes. */
	const struct upload_cap *uploads;
};

/* Opens the socket, forks `workers` children and supervises them until SIGTERM or SIGINT.
 * Returns the process exit code. */
int server_run(const struct app *app, const struct config *cfg, const char *socket_path, int workers);

/* Runs the route table on one request (404/405/401 before any handler). */
void dispatch(const struct app *app, struct request *r);

#endif
