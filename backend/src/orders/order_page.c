/* The orders list's paging: a page with its exact or capped total in one statement, offsets (the deepest from the
 * nearer end), keyset cursors. */
#include "orders/order_page.h"
#include "api/count_batch.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* A cursor: 'n' (the rows after) or 'p' (the rows before) a row, in the list's order; far (when has_far) bounds the
 * create times read on the other side: older than it is never read newest first (time >= far), nor newer oldest
 * first (time < far). span: the create times the page that gave the cursor covered (its text's third number; -1:
 * none given), from which the next page's far bound is guessed. */
struct cursor {
	char dir;
	int64_t time, id;
	int has_far;
	int64_t far;
	int64_t span;
};

#define SPAN_MARGIN 8 /* a cursor's next page is read first within this many times its page's span (and an hour) */

/* "n<time>_<id>" or "n<time>_<id>_<span>" (p for the rows before). */
static int parse_cursor(const char *s, struct cursor *c)
{
	int used = 0, more = 0;
	if (s == NULL || (s[0] != 'n' && s[0] != 'p'))
		return -1;
	*c = (struct cursor){ s[0], 0, 0, 0, 0, -1 };
	if (sscanf(s + 1, "%" SCNd64 "_%" SCNd64 "%n", &c->time, &c->id, &used) != 2 || c->id <= 0)
		return -1;
	if (s[1 + used] == '_' && (s[2 + used] < '0' || s[2 + used] > '9' ||
	                           sscanf(s + 2 + used, "%" SCNd64 "%n", &c->span, &more) != 1 || c->span > INT32_MAX))
		return -1;
	return s[1 + used + (more > 0 ? 1 + more : 0)] == '\0' ? 0 : -1;
}

/* The cursor of row i of rows, with the create times the page's rows span. */
static const char *cursor_text(struct request *r, char dir, const struct db_rows *rows, int i)
{
	int64_t a = db_cell_i64(rows, 0, ORDER_LIST_CREATE_TIME);
	int64_t b = db_cell_i64(rows, rows->nrows - 1, ORDER_LIST_CREATE_TIME);
	return arena_printf(r->arena, "%c%" PRId64 "_%" PRId64 "_%" PRId64, dir, db_cell_i64(rows, i, ORDER_LIST_CREATE_TIME),
	                    db_cell_i64(rows, i, ORDER_LIST_ID), a > b ? a - b : b - a);
}

static void invalid(struct request *r, const char *field, const char *message)
{
	struct jr j;
	query_errors_init(&j, r);
	jr_fail(&j, field, message);
	query_errors_answer(&j, r);
}

static const struct order_source *count_source(const struct order_page_query *q)
{
	return q->count_src != NULL ? q->count_src : q->src;
}

static int64_t cap_of(const struct order_page_query *q)
{
	return q->cap > 0 ? q->cap : ORDER_TOTAL_CAP;
}

/* The rows of src under where, counted up to the query's cap + 1. */
static int add_capped(struct request *r, const struct order_page_query *q, struct count_batch *b,
                      const struct order_source *src, const char *where, const struct db_param *p, int n)
{
	return count_batch_add(b, arena_printf(r->arena, "SELECT COUNT(*) FROM (SELECT 1%s%s LIMIT %" PRId64 ") t", src->from,
	                                       where, cap_of(q) + 1), p, n);
}

/* count_sql's exact total, then the orders it counts that the list leaves out (complement_where), capped. */
static int add_less(struct request *r, const struct order_page_query *q, struct count_batch *b)
{
	int col = count_batch_add(b, q->count_sql, q->cp, q->cn);
	if (q->complement_src != NULL)
		add_capped(r, q, b, q->complement_src, q->complement_where, q->complement_p, q->complement_n);
	else
		add_capped(r, q, b, q->src, q->complement_where, q->p, q->n);
	return col;
}

