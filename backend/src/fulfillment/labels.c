/* Shipping labels: fetched from TikTok once shipment is arranged and kept in the media store (TikTok's document links
 * expire), merged into one PDF for a print run, and the job that fetches the labels still missing. */
#include "fulfillment/fulfillment.h"
#include "fulfillment/fulfillment_jobs.h"
#include "fulfillment/pdf_merge.h"
#include "connections/connection_tokens.h"
#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"
#include "media/media_store.h"
#include "statements.h"
#include "sync/jobs.h"
#include "tiktok/fulfillment.h"
#include "tiktok/policy.h"
#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

#define DOWNLOAD_TIMEOUT_SECONDS 30

/* A content-addressed key under private/ (never served by the web hosts). */
static const char *private_key(struct arena *a, const char *folder, const void *data, size_t len)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	if (EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) != 1)
		return NULL;
	char hex[2 * EVP_MAX_MD_SIZE + 1];
	for (unsigned i = 0; i < mdlen; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return arena_printf(a, "private/%s/%s.pdf", folder, hex);
}

int ff_item_set(struct worker *w, int64_t batch_id, int64_t position, const char *code, const char *message)
{
	struct db_param p[] = { P_STR(code == NULL ? "done" : "failed"), code != NULL ? P_STR(code) : P_NULL,
		                message != NULL ? P_STR(message) : P_NULL, P_I64(batch_id), P_I64(position) };
	return db_exec(w->db, STMT_FF_ITEM_SET, p, 5, NULL) < 0 ? -1 : 0;
}

int ff_label_fetch(struct worker *w, struct arena *a, const struct conn *c, int64_t row_id, const char *package_id,
                   enum tt_status *st, const char **error)
{
	struct tt_result res;
	const char *url, *tracking;
	*error = NULL;
	*st = tt_shipping_label(w->tt, c->shop_cipher, c->access_token, package_id, a, &url, &tracking, &res);
	const void *pdf = NULL;
	size_t len = 0;
	if (*st == TT_OK) {
		tt_result_free(&res);
		*st = tt_document_get(url, DOWNLOAD_TIMEOUT_SECONDS, a, &pdf, &len, &res);
	}
	if (*st == TT_ERR_REJECTED || *st == TT_ERR_MALFORMED) {
		*error = arena_strdup(a, res.message);
		tt_result_free(&res);
		struct db_param p[] = { P_STR(*error), P_I64(row_id) };
		return db_exec(w->db, STMT_FF_PACKAGE_LABEL_ERROR, p, 2, NULL) < 0 ? -2 : 1;
	}
	if (*st != TT_OK) {
		*error = arena_strdup(a, res.message);
		tt_result_free(&res);
		return -1;
	}
	tt_result_free(&res);
	int pages = pdf_pages(pdf, len);
	const char *key = private_key(a, "labels", pdf, len);
	if (pages <= 0 || key == NULL) {
		*error = "the label is not a readable PDF";
		struct db_param p[] = { P_STR(*error), P_I64(row_id) };
		return db_exec(w->db, STMT_FF_PACKAGE_LABEL_ERROR, p, 2, NULL) < 0 ? -2 : 1;
	}
	if (media_put(w->cfg, a, key, pdf, len) != 0) {
		log_error("label_store", "package=%lld errno=%d", (long long)row_id, errno);
		return -2;
	}
	struct db_param p[] = { P_STR(key), P_I64(pages), P_STR(tracking), P_STR(tracking), P_I64(row_id) };
	return db_exec(w->db, STMT_FF_PACKAGE_LABEL, p, 5, NULL) < 0 ? -2 : 0;
}

