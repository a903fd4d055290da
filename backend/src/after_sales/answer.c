/* POST /after-sales/{id}/approve, /after-sales/{id}/reject and /after-sales/approve (cancellations in bulk): each
 * answer claims its request (one answer at a time, only while TikTok waits for one) and queues the job that sends it. */
#include "after_sales/after_sales.h"
#include "after_sales/after_sales_sql.h"
#include "after_sales/answer_images.h"
#include "api/common.h"
#include "api/handlers.h"
#include "audit/audit.h"
#include "core/arena.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jwrite.h"
#include "statements.h"
#include "sync/jobs.h"
#include "sync/sync_jobs.h"
#include <string.h>

#define MAX_BULK 100

struct answer {
	const char *action, *reason, *note;
	const struct as_image *images; /* the rejection's photos, stored already; NULL for none */
	int nimages;
	int cancellations_only;
	int64_t job;
	const char *code, *message; /* why it was refused */
	int status;
};

/* Why a request could not be claimed: 404, or 409 with a code. */
static int refusal(struct request *r, int64_t id, struct answer *a)
{
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows s;
	int n = db_query(r->db, r->arena, STMT_AS_GET, p, 2, &s);
	if (n < 0)
		return -1;
	if (n == 0) {
		*a = (struct answer){ .status = 404, .code = "not_found", .message = "No such cancellation or return request." };
	} else if (strcmp(db_cell(&s, 0, AS_ANSWER_STATE), "sending") == 0) { /* a job given up on reads failed */
		*a = (struct answer){ .status = 409, .code = "after_sales_answer_sending",
			              .message = "An answer to this request is being sent to TikTok." };
	} else if (strcmp(db_cell(&s, 0, AS_STATUS), "waiting") != 0) {
		*a = (struct answer){ .status = 409, .code = "after_sales_not_waiting",
			              .message = "TikTok is not waiting for an answer to this request." };
	} else {
		*a = (struct answer){ .status = 409, .code = "not_a_cancellation",
			              .message = "Only cancellation requests are approved in bulk." };
	}
	return 0;
}

