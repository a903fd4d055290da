/* Job after_sales_answer: the merchant's approval or rejection of one request sent to TikTok (a rejection's photos
 * uploaded first, each once: TikTok's id is kept as soon as it answers, so a retried job sends only what is left),
 * then the request read back from TikTok; a refusal keeps TikTok's own words on the request for the screen, and a job
 * that gives up leaves the request waiting for an answer again, with the code of its failure. */
#include "after_sales/after_sales_jobs.h"
#include "after_sales/after_sales_sql.h"
#include "after_sales/answer_images.h"
#include "after_sales/status.h"
#include "connections/connection_tokens.h"
#include "core/arena.h"
#include "db/db.h"
#include "media/media_store.h"
#include "statements.h"
#include "sync/jobs.h"
#include "tiktok/images.h"
#include "tiktok/policy.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* TikTok's use case for photos that are not a product's: the closest of the upload's list */
#define IMAGE_USE_CASE "DESCRIPTION_IMAGE"

static void mark(struct worker *w, int stmt, int64_t id, const char *code, const char *words)
{
	struct db_param p[] = { P_STR(code), P_STR(words), P_I64(id) };
	db_exec(w->db, stmt, p, 3, NULL);
}

/* What a TikTok failure makes of the job, and of the request when it is final: TikTok's refusal is kept with its
 * words; any other failure that ends the job leaves the request waiting for an answer again. */
static struct job_result failed_call(struct worker *w, struct arena *a, const struct job *j, const struct conn *c,
                                     int64_t id, enum tt_status st, struct tt_result *res)
{
	if (st == TT_ERR_REJECTED) {
		char words[300];
		snprintf(words, sizeof(words), "%s", res->message);
		tt_result_free(res);
		mark(w, STMT_AS_ANSWER_REFUSED, id, "tiktok_refused", words);
		return (struct job_result){ JOB_FAILED, "tiktok_refused", arena_strdup(a, words), 0 };
	}
	struct job_result r = job_result_for(w, j, c, st, res->message);
	tt_result_free(res);
	if (r.outcome == JOB_FAILED)
		mark(w, STMT_AS_ANSWER_FAILED, id, r.code, r.error);
	return r;
}

/* Uploads the photos of request id not uploaded yet and fills out[] with TikTok's ids; the count, or -1 with *stop
 * set (a failed call or the database). */
static int upload_images(struct worker *w, struct arena *a, const struct job *j, const struct conn *c, int64_t id,
                         struct tt_as_image *out, struct job_result *stop)
{
	struct db_param p[] = { P_I64(id) };
	struct db_rows rows;
	int n = db_query(w->db, a, STMT_AS_IMAGES_TO_SEND, p, 1, &rows);
	if (n < 0) {
		*stop = (struct job_result){ JOB_RETRY, "store_failed", "The photos could not be read.", DB_RETRY_SECONDS };
		return -1;
	}
	for (int i = 0; i < n && i < AS_IMAGE_MAX_COUNT; i++) {
		const char *type = db_cell(&rows, i, AS_IMG_CONTENT_TYPE);
		out[i] = (struct tt_as_image){ db_cell(&rows, i, AS_IMG_URI), type, 0, 0 };
		if (out[i].image_id != NULL) {
			out[i].width = db_cell_i64(&rows, i, AS_IMG_WIDTH);
			out[i].height = db_cell_i64(&rows, i, AS_IMG_HEIGHT);
			continue;
		}
		const void *data;
		size_t len;
		if (media_get(w->cfg, a, db_cell(&rows, i, AS_IMG_KEY), &data, &len) != 0) {
			mark(w, STMT_AS_ANSWER_FAILED, id, "image_missing", "A photo of this answer is missing from the media store.");
			*stop = (struct job_result){ JOB_FAILED, "image_missing", "A photo of the answer is missing.", 0 };
			return -1;
		}
		struct tt_image img;
		struct tt_result res;
		enum tt_status st = tt_image_upload(w->tt, c->shop_cipher, c->access_token, data, len, type, IMAGE_USE_CASE,
		                                    a, &img, &res);
		if (st != TT_OK) {
			*stop = failed_call(w, a, j, c, id, st, &res);
			return -1;
		}
		tt_result_free(&res);
		struct db_param u[] = { P_STR(img.uri), P_I64(img.width), P_I64(img.height),
			                P_I64(db_cell_i64(&rows, i, AS_IMG_ID)) };
		if (db_exec(w->db, STMT_AS_IMAGE_UPLOADED, u, 4, NULL) != 1) {
			*stop = (struct job_result){ JOB_RETRY, "store_failed", "The photo's TikTok id could not be kept.",
				                     DB_RETRY_SECONDS };
			return -1;
		}
		out[i] = (struct tt_as_image){ img.uri, type, img.width, img.height };
	}
	return n < AS_IMAGE_MAX_COUNT ? n : AS_IMAGE_MAX_COUNT;
}

