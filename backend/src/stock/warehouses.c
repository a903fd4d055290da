/* Warehouses: list, create, edit (every merchant starts with a default one). */
#include "api/common.h"
#include "api/handlers.h"
#include "audit/audit.h"
#include "stock/stock.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"

static void write_warehouse(struct jw *w, const struct db_rows *rows, int i)
{
	jw_obj_open(w, NULL);
	jw_int(w, "id", db_cell_i64(rows, i, WAREHOUSE_ID));
	jw_str(w, "name", db_cell(rows, i, WAREHOUSE_NAME));
	jw_str(w, "code", db_cell(rows, i, WAREHOUSE_CODE));
	jw_str(w, "address", db_cell(rows, i, WAREHOUSE_ADDRESS));
	jw_bool(w, "is_default", db_cell_i64(rows, i, WAREHOUSE_IS_DEFAULT));
	jw_time(w, "created_at", db_cell_i64(rows, i, WAREHOUSE_CREATED_AT));
	jw_obj_close(w);
}

void h_warehouse_list(struct request *r)
{
	answer_merchant_list(r, STMT_WAREHOUSE_COUNT, STMT_WAREHOUSE_LIST, write_warehouse);
}

static void answer_warehouse(struct request *r, int status, int64_t id)
{
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows rows;
	int n = db_query(r->db, r->arena, STMT_WAREHOUSE_GET, p, 2, &rows);
	if (n <= 0) {
		if (n < 0)
			fail_db(r);
		else
			resp_error(r, 404, "not_found", "No such warehouse.");
		return;
	}
	struct jw w;
	jw_init(&w);
	write_warehouse(&w, &rows, 0);
	resp_json(r, status, &w);
	jw_free(&w);
}

static void code_taken(struct request *r)
{
	resp_error(r, 409, "warehouse_code_taken", "Another warehouse already has this code.");
}

void h_warehouse_create(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	const char *name = jr_str(&j, j.root, "name", JR_REQUIRED, 1, 200);
	const char *code = jr_str(&j, j.root, "code", JR_REQUIRED, 1, 32);
	const char *address = jr_str(&j, j.root, "address", JR_OPTIONAL, 0, 500);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	struct db_param p[] = { P_I64(r->auth.merchant_id), P_STR(name), P_STR(code), P_STR(address ? address : "") };
	int64_t id = 0;
	if (audit_exec(r, STMT_WAREHOUSE_INSERT, p, 4, &id, AUDIT_WAREHOUSE, 0, "create") < 0) {
		if (db_errno(r->db) == DB_ER_DUP_ENTRY)
			code_taken(r);
		else
			fail_db(r);
		return;
	}
	answer_warehouse(r, 201, id);
}

void h_warehouse_update(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	const char *name = jr_str(&j, j.root, "name", JR_OPTIONAL, 1, 200);
	const char *code = jr_str(&j, j.root, "code", JR_OPTIONAL, 1, 32);
	const char *address = jr_str(&j, j.root, "address", JR_OPTIONAL, 0, 500);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	struct db_param p[] = { P_STR(name), P_STR(code), P_STR(address), P_I64(id), P_I64(r->auth.merchant_id) };
	int64_t n = id > 0 ? audit_exec(r, STMT_WAREHOUSE_UPDATE, p, 5, NULL, AUDIT_WAREHOUSE, id, "update") : 0;
	if (n < 0) {
		if (db_errno(r->db) == DB_ER_DUP_ENTRY)
			code_taken(r);
		else
			fail_db(r);
		return;
	}
	answer_warehouse(r, 200, id);
}
