/* One HTTP request as the handlers see it, and the response they build. */
#ifndef HTTP_REQUEST_H
#define HTTP_REQUEST_H
#include <stddef.h>
#include <stdint.h>
#include "core/arena.h"
#include "core/buf.h"

#define REQ_MAX_PARAMS 4

struct config;
struct db;
struct jw;
struct jr;

struct auth {
	int64_t user_id;
	int64_t merchant_id;
	int64_t token_id;      /* API token id, 0 for a session token */
	int role;              /* the app's role id of the caller (enum role of accounts/roles.h), 0 for none */
	const char *actor;     /* the audit log's actor when not the person: "tiktok" for the sync worker's rules */
	int versions_read;     /* 1: the merchant's data versions below were read with the caller's row (read cache) */
	int64_t data_version, health_version;
};

struct request {
	struct arena *arena;
	const struct config *cfg;
	struct db *db;
	struct db *replica;     /* the read replica's connection, NULL when none is configured */
	void *app;             /* the binary's own per-worker state */

	const char *method;
	const char *path;      /* as sent, without the query string */
	const char *query;     /* raw query string, "" when absent */
	const char *content_type;
	const char *authorization;
	const char *remote_addr;
	const char *host;      /* Host header */
	const char *body;      /* NUL-terminated */
	size_t body_len;
	const char *params[REQ_MAX_PARAMS]; /* {name} segments of the matched route, in order */
	int nparams;
	char request_id[33];
	struct auth auth;
	const char *(*getenv)(struct request *r, const char *name); /* raw FastCGI parameter */
	void *fcgi;            /* the server's FCGX_Request */
	void *json_root;       /* parsed body (yajl_val), freed when the request ends */

	/* response */
	int status;
	struct buf headers;    /* "Name: value\r\n" lines */
	struct buf out;
	const char *out_type;
};

#define RESP_JSON_TYPE "application/json; charset=utf-8"

void resp_header(struct request *r, const char *name, const char *value);
/* Sends the writer's document with `status` (500 if the writer failed). */
void resp_json(struct request *r, int status, struct jw *w);
void resp_body(struct request *r, int status, const char *type, const char *body, size_t len);
void resp_empty(struct request *r, int status);
/* The error envelope {"error":{"code","message","details"}}. */
void resp_error(struct request *r, int status, const char *code, const char *message);
/* The error envelope with one string in details: {"<key>": value}. */
void resp_error_detail(struct request *r, int status, const char *code, const char *message, const char *key,
                       const char *value);
/* 422 with details.fields: {field: message} from the reader's collected errors. */
void resp_invalid(struct request *r, const struct jr *j);
/* 302 to `location`. */
void resp_redirect(struct request *r, const char *location);

/* Query-string parameter, URL-decoded into the arena; NULL when absent. */
const char *req_query(struct request *r, const char *name);
/* Reads the body as a JSON object; on failure answers 400 itself and returns -1.
 * The tree is freed when the request ends (jr_free is not needed). */
int req_json(struct request *r, struct jr *j);
/* Path parameter `i` as a positive id, or 0 when it is not one (the caller answers 404). */
int64_t req_param_id(struct request *r, int i);

#endif
