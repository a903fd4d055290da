/* Runs the export slip handlers on a request built here (body, path id, the merchant and user) and reads their answer. */
#include "fulfillment/slip_calls.h"
#include "api/handlers.h"
#include "core/arena.h"
#include "db/db.h"
#include "http/request.h"
#include "statements.h"
#include "sync/job.h"
#include <stdio.h>
#include <string.h>
#include <yajl/yajl_tree.h>

/* The answer of a handler: its status, and the error envelope's code and message or the slip's id. */
static struct slip_outcome outcome_of(struct arena *a, struct request *r)
{
	struct slip_outcome o = { r->status >= 200 && r->status < 300, r->status, NULL, NULL, 0 };
	char *text = arena_strndup(a, r->out.data != NULL ? r->out.data : "", r->out.len);
	yajl_val root = yajl_tree_parse(text, NULL, 0);
	if (o.ok) {
		const char *id_path[] = { "id", NULL };
		yajl_val id = yajl_tree_get(root, id_path, yajl_t_number);
		o.slip_id = id != NULL && YAJL_IS_INTEGER(id) ? YAJL_GET_INTEGER(id) : 0;
	} else {
		const char *code_path[] = { "error", "code", NULL }, *msg_path[] = { "error", "message", NULL };
		yajl_val code = yajl_tree_get(root, code_path, yajl_t_string);
		yajl_val msg = yajl_tree_get(root, msg_path, yajl_t_string);
		o.code = arena_strdup(a, code != NULL ? YAJL_GET_STRING(code) : "internal_error");
		o.message = arena_strdup(a, msg != NULL ? YAJL_GET_STRING(msg) : "The export slip could not be changed.");
	}
	yajl_tree_free(root);
	return o;
}

static struct slip_outcome run(struct worker *w, struct arena *a, int64_t merchant_id, int64_t user_id,
                               const char *actor, void (*handler)(struct request *), const char *method, int64_t id, const char *body)
{
	struct request r;
	memset(&r, 0, sizeof(r));
	r.arena = a;
	r.cfg = w->cfg;
	r.db = w->db;
	r.method = method;
	r.path = "";
	r.query = "";
	r.content_type = "application/json";
	r.body = body;
	r.body_len = strlen(body);
	char idtext[24];
	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	r.params[0] = idtext;
	r.nparams = 1;
	r.auth.merchant_id = merchant_id;
	r.auth.user_id = user_id;
	r.auth.actor = actor;
	buf_init(&r.headers, 0);
	buf_init(&r.out, 0);
	r.status = 500;
	handler(&r);
	struct slip_outcome o = outcome_of(a, &r);
	if (r.json_root != NULL)
		yajl_tree_free(r.json_root);
	buf_free(&r.headers);
	buf_free(&r.out);
	return o;
}

struct slip_outcome slip_call_create(struct worker *w, struct arena *a, int64_t merchant_id, int64_t user_id,
                                     const char *actor, int64_t order_id, int64_t warehouse_id)
{
	const char *body = arena_printf(a, "{\"warehouse_id\":%lld}", (long long)warehouse_id);
	return run(w, a, merchant_id, user_id, actor, h_slip_create, "POST", order_id, body);
}

struct slip_outcome slip_call_export(struct worker *w, struct arena *a, int64_t merchant_id, int64_t user_id,
                                     const char *actor, int64_t order_id)
{
	struct db_param p[] = { P_I64(order_id), P_I64(merchant_id) };
	struct db_rows rows;
	int n = db_query(w->db, a, STMT_FF_LIVE_SLIP, p, 2, &rows);
	if (n < 0)
		return (struct slip_outcome){ 0, 500, "internal_error", "The database did not answer.", 0 };
	if (n == 0 || strcmp(db_cell(&rows, 0, FF_SLIP_STATUS), "awaiting_export") != 0)
		return (struct slip_outcome){ 0, 409, "no_slip_awaiting_export", "This order has no export slip awaiting export.", 0 };
	return run(w, a, merchant_id, user_id, actor, h_slip_export, "POST", db_cell_i64(&rows, 0, FF_SLIP_ID), "{}");
}

struct slip_outcome slip_call_cancel(struct worker *w, struct arena *a, int64_t merchant_id, int64_t user_id,
                                     const char *actor, int64_t slip_id, int64_t after_sales_id)
{
	const char *body = arena_printf(a, "{\"after_sales_id\":%lld}", (long long)after_sales_id);
	return run(w, a, merchant_id, user_id, actor, h_slip_cancel, "POST", slip_id, body);
}
