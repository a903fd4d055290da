/* Stock receipts (phiếu nhập): posting one (numbered, lines with cost prices, stock and ledger set-based), creating
 * one from the API, and reading one. */
#include "api/common.h"
#include "audit/audit.h"
#include "api/handlers.h"
#include "stock/stock.h"
#include "db/batch.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"

static const struct batch_sql line_insert = {
	.head = "INSERT INTO stock_receipt_lines (merchant_id, receipt_id, product_id, quantity, unit_cost) VALUES ",
	.row = "(?, ?, ?, ?, ?)",
	.tail = "",
	.params = 5,
};

int receipt_post(struct request *r, struct receipt_doc *d)
{
	int64_t mid = r->auth.merchant_id;
	int is_return = d->export_slip_id > 0;
	const char *kind = is_return ? "return" : "receipt";
	if (doc_number_take(r, is_return ? DOC_RETURN : DOC_RECEIPT, d->code) < 0)
		return -1;
	struct db_param h[] = { P_I64(mid), P_I64(d->warehouse_id), P_STR(kind),
		                is_return ? P_I64(d->export_slip_id) : P_NULL, P_STR(d->note), P_I64(r->auth.user_id),
		                P_STR(d->code), d->supplier_id > 0 ? P_I64(d->supplier_id) : P_NULL,
		                d->after_sales_id > 0 ? P_I64(d->after_sales_id) : P_NULL };
	if (db_exec(r->db, STMT_RECEIPT_INSERT, h, 9, &d->id) < 0)
		return -1;
	struct db_param *p = arena_alloc(r->arena, sizeof(*p) * 5 * (size_t)d->nlines);
	for (int i = 0; i < d->nlines; i++) {
		const struct stock_line *l = &d->lines[i];
		struct db_param *q = p + 5 * i;
		q[0] = P_I64(mid);
		q[1] = P_I64(d->id);
		q[2] = P_I64(l->product_id);
		q[3] = P_I64(l->quantity);
		q[4] = P_STR(l->unit_cost != NULL ? l->unit_cost : "0");
	}
	if (batch_exec(r->db, r->arena, &line_insert, p, d->nlines) < 0)
		return -1;
	struct db_param s[] = { P_I64(d->id), P_I64(mid) };
	if (db_exec(r->db, STMT_RECEIPT_STOCK_ADD, s, 2, NULL) < 0)
		return -1;
	struct db_param m[] = { P_I64(r->auth.user_id), P_STR(kind), P_I64(1), P_I64(1), P_I64(d->id), P_I64(mid) };
	if (db_exec(r->db, STMT_RECEIPT_MOVEMENTS, m, 6, NULL) != d->nlines)
		return -1;
	return audit_change(r, AUDIT_STOCK_RECEIPT, d->id, is_return ? "return" : "create", NULL);
}

static int receipt_body(struct request *r, void *ctx)
{
	struct receipt_doc *d = ctx;
	/* again under a share lock: a product deleted since the check is a 422 like one that never was, and one not
	 * deleted yet stays until the receipt commits (its deletion then meets the receipt's stock and is refused) */
	struct jr j;
	query_errors_init(&j, r);
	if (check_products(r, &j, d->lines, d->nlines, STMT_PRODUCT_KEEP) < 0)
		return -1;
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return 0;
	}
	return receipt_post(r, d);
}

int check_products(struct request *r, struct jr *j, const struct stock_line *lines, int n, int stmt)
{
	for (int i = 0; i < n; i++) {
		if (i > 0 && lines[i - 1].product_id == lines[i].product_id)
			continue; /* reported as a duplicate already */
		struct db_param p[] = { P_I64(lines[i].product_id), P_I64(r->auth.merchant_id) };
		struct db_rows rows;
		int k = db_query(r->db, r->arena, stmt, p, 2, &rows);
		if (k < 0)
			return -1;
		if (k == 0)
			jr_reject(j, arena_printf(r->arena, "lines[%d].product_id", lines[i].index), JR_not_found, "no such product");
	}
	return 0;
}

void answer_receipt(struct request *r, int status, int64_t id)
{
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows rows;
	struct jw w;
	jw_init(&w);
	int n = id > 0 ? db_query(r->db, r->arena, STMT_RECEIPT_GET, p, 2, &rows) : 0;
	if (n <= 0 || write_receipt(r, &w, &rows, 0) < 0) {
		jw_free(&w);
		if (n == 0)
			resp_error(r, 404, "not_found", "No such receipt.");
		else
			fail_db(r);
		return;
	}
	resp_json(r, status, &w);
	jw_free(&w);
}

int supplier_owned(struct request *r, int64_t id)
{
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows rows;
	return id > 0 ? db_query(r->db, r->arena, STMT_SUPPLIER_GET, p, 2, &rows) : 0;
}

/* {warehouse_id, supplier_id?, note?, lines:[{product_id, quantity, unit_cost?}]} */
void h_receipt_create(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	struct receipt_doc d = { 0 };
	d.warehouse_id = jr_int(&j, j.root, "warehouse_id", JR_REQUIRED, 1, INT64_MAX, 0);
	d.supplier_id = jr_int(&j, j.root, "supplier_id", JR_OPTIONAL, 1, INT64_MAX, 0);
	d.note = jr_str(&j, j.root, "note", JR_OPTIONAL, 0, 1000);
	if (d.note == NULL)
		d.note = "";
	d.nlines = read_stock_lines(r, &j, 1, &d.lines);
	int owned = d.warehouse_id > 0 ? warehouse_owned(r, d.warehouse_id) : 1;
	int supplier = d.supplier_id > 0 ? supplier_owned(r, d.supplier_id) : 1;
	if (owned < 0 || supplier < 0 || check_products(r, &j, d.lines, d.nlines, STMT_PRODUCT_BRIEF) < 0) {
		fail_db(r);
		return;
	}
	if (owned == 0)
		jr_reject(&j, "warehouse_id", JR_not_found, "no such warehouse");
	if (supplier == 0)
		jr_reject(&j, "supplier_id", JR_not_found, "no such supplier");
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	if (stock_tx(r, receipt_body, &d) > 0)
		answer_receipt(r, 201, d.id);
}

void h_receipt_get(struct request *r)
{
	answer_receipt(r, 200, req_param_id(r, 0));
}
