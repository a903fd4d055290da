/* POST /fulfillment/202309/packages/search: the shop's packages (one per paid order), filtered by time and package
 * status, sorted by create_time (= order_pay_time) or update_time, with keyset page tokens like the order search. */
#include "tt.h"
#include "tt_package.h"
#include "tt_order_json.h"
#include "ff.h"
#include "handlers.h"
#include "sb_sql.h"
#include "core/buf.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include <string.h>

#define MAX_PARAMS 12

struct search {
	struct buf where;
	struct db_param p[MAX_PARAMS];
	int n;
};

static void add(struct search *s, const char *fragment, struct db_param v)
{
	buf_puts(&s->where, fragment);
	s->p[s->n++] = v;
}

static void add_time(struct search *s, struct jr *j, const char *field, const char *fragment)
{
	const char *path[] = { field, NULL };
	yajl_val v = yajl_tree_get(j->root, path, yajl_t_any);
	if (v != NULL && !YAJL_IS_NULL(v))
		add(s, fragment, P_I64(jr_int(j, j->root, field, JR_OPTIONAL, 0, 4102444800LL, 0)));
}

/* The body's filters; -1 when answered. */
static int read_filters(struct request *r, const struct tt_call *c, struct search *s)
{
	const struct sb_package_search *q = &sb_package_search;
	struct jr j;
	if (tt_body(r, &j) != 0)
		return -1;
	s->p[s->n++] = P_I64(c->shop_id);
	add_time(s, &j, "create_time_ge", q->create_ge);
	add_time(s, &j, "create_time_lt", q->create_lt);
	add_time(s, &j, "update_time_ge", q->update_ge);
	add_time(s, &j, "update_time_lt", q->update_lt);
	const char *st = jr_str(&j, j.root, "package_status", JR_OPTIONAL, 1, 20);
	const char *statuses = st != NULL ? ff_package_order_statuses(st) : NULL;
	if (st != NULL && statuses == NULL)
		jr_fail(&j, "package_status", "is TO_FULFILL, PROCESSING, FULFILLING, COMPLETED or CANCELLED");
	else if (statuses != NULL)
		add(s, q->statuses, P_STR(statuses));
	if (j.nerr > 0) {
		tt_fail(r, TT_INVALID_REQUEST,
		        arena_printf(r->arena, "Invalid request body: %s %s", j.errs[0].field, j.errs[0].message));
		return -1;
	}
	return 0;
}

struct paging {
	int64_t size, key, id, total;
	int by_update, asc, has_token;
	const char *tag;
};

static int read_paging(struct request *r, struct paging *pg)
{
	const char *ps = req_query(r, "page_size");
	if (ps == NULL || *ps == '\0') {
		tt_fail(r, TT_INVALID_REQUEST, "Invalid page_size: page_size is required");
		return -1;
	}
	if (tt_query_int(r, "page_size", 1, 50, 20, &pg->size) != 0)
		return -1;
	const char *field = req_query(r, "sort_field"), *order = req_query(r, "sort_order");
	if (field == NULL || *field == '\0')
		field = "create_time";
	if (order == NULL || *order == '\0')
		order = "DESC";
	pg->by_update = strcmp(field, "update_time") == 0;
	pg->asc = strcmp(order, "ASC") == 0;
	if ((!pg->by_update && strcmp(field, "create_time") != 0 && strcmp(field, "order_pay_time") != 0) ||
	    (!pg->asc && strcmp(order, "DESC") != 0)) {
		tt_fail(r, TT_INVALID_REQUEST,
		        "Invalid sort: sort_field is create_time, update_time or order_pay_time, sort_order ASC or DESC");
		return -1;
	}
	pg->tag = arena_printf(r->arena, "p%c%c", pg->by_update ? 'u' : 'c', pg->asc ? 'a' : 'd');
	pg->has_token = tt_page_token_parse(r->arena, req_query(r, "page_token"), pg->tag, &pg->key, &pg->id, &pg->total);
	if (pg->has_token < 0) {
		tt_fail(r, TT_INVALID_REQUEST, "Invalid page_token");
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
	struct paging pg = { 0 };
	struct search s = { .n = 0 };
	buf_init(&s.where, 0);
	buf_puts(&s.where, "");
	if (read_paging(r, &pg) != 0 || read_filters(r, &c, &s) != 0) {
		buf_free(&s.where);
		return;
	}
	const char *where = arena_strdup(r->arena, s.where.data);
	buf_free(&s.where);
	struct db_rows rows, lines, count;
	if (!pg.has_token) {
		if (db_query_text(r->db, r->arena, arena_printf(r->arena, "%s%s", q->count, where), s.p, s.n, &count) <= 0) {
			tt_fail_db(r);
			return;
		}
		pg.total = db_cell_i64(&count, 0, SB_COUNT_VALUE);
	}
	int np = s.n;
	const char *after = "";
	if (pg.has_token) {
		after = q->after[pg.by_update][pg.asc];
		s.p[np++] = P_I64(pg.key);
		s.p[np++] = P_I64(pg.key);
		s.p[np++] = P_I64(pg.id);
	}
	s.p[np++] = P_I64(pg.size + 1);
	const char *sql = arena_printf(r->arena, "%s%s%s%s", q->select, where, after, q->order[pg.by_update][pg.asc]);
	int n = db_query_text(r->db, r->arena, sql, s.p, np, &rows);
	int shown = n > pg.size ? (int)pg.size : n;
	if (n < 0 || tt_order_lines(r, &rows, shown, &lines) < 0) {
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
