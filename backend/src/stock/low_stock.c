/* Low stock: the merchant's threshold (GET/PUT /api/v1/stock/low-stock) and the stock list's ?low_stock= filter. */
#include "api/common.h"
#include "api/handlers.h"
#include "audit/audit.h"
#include "stock/low_stock.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <string.h>

int64_t low_stock_threshold(struct request *r)
{
	struct db_param p[] = { P_I64(r->auth.merchant_id) };
	struct db_rows rows;
	if (db_query(r->db, r->arena, STMT_LOW_STOCK_GET, p, 1, &rows) != 1)
		return -1;
	return db_cell_i64(&rows, 0, ONE_VALUE);
}

int low_stock_param(struct request *r, struct jr *q, struct db_param *out)
{
	const char *v = query_str(q, r, "low_stock", 5);
	*out = P_NULL;
	if (v == NULL || strcmp(v, "false") == 0)
		return 0;
	if (strcmp(v, "true") != 0) {
		jr_reject(q, "low_stock", JR_not_a_boolean, "is true or false");
		return 0;
	}
	int64_t t = low_stock_threshold(r);
	if (t < 0)
		return -1;
	*out = P_I64(t);
	return 0;
}

static void answer(struct request *r, int64_t threshold)
{
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_int(&w, "threshold", threshold);
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}

void h_low_stock_get(struct request *r)
{
	int64_t t = low_stock_threshold(r);
	if (t < 0) {
		fail_db(r);
		return;
	}
	answer(r, t);
}

void h_low_stock_put(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	int64_t t = jr_int(&j, j.root, "threshold", JR_REQUIRED, 0, LOW_STOCK_MAX, 0);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	struct db_param p[] = { P_I64(t), P_I64(r->auth.merchant_id) };
	if (audit_exec(r, STMT_LOW_STOCK_SET, p, 2, NULL, AUDIT_MERCHANT_SETTINGS, r->auth.merchant_id, "low_stock_update") < 0) {
		fail_db(r);
		return;
	}
	answer(r, t);
}
