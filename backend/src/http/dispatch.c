/* The one dispatcher: input text checks, route lookup, 404/405, authentication, permission, the database to read,
 * then the handler. */
#include "http/server.h"
#include "http/request.h"
#include "http/urlcode.h"
#include <string.h>
#include <strings.h>

/* The query string, and a form body, must be strict UTF-8 without NUL: checked once, here. */
static int text_ok(struct request *r)
{
	const char *code = NULL;
	const char *why = query_check(r->arena, r->query, &code);
	if (why == NULL && r->body != NULL && strncasecmp(r->content_type, "application/x-www-form-urlencoded", 33) == 0)
		why = query_check(r->arena, r->body, &code);
	if (why == NULL)
		return 1;
	resp_error(r, 400, code, why);
	return 0;
}

void dispatch(const struct app *app, struct request *r)
{
	if (!text_ok(r))
		return;
	struct route_match m;
	router_match(app->routes, app->nroutes, r->method, r->path, r->arena, &m);
	if (m.route == NULL) {
		if (m.path_known) {
			resp_header(r, "Allow", m.allowed);
			resp_error(r, 405, "method_not_allowed", "This method is not allowed on this path.");
		} else if (app->not_found != NULL) {
			app->not_found(r);
		} else {
			resp_error(r, 404, "not_found", "No such endpoint.");
		}
		return;
	}
	for (int i = 0; i < m.nparams; i++)
		r->params[i] = m.params[i];
	r->nparams = m.nparams;
	if (m.route->auth != ROUTE_PUBLIC &&
	    (app->authenticate(r) != 0 || (app->authorize != NULL && app->authorize(r, m.route->permission) != 0)))
		return;
	struct db *primary = r->db;
	if (m.route->auth == ROUTE_REPLICA && r->replica != NULL && app->replica_ok != NULL && app->replica_ok(r))
		r->db = r->replica;
	m.route->handler(r);
	r->db = primary;
	if (r->replica != NULL && app->after_write != NULL && r->status < 400 && r->auth.merchant_id != 0 &&
	    strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0)
		app->after_write(r);
}
