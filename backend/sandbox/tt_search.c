/* The keyset searches of the TikTok API: filters with their values, page parameters and tokens, one page's rows. */
#include "tt_search.h"
#include "tt.h"
#include "sb_sql.h"
#include "http/request.h"
#include "json/jread.h"
#include <string.h>

void tt_search_init(struct tt_search *s)
{
	s->n = 0;
	buf_init(&s->where, 0);
	buf_puts(&s->where, "");
}

void tt_search_free(struct tt_search *s)
{
	buf_free(&s->where);
}

void tt_search_add(struct tt_search *s, const char *fragment, struct db_param v)
{
	buf_puts(&s->where, fragment);
	s->p[s->n++] = v;
}

void tt_search_add_time(struct tt_search *s, struct jr *j, const char *field, const char *fragment)
{
	const char *path[] = { field, NULL };
	yajl_val v = yajl_tree_get(j->root, path, yajl_t_any);
	if (v != NULL && !YAJL_IS_NULL(v))
		tt_search_add(s, fragment, P_I64(jr_int(j, j->root, field, JR_OPTIONAL, 0, 4102444800LL, 0)));
}

int tt_read_paging(struct request *r, struct tt_paging *pg, int64_t max_size, int pay_time, char kind)
{
	const char *ps = req_query(r, "page_size");
	if (ps == NULL || *ps == '\0') {
		tt_fail(r, TT_INVALID_REQUEST, "Invalid page_size: page_size is required");
		return -1;
	}
	if (tt_query_int(r, "page_size", 1, max_size, 20, &pg->size) != 0)
		return -1;
	const char *field = req_query(r, "sort_field");
	const char *order = req_query(r, "sort_order");
	if (field == NULL || *field == '\0')
		field = "create_time";
	if (order == NULL || *order == '\0')
		order = "DESC";
	pg->by_update = strcmp(field, "update_time") == 0;
	pg->asc = strcmp(order, "ASC") == 0;
	int by_create = strcmp(field, "create_time") == 0 || (pay_time && strcmp(field, "order_pay_time") == 0);
	if ((!pg->by_update && !by_create) || (!pg->asc && strcmp(order, "DESC") != 0)) {
		tt_fail(r, TT_INVALID_REQUEST,
		        pay_time ? "Invalid sort: sort_field is create_time, update_time or order_pay_time, sort_order ASC or DESC"
		                 : "Invalid sort: sort_field is create_time or update_time, sort_order ASC or DESC");
		return -1;
	}
	pg->tag = arena_printf(r->arena, "%c%c%c", kind, pg->by_update ? 'u' : 'c', pg->asc ? 'a' : 'd');
	pg->has_token = tt_page_token_parse(r->arena, req_query(r, "page_token"), pg->tag, &pg->key, &pg->id, &pg->total);
	if (pg->has_token < 0) {
		tt_fail(r, TT_INVALID_REQUEST, "Invalid page_token");
		return -1;
	}
	return 0;
}

int tt_search_page(struct request *r, struct tt_search *s, struct tt_paging *pg, const struct tt_search_sql *sql,
                   struct db_rows *rows)
{
	const char *where = arena_strdup(r->arena, s->where.data);
	/* The first page counts the matches; later pages carry that total in their token. */
	if (!pg->has_token) {
		struct db_rows count;
		if (db_query_text(r->db, r->arena, arena_printf(r->arena, "%s%s", sql->count, where), s->p, s->n, &count) <= 0) {
			tt_fail_db(r);
			return -1;
		}
		pg->total = db_cell_i64(&count, 0, SB_COUNT_VALUE);
	}
	int np = s->n;
	const char *after = "";
	if (pg->has_token) {
		after = sql->after[pg->by_update][pg->asc];
		s->p[np++] = P_I64(pg->key);
		s->p[np++] = P_I64(pg->key);
		s->p[np++] = P_I64(pg->id);
	}
	s->p[np++] = P_I64(pg->size + 1);
	const char *text = arena_printf(r->arena, "%s%s%s%s", sql->select, where, after, sql->order[pg->by_update][pg->asc]);
	int n = db_query_text(r->db, r->arena, text, s->p, np, rows);
	if (n < 0)
		tt_fail_db(r);
	return n;
}
