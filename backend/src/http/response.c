/* Building responses (JSON, errors, redirects) and reading request input (query, body, ids). */
#include "http/request.h"
#include "http/urlcode.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include "core/config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void resp_header(struct request *r, const char *name, const char *value)
{
	buf_puts(&r->headers, name);
	buf_puts(&r->headers, ": ");
	buf_puts(&r->headers, value);
	buf_puts(&r->headers, "\r\n");
}

void resp_body(struct request *r, int status, const char *type, const char *body, size_t len)
{
	r->status = status;
	r->out_type = type;
	buf_reset(&r->out);
	buf_append(&r->out, body, len);
}

void resp_json(struct request *r, int status, struct jw *w)
{
	size_t len;
	const char *doc = jw_result(w, &len);
	if (doc == NULL) {
		resp_error(r, 500, "internal_error", "The response could not be written.");
		return;
	}
	resp_body(r, status, RESP_JSON_TYPE, doc, len);
}

void resp_empty(struct request *r, int status)
{
	resp_body(r, status, NULL, "", 0);
}

static void error_open(struct jw *w, const char *code, const char *message)
{
	jw_obj_open(w, NULL);
	jw_obj_open(w, "error");
	jw_str(w, "code", code);
	jw_str(w, "message", message);
}

static void error_close(struct request *r, struct jw *w, int status)
{
	jw_obj_close(w);
	jw_obj_close(w);
	resp_json(r, status, w);
	jw_free(w);
}

void resp_error(struct request *r, int status, const char *code, const char *message)
{
	struct jw w;
	jw_init(&w);
	error_open(&w, code, message);
	jw_obj_open(&w, "details");
	jw_obj_close(&w);
	error_close(r, &w, status);
}

void resp_error_detail(struct request *r, int status, const char *code, const char *message, const char *key,
                       const char *value)
{
	struct jw w;
	jw_init(&w);
	error_open(&w, code, message);
	jw_obj_open(&w, "details");
	jw_str(&w, key, value);
	jw_obj_close(&w);
	error_close(r, &w, status);
}

void resp_invalid(struct request *r, const struct jr *j)
{
	struct jw w;
	jw_init(&w);
	error_open(&w, "validation_failed", "Some fields are missing or invalid.");
	jw_obj_open(&w, "details");
	jw_obj_open(&w, "fields");
	for (int i = 0; i < j->nerr; i++)
		jw_str(&w, j->errs[i].field, j->errs[i].message);
	jw_obj_close(&w);
	jw_arr_open(&w, "errors");
	for (int i = 0; i < j->nerr; i++) {
		const struct jr_error *e = &j->errs[i];
		int params = jr_code_params(e->code);
		jw_obj_open(&w, NULL);
		jw_str(&w, "field", e->field);
		jw_str(&w, "code", jr_code_name(e->code));
		if (params & JR_P_MIN)
			jw_int(&w, "min", e->min);
		if (params & JR_P_MAX)
			jw_int(&w, "max", e->max);
		if (params & JR_P_ALLOWED)
			jw_str(&w, "allowed", e->allowed != NULL ? e->allowed : "");
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	error_close(r, &w, 422);
}

void resp_redirect(struct request *r, const char *location)
{
	resp_header(r, "Location", location);
	resp_empty(r, 302);
}

const char *req_query(struct request *r, const char *name)
{
	return query_get(r->arena, r->query, name);
}

int req_json(struct request *r, struct jr *j)
{
	char err[300];
	if (jr_parse(j, r->arena, r->body, r->body_len, JR_MAX_DEPTH, err, sizeof(err)) != 0) {
		resp_error(r, 400, j->err_code, err);
		return -1;
	}
	r->json_root = j->root;
	return 0;
}

int64_t req_param_id(struct request *r, int i)
{
	if (i < 0 || i >= r->nparams)
		return 0;
	const char *s = r->params[i];
	if (*s == '\0' || strlen(s) > 18)
		return 0;
	for (const char *p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	int64_t v = strtoll(s, NULL, 10);
	return v > 0 ? v : 0;
}
