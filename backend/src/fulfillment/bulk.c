/* Bulk actions on orders (arrange shipment, print labels, create and export slips): a run of up to FF_BULK_MAX orders
 * answered 202 at once, worked by the sync workers (one job per shop), each order's result readable as it comes; and
 * the run's merged label PDF. */
#include "fulfillment/fulfillment.h"
#include "audit/audit.h"
#include "api/common.h"
#include "api/handlers.h"
#include "core/arena.h"
#include "db/batch.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jwrite.h"
#include "media/media_store.h"
#include "statements.h"
#include "stock/stock.h"
#include "sync/jobs.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>

struct ids {
	int64_t *id, *conn;
	int n;
};

/* order_ids: 1..FF_BULK_MAX positive integers, each kept once in the order given; errors go to j. */
static void read_ids(struct request *r, struct jr *j, struct ids *out)
{
	out->n = 0;
	yajl_val arr = jr_arr(j, j->root, "order_ids", JR_REQUIRED, 1, FF_BULK_MAX);
	if (arr == NULL)
		return;
	out->id = arena_alloc(r->arena, sizeof(int64_t) * arr->u.array.len);
	out->conn = arena_alloc(r->arena, sizeof(int64_t) * arr->u.array.len);
	for (size_t i = 0; i < arr->u.array.len; i++) {
		yajl_val v = arr->u.array.values[i];
		if (!YAJL_IS_INTEGER(v) || YAJL_GET_INTEGER(v) <= 0) {
			jr_reject(j, "order_ids", JR_not_a_whole_number, "must be order ids");
			return;
		}
		int seen = 0;
		for (int k = 0; k < out->n && !seen; k++)
			seen = out->id[k] == YAJL_GET_INTEGER(v);
		if (!seen)
			out->id[out->n++] = YAJL_GET_INTEGER(v);
	}
}

/* Each id's shop; answers 404 naming the ids that are not the caller's orders. 1 when all are, else 0. */
static int owned(struct request *r, struct ids *ids)
{
	struct db_param *p = arena_alloc(r->arena, sizeof(*p) * (FF_BULK_MAX + 1));
	p[0] = P_I64(r->auth.merchant_id);
	for (int i = 0; i < FF_BULK_MAX; i++)
		p[i + 1] = i < ids->n ? P_I64(ids->id[i]) : P_NULL;
	struct db_rows rows;
	if (db_query_text(r->db, r->arena, batch_text(r->arena, &sql_ff_orders_owned, FF_BULK_MAX), p, FF_BULK_MAX + 1,
	                  &rows) < 0) {
		fail_db(r);
		return 0;
	}
	int missing = 0;
	for (int i = 0; i < ids->n; i++) {
		ids->conn[i] = 0;
		for (int k = 0; k < rows.nrows && ids->conn[i] == 0; k++)
			if (db_cell_i64(&rows, k, FF_OWNED_ID) == ids->id[i])
				ids->conn[i] = db_cell_i64(&rows, k, FF_OWNED_CONNECTION_ID);
		missing += ids->conn[i] == 0;
	}
	if (missing == 0)
		return 1;
	struct jw w;
	err_open(&w, "not_found", "Some of these orders do not exist.");
	jw_arr_open(&w, "order_ids");
	for (int i = 0; i < ids->n; i++)
		if (ids->conn[i] == 0)
			jw_int(&w, NULL, ids->id[i]);
	jw_arr_close(&w);
	err_close(r, &w, 404);
	return 0;
}

static void write_batch(struct request *r, struct jw *w, const struct db_rows *b, const struct db_rows *items)
{
	int64_t id = db_cell_i64(b, 0, FF_BATCH_ID), total = db_cell_i64(b, 0, FF_BATCH_TOTAL);
	int64_t done = db_cell_i64(b, 0, FF_BATCH_DONE), failed = db_cell_i64(b, 0, FF_BATCH_FAILED);
	jw_int(w, "id", id);
	jw_str(w, "action", db_cell(b, 0, FF_BATCH_ACTION));
	jw_str(w, "state", db_cell(b, 0, FF_BATCH_FINISHED_AT) != NULL ? "done" : "running");
	jw_obj_open(w, "progress");
	jw_int(w, "done", done + failed);
	jw_int(w, "total", total);
	jw_obj_close(w);
	jw_obj_open(w, "counts");
	jw_int(w, "done", done);
	jw_int(w, "failed", failed);
	jw_obj_close(w);
	if (db_cell_i64(b, 0, FF_BATCH_HAS_DOCUMENT)) {
		jw_obj_open(w, "document");
		jw_str(w, "url", arena_printf(r->arena, "/api/v1/fulfillment-batches/%lld/document", (long long)id));
		jw_int(w, "pages", db_cell_i64(b, 0, FF_BATCH_DOCUMENT_PAGES));
		jw_obj_close(w);
	} else {
		jw_null(w, "document");
	}
	jw_time(w, "created_at", db_cell_i64(b, 0, FF_BATCH_CREATED_AT));
	jw_time(w, "finished_at", db_cell_i64(b, 0, FF_BATCH_FINISHED_AT));
	jw_arr_open(w, "items");
	for (int i = 0; items != NULL && i < items->nrows; i++) {
		jw_obj_open(w, NULL);
		jw_int(w, "order_id", db_cell_i64(items, i, FF_ITEM_ORDER_ID));
		jw_str(w, "external_id", db_cell(items, i, FF_ITEM_EXTERNAL_ID));
		jw_str(w, "state", db_cell(items, i, FF_ITEM_STATE));
		jw_str(w, "code", db_cell(items, i, FF_ITEM_CODE));
		jw_str(w, "message", db_cell(items, i, FF_ITEM_MESSAGE));
		jw_str(w, "channel_status", db_cell(items, i, FF_ITEM_CHANNEL_STATUS));
		jw_obj_close(w);
	}
	jw_arr_close(w);
}