int order_page_total_add(struct request *r, const struct order_page_query *q, struct count_batch *b)
{
	int lead = q->lead_sql != NULL ? count_batch_add(b, q->lead_sql, q->lp, q->ln) : -1, col = -1;
	if (q->lead_is_total || q->counted)
		return lead;
	if (q->count_sql != NULL && q->complement_where == NULL)
		col = count_batch_add(b, q->count_sql, q->cp, q->cn);
	else if (q->complement_where != NULL && !q->direct_first) /* the left-out side is expected to be few */
		col = add_less(r, q, b);
	else
		col = add_capped(r, q, b, count_source(q), q->where, q->p, q->n);
	return lead >= 0 ? lead : col;
}

/* The step after the first, when that did not settle the total: the other side's statements, one batch of its own. */
static int second_step(struct request *r, const struct order_page_query *q, int less, int64_t *v)
{
	struct count_batch b;
	count_batch_init(&b);
	if (less)
		add_less(r, q, &b);
	else
		add_capped(r, q, &b, count_source(q), q->where, q->p, q->n);
	return count_batch_run(r, &b, v);
}

int order_page_total_from(struct request *r, const struct order_page_query *q, const int64_t *v, int col,
                          int64_t *total, int *estimate)
{
	int64_t w[2];
	*estimate = q->lower_bound;
	if (q->lead_sql != NULL) { /* the lead word's entries come first */
		int64_t lead = v[col++];
		*estimate |= lead > ORDER_SEARCH_WALK;
		if (q->lead_is_total) {
			*total = lead > ORDER_SEARCH_WALK ? ORDER_SEARCH_WALK : lead;
			return 0;
		}
	}
	if (q->counted) {
		*total = q->known;
		return 0;
	}
	if (q->count_sql != NULL && q->complement_where == NULL) {
		*total = v[col];
		return 0;
	}
	if (q->complement_where != NULL && !q->direct_first) {
		if (v[col + 1] <= ORDER_TOTAL_CAP) {
			*total = v[col] - v[col + 1];
			return 0;
		}
		if (second_step(r, q, 0, w) < 0)
			return -1;
		*total = w[0];
	} else {
		*total = v[col];
		if (*total > ORDER_TOTAL_CAP && q->complement_where != NULL) { /* the list's side was not the few one */
			if (second_step(r, q, 1, w) < 0)
				return -1;
			if (w[1] <= ORDER_TOTAL_CAP) {
				*total = w[0] - w[1];
				return 0;
			}
		}
	}
	if (*total > cap_of(q)) {
		*total = cap_of(q);
		*estimate = 1;
	}
	return 0;
}

/* The plan's recheck as b's first column (-1: none). */
static int recheck_add(const struct order_page_query *q, struct count_batch *b)
{
	return q->recheck_sql != NULL ? count_batch_add(b, q->recheck_sql, q->rp, q->rn) : -1;
}

int order_page_total(struct request *r, const struct order_page_query *q, int64_t *total, int *estimate)
{
	struct count_batch b;
	int64_t v[ORDER_TOTAL_COLUMNS];
	count_batch_init(&b);
	int check = recheck_add(q, &b);
	int col = order_page_total_add(r, q, &b);
	if (count_batch_run(r, &b, v) < 0)
		return -1;
	if (check >= 0 && v[check] > 0)
		return 1;
	return order_page_total_from(r, q, v, col, total, estimate);
}

/* Ids first from the source's index (a deferred join), then the rows of the page, in arena a; desc: newest first.
 * totals (or NULL): statements answering one number each, read as columns after the page's own (uncorrelated scalar
 * subqueries: each runs once for the whole statement), so a page and its total are one statement. */
