/* Helpers every api handler shares. */
#include "api/common.h"
#include "core/arena.h"
#include "core/utf8.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void query_errors_init(struct jr *j, struct request *r)
{
	memset(j, 0, sizeof(*j));
	j->arena = r->arena;
	j->prefix = "";
}

int64_t query_int(struct jr *j, struct request *r, const char *name, int64_t min, int64_t max, int64_t def)
{
	const char *s = req_query(r, name);
	if (s == NULL || *s == '\0')
		return def;
	int ok = strlen(s) <= 18;
	for (const char *p = s; ok && *p; p++)
		ok = *p >= '0' && *p <= '9';
	int64_t v = ok ? strtoll(s, NULL, 10) : 0;
	if (!ok || v < min || v > max) {
		jr_reject_range(j, name, JR_out_of_range, min, max,
		                arena_printf(r->arena, "must be a whole number from %lld to %lld", (long long)min, (long long)max));
		return def;
	}
	return v;
}

const char *query_str(struct jr *j, struct request *r, const char *name, size_t maxlen)
{
	const char *s = req_query(r, name);
	if (s == NULL)
		return NULL;
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	if (n == 0)
		return NULL;
	if (utf8_count(s, n) > maxlen) {
		jr_reject_range(j, name, JR_too_long, 0, (int64_t)maxlen, arena_printf(r->arena, "must be at most %zu characters", maxlen));
		return NULL;
	}
	return arena_strndup(r->arena, s, n);
}

const char *like_text(struct arena *a, const char *s)
{
	if (s == NULL)
		return NULL;
	char *out = arena_alloc(a, strlen(s) * 2 + 1), *o = out;
	for (const char *p = s; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			*o++ = '\\';
		*o++ = *p;
	}
	*o = '\0';
	return out;
}

int64_t query_time(struct jr *j, struct request *r, const char *name, int end_of_day)
{
	const char *s = query_str(j, r, name, 40);
	if (s == NULL)
		return 0;
	int y, mo, d, h = 0, mi = 0, sec = 0, used = 0;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &used) != 3 || used != 10)
		goto bad;
	const char *rest = s + 10;
	int bare = *rest == '\0';
	long offset = 0;
	if (!bare) {
		if (sscanf(rest, "T%2d:%2d:%2d%n", &h, &mi, &sec, &used) != 3)
			goto bad;
		rest += used;
		if (*rest == '.')
			for (rest++; isdigit((unsigned char)*rest); rest++)
				;
		if (*rest == 'Z' && rest[1] == '\0') {
			offset = 0;
		} else {
			int oh, om;
			if ((*rest != '+' && *rest != '-') || sscanf(rest + 1, "%2d:%2d%n", &oh, &om, &used) != 2 || rest[1 + used] != '\0')
				goto bad;
			offset = (*rest == '-' ? -1 : 1) * (oh * 3600L + om * 60L);
		}
	}
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
		goto bad;
	struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_sec = sec };
	int64_t t = (int64_t)timegm(&tm) - offset;
	return bare && end_of_day ? t + 86400 : t;
bad:
	jr_reject(j, name, JR_not_a_date, "must be a date (2026-11-28) or an ISO 8601 time (2026-11-28T10:00:00Z)");
	return 0;
}

void page_params(struct jr *j, struct request *r, struct page *p)
{
	p->page = query_int(j, r, "page", 1, 1000000, 1);
	p->per_page = query_int(j, r, "per_page", 1, 200, 50);
	p->offset = (p->page - 1) * p->per_page;
}

int query_errors_answer(struct jr *j, struct request *r)
{
	if (j->nerr == 0)
		return 0;
	resp_invalid(r, j);
	return -1;
}

/* A list statement: from the table (sql NULL) or assembled at run time. */
struct list_stmt {
	int id;
	const char *sql;
};

static int run_list_stmt(struct request *r, struct list_stmt q, struct db_param *p, int n, struct db_rows *out)
{
	return q.sql != NULL ? db_query_text(r->db, r->arena, q.sql, p, n, out) : db_query(r->db, r->arena, q.id, p, n, out);
}

static void list_page(struct request *r, const struct page *pg, struct list_stmt count_q, struct list_stmt list_q,
                      struct db_param *p, int n, row_writer write)
{
	struct db_rows count, rows;
	if (run_list_stmt(r, count_q, p, n, &count) < 0) {
		fail_db(r);
		return;
	}
	p[n] = P_I64(pg->per_page);
	p[n + 1] = P_I64(pg->offset);
	if (run_list_stmt(r, list_q, p, n + 2, &rows) < 0) {
		fail_db(r);
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_arr_open(&w, "items");
	for (int i = 0; i < rows.nrows; i++)
		write(&w, &rows, i);
	jw_arr_close(&w);
	jw_int(&w, "page", pg->page);
	jw_int(&w, "per_page", pg->per_page);
	jw_int(&w, "total", db_cell_i64(&count, 0, ONE_VALUE));
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}

void answer_list(struct request *r, const struct page *pg, int count_stmt, int list_stmt, struct db_param *p, int n,
                 row_writer write)
{
	list_page(r, pg, (struct list_stmt){ count_stmt, NULL }, (struct list_stmt){ list_stmt, NULL }, p, n, write);
}

void answer_merchant_list(struct request *r, int count_stmt, int list_stmt, row_writer write)
{
	struct jr q;
	struct page pg;
	query_errors_init(&q, r);
	page_params(&q, r, &pg);
	if (query_errors_answer(&q, r) != 0)
		return;
	struct db_param p[3] = { P_I64(r->auth.merchant_id) };
	answer_list(r, &pg, count_stmt, list_stmt, p, 1, write);
}

#define ER_STATEMENT_TIMEOUT 1969

void refuse_reconnect_required(struct request *r)
{
	resp_error(r, 409, "reconnect_required", "TikTok no longer accepts this shop's authorization; reconnect it first.");
}

void fail_db(struct request *r)
{
	if (db_errno(r->db) == ER_STATEMENT_TIMEOUT) { /* max_statement_time: this request only */
		resp_error(r, 503, "query_timeout", "The request took too long and was stopped; narrow the search and try again.");
		return;
	}
	resp_error(r, 500, "database_error", "The database could not complete the request; please try again.");
}