/* The run's kept labels merged and stored; the merged key and its pages in *key, *pages (NULL, 0 when none). */
static int merge_labels(const struct config *cfg, struct db *db, struct arena *a, int64_t batch_id, const char **key,
                        int *pages)
{
	*key = NULL;
	*pages = 0;
	struct db_param p[] = { P_I64(batch_id) };
	struct db_rows rows;
	int n = db_query(db, a, STMT_FF_LABEL_KEYS, p, 1, &rows);
	if (n <= 0)
		return n;
	const void **docs = arena_alloc(a, sizeof(*docs) * (size_t)n);
	size_t *lens = arena_alloc(a, sizeof(*lens) * (size_t)n);
	for (int i = 0; i < n; i++)
		if (media_get(cfg, a, db_cell(&rows, i, FF_KEY_LABEL_KEY), &docs[i], &lens[i]) != 0) {
			log_error("label_read", "key=\"%s\" errno=%d", db_cell(&rows, i, FF_KEY_LABEL_KEY), errno);
			return -1;
		}
	const void *out;
	size_t len;
	int bad;
	if (pdf_merge((const void *const *)docs, lens, n, a, &out, &len, pages, &bad) != 0) {
		log_error("label_merge", "batch=%lld document=%d", (long long)batch_id, bad);
		return -1;
	}
	*key = private_key(a, "prints", out, len);
	if (*key == NULL || media_put(cfg, a, *key, out, len) != 0)
		return -1;
	return n;
}

int ff_batch_settle(const struct config *cfg, struct db *db, struct arena *a, int64_t batch_id)
{
	struct db_param p[] = { P_I64(batch_id) };
	struct db_rows rows;
	if (db_begin(db) != 0)
		return -1;
	int n = db_query(db, a, STMT_FF_BATCH_LOCK, p, 1, &rows);
	if (n <= 0 || db_cell_i64(&rows, 0, FF_LOCK_QUEUED) > 0 || db_cell_i64(&rows, 0, FF_LOCK_HAS_DOCUMENT) != 0) {
		db_rollback(db);
		return n < 0 ? -1 : 0;
	}
	const char *key = NULL;
	int pages = 0;
	if (strcmp(db_cell(&rows, 0, FF_LOCK_ACTION), "labels") == 0) {
		if (merge_labels(cfg, db, a, batch_id, &key, &pages) < 0)
			goto fail;
		/* one order printed by itself is the order's own button; more is a bulk print */
		struct db_param pr[] = { P_STR(db_cell_i64(&rows, 0, FF_LOCK_TOTAL) == 1 ? "single" : "bulk"), P_I64(batch_id) };
		if (key != NULL && (db_exec(db, STMT_FF_PRINTED, pr, 2, NULL) < 0 ||
		                    db_exec(db, STMT_FF_ORDERS_PRINTED, p, 1, NULL) < 0))
			goto fail;
	}
	struct db_param pd[] = { key != NULL ? P_STR(key) : P_NULL, P_I64(pages), P_I64(batch_id) };
	if (db_exec(db, STMT_FF_BATCH_DOCUMENT, pd, 3, NULL) < 0 || db_commit(db) != 0)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	return -1;
}

struct job_result job_fetch_labels(struct worker *w, struct arena *a, const struct job *j)
{
	struct conn c;
	struct job_result stop;
	if (!job_open(w, a, j, &c, &stop))
		return stop;
	struct db_param p[] = { P_I64(c.id) };
	int due = 0, kept = 0, n;
	do { /* a page of due packages at a time, until none is left */
		struct db_rows rows;
		n = db_query(w->db, a, STMT_FF_LABELS_DUE, p, 1, &rows);
		if (n < 0)
			return (struct job_result){ JOB_RETRY, "store_failed", "The packages could not be read.", DB_RETRY_SECONDS };
		for (int i = 0; i < n; i++) {
			if (*w->stopping)
				return (struct job_result){ JOB_RETRY, "worker_stopping", "The worker stopped; the labels come later.", 0 };
			enum tt_status st;
			const char *error;
			int rc = ff_label_fetch(w, a, &c, db_cell_i64(&rows, i, FF_PKG_ID), db_cell(&rows, i, FF_PKG_PACKAGE_ID), &st,
			                        &error);
			if (rc == -1)
				return job_result_for(w, j, &c, st, error);
			if (rc == -2)
				return (struct job_result){ JOB_RETRY, "store_failed", "The label could not be stored.", DB_RETRY_SECONDS };
			kept += rc == 0;
			due++;
			jobs_heartbeat(w->db, j, due, due + (n - i - 1));
		}
	} while (n == FF_LABELS_PAGE);
	log_info("labels_fetched", "job=%lld connection=%lld due=%d kept=%d", (long long)j->id, (long long)c.id, due, kept);
	return JOB_OK;
}