struct job_result job_after_sales_answer(struct worker *w, struct arena *a, const struct job *j)
{
	struct conn c;
	struct job_result stop;
	int64_t id = j->payload != NULL ? strtoll(j->payload, NULL, 10) : 0;
	if (!job_open(w, a, j, &c, &stop)) {
		if (stop.outcome != JOB_RETRY)
			mark(w, STMT_AS_ANSWER_FAILED, id, "reconnect_required", "The shop is not connected.");
		return stop;
	}
	struct db_param p[] = { P_I64(id), P_I64(c.id) };
	struct db_rows row;
	int n = db_query(w->db, a, STMT_AS_ANSWER_ROW, p, 2, &row);
	if (n < 0)
		return (struct job_result){ JOB_RETRY, "store_failed", "The request could not be read.", DB_RETRY_SECONDS };
	if (n == 0 || strcmp(db_cell(&row, 0, AS_ANS_STATE), "sending") != 0)
		return JOB_OK;
	const char *source = db_cell(&row, 0, AS_ANS_SOURCE), *external = db_cell(&row, 0, AS_ANS_EXTERNAL_ID);
	int approve = strcmp(db_cell(&row, 0, AS_ANS_ACTION), "approve") == 0;
	struct tt_as_image images[AS_IMAGE_MAX_COUNT];
	int nimages = approve ? 0 : upload_images(w, a, j, &c, id, images, &stop);
	if (nimages < 0)
		return stop;
	struct tt_as_answer ans = {
		.approve = approve,
		.decision = as_decision(source, db_cell(&row, 0, AS_ANS_KIND), db_cell(&row, 0, AS_ANS_TIKTOK_STATUS), approve),
		.reject_reason = db_cell(&row, 0, AS_ANS_REASON),
		.comment = db_cell(&row, 0, AS_ANS_NOTE),
		.images = images,
		.nimages = nimages,
		/* the same job sends the same key on every attempt: TikTok applies it once */
		.idempotency_key = arena_printf(a, "tts-answer-%lld", (long long)j->id),
	};
	enum tt_as_source src = strcmp(source, "return") == 0 ? TT_AS_RETURN : TT_AS_CANCELLATION;
	struct tt_result res;
	enum tt_status st = tt_as_answer(w->tt, c.shop_cipher, c.access_token, src, external, &ans, a, &res);
	if (st != TT_OK)
		return failed_call(w, a, j, &c, id, st, &res);
	tt_result_free(&res);
	struct db_param d[] = { P_I64(id) };
	if (db_exec(w->db, STMT_AS_ANSWER_DONE, d, 1, NULL) < 0)
		return (struct job_result){ JOB_RETRY, "store_failed", "The answer could not be recorded.", DB_RETRY_SECONDS };
	return as_fetch_one(w, a, j, &c, src, external);
}
