/* POST /sandbox/shops/{shop_id}/warehouses: one more sales warehouse for the shop (not its default). */
#include "ctl.h"
#include "handlers.h"
#include "sb.h"
#include "sb_sql.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"

void h_ctl_warehouse_create(struct request *r)
{
	int64_t shop_id;
	struct jr j;
	if (!ctl_shop(r, &shop_id, NULL, NULL) || req_json(r, &j) != 0)
		return;
	const char *name = jr_str(&j, j.root, "name", JR_REQUIRED, 1, 100);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	struct db_param p[] = { P_I64(shop_id), P_STR(name), P_STR("SALES_WAREHOUSE"), P_I64(0), P_STR("Thủ kho"),
	                        P_STR("0900000000"), P_STR("1 Đường Kho"), P_STR("Quận 1"), P_STR("Hồ Chí Minh"), P_STR("700000") };
	int64_t id = 0;
	if (db_exec(r->db, SB_WAREHOUSE_INSERT, p, 10, &id) < 0) {
		ctl_fail_db(r);
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_str(&w, "id", sb_ext(r->arena, ID_WAREHOUSE, id));
	jw_str(&w, "name", name);
	jw_obj_close(&w);
	resp_json(r, 201, &w);
	jw_free(&w);
}
