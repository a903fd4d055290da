/* The stock push preview (dry_run of push now and of the settings) and the confirmation of zeros: computed with
 * the push job's own rule (stock_plan_of) over the same plan columns, so the preview is what the push sends. */
#include "stock_push/stock_preview.h"
#include "api/common.h"
#include "core/arena.h"
#include "http/request.h"
#include "json/jwrite.h"
#include "statements.h"

#define MAX_ITEMS 2000   /* the listed SKUs; the counts are always whole */

int stock_preview_compute(struct request *r, int64_t connection_id, struct stock_preview *p)
{
	*p = (struct stock_preview){ 0 };
	struct db_param q[] = { P_I64(r->auth.merchant_id), P_I64(connection_id) };
	int n = db_query(r->db, r->arena, STMT_STOCK_PLAN, q, 2, &p->rows);
	if (n < 0)
		return -1;
	p->n = n;
	p->plans = arena_alloc(r->arena, sizeof(struct stock_plan) * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++) {
		stock_plan_of(&p->rows, i, &p->plans[i]);
		if (p->plans[i].action == PLAN_SEND)
			p->changes[p->plans[i].change]++;
		else if (p->plans[i].action == PLAN_UNMANAGED)
			p->unmanaged++;
	}
	return 0;
}

int stock_preview_confirmed(struct request *r, const struct stock_preview *p, int64_t confirm_zero)
{
	int64_t zero = p->changes[CHANGE_ZERO];
	if (zero == 0 || confirm_zero == zero)
		return 1;
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_obj_open(&w, "error");
	jw_str(&w, "code", "confirm_zero_required");
	jw_str(&w, "message", arena_printf(r->arena, "%lld SKU(s) would go to 0 on TikTok; send confirm_zero: %lld to go ahead.",
	                                   (long long)zero, (long long)zero));
	jw_obj_open(&w, "details");
	jw_int(&w, "zero_count", zero);
	if (confirm_zero >= 0)
		jw_int(&w, "confirm_zero", confirm_zero);
	else
		jw_null(&w, "confirm_zero");
	jw_obj_close(&w);
	jw_obj_close(&w);
	jw_obj_close(&w);
	resp_json(r, 409, &w);
	jw_free(&w);
	return 0;
}

static void write_item(struct jw *w, const struct stock_preview *p, int i)
{
	const struct db_rows *rows = &p->rows;
	const struct stock_plan *plan = &p->plans[i];
	jw_obj_open(w, NULL);
	jw_int(w, "channel_sku_id", db_cell_i64(rows, i, PLAN_ID));
	jw_str(w, "sku_id", db_cell(rows, i, PLAN_SKU_ID));
	jw_str(w, "seller_sku", db_cell(rows, i, PLAN_SELLER_SKU));
	jw_str(w, "product_name", db_cell(rows, i, PLAN_PRODUCT_NAME));
	jw_str(w, "sku_name", db_cell(rows, i, PLAN_SKU_NAME));
	jw_int(w, "product_id", db_cell_i64(rows, i, PLAN_PRODUCT_ID));
	jw_str(w, "action", stock_plan_action_name(plan->action));
	if (plan->action == PLAN_SEND) {
		jw_str(w, "change", stock_plan_change_name(plan->change));
		jw_int(w, "quantity", plan->quantity);
	} else {
		jw_null(w, "change");
		jw_null(w, "quantity");
	}
	if (plan->tiktok_known)
		jw_int(w, "tiktok_quantity", plan->tiktok);
	else
		jw_null(w, "tiktok_quantity");
	jw_obj_close(w);
}

/* Listing order: the SKUs going to 0, then the ones left alone, then the rest (the ones to look at first). */
static int rank(const struct stock_plan *plan)
{
	if (plan->action == PLAN_SEND && plan->change == CHANGE_ZERO)
		return 0;
	return plan->action == PLAN_UNMANAGED ? 1 : 2;
}

void stock_preview_answer(struct request *r, int64_t connection_id, const struct stock_preview *p)
{
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_int(&w, "connection_id", connection_id);
	jw_obj_open(&w, "counts");
	jw_int(&w, "linked", p->n);
	for (int c = CHANGE_UP; c <= CHANGE_UNKNOWN; c++)
		jw_int(&w, stock_plan_change_name((enum plan_change)c), p->changes[c]);
	jw_int(&w, "unmanaged", p->unmanaged);
	jw_obj_close(&w);
	int listed = 0;
	jw_arr_open(&w, "items");
	for (int k = 0; k <= 2; k++)
		for (int i = 0; i < p->n && listed < MAX_ITEMS; i++)
			if (rank(&p->plans[i]) == k) {
				write_item(&w, p, i);
				listed++;
			}
	jw_arr_close(&w);
	jw_bool(&w, "items_truncated", listed < p->n);
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}