static int read_once(struct request *r, struct arena *a, const struct order_page_query *q, const struct cursor *c,
                     int desc, int64_t limit, int64_t offset, const struct count_batch *totals, struct db_rows *out)
{
	const char *dir = desc ? "DESC" : "ASC", *T = q->src->time, *I = q->src->id;
	const char *keyset = c == NULL ? ""
	                     : arena_printf(r->arena, "%s%s%s AND (%s %s ? OR (%s = ? AND %s %s ?))",
	                                    c->has_far ? " AND " : "", c->has_far ? T : "",
	                                    !c->has_far ? "" : desc ? " >= ?" : " < ?", T, desc ? "<" : ">", T, I,
	                                    desc ? "<" : ">");
	int with = totals != NULL && totals->ncols > 0;
	/* a batch's text is "SELECT (s1), (s2), …" (api/count_batch.h): its list of subqueries follows the columns */
	const char *extra = with ? arena_printf(r->arena, ", %s", totals->sql.data + strlen("SELECT ")) : "";
	const char *sql = arena_printf(r->arena,
	                               "%s%s FROM (SELECT %s AS k_id, %s AS k_time%s%s%s ORDER BY %s %s, %s %s LIMIT ? OFFSET ?) k "
	                               "STRAIGHT_JOIN orders o ON o.id = k.k_id ORDER BY k.k_time %s, k.k_id %s",
	                               sql_order_page.columns, extra, I, T, q->src->from, q->where, keyset, T, dir, I, dir,
	                               dir, dir);
	int tn = with ? totals->n : 0, n = tn + q->n;
	struct db_param *p = arena_alloc(r->arena, sizeof(*p) * (size_t)(n + 6));
	if (tn > 0)
		memcpy(p, totals->p, sizeof(*p) * (size_t)tn);
	memcpy(p + tn, q->p, sizeof(*p) * (size_t)q->n);
	if (c != NULL) {
		if (c->has_far)
			p[n++] = P_I64(c->far);
		p[n++] = P_I64(c->time);
		p[n++] = P_I64(c->time);
		p[n++] = P_I64(c->id);
	}
	p[n++] = P_I64(limit);
	p[n++] = P_I64(offset);
	return db_query_text(r->db, a, sql, p, n, out);
}

#define FAR_FIRST 86400            /* an export batch's first window: a day of create times beyond its cursor */
#define FAR_WIDEN 16               /* a short page is read again over a window this many times wider ... */
#define FAR_LAST (256 * 86400)     /* ... until it would be wider than this; then without a far bound */

/* The far bound span seconds beyond the cursor's time, in the list's direction; 0 when it would overflow. */
static int far_from(struct cursor *c, int desc, int64_t span)
{
	if (desc ? c->time < INT64_MIN + span : c->time > INT64_MAX - span)
		return 0;
	c->far = desc ? c->time - span : c->time + span;
	return 1;
}

/* read_once behind a keyset bound (c), bounded on its far side too when c has a far bound (the hours', the export
 * batch's day) or a span (a client's cursor: eight times the span of the page that gave it, and an hour), read again
 * over a wider window while the page comes back short. With a bound on one side only,
 * the range covers most of the index; MariaDB then now and then runs the prepared statement with the merchant's rows
 * as its access, walking them from the list's start and skipping every row before the bound (hundreds of thousands
 * at a million orders), where a range of a few hours' or days' rows is always read as a range. */
static int read_rows(struct request *r, struct arena *a, const struct order_page_query *q, const struct cursor *c,
                     int desc, int64_t limit, int64_t offset, const struct count_batch *totals, struct db_rows *out)
{
	if (c == NULL || (!c->has_far && c->span < 0))
		return read_once(r, a, q, c, desc, limit, offset, totals, out);
	struct cursor w = *c;
	if (!w.has_far)
		w.has_far = far_from(&w, desc, w.span * SPAN_MARGIN + 3600);
	for (;;) {
		int rc = read_once(r, a, q, &w, desc, limit, offset, totals, out);
		if (rc < 0 || !w.has_far || out->nrows >= limit)
			return rc;
		int64_t span = desc ? w.time - w.far : w.far - w.time;
		w.has_far = span <= FAR_LAST / FAR_WIDEN && far_from(&w, desc, span * FAR_WIDEN);
	}
}

