/* GET /logistics/202309/warehouses: the shop's sales and return warehouses. */
#include "tt.h"
#include "handlers.h"
#include "sb_sql.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <string.h>

void h_tt_warehouses(struct request *r)
{
	struct tt_call c;
	if (tt_begin(r, TT_SHOP, &c) != 0)
		return;
	struct db_param p[] = { P_I64(c.shop_id) };
	struct db_rows rows;
	int n = db_query(r->db, r->arena, SB_WAREHOUSES_OF_SHOP, p, 1, &rows);
	if (n < 0) {
		tt_fail_db(r);
		return;
	}
	struct jw w;
	tt_open(r, &w);
	jw_arr_open(&w, "warehouses");
	for (int i = 0; i < n; i++) {
		const char *contact = db_cell(&rows, i, SB_WAREHOUSES_OF_SHOP_CONTACT);
		const char *phone = db_cell(&rows, i, SB_WAREHOUSES_OF_SHOP_PHONE);
		const char *street = db_cell(&rows, i, SB_WAREHOUSES_OF_SHOP_ADDRESS);
		const char *district = db_cell(&rows, i, SB_WAREHOUSES_OF_SHOP_DISTRICT);
		const char *city = db_cell(&rows, i, SB_WAREHOUSES_OF_SHOP_CITY);
		const char *postal = db_cell(&rows, i, SB_WAREHOUSES_OF_SHOP_POSTAL_CODE);
		jw_obj_open(&w, NULL);
		jw_str(&w, "id", sb_ext(r->arena, ID_WAREHOUSE, db_cell_i64(&rows, i, SB_WAREHOUSES_OF_SHOP_ID)));
		jw_str(&w, "name", db_cell(&rows, i, SB_WAREHOUSES_OF_SHOP_NAME));
		jw_str(&w, "effect_status", "ENABLED");
		jw_str(&w, "type", db_cell(&rows, i, SB_WAREHOUSES_OF_SHOP_TYPE));
		jw_str(&w, "sub_type", "DOMESTIC_WAREHOUSE");
		jw_bool(&w, "is_default", db_cell_i64(&rows, i, SB_WAREHOUSES_OF_SHOP_IS_DEFAULT) != 0);
		jw_obj_open(&w, "address");
		jw_str(&w, "region", c.region);
		jw_str(&w, "region_code", c.region);
		jw_str(&w, "state", city);
		jw_str(&w, "city", city);
		jw_str(&w, "district", district);
		jw_str(&w, "town", "");
		jw_str(&w, "contact_person", contact);
		jw_str(&w, "postal_code", postal);
		jw_str(&w, "full_address", arena_printf(r->arena, "%s, %s, %s", street, district, city));
		jw_str(&w, "phone_number", phone);
		jw_str(&w, "address_line1", street);
		jw_str(&w, "address_line2", "");
		jw_obj_close(&w);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	tt_send(r, &c, &w);
}
