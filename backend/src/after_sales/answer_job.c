/* Job after_sales_answer: the merchant's approval or rejection of one request sent to TikTok, then the request read
 * back from TikTok; a refusal keeps TikTok's own words on the request for the screen. */
#include "after_sales/after_sales_jobs.h"
#include "after_sales/status.h"
#include "connections/connection_tokens.h"
#include "core/arena.h"
#include "db/db.h"
#include "statements.h"
#include "sync/jobs.h"
#include "tiktok/policy.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_IMAGES 9

static void refused(struct worker *w, int64_t id, const char *code, const char *words)
{
	struct db_param p[] = { P_STR(code), P_STR(words), P_I64(id) };
	db_exec(w->db, STMT_AS_ANSWER_REFUSED, p, 3, NULL);
}

/* Splits the stored comma-separated image ids. */
static int image_ids(struct arena *a, const char *csv, const char **out)
{
	int n = 0;
	char *s = arena_strdup(a, csv), *save = NULL;
	for (char *t = strtok_r(s, ",", &save); t != NULL && n < MAX_IMAGES; t = strtok_r(NULL, ",", &save))
		out[n++] = t;
	return n;
}

struct job_result job_after_sales_answer(struct worker *w, struct arena *a, const struct job *j)
{
	struct conn c;
	struct job_result stop;
	int64_t id = j->payload != NULL ? strtoll(j->payload, NULL, 10) : 0;
	if (!job_open(w, a, j, &c, &stop)) {
		if (stop.outcome != JOB_RETRY)
			refused(w, id, "reconnect_required", "The shop is not connected.");
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
	const char *images[MAX_IMAGES];
	struct tt_as_answer ans = {
		.approve = approve,
		.decision = as_decision(source, db_cell(&row, 0, AS_ANS_KIND), db_cell(&row, 0, AS_ANS_TIKTOK_STATUS), approve),
		.reject_reason = db_cell(&row, 0, AS_ANS_REASON),
		.comment = db_cell(&row, 0, AS_ANS_NOTE),
		.image_ids = images,
		.nimages = image_ids(a, db_cell(&row, 0, AS_ANS_IMAGES), images),
		/* the same job sends the same key on every attempt: TikTok applies it once */
		.idempotency_key = arena_printf(a, "tts-answer-%lld", (long long)j->id),
	};
	enum tt_as_source src = strcmp(source, "return") == 0 ? TT_AS_RETURN : TT_AS_CANCELLATION;
	struct tt_result res;
	enum tt_status st = tt_as_answer(w->tt, c.shop_cipher, c.access_token, src, external, &ans, a, &res);
	if (st == TT_ERR_REJECTED) {
		char words[300];
		snprintf(words, sizeof(words), "%s", res.message);
		tt_result_free(&res);
		refused(w, id, "tiktok_refused", words);
		return (struct job_result){ JOB_FAILED, "tiktok_refused", arena_strdup(a, words), 0 };
	}
	if (st != TT_OK) {
		struct job_result r = job_result_for(w, j, &c, st, res.message);
		tt_result_free(&res);
		if (r.outcome == JOB_FAILED)
			refused(w, id, r.code, r.error);
		return r;
	}
	tt_result_free(&res);
	struct db_param d[] = { P_I64(id) };
	if (db_exec(w->db, STMT_AS_ANSWER_DONE, d, 1, NULL) < 0)
		return (struct job_result){ JOB_RETRY, "store_failed", "The answer could not be recorded.", DB_RETRY_SECONDS };
	return as_fetch_one(w, a, j, &c, src, external);
}
