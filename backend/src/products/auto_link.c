/* Bulk linking ("Cách 1"): unlinked channel SKUs matched by seller_sku = product SKU code (case and surrounding
 * spaces ignored), products created for the unmatched ones when asked, and a summary of what happened. */
#include "api/common.h"
#include "api/handlers.h"
#include "products/links.h"
#include "products/product_form.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <stdio.h>
#include <string.h>

#define MAX_IDS 1000
#define MAX_LISTED 200

enum reason { R_NO_SELLER_SKU, R_NO_PRODUCT, R_DUPLICATE, R_TOO_LONG, R__N };
static const char *const reason_code[R__N] = { "no_seller_sku", "no_matching_product", "duplicate_product_sku",
                                              "seller_sku_too_long" };

struct summary {
	int linked, created, unmatched;
	int by_reason[R__N];
	int *miss_row;     /* the first MAX_LISTED unmatched candidates */
	enum reason *miss_why;
};

static void miss(struct summary *s, int i, enum reason why)
{
	if (s->unmatched < MAX_LISTED) {
		s->miss_row[s->unmatched] = i;
		s->miss_why[s->unmatched] = why;
	}
	s->unmatched++;
	s->by_reason[why]++;
}

/* At most max characters of s (UTF-8), into the arena. */
static const char *clip(struct arena *a, const char *s, size_t max)
{
	size_t chars = 0, i = 0;
	for (; s[i]; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars > max)
			break;
	return arena_strndup(a, s, i);
}

/* The product a TikTok SKU makes: its names, its code, its price and image; "cái" (piece) as its unit, which the
 * printed slips need and the merchant can change for many products at once (POST /api/v1/product-units). */
static void form_from(struct arena *a, const struct db_rows *c, int i, struct product_form *f)
{
	const char *name = db_cell(c, i, CHANNEL_SKU_AUTOLINK_NAME), *variant = db_cell(c, i, CHANNEL_SKU_AUTOLINK_SKU_NAME);
	const char *code = db_cell(c, i, CHANNEL_SKU_AUTOLINK_SELLER_SKU);
	if (name == NULL || *name == '\0')
		name = code;
	if (variant != NULL && *variant)
		name = arena_printf(a, "%s - %s", name, variant);
	const char *price = db_cell(c, i, CHANNEL_SKU_AUTOLINK_PRICE);
	*f = (struct product_form){ clip(a, name, PRODUCT_NAME_MAX), code, "cái", price != NULL ? price : "0",
	                            clip(a, db_cell(c, i, CHANNEL_SKU_AUTOLINK_IMAGE_URL), 1000) };
}

/* Matches (and creates) for every candidate; -1 on a database failure. */
static int run(struct request *r, const struct db_rows *c, int create, struct summary *s)
{
	for (int i = 0; i < c->nrows; i++) {
		const char *code = db_cell(c, i, CHANNEL_SKU_AUTOLINK_SELLER_SKU);
		int64_t matches = db_cell_i64(c, i, CHANNEL_SKU_AUTOLINK_MATCHES);
		int64_t product = db_cell_i64(c, i, CHANNEL_SKU_AUTOLINK_PRODUCT_ID);
		if (code == NULL || *code == '\0') {
			miss(s, i, R_NO_SELLER_SKU);
			continue;
		}
		if (matches > 1) {
			miss(s, i, R_DUPLICATE);
			continue;
		}
		if (matches == 0 && create) {
			/* a product made earlier in this run for the same code */
			struct db_param p[] = { P_I64(r->auth.merchant_id), P_STR(code), P_I64(0) };
			struct db_rows same;
			if (db_query(r->db, r->arena, STMT_PRODUCT_BY_SKU, p, 3, &same) < 0)
				return -1;
			product = same.nrows > 0 ? db_cell_i64(&same, 0, ID_ID) : 0;
		}
		if (matches == 0 && create && product == 0) {
			if (utf8_count(code, strlen(code)) > PRODUCT_SKU_MAX) {
				miss(s, i, R_TOO_LONG);
				continue;
			}
			struct product_form f;
			form_from(r->arena, c, i, &f);
			if (product_form_insert(r, &f, &product) <= 0)
				return -1; /* a duplicate cannot happen: the merchant's link lock is held */
			s->created++;
		}
		if (product == 0) {
			miss(s, i, R_NO_PRODUCT);
			continue;
		}
		if (link_set(r, db_cell_i64(c, i, CHANNEL_SKU_AUTOLINK_ID), product) != LINK_DONE)
			return -1;
		s->linked++;
	}
	return 0;
}

