/* POST /fulfillment/202309/packages/search: the shop's packages (one per paid order), filtered by time and package
 * status, sorted by create_time (= order_pay_time) or update_time, with keyset page tokens like the order search. */
#include "tt.h"
#include "tt_package.h"
#include "tt_order_json.h"
#include "ff.h"
#include "tt_search.h"
#include "handlers.h"
#include "sb_sql.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include <string.h>

/* The body's filters; -1 when answered. */
static int read_filters(struct request *r, const struct tt_call *c, struct tt_search *s)
{
	const struct sb_package_search *q = &sb_package_search;
	struct jr j;
	if (tt_body(r, &j) != 0)
		return -1;
	s->p[s->n++] = P_I64(c->shop_id);
	tt_search_add_time(s, &j, "create_time_ge", q->create_ge);
	tt_search_add_time(s, &j, "create_time_lt", q->create_lt);
	tt_search_add_time(s, &j, "update_time_ge", q->update_ge);
	tt_search_add_time(s, &j, "update_time_lt", q->update_lt);
	const char *st = jr_str(&j, j.root, "package_status", JR_OPTIONAL, 1, 20);
	const char *statuses = st != NULL ? ff_package_order_statuses(st) : NULL;
	if (st != NULL && statuses == NULL)
		jr_fail(&j, "package_status", "is TO_FULFILL, PROCESSING, FULFILLING, COMPLETED or CANCELLED");
	else if (statuses != NULL)
		tt_search_add(s, q->statuses, P_STR(statuses));
	if (j.nerr > 0) {
		tt_fail(r, TT_INVALID_REQUEST,
		        arena_printf(r->arena, "Invalid request body: %s %s", j.errs[0].field, j.errs[0].message));
		return -1;
	}
	return 0;
}

static void write_package(struct request *r, struct jw *w, const struct db_rows *o, int i, const struct db_rows *l)
{
	const char *provider = db_cell(o, i, SB_ORDER_ROW_SHIPPING_PROVIDER);
	jw_obj_open(w, NULL);
	jw_str(w, "id", sb_ext(r->arena, ID_PACKAGE, db_cell_i64(o, i, SB_ORDER_ROW_ID)));
	jw_str(w, "status", tt_package_status(o, i));
	tt_package_contents(r, w, o, i, l);
	jw_str(w, "tracking_number", db_cell(o, i, SB_ORDER_ROW_TRACKING_NUMBER));
	jw_str(w, "shipping_provider_name", provider);
	jw_str(w, "shipping_provider_id", ff_provider_id(r->arena, provider));
	jw_int(w, "create_time", db_cell_i64(o, i, SB_ORDER_ROW_PAID_TIME));
	jw_int(w, "update_time", db_cell_i64(o, i, SB_ORDER_ROW_UPDATE_TIME));
	jw_obj_close(w);
}

void h_tt_packages_search(struct request *r)
{
	struct tt_call c;
	if (tt_begin(r, TT_SHOP, &c) != 0)
		return;
	const struct sb_package_search *q = &sb_package_search;
	const struct tt_search_sql sql = { q->select, q->count, q->after, q->order };
	struct tt_paging pg = { 0 };
	struct tt_search s;
	tt_search_init(&s);
	int n = -1;
	struct db_rows rows, lines;
	if (tt_read_paging(r, &pg, 50, 1, 'p') == 0 && read_filters(r, &c, &s) == 0)
		n = tt_search_page(r, &s, &pg, &sql, &rows);
	tt_search_free(&s);
	if (n < 0)
		return;
	int shown = n > pg.size ? (int)pg.size : n;
	if (tt_order_lines(r, &rows, shown, &lines) < 0) {
		tt_fail_db(r);
		return;
	}
	const char *next = "";
	if (n > pg.size)
		next = tt_page_token(r->arena, pg.tag,
		                     db_cell_i64(&rows, shown - 1, pg.by_update ? SB_ORDER_ROW_UPDATE_TIME : SB_ORDER_ROW_PAID_TIME),
		                     db_cell_i64(&rows, shown - 1, SB_ORDER_ROW_ID), pg.total);
	struct jw w;
	tt_open(r, &w);
	jw_arr_open(&w, "packages");
	for (int i = 0; i < shown; i++)
		write_package(r, &w, &rows, i, &lines);
	jw_arr_close(&w);
	jw_str(&w, "next_page_token", next);
	jw_int(&w, "total_count", pg.total);
	tt_send(r, &c, &w);
}
