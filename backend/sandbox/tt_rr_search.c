/* POST /return_refund/202309/cancellations/search and POST /return_refund/202309/returns/search: the shop's
 * requests of one kind, filtered by ids, orders, buyers, types, statuses and times, with keyset page tokens. */
#include "tt.h"
#include "tt_rr.h"
#include "tt_search.h"
#include "rr.h"
#include "handlers.h"
#include "sb_sql.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include <string.h>

/* The field names of one kind's search. */
struct rr_names {
	char kind;
	const char *ids, *types, *statuses, *list;
	int64_t base;
};
static const struct rr_names cancel_names = { RR_CANCEL, "cancel_ids", "cancel_types", "cancel_status", "cancellations",
                                              ID_CANCEL };
static const struct rr_names return_names = { RR_RETURN, "return_ids", "return_types", "return_status", "return_orders",
                                              ID_RETURN };

/* A list filter of the body: NULL when absent (or null), else its strings as a JSON array (ids turned into row ids
 * when base is not 0: an id of another kind matches nothing). */
static const char *list(struct request *r, struct jr *j, const char *field, int64_t base)
{
	const char *path[] = { field, NULL };
	yajl_val v = yajl_tree_get(j->root, path, yajl_t_any);
	if (v == NULL || YAJL_IS_NULL(v))
		return NULL;
	if (!YAJL_IS_ARRAY(v) || v->u.array.len > 100) {
		jr_fail(j, field, "is a list of up to 100 strings");
		return NULL;
	}
	struct jw w;
	jw_init(&w);
	jw_arr_open(&w, NULL);
	for (size_t i = 0; i < v->u.array.len; i++) {
		yajl_val e = v->u.array.values[i];
		if (!YAJL_IS_STRING(e)) {
			jr_fail(j, field, "is a list of up to 100 strings");
			break;
		}
		if (base != 0)
			jw_int(&w, NULL, sb_row(e->u.string, base));
		else
			jw_str(&w, NULL, e->u.string);
	}
	jw_arr_close(&w);
	size_t len;
	const char *doc = jw_result(&w, &len);
	const char *out = doc != NULL ? arena_strndup(r->arena, doc, len) : NULL;
	jw_free(&w);
	return out;
}

static int read_filters(struct request *r, const struct tt_call *c, const struct rr_names *n, struct tt_search *s,
                        const char **locale)
{
	const struct sb_rr_search *q = &sb_rr_search;
	static const char kinds[2][2] = { { RR_CANCEL, 0 }, { RR_RETURN, 0 } };
	struct jr j;
	if (tt_body(r, &j) != 0)
		return -1;
	s->p[s->n++] = P_I64(c->shop_id);
	s->p[s->n++] = P_STR(kinds[n->kind == RR_RETURN]);
	const char *v;
	if ((v = list(r, &j, n->ids, n->base)) != NULL)
		tt_search_add(s, q->ids, P_STR(v));
	if ((v = list(r, &j, "order_ids", ID_ORDER)) != NULL)
		tt_search_add(s, q->orders, P_STR(v));
	if ((v = list(r, &j, "buyer_user_ids", 0)) != NULL)
		tt_search_add(s, q->buyers, P_STR(v));
	if ((v = list(r, &j, n->types, 0)) != NULL)
		tt_search_add(s, q->types, P_STR(v));
	if ((v = list(r, &j, n->statuses, 0)) != NULL)
		tt_search_add(s, q->statuses, P_STR(v));
	tt_search_add_time(s, &j, "create_time_ge", q->create_ge);
	tt_search_add_time(s, &j, "create_time_lt", q->create_lt);
	tt_search_add_time(s, &j, "update_time_ge", q->update_ge);
	tt_search_add_time(s, &j, "update_time_lt", q->update_lt);
	*locale = jr_str(&j, j.root, "locale", JR_OPTIONAL, 0, 20);
	if (j.nerr > 0) {
		tt_fail(r, TT_INVALID_REQUEST,
		        arena_printf(r->arena, "Invalid request body: %s %s", j.errs[0].field, j.errs[0].message));
		return -1;
	}
	return 0;
}

static void search(struct request *r, const struct rr_names *names)
{
	struct tt_call c;
	if (tt_rr_begin(r, &c) != 0)
		return;
	const struct sb_rr_search *q = &sb_rr_search;
	const struct tt_search_sql sql = { q->select, q->count, q->after, q->order };
	struct tt_paging pg = { 0 };
	struct tt_search s;
	tt_search_init(&s);
	const char *locale = NULL;
	int n = -1;
	struct db_rows rows, lines;
	if (tt_read_paging(r, &pg, 50, 0, names->kind == RR_CANCEL ? 'x' : 'r') == 0 &&
	    read_filters(r, &c, names, &s, &locale) == 0)
		n = tt_search_page(r, &s, &pg, &sql, &rows);
	tt_search_free(&s);
	if (n < 0)
		return;
	int shown = n > pg.size ? (int)pg.size : n;
	if (tt_rr_lines(r, &rows, shown, &lines) < 0) {
		tt_fail_db(r);
		return;
	}
	const char *next = "";
	if (n > pg.size)
		next = tt_page_token(r->arena, pg.tag,
		                     db_cell_i64(&rows, shown - 1, pg.by_update ? SB_AS_ROW_UPDATE_TIME : SB_AS_ROW_CREATE_TIME),
		                     db_cell_i64(&rows, shown - 1, SB_AS_ROW_ID), pg.total);
	struct jw w;
	tt_open(r, &w);
	jw_arr_open(&w, names->list);
	for (int i = 0; i < shown; i++)
		tt_rr_write(r, &w, &rows, i, &lines, locale);
	jw_arr_close(&w);
	jw_str(&w, "next_page_token", next);
	jw_int(&w, "total_count", pg.total);
	tt_send(r, &c, &w);
}

void h_tt_cancellations_search(struct request *r)
{
	search(r, &cancel_names);
}

void h_tt_returns_search(struct request *r)
{
	search(r, &return_names);
}