/* channel_sku_ids[] as "1,2,3" for FIND_IN_SET; NULL when absent. */
static const char *id_list(struct request *r, struct jr *j)
{
	yajl_val arr = jr_arr(j, j->root, "channel_sku_ids", JR_OPTIONAL, 1, MAX_IDS);
	if (arr == NULL)
		return NULL;
	struct buf b;
	buf_init(&b, 0);
	buf_puts(&b, "");
	for (size_t i = 0; i < arr->u.array.len; i++) {
		yajl_val v = arr->u.array.values[i];
		if (!YAJL_IS_INTEGER(v) || YAJL_GET_INTEGER(v) < 1) {
			jr_reject(j, "channel_sku_ids", JR_invalid, "must be a list of channel SKU ids");
			break;
		}
		char num[32];
		snprintf(num, sizeof(num), "%s%lld", i > 0 ? "," : "", (long long)YAJL_GET_INTEGER(v));
		buf_puts(&b, num);
	}
	const char *out = arena_strdup(r->arena, b.data);
	buf_free(&b);
	return out;
}

static void answer(struct request *r, const struct summary *s, const struct db_rows *c)
{
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_int(&w, "linked", s->linked);
	jw_int(&w, "created", s->created);
	jw_int(&w, "unmatched", s->unmatched);
	jw_obj_open(&w, "unmatched_reasons");
	for (int k = 0; k < R__N; k++)
		jw_int(&w, reason_code[k], s->by_reason[k]);
	jw_obj_close(&w);
	jw_arr_open(&w, "unmatched_items");
	for (int k = 0; k < s->unmatched && k < MAX_LISTED; k++) {
		int i = s->miss_row[k];
		jw_obj_open(&w, NULL);
		jw_int(&w, "id", db_cell_i64(c, i, CHANNEL_SKU_AUTOLINK_ID));
		jw_str(&w, "seller_sku", db_cell(c, i, CHANNEL_SKU_AUTOLINK_SELLER_SKU));
		jw_str(&w, "name", db_cell(c, i, CHANNEL_SKU_AUTOLINK_NAME));
		jw_str(&w, "sku_name", db_cell(c, i, CHANNEL_SKU_AUTOLINK_SKU_NAME));
		jw_str(&w, "reason", reason_code[s->miss_why[k]]);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}

struct auto_link {
	struct db_param *p;
	int create;
	struct summary *s;
	struct db_rows cand;
};

/* The candidates matched (and created) in links_tx; the summary starts over when a deadlock runs it again. */
static int auto_body(struct request *r, void *ctx)
{
	struct auto_link *a = ctx;
	a->s->linked = a->s->created = a->s->unmatched = 0;
	memset(a->s->by_reason, 0, sizeof(a->s->by_reason));
	if (db_query(r->db, r->arena, STMT_CHANNEL_SKU_AUTOLINK_CANDIDATES, a->p, 5, &a->cand) < 0 ||
	    run(r, &a->cand, a->create, a->s) != 0)
		return -1;
	return 1;
}

void h_channel_sku_auto_link(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	int64_t conn = jr_int(&j, j.root, "connection_id", JR_OPTIONAL, 1, INT64_MAX, 0);
	int create = jr_bool(&j, j.root, "create_missing", JR_OPTIONAL, 0);
	const char *ids = id_list(r, &j);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	struct summary s = { 0, 0, 0, { 0 }, arena_alloc(r->arena, sizeof(int) * MAX_LISTED),
	                     arena_alloc(r->arena, sizeof(enum reason) * MAX_LISTED) };
	struct db_param c = conn > 0 ? P_I64(conn) : P_NULL;
	struct db_param p[] = { P_I64(r->auth.merchant_id), c, c, P_STR(ids), P_STR(ids) };
	struct auto_link a = { p, create, &s, { 0 } };
	if (links_tx(r, auto_body, &a) > 0)
		answer(r, &s, &a.cand);
}
