/* Suppliers (nhà cung cấp): the merchant's simple list, named on stock receipts. */
#include "api/common.h"
#include "api/handlers.h"
#include "audit/audit.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"

#define DB_ER_ROW_IS_REFERENCED 1451

static void write_supplier(struct jw *w, const struct db_rows *rows, int i)
{
	jw_obj_open(w, NULL);
	jw_int(w, "id", db_cell_i64(rows, i, SUPPLIER_ID));
	jw_str(w, "name", db_cell(rows, i, SUPPLIER_NAME));
	jw_str(w, "phone", db_cell(rows, i, SUPPLIER_PHONE));
	jw_str(w, "address", db_cell(rows, i, SUPPLIER_ADDRESS));
	jw_str(w, "tax_code", db_cell(rows, i, SUPPLIER_TAX_CODE));
	jw_str(w, "note", db_cell(rows, i, SUPPLIER_NOTE));
	jw_time(w, "created_at", db_cell_i64(rows, i, SUPPLIER_CREATED_AT));
	jw_obj_close(w);
}

void h_supplier_list(struct request *r)
{
	struct jr q;
	struct page pg;
	query_errors_init(&q, r);
	page_params(&q, r, &pg);
	const char *s = query_str(&q, r, "q", 100);
	if (query_errors_answer(&q, r) != 0)
		return;
	const char *like = like_text(r->arena, s);
	struct db_param p[6] = { P_I64(r->auth.merchant_id), P_STR(s), P_STR(like), P_STR(like) };
	answer_list(r, &pg, STMT_SUPPLIER_COUNT, STMT_SUPPLIER_LIST, p, 4, write_supplier);
}

static void answer_supplier(struct request *r, int status, int64_t id)
{
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows rows;
	int n = id > 0 ? db_query(r->db, r->arena, STMT_SUPPLIER_GET, p, 2, &rows) : 0;
	if (n <= 0) {
		if (n < 0)
			fail_db(r);
		else
			resp_error(r, 404, "not_found", "No such supplier.");
		return;
	}
	struct jw w;
	jw_init(&w);
	write_supplier(&w, &rows, 0);
	resp_json(r, status, &w);
	jw_free(&w);
}

struct supplier_form {
	const char *name, *phone, *address, *tax_code, *note;
};

static void read_form(struct jr *j, int partial, struct supplier_form *f)
{
	f->name = jr_str(j, j->root, "name", partial ? JR_OPTIONAL : JR_REQUIRED, 1, 200);
	f->phone = jr_str(j, j->root, "phone", JR_OPTIONAL, 0, 32);
	f->address = jr_str(j, j->root, "address", JR_OPTIONAL, 0, 500);
	f->tax_code = jr_str(j, j->root, "tax_code", JR_OPTIONAL, 0, 32);
	f->note = jr_str(j, j->root, "note", JR_OPTIONAL, 0, 1000);
}

static void name_taken(struct request *r)
{
	resp_error(r, 409, "supplier_name_taken", "Another supplier already has this name.");
}

void h_supplier_create(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	struct supplier_form f;
	read_form(&j, 0, &f);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	struct db_param p[] = { P_I64(r->auth.merchant_id), P_STR(f.name), P_STR(f.phone ? f.phone : ""),
		                P_STR(f.address ? f.address : ""), P_STR(f.tax_code ? f.tax_code : ""),
		                P_STR(f.note ? f.note : "") };
	int64_t id = 0;
	if (audit_exec(r, STMT_SUPPLIER_INSERT, p, 6, &id, AUDIT_SUPPLIER, 0, "create") < 0) {
		if (db_errno(r->db) == DB_ER_DUP_ENTRY)
			name_taken(r);
		else
			fail_db(r);
		return;
	}
	answer_supplier(r, 201, id);
}

void h_supplier_update(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	struct supplier_form f;
	read_form(&j, 1, &f);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	struct db_param p[] = { P_STR(f.name), P_STR(f.phone), P_STR(f.address), P_STR(f.tax_code), P_STR(f.note),
		                P_I64(id), P_I64(r->auth.merchant_id) };
	if (id > 0 && audit_exec(r, STMT_SUPPLIER_UPDATE, p, 7, NULL, AUDIT_SUPPLIER, id, "update") < 0) {
		if (db_errno(r->db) == DB_ER_DUP_ENTRY)
			name_taken(r);
		else
			fail_db(r);
		return;
	}
	answer_supplier(r, 200, id);
}

/* A supplier named on a receipt stays: 409 supplier_in_use. */
void h_supplier_delete(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	int64_t n = id > 0 ? audit_exec(r, STMT_SUPPLIER_DELETE, p, 2, NULL, AUDIT_SUPPLIER, id, "delete") : 0;
	if (n < 0 && db_errno(r->db) == DB_ER_ROW_IS_REFERENCED)
		resp_error(r, 409, "supplier_in_use", "Receipts name this supplier; it cannot be deleted.");
	else if (n < 0)
		fail_db(r);
	else if (n == 0)
		resp_error(r, 404, "not_found", "No such supplier.");
	else
		resp_empty(r, 204);
}
