/* GET /api/v1/connections/{id}/tiktok-warehouses: the shop's TikTok sales warehouses, read from TikTok for the
 * stock push settings' picker (the default one flagged). */
#include "api/common.h"
#include "api/handlers.h"
#include "core/log.h"
#include "db/db.h"
#include "db/sql.h"
#include "http/request.h"
#include "json/jwrite.h"
#include "sync/connection.h"
#include "tiktok/inventory.h"
#include "tiktok/policy.h"
#include <string.h>

void h_conn_tiktok_warehouses(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	struct db_rows s;
	if (!stock_settings_load(r, id, &s))
		return;
	struct conn c;
	int loaded = strcmp(db_cell(&s, 0, SS_CONN_STATUS), "active") == 0 ? conn_load(r->db, r->arena, r->cfg, id, &c) : 0;
	if (loaded < 0) {
		fail_db(r);
		return;
	}
	if (loaded == 0 || c.access_token == NULL) {
		resp_error(r, 409, "reconnect_required", "TikTok no longer accepts this shop's authorization; reconnect it first.");
		return;
	}
	struct tt_warehouse *list;
	int n = 0;
	struct tt_result res;
	enum tt_status st = tt_sales_warehouses(r->app, c.shop_cipher, c.access_token, r->arena, &list, &n, &res);
	tt_result_free(&res);
	if (st != TT_OK) {
		log_warn("tiktok_warehouses", "connection=%lld status=%d", (long long)id, (int)st);
		resp_error(r, 502, tt_status_code(st), "TikTok did not give the shop's warehouses; try again.");
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_arr_open(&w, "items");
	for (int i = 0; i < n; i++) {
		jw_obj_open(&w, NULL);
		jw_str(&w, "id", list[i].id);
		jw_str(&w, "name", list[i].name);
		jw_bool(&w, "is_default", list[i].is_default);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}