/* A cursor just past one edge of an hour, reading into it: from its end newest first (end), else from its start
 * oldest first. */
static struct cursor hour_edge(int64_t hour, int end)
{
	return end ? (struct cursor){ 'n', (hour + 1) * 3600, 0, 0, 0, -1 }
	           : (struct cursor){ 'n', hour * 3600 - 1, INT64_MAX, 0, 0, -1 };
}

#define HOUR_JUMP_FROM 500   /* offsets from which a page of a list counted per hour skips whole hours */
#define HOUR_ROWS_FIRST 64   /* hours read first: a busy shop's deep pages start within them */
#define HOUR_ROWS_MAX 1000   /* hours read at most; when they hold fewer orders, the offset is walked */

/* A page of a list counted per hour (q->hours) at offset *offset or deeper than HOUR_JUMP_FROM (at any offset with
 * q->hours_first): the hours before the one it starts in are skipped by their counts, the page then read from that
 * hour (the keyset bound *c) at the offset left, and no further than the hour its last row is in (the far bound, when
 * the hours read reach it): with both bounds the range is a few hours' rows, which MariaDB always reads as a range,
 * where with one bound a prepared statement run again now and then walked the index from the list's start instead,
 * and a first page could walk a run of hours without one of the list's orders. A page inside one hour, nearer that
 * hour's other end, is read from there the other way (*flip set: its rows come back in reverse), so that no page
 * walks more than half of a busy hour's orders. Returns 0 when done so, 1 when the page is read by its offset alone,
 * -1 when the database failed. */
static int hour_jump(struct request *r, const struct order_page_query *q, int desc, int64_t limit_rows, int64_t *offset,
                     struct cursor *c, int *flip)
{
	static const int stmts[][2] = { /* newest, oldest first */
		[HOURS_ALL] = { STMT_ORDER_HOURS_NEWEST, STMT_ORDER_HOURS_OLDEST },
		[HOURS_UNLINKED] = { STMT_UNLINKED_HOURS_NEWEST, STMT_UNLINKED_HOURS_OLDEST },
		[HOURS_LINKED] = { STMT_LINKED_HOURS_NEWEST, STMT_LINKED_HOURS_OLDEST },
		[HOURS_SLIP] = { STMT_SLIP_HOURS_NEWEST, STMT_SLIP_HOURS_OLDEST },
		[HOURS_NO_SLIP] = { STMT_NO_SLIP_HOURS_NEWEST, STMT_NO_SLIP_HOURS_OLDEST },
		[HOURS_STATUS] = { STMT_STATUS_HOURS_NEWEST, STMT_STATUS_HOURS_OLDEST },
	};
	if (q->hours == HOURS_NONE || (*offset < HOUR_JUMP_FROM && !q->hours_first))
		return 1;
	for (int64_t limit = HOUR_ROWS_FIRST;;) {
		struct db_param p[3];
		int np = 0;
		p[np++] = P_I64(r->auth.merchant_id);
		if (q->hours == HOURS_STATUS)
			p[np++] = P_STR(q->hours_status);
		p[np++] = P_I64(limit);
		struct db_rows rows;
		int n = db_query(r->db, r->arena, stmts[q->hours][desc ? 0 : 1], p, np, &rows);
		if (n < 0)
			return -1;
		int64_t before = 0;
		for (int i = 0; i < n; i++) {
			int64_t hour = db_cell_i64(&rows, i, ORDER_HOUR_HOUR), in = db_cell_i64(&rows, i, ORDER_HOUR_N);
			if (before + in > *offset) { /* the page starts in this hour: from its end (newest first) or its start */
				*offset -= before;
				int64_t rest = in - *offset - limit_rows; /* the hour's orders after the page */
				if (rest >= 0 && rest < *offset) { /* from the hour's other end, the other way, within the hour */
					*offset = rest;
					*flip = 1;
					*c = hour_edge(hour, !desc);
					c->has_far = 1;
					c->far = desc ? (hour + 1) * 3600 : hour * 3600;
					return 0;
				}
				*c = hour_edge(hour, desc);
				for (int64_t need = *offset + limit_rows; i < n; i++) { /* the hour the page's last row is in */
					need -= db_cell_i64(&rows, i, ORDER_HOUR_N);
					if (need <= 0) {
						int64_t last = db_cell_i64(&rows, i, ORDER_HOUR_HOUR);
						c->has_far = 1;
						c->far = desc ? last * 3600 : (last + 1) * 3600;
						break;
					}
				}
				return 0;
			}
			before += in;
		}
		if (n < limit || limit == HOUR_ROWS_MAX)
			return 1;
		/* read again, as many hours as those read suggest (half again more), at most HOUR_ROWS_MAX */
		int64_t more = before > 0 ? (*offset - before) * n / before * 3 / 2 + 16 : HOUR_ROWS_MAX;
		limit = n + more < HOUR_ROWS_MAX ? n + more : HOUR_ROWS_MAX;
	}
}

