/* The export slip fields of the order API: export_slip, export_slips[] and can_create_export_slip. */
#include "stock/order_slips.h"
#include "stock/stock.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <stdlib.h>
#include <string.h>

int order_slips_write(struct request *r, struct jw *w, int64_t order_id, const char *order_status)
{
	struct db_param p[] = { P_I64(order_id), P_I64(r->auth.merchant_id) };
	struct db_rows s, l;
	if (db_query(r->db, r->arena, STMT_SLIPS_OF_ORDER, p, 2, &s) < 0 ||
	    db_query(r->db, r->arena, STMT_SLIP_ORDER_LINES, p, 2, &l) < 0)
		return -1;
	int live = -1; /* the slip that is not cancelled, else the newest */
	for (int i = 0; i < s.nrows && live < 0; i++)
		if (strcmp(db_cell(&s, i, SLIP_STATUS), "cancelled") != 0)
			live = i;
	int linked = l.nrows > 0;
	for (int i = 0; i < l.nrows; i++)
		linked = linked && db_cell(&l, i, SLIP_ORDER_LINE_PRODUCT_ID) != NULL;
	if (s.nrows == 0) {
		jw_null(w, "export_slip");
	} else {
		if (write_slip(r, w, "export_slip", &s, live >= 0 ? live : 0, 0) < 0)
			return -1;
	}
	jw_arr_open(w, "export_slips");
	for (int i = 0; i < s.nrows; i++)
		if (write_slip(r, w, NULL, &s, i, 0) < 0)
			return -1;
	jw_arr_close(w);
	jw_bool(w, "can_create_export_slip", live < 0 && linked && slip_allowed_status(order_status));
	return 0;
}

void order_slip_summary(struct jw *w, const char *cell)
{
	if (cell == NULL) {
		jw_null(w, "export_slip");
		return;
	}
	/* "id status code" */
	char *end;
	long long id = strtoll(cell, &end, 10);
	const char *status = *end == ' ' ? end + 1 : "";
	const char *code = strchr(status, ' ');
	jw_obj_open(w, "export_slip");
	jw_int(w, "id", id);
	jw_strn(w, "code", code != NULL ? code + 1 : "", code != NULL ? strlen(code + 1) : 0);
	jw_strn(w, "status", status, code != NULL ? (size_t)(code - status) : strlen(status));
	jw_obj_close(w);
}