/* The run `id` of the caller, answered with status (404 when it is not theirs). */
static void answer_batch(struct request *r, int64_t id, int status)
{
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows b, items;
	int n = id > 0 ? db_query(r->db, r->arena, STMT_FF_BATCH_GET, p, 2, &b) : 0;
	if (n < 0 || (n > 0 && db_query(r->db, r->arena, STMT_FF_BATCH_ITEMS, p, 2, &items) < 0)) {
		fail_db(r);
		return;
	}
	if (n == 0) {
		resp_error(r, 404, "not_found", "No such bulk run.");
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	if (status == 202)
		jw_obj_open(&w, "batch");
	write_batch(r, &w, &b, &items);
	if (status == 202)
		jw_obj_close(&w);
	jw_obj_close(&w);
	resp_json(r, status, &w);
	jw_free(&w);
}

/* 1 when every order of ids has its labels kept already (a print then needs neither TikTok nor a sync worker), 0 when
 * not, -1 when the database failed. */
static int labels_kept(struct request *r, const struct ids *ids)
{
	struct db_param *p = arena_alloc(r->arena, sizeof(*p) * (FF_BULK_MAX + 1));
	p[0] = P_I64(r->auth.merchant_id);
	for (int i = 0; i < FF_BULK_MAX; i++)
		p[i + 1] = i < ids->n ? P_I64(ids->id[i]) : P_NULL;
	struct db_rows rows;
	if (db_query_text(r->db, r->arena, batch_text(r->arena, &sql_ff_labels_missing, FF_BULK_MAX), p, FF_BULK_MAX + 1,
	                  &rows) != 1)
		return -1;
	return db_cell_i64(&rows, 0, ONE_VALUE) == 0;
}

/* Stores the run and its orders and queues one job per shop, in one transaction; then answers 202. A labels run whose
 * labels are all kept is settled here instead (merged now): printing never waits behind the sync workers' queue. */
static void start(struct request *r, const char *action, const char *params, const struct ids *ids)
{
	int now = strcmp(action, "labels") == 0 ? labels_kept(r, ids) : 0;
	if (now < 0) {
		fail_db(r);
		return;
	}
	int64_t batch = 0;
	struct db_param pb[] = { P_I64(r->auth.merchant_id), P_I64(r->auth.user_id), P_STR(action), P_STR(params),
		                 P_I64(ids->n) };
	struct db_param *v = arena_alloc(r->arena, sizeof(*v) * 4 * (size_t)ids->n);
	if (db_begin(r->db) != 0 || db_exec(r->db, STMT_FF_BATCH_INSERT, pb, 5, &batch) < 0)
		goto fail;
	for (int i = 0; i < ids->n; i++) {
		v[4 * i] = P_I64(batch);
		v[4 * i + 1] = P_I64(i);
		v[4 * i + 2] = P_I64(ids->id[i]);
		v[4 * i + 3] = P_I64(ids->conn[i]);
	}
	if (batch_exec(r->db, r->arena, &sql_ff_item_insert, v, ids->n) != 0)
		goto fail;
	struct db_param pd[] = { P_I64(batch) };
	if (now && db_exec(r->db, STMT_FF_ITEMS_DONE, pd, 1, NULL) < 0)
		goto fail;
	for (int i = 0; i < ids->n && !now; i++) {
		int first = 1;
		for (int k = 0; k < i && first; k++)
			first = ids->conn[k] != ids->conn[i];
		if (!first)
			continue;
		const char *key = arena_printf(r->arena, "fulfillment_batch:%lld:%lld", (long long)batch, (long long)ids->conn[i]);
		const char *payload = arena_printf(r->arena, "%lld", (long long)batch);
		if (jobs_enqueue(r->db, r->auth.merchant_id, ids->conn[i], "fulfillment_batch", key, payload, 0, NULL) < 0)
			goto fail;
	}
	if (audit_record(r, AUDIT_FULFILLMENT_BATCH, batch, action, NULL, audit_body(r)) < 0)
		goto fail;
	if (db_commit(r->db) != 0 || (now && ff_batch_settle(r->cfg, r->db, r->arena, batch) != 0)) {
		db_rollback(r->db);
		fail_db(r);
		return;
	}
	answer_batch(r, batch, 202);
	return;
fail:
	db_rollback(r->db);
	fail_db(r);
}

/* Reads the body's order_ids (the action reads its own fields after); answers 400 and returns 0 when it is no JSON. */
static int begin(struct request *r, struct jr *j, struct ids *ids)
{
	if (req_json(r, j) != 0)
		return 0;
	read_ids(r, j, ids);
	return 1;
}

/* Answers 422 for the fields read wrong, else 404 for ids not the caller's; 1 when the run may start. */
static int finish_reading(struct request *r, struct jr *j, struct ids *ids)
{
	if (j->nerr > 0) {
		resp_invalid(r, j);
		return 0;
	}
	return owned(r, ids);
}

void h_fulfillment_arrange(struct request *r)
{
	struct jr j;
	struct ids ids;
	if (!begin(r, &j, &ids))
		return;
	const char *method = jr_str(&j, j.root, "handover_method", JR_REQUIRED, 1, 16);
	if (method != NULL && strcmp(method, "PICKUP") != 0 && strcmp(method, "DROP_OFF") != 0)
		jr_reject_allowed(&j, "handover_method", "PICKUP,DROP_OFF", "must be PICKUP or DROP_OFF");
	yajl_val slot = jr_obj(&j, j.root, "pickup_slot", JR_OPTIONAL);
	int64_t from = 0, to = 0;
	if (slot != NULL) {
		j.prefix = "pickup_slot.";
		from = jr_int(&j, slot, "start_time", JR_REQUIRED, 1, INT32_MAX * 4LL, 0);
		to = jr_int(&j, slot, "end_time", JR_REQUIRED, 1, INT32_MAX * 4LL, 0);
		j.prefix = NULL;
		if (to > 0 && from >= to)
			jr_fail(&j, "pickup_slot.end_time", "must be after start_time");
		if (method != NULL && strcmp(method, "DROP_OFF") == 0)
			jr_reject(&j, "pickup_slot", JR_exclusive, "only with PICKUP");
	}
	if (!finish_reading(r, &j, &ids))
		return;
	const char *params = slot != NULL ? arena_printf(r->arena, "PICKUP %lld %lld", (long long)from, (long long)to) : method;
	start(r, "arrange", params, &ids);
}

void h_fulfillment_labels(struct request *r)
{
	struct jr j;
	struct ids ids;
	if (begin(r, &j, &ids) && finish_reading(r, &j, &ids))
		start(r, "labels", "", &ids);
}

void h_fulfillment_create_slips(struct request *r)
{
	struct jr j;
	struct ids ids;
	if (!begin(r, &j, &ids))
		return;
	int64_t wh = jr_int(&j, j.root, "warehouse_id", JR_REQUIRED, 1, INT64_MAX, 0);
	int own = j.nerr == 0 ? warehouse_owned(r, wh) : 1;
	if (own < 0) {
		fail_db(r);
		return;
	}
	if (own == 0)
		jr_reject(&j, "warehouse_id", JR_not_found, "no such warehouse");
	if (finish_reading(r, &j, &ids))
		start(r, "create_slips", arena_printf(r->arena, "%lld", (long long)wh), &ids);
}

void h_fulfillment_export_slips(struct request *r)
{
	struct jr j;
	struct ids ids;
	if (begin(r, &j, &ids) && finish_reading(r, &j, &ids))
		start(r, "export_slips", "", &ids);
}

void h_fulfillment_batch_get(struct request *r)
{
	answer_batch(r, req_param_id(r, 0), 200);
}

void h_fulfillment_batch_document(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows b;
	int n = id > 0 ? db_query(r->db, r->arena, STMT_FF_BATCH_GET, p, 2, &b) : 0;
	if (n < 0) {
		fail_db(r);
		return;
	}
	if (n == 0) {
		resp_error(r, 404, "not_found", "No such bulk run.");
		return;
	}
	const char *key = db_cell(&b, 0, FF_BATCH_DOCUMENT_KEY);
	if (key == NULL) {
		resp_error(r, 409, "document_not_ready",
		           db_cell(&b, 0, FF_BATCH_FINISHED_AT) != NULL ? "This run has no label to print." : "The labels are still being fetched.");
		return;
	}
	const void *data;
	size_t len;
	if (media_get(r->cfg, r->arena, key, &data, &len) != 0) {
		resp_error(r, 500, "document_unreadable", "The stored document could not be read.");
		return;
	}
	resp_header(r, "Content-Disposition", arena_printf(r->arena, "inline; filename=\"labels-%lld.pdf\"", (long long)id));
	resp_header(r, "Cache-Control", "private, no-store");
	resp_body(r, 200, "application/pdf", data, len);
}
