/* Job pull_products: the shop's products paged through TikTok's product search, each product's detail read
 * for its images and SKU names, every SKU stored as a channel SKU (links kept); progress and resume. */
#include "products/product_jobs.h"
#include "core/arena.h"
#include "core/log.h"
#include "db/batch.h"
#include "db/db.h"
#include "statements.h"
#include "connections/connection_tokens.h"
#include "stock_push/tiktok_stock.h"
#include "sync/jobs.h"
#include "tiktok/policy.h"
#include "tiktok/products.h"
#include <string.h>

#define PAGE_SIZE 50
#define CHANNEL_SKU_PARAMS 10

/* Stores the SKUs of one product (its detail when read, else the search entry), and TikTok's quantities of them. */
static int store_product(struct db *db, struct arena *a, const struct conn *c, const struct tt_product *p)
{
	struct db_param *v = arena_alloc(a, sizeof(struct db_param) * CHANNEL_SKU_PARAMS * (size_t)(p->nskus ? p->nskus : 1));
	for (int i = 0; i < p->nskus; i++) {
		const struct tt_sku *s = &p->skus[i];
		struct db_param row[CHANNEL_SKU_PARAMS] = { P_I64(c->merchant_id), P_I64(c->id), P_STR(s->id), P_STR(p->id),
		                                     P_STR(s->seller_sku), P_STR(p->title), P_STR(s->name),
		                                     P_STR(s->image_url), P_STR(s->price), P_STR(s->currency) };
		memcpy(v + (size_t)i * CHANNEL_SKU_PARAMS, row, sizeof(row));
	}
	if (batch_exec(db, a, &sql_channel_sku_pulled, v, p->nskus) != 0)
		return -1;
	return tiktok_stock_seen(db, a, c->merchant_id, c->id, p);
}

struct job_result job_pull_products(struct worker *w, struct arena *a, const struct job *j)
{
	struct conn c;
	struct job_result stop;
	if (!job_open(w, a, j, &c, &stop))
		return stop;
	const char *token = j->cursor;
	int64_t done = 0, skus = 0;
	for (;;) {
		struct arena page;
		arena_init(&page);
		struct tt_result res;
		struct tt_product_page pg;
		enum tt_status st = tt_products_search(w->tt, c.shop_cipher, c.access_token, PAGE_SIZE, token, &page, &pg, &res);
		tt_result_free(&res);
		for (int i = 0; st == TT_OK && i < pg.nproducts; i++) {
			struct tt_product detail;
			st = tt_product_get(w->tt, c.shop_cipher, c.access_token, pg.products[i].id, &page, &detail, &res);
			if (st == TT_OK && store_product(w->db, &page, &c, &detail) != 0) {
				tt_result_free(&res);
				arena_free(&page);
				return (struct job_result){ JOB_RETRY, "store_failed", "The products could not be stored.",
				                            DB_RETRY_SECONDS };
			}
			if (st == TT_OK)
				skus += detail.nskus;
			if (st != TT_OK) {
				struct job_result r = job_result_for(w, j, &c, st, res.message);
				tt_result_free(&res);
				arena_free(&page);
				return r;
			}
			tt_result_free(&res);
		}
		if (st != TT_OK) {
			struct job_result r = job_result_for(w, j, &c, st, res.message);
			arena_free(&page);
			return r;
		}
		done += pg.nproducts;
		int last = pg.next_page_token == NULL || *pg.next_page_token == '\0';
		jobs_set_cursor(w->db, j, last ? NULL : pg.next_page_token);
		int ours = jobs_heartbeat(w->db, j, done, pg.total_count > done ? pg.total_count : done) > 0;
		token = last ? NULL : arena_strdup(a, pg.next_page_token);
		arena_free(&page);
		if (!ours)
			return (struct job_result){ JOB_FAILED, "job_taken_over", "Another worker took this job over.", 0 };
		if (last)
			break;
		if (*w->stopping)
			return (struct job_result){ JOB_RETRY, "worker_stopped", "The worker stopped; another one resumes here.", 0 };
	}
	log_info("products_pulled", "job=%lld connection=%lld products=%lld skus=%lld", (long long)j->id, (long long)c.id,
	         (long long)done, (long long)skus);
	return JOB_OK;
}
