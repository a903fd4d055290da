/* GET /api/v1/audit-log (filters, newest first, cursor paging), its Excel export, and the retention setting. */
#include "audit/audit.h"
#include "api/common.h"
#include "api/handlers.h"
#include "api/xlsx.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jwrite.h"
#include "statements.h"
#include <stdlib.h>
#include <string.h>

#define AUDIT_FILTER_PARAMS 13
#define RETENTION_MIN_DAYS 30
#define RETENTION_MAX_DAYS 3650

static const char *const actors[] = { "user", "api_token", "tiktok", "system" };

/* ?user_id=&entity=&action=&from=&to= (and ?cursor= when paging) into p: AUDIT_FILTER_PARAMS values; errors into q. */
static void read_filter(struct request *r, struct jr *q, struct db_param *p, int paging)
{
	int64_t user = query_int(q, r, "user_id", 1, INT64_MAX, 0);
	const char *entity = query_str(q, r, "entity", 40);
	const char *action = query_str(q, r, "action", 40);
	int64_t from = query_time(q, r, "from", 0), to = query_time(q, r, "to", 1);
	int64_t cursor = 0;
	const char *c = paging ? query_str(q, r, "cursor", 20) : NULL;
	if (c != NULL) {
		char *end;
		cursor = strtoll(c, &end, 10);
		if (*end != '\0' || cursor <= 0)
			jr_fail(q, "cursor", "is a next_cursor of an earlier page");
	}
	if (entity != NULL && !audit_entity_known(entity))
		jr_fail(q, "entity", "is not an entity of the audit log");
	if (from > 0 && to > 0 && to <= from)
		jr_fail(q, "to", "must be after from");
	struct db_param u = user > 0 ? P_I64(user) : P_NULL, e = P_STR(entity), a = P_STR(action);
	struct db_param f = from > 0 ? P_I64(from) : P_NULL, t = to > 0 ? P_I64(to) : P_NULL;
	struct db_param k = cursor > 0 ? P_I64(cursor) : P_NULL;
	struct db_param v[AUDIT_FILTER_PARAMS] = { P_I64(r->auth.merchant_id), u, u, e, e, a, a, f, f, t, t, k, k };
	memcpy(p, v, sizeof(v));
}

static void write_json_cell(struct jw *w, const char *key, const char *text)
{
	yajl_val v = text != NULL ? yajl_tree_parse(text, NULL, 0) : NULL;
	audit_write_value(w, key, v);
	yajl_tree_free(v);
}

static void write_entry(struct jw *w, const struct db_rows *rows, int i)
{
	jw_obj_open(w, NULL);
	jw_int(w, "id", db_cell_i64(rows, i, AUDIT_ID));
	jw_time(w, "at", db_cell_i64(rows, i, AUDIT_AT));
	jw_str(w, "actor", db_cell(rows, i, AUDIT_ACTOR));
	if (db_cell(rows, i, AUDIT_USER_ID) != NULL) {
		jw_obj_open(w, "user");
		jw_int(w, "id", db_cell_i64(rows, i, AUDIT_USER_ID));
		jw_str(w, "name", db_cell(rows, i, AUDIT_USER_NAME));
		jw_obj_close(w);
	} else {
		jw_null(w, "user");
	}
	if (db_cell(rows, i, AUDIT_API_TOKEN_ID) != NULL) {
		jw_obj_open(w, "api_token");
		jw_int(w, "id", db_cell_i64(rows, i, AUDIT_API_TOKEN_ID));
		jw_str(w, "name", db_cell(rows, i, AUDIT_API_TOKEN_NAME));
		jw_obj_close(w);
	} else {
		jw_null(w, "api_token");
	}
	jw_str(w, "entity", db_cell(rows, i, AUDIT_ENTITY));
	if (db_cell(rows, i, AUDIT_ENTITY_ID) != NULL)
		jw_int(w, "entity_id", db_cell_i64(rows, i, AUDIT_ENTITY_ID));
	else
		jw_null(w, "entity_id");
	jw_str(w, "action", db_cell(rows, i, AUDIT_ACTION));
	write_json_cell(w, "before", db_cell(rows, i, AUDIT_BEFORE));
	write_json_cell(w, "after", db_cell(rows, i, AUDIT_AFTER));
	jw_str(w, "request_id", db_cell(rows, i, AUDIT_REQUEST_ID));
	jw_obj_close(w);
}