/* The page's rows, the plan's recheck and the first step of its total in one statement, then the total settled
 * (order_page_total_from). A page without rows brings no total back: it is counted by a statement of its own.
 * -1 on failure, 1 when the recheck found the plan wrong. */
static int read_with_total(struct request *r, const struct order_page_query *q, const struct cursor *c, int desc,
                           int64_t limit, int64_t offset, struct db_rows *out, int64_t *total, int *estimate)
{
	struct count_batch b;
	int64_t v[ORDER_TOTAL_COLUMNS] = { 0 };
	count_batch_init(&b);
	int check = recheck_add(q, &b);
	int col = order_page_total_add(r, q, &b);
	int with = !b.failed && b.ncols > 0 && b.ncols <= ORDER_TOTAL_COLUMNS, ncols = b.ncols;
	int rc = read_rows(r, r->arena, q, c, desc, limit, offset, with ? &b : NULL, out);
	buf_free(&b.sql);
	if (rc < 0)
		return -1;
	if (ncols > 0 && (!with || out->nrows == 0))
		return order_page_total(r, q, total, estimate);
	for (int k = 0; k < ncols; k++)
		v[k] = db_cell_i64(out, 0, ORDER_LIST__NCOLS + k);
	if (check >= 0 && v[check] > 0)
		return 1;
	return order_page_total_from(r, q, v, col, total, estimate);
}

int order_page_rows_after(struct request *r, struct arena *a, const struct order_page_query *q, const int64_t *after,
                          int64_t limit, struct db_rows *out)
{
	struct cursor c = { 'n', after != NULL ? after[0] : 0, after != NULL ? after[1] : 0, 0, 0, -1 };
	if (q->none) {
		*out = (struct db_rows){ 0, 0, NULL, NULL };
		return 0;
	}
	c.has_far = after != NULL && far_from(&c, !q->oldest, FAR_FIRST);
	return read_rows(r, a, q, after != NULL ? &c : NULL, !q->oldest, limit, 0, NULL, out);
}