/* What the audit row keeps of an answer: its words, and each photo by its type, size and SHA-256 (never its bytes). */
static const char *audit_of(struct request *r, const struct answer *a)
{
	if (a->nimages == 0)
		return audit_body(r);
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_str(&w, "reason", a->reason);
	jw_str(&w, "note", a->note);
	jw_arr_open(&w, "images");
	for (int i = 0; i < a->nimages; i++) {
		jw_obj_open(&w, NULL);
		jw_str(&w, "content_type", a->images[i].content_type);
		jw_int(&w, "size", (int64_t)a->images[i].size);
		jw_str(&w, "sha256", a->images[i].sha256);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	size_t len;
	const char *doc = jw_result(&w, &len);
	const char *out = doc != NULL ? arena_strndup(r->arena, doc, len) : NULL;
	jw_free(&w);
	return out;
}

/* Claims request id and queues its answer in one transaction: 1 queued, 0 refused (a->status, code), -1 failed. */
static int claim(struct request *r, int64_t id, struct answer *a)
{
	struct db_param p[] = { P_STR(a->action), P_STR(a->reason), P_STR(a->note), P_STR(""),
		                P_I64(r->auth.user_id), P_I64(id), P_I64(r->auth.merchant_id), P_I64(a->cancellations_only) };
	struct db_param pr[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows s;
	if (db_begin(r->db) != 0)
		return -1;
	int64_t k = db_exec(r->db, STMT_AS_ANSWER_CLAIM, p, 8, NULL);
	if (k < 0)
		goto fail;
	if (k == 0) {
		db_rollback(r->db);
		return refusal(r, id, a);
	}
	if (db_query(r->db, r->arena, STMT_AS_GET, pr, 2, &s) != 1 || as_images_store(r, id, a->images, a->nimages) != 0)
		goto fail;
	const char *payload = arena_printf(r->arena, "%lld", (long long)id);
	if (jobs_enqueue(r->db, r->auth.merchant_id, db_cell_i64(&s, 0, AS_CONNECTION_ID), "after_sales_answer", NULL,
	                 payload, 0, &a->job) != 1)
		goto fail;
	struct db_param pj[] = { P_I64(a->job), P_I64(id), P_I64(r->auth.merchant_id) };
	if (db_exec(r->db, STMT_AS_ANSWER_JOB, pj, 3, NULL) != 1 ||
	    audit_record(r, AUDIT_AFTER_SALES, id, a->action, NULL, audit_of(r, a)) < 0 || db_commit(r->db) != 0)
		goto fail;
	return 1;
fail:
	db_rollback(r->db);
	return -1;
}

#define CLAIM_TRIES 3 /* a claim that lost a deadlock (to the worker fetching the same request) runs again */

static void answer_one(struct request *r, struct answer *a)
{
	int64_t id = req_param_id(r, 0);
	int k = id > 0 ? claim(r, id, a) : 0;
	for (int tries = 1; k < 0 && db_deadlock_again(r->db, tries, CLAIM_TRIES); tries++)
		k = claim(r, id, a);
	if (id <= 0)
		*a = (struct answer){ .status = 404, .code = "not_found", .message = "No such cancellation or return request." };
	if (k < 0)
		fail_db(r);
	else if (k == 0)
		resp_error(r, a->status, a->code, a->message);
	else
		answer_job(r, a->job, 202, 1);
}

void h_after_sales_approve(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	const char *note = jr_str(&j, j.root, "note", JR_OPTIONAL, 0, 1000);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	struct answer a = { .action = "approve", .reason = "", .note = note != NULL ? note : "" };
	answer_one(r, &a);
}

/* 1 when name is one of the cached reject reasons of request id, 0 when not, -1 when none are cached yet, -2 failed. */
static int known_reason(struct request *r, int64_t id, const char *name)
{
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows x;
	if (db_query(r->db, r->arena, STMT_AS_REASONS, p, 2, &x) < 0)
		return -2;
	if (x.nrows == 0)
		return -1;
	for (int i = 0; i < x.nrows; i++)
		if (strcmp(db_cell(&x, i, AS_REASON_NAME), name) == 0)
			return 1;
	return 0;
}

void h_after_sales_reject(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	const char *reason = jr_str(&j, j.root, "reason", JR_REQUIRED, 1, 128);
	const char *note = jr_str(&j, j.root, "note", JR_OPTIONAL, 0, 1000);
	yajl_val imgs = jr_arr(&j, j.root, "images", JR_OPTIONAL, 0, AS_IMAGE_MAX_COUNT);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	int64_t id = req_param_id(r, 0);
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows s;
	int n = id > 0 ? db_query(r->db, r->arena, STMT_AS_GET, p, 2, &s) : 0;
	if (n == 0) {
		resp_error(r, 404, "not_found", "No such cancellation or return request.");
		return;
	}
	int known = n < 0 ? -2 : known_reason(r, id, reason);
	if (known == -2) {
		fail_db(r);
		return;
	}
	if (known == -1) {
		resp_error(r, 409, "reject_reasons_not_ready", "TikTok's reasons for rejecting this request are not read yet.");
		return;
	}
	if (known == 0)
		jr_fail(&j, "reason", "is not one of TikTok's reject reasons for this request");
	size_t given = imgs != NULL ? imgs->u.array.len : 0;
	if (given == 0 && as_images_required(db_cell(&s, 0, AS_SOURCE), db_cell(&s, 0, AS_KIND),
	                                     db_cell(&s, 0, AS_TIKTOK_STATUS)))
		jr_reject(&j, "images", JR_required, "TikTok requires photos to reject a package the seller received");
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	struct as_image images[AS_IMAGE_MAX_COUNT];
	int k = as_images_read(r, &j, imgs, images);
	if (k < 0)
		return;
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	struct answer a = { .action = "reject", .reason = reason, .note = note != NULL ? note : "", .images = images,
		            .nimages = k };
	answer_one(r, &a);
}

void h_after_sales_bulk_approve(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	yajl_val ids = jr_arr(&j, j.root, "ids", JR_REQUIRED, 1, MAX_BULK);
	for (size_t i = 0; ids != NULL && i < ids->u.array.len; i++)
		if (!YAJL_IS_INTEGER(ids->u.array.values[i]) || YAJL_GET_INTEGER(ids->u.array.values[i]) <= 0)
			jr_fail(&j, arena_printf(r->arena, "ids[%zu]", i), "must be a request id");
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_arr_open(&w, "items");
	for (size_t i = 0; i < ids->u.array.len; i++) {
		int64_t id = YAJL_GET_INTEGER(ids->u.array.values[i]);
		struct answer a = { .action = "approve", .reason = "", .note = "", .cancellations_only = 1 };
		int k = claim(r, id, &a);
		if (k < 0) {
			jw_free(&w);
			fail_db(r);
			return;
		}
		jw_obj_open(&w, NULL);
		jw_int(&w, "id", id);
		jw_bool(&w, "ok", k > 0);
		if (k > 0) {
			jw_int(&w, "job_id", a.job);
			jw_null(&w, "error");
		} else {
			jw_null(&w, "job_id");
			jw_obj_open(&w, "error");
			jw_str(&w, "code", a.code);
			jw_str(&w, "message", a.message);
			jw_obj_close(&w);
		}
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	resp_json(r, 202, &w);
	jw_free(&w);
}