void h_audit_list(struct request *r)
{
	struct jr q;
	query_errors_init(&q, r);
	struct db_param p[AUDIT_FILTER_PARAMS + 1];
	read_filter(r, &q, p, 1);
	int64_t per_page = query_int(&q, r, "per_page", 1, 200, 50);
	if (query_errors_answer(&q, r) != 0)
		return;
	p[AUDIT_FILTER_PARAMS] = P_I64(per_page + 1);   /* one more says whether a next page exists */
	struct db_rows rows;
	int n = db_query(r->db, r->arena, STMT_AUDIT_LIST, p, AUDIT_FILTER_PARAMS + 1, &rows);
	if (n < 0) {
		fail_db(r);
		return;
	}
	int shown = n > per_page ? (int)per_page : n;
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_arr_open(&w, "items");
	for (int i = 0; i < shown; i++)
		write_entry(&w, &rows, i);
	jw_arr_close(&w);
	jw_int(&w, "per_page", per_page);
	if (n > per_page)
		jw_str(&w, "next_cursor", db_cell(&rows, shown - 1, AUDIT_ID));
	else
		jw_null(&w, "next_cursor");
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}

static const char *who(struct request *r, const struct db_rows *rows, int i)
{
	const char *actor = db_cell(rows, i, AUDIT_ACTOR);
	if (strcmp(actor, "tiktok") == 0)
		return "TikTok";
	if (strcmp(actor, "system") == 0)
		return "Hệ thống";
	const char *name = db_cell(rows, i, AUDIT_USER_NAME);
	const char *token = db_cell(rows, i, AUDIT_API_TOKEN_NAME);
	if (token != NULL)
		return arena_printf(r->arena, "%s (API token %s)", name != NULL ? name : "", token);
	return name != NULL ? name : "";
}

static const struct xlsx_col export_cols[] = {
	{ "Thời gian", XLSX_TIME, AUDIT_AT, NULL, 17 },
	{ "Người thực hiện", XLSX_CALC, 0, who, 26 },
	{ "Đối tượng", XLSX_TEXT, AUDIT_ENTITY, NULL, 18 },
	{ "ID", XLSX_INT, AUDIT_ENTITY_ID, NULL, 10 },
	{ "Hành động", XLSX_TEXT, AUDIT_ACTION, NULL, 18 },
	{ "Trước", XLSX_TEXT, AUDIT_BEFORE, NULL, 40 },
	{ "Sau", XLSX_TEXT, AUDIT_AFTER, NULL, 40 },
	{ "Mã yêu cầu", XLSX_TEXT, AUDIT_REQUEST_ID, NULL, 20 },
};

void h_audit_export(struct request *r)
{
	struct jr q;
	query_errors_init(&q, r);
	struct db_param p[AUDIT_FILTER_PARAMS + 1];
	read_filter(r, &q, p, 0);
	if (query_errors_answer(&q, r) != 0)
		return;
	p[AUDIT_FILTER_PARAMS] = P_I64(XLSX_MAX_ROWS);
	struct db_rows rows;
	if (db_query(r->db, r->arena, STMT_AUDIT_EXPORT, p, AUDIT_FILTER_PARAMS + 1, &rows) < 0) {
		fail_db(r);
		return;
	}
	xlsx_answer(r, "Nhật ký", "nhat-ky-hoat-dong.xlsx", export_cols, sizeof(export_cols) / sizeof(export_cols[0]),
	            &rows);
}

static void answer_settings(struct request *r)
{
	struct db_param p[] = { P_I64(r->auth.merchant_id) };
	struct db_rows rows;
	if (db_query(r->db, r->arena, STMT_AUDIT_RETENTION_GET, p, 1, &rows) != 1) {
		fail_db(r);
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_int(&w, "retention_days", db_cell_i64(&rows, 0, ONE_VALUE));
	jw_arr_open(&w, "actors");
	for (size_t i = 0; i < sizeof(actors) / sizeof(actors[0]); i++)
		jw_str(&w, NULL, actors[i]);
	jw_arr_close(&w);
	jw_arr_open(&w, "entities");
	for (int e = 0; e < AUDIT__NENTITIES; e++)
		jw_str(&w, NULL, audit_entity_name((enum audit_entity)e));
	jw_arr_close(&w);
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}

void h_audit_settings_get(struct request *r)
{
	answer_settings(r);
}

void h_audit_settings_put(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	int64_t days = jr_int(&j, j.root, "retention_days", JR_REQUIRED, RETENTION_MIN_DAYS, RETENTION_MAX_DAYS, 0);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	int64_t mid = r->auth.merchant_id;
	struct db_param p[] = { P_I64(days), P_I64(mid) };
	if (audit_exec(r, STMT_AUDIT_RETENTION_SET, p, 2, NULL, AUDIT_MERCHANT_SETTINGS, mid, "audit_retention_update") < 0) {
		fail_db(r);
		return;
	}
	answer_settings(r);
}
