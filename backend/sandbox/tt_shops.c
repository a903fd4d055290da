/* GET /authorization/202309/shops: the shops the access token was authorized for. */
#include "tt.h"
#include "handlers.h"
#include "sb_sql.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jwrite.h"

void h_tt_shops(struct request *r)
{
	struct tt_call c;
	if (tt_begin(r, TT_SIGNED, &c) != 0)
		return;
	struct db_param p[] = { P_I64(c.seller_id) };
	struct db_rows rows;
	int n = db_query(r->db, r->arena, SB_SHOPS_AUTHORIZED, p, 1, &rows);
	if (n < 0) {
		tt_fail_db(r);
		return;
	}
	struct jw w;
	tt_open(r, &w);
	jw_arr_open(&w, "shops");
	for (int i = 0; i < n; i++) {
		jw_obj_open(&w, NULL);
		jw_str(&w, "id", sb_ext(r->arena, ID_SHOP, db_cell_i64(&rows, i, SB_SHOPS_AUTHORIZED_ID)));
		jw_str(&w, "name", db_cell(&rows, i, SB_SHOPS_AUTHORIZED_NAME));
		jw_str(&w, "region", db_cell(&rows, i, SB_SHOPS_AUTHORIZED_REGION));
		jw_str(&w, "seller_type", db_cell(&rows, i, SB_SHOPS_AUTHORIZED_SELLER_TYPE));
		jw_str(&w, "cipher", db_cell(&rows, i, SB_SHOPS_AUTHORIZED_CIPHER));
		jw_str(&w, "code", db_cell(&rows, i, SB_SHOPS_AUTHORIZED_CODE));
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	tt_send(r, &c, &w);
}