int order_page_answer(struct request *r, const struct order_page_query *q, row_writer write)
{
	struct cursor c = { 'n', 0, 0, 0, 0, -1 };
	if (q->cursor != NULL && parse_cursor(q->cursor, &c) != 0) {
		invalid(r, "cursor", "must be a next_cursor or prev_cursor of an earlier page");
		return 0;
	}
	int64_t total;
	int estimate;
	int desc = !q->oldest, reversed = q->cursor != NULL && c.dir == 'p';
	int64_t limit = q->per_page, offset = q->cursor != NULL ? 0 : (q->page - 1) * q->per_page;
	struct db_rows rows = { 0, 0, NULL, NULL };
	if (q->none) {
		total = 0;
		estimate = 0;
		if (q->cursor == NULL && offset > ORDER_OFFSET_MAX) {
			invalid(r, "page", "is too deep: continue with next_cursor");
			return 0;
		}
	} else if (q->cursor != NULL || offset <= ORDER_OFFSET_MAX) {
		/* rows that do not depend on the total (a cursor's; a page by number read from the list's own end, as deep as
		 * the deepest such page allowed): with the total in one statement. A late page of a short list then skips
		 * its offset (at most ORDER_OFFSET_MAX entries) rather than run the total first to read from the other end. */
		struct cursor hour;
		int64_t within = offset;
		int flip = 0;
		int jump = q->cursor != NULL ? 1 : hour_jump(r, q, desc, limit, &within, &hour, &flip);
		if (jump < 0) {
			fail_db(r);
			return 0;
		}
		reversed ^= flip;
		int rc = read_with_total(r, q, q->cursor != NULL ? &c : jump == 0 ? &hour : NULL, reversed ? !desc : desc,
		                         limit, jump == 0 ? within : offset, &rows, &total, &estimate);
		if (rc != 0) {
			if (rc < 0)
				fail_db(r);
			return rc > 0;
		}
	} else {
		int rc = order_page_total(r, q, &total, &estimate);
		if (rc != 0) {
			if (rc < 0)
				fail_db(r);
			return rc > 0;
		}
		if (!estimate && offset > total / 2 && offset < total) { /* a late page: from the other end */
			reversed = 1;
			int64_t from_end = total - offset - q->per_page;
			limit = from_end < 0 ? q->per_page + from_end : q->per_page;
			offset = from_end < 0 ? 0 : from_end;
		}
		if (offset > ORDER_OFFSET_MAX) {
			invalid(r, "page", "is too deep: continue with next_cursor");
			return 0;
		}
		struct cursor hour;
		int64_t within = offset;
		int flip = 0;
		int jump = offset < total || estimate ? hour_jump(r, q, reversed ? !desc : desc, limit, &within, &hour, &flip) : 1;
		reversed ^= flip;
		if (jump < 0 || ((offset < total || estimate) && read_rows(r, r->arena, q, jump == 0 ? &hour : NULL,
		                                                         reversed ? !desc : desc, limit, within, NULL, &rows) < 0)) {
			fail_db(r);
			return 0;
		}
	}
	/* a lower bound never below the rows before and on a page by number (a cursor's page number is the client's) */
	int64_t seen = q->cursor == NULL ? offset + rows.nrows : 0;
	if (estimate && total < seen)
		total = seen;
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_arr_open(&w, "items");
	for (int i = 0; i < rows.nrows; i++)
		write(&w, &rows, reversed ? rows.nrows - 1 - i : i);
	jw_arr_close(&w);
	jw_int(&w, "page", q->page);
	jw_int(&w, "per_page", q->per_page);
	jw_int(&w, "total", total);
	jw_bool(&w, "total_is_estimate", estimate);
	int first = reversed ? rows.nrows - 1 : 0, last = reversed ? 0 : rows.nrows - 1;
	int more_after = reversed ? rows.nrows > 0 : rows.nrows == q->per_page;
	int more_before = rows.nrows > 0 && (q->cursor != NULL ? (c.dir == 'n' || rows.nrows == q->per_page) : q->page > 1);
	if (more_after && (q->cursor != NULL || estimate || (q->page * q->per_page < total)))
		jw_str(&w, "next_cursor", cursor_text(r, 'n', &rows, last));
	else
		jw_null(&w, "next_cursor");
	if (more_before)
		jw_str(&w, "prev_cursor", cursor_text(r, 'p', &rows, first));
	else
		jw_null(&w, "prev_cursor");
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
	return 0;
}
