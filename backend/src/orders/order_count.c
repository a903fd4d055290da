/* GET /api/v1/orders/count: how many orders the merchant has, from the counters: what open screens poll to say "N new
 * orders" without reading the orders themselves. */
#include "api/common.h"
#include "api/handlers.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"

void h_order_count(struct request *r)
{
	struct db_param p[] = { P_I64(r->auth.merchant_id) };
	struct db_rows rows;
	if (db_query(r->db, r->arena, STMT_ORDER_TOTAL, p, 1, &rows) != 1) {
		fail_db(r);
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_int(&w, "total", db_cell_i64(&rows, 0, ONE_VALUE));
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}
