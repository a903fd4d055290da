/* POST /api/v1/stock-receipts/import: rows of an Excel sheet (read by the SPA) as JSON, every row checked here
 * (codes per row for the SPA to translate), then posted as one receipt per warehouse in one transaction. */
#include "api/common.h"
#include "api/handlers.h"
#include "stock/stock.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define IMPORT_ROWS_MAX 10000
#define SKU_CHUNK 500
#define QUANTITY_MAX 1000000000

struct import_row {
	int row;                 /* the sheet's row number */
	const char *sku, *quantity, *unit_cost, *warehouse;
	int64_t product_id, qty;
	int wh;                  /* index into the warehouses read */
	const char *field, *code; /* the first problem, NULL when none */
	int first_row;           /* a duplicate's first row */
};

struct import {
	struct import_row *rows;
	int n;
	struct db_rows wh;
	int64_t supplier_id;
	const char *note;
	struct receipt_doc *docs;
	int ndocs;
};

static const char *trimmed(struct request *r, const char *s)
{
	if (s == NULL)
		return NULL;
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n > 0 ? arena_strndup(r->arena, s, n) : NULL;
}

static const char *member_text(struct request *r, yajl_val o, const char *key)
{
	return trimmed(r, json_scalar_text(yajl_tree_get(o, (const char *[]){ key, NULL }, yajl_t_any)));
}

static void problem(struct import_row *x, const char *field, const char *code)
{
	if (x->code == NULL) {
		x->field = field;
		x->code = code;
	}
}

/* The quantity: a whole number from 1 to a billion. */
static void check_quantity(struct import_row *x)
{
	if (x->quantity == NULL) {
		problem(x, "quantity", "required");
		return;
	}
	const char *why = amount_problem(x->quantity);
	if (why == NULL && strchr(x->quantity, '.') != NULL) {
		const char *d = strchr(x->quantity, '.') + 1;
		while (*d == '0')
			d++;
		if (*d != '\0')
			why = "not_an_integer";
	}
	if (why == NULL && (strlen(x->quantity) > 10 || (x->qty = strtoll(x->quantity, NULL, 10)) > QUANTITY_MAX))
		why = "too_large";
	if (why == NULL && x->qty <= 0)
		why = "not_positive";
	if (why != NULL)
		problem(x, "quantity", why);
}

static void check_cost(struct import_row *x)
{
	if (x->unit_cost == NULL) {
		x->unit_cost = "0";
		return;
	}
	const char *why = amount_problem(x->unit_cost);
	if (why != NULL)
		problem(x, "unit_cost", why);
}

/* The row's warehouse by code or name; the default one when the cell is empty. */
static void find_warehouse(struct import *im, struct import_row *x)
{
	x->wh = -1;
	for (int i = 0; i < im->wh.nrows && x->wh < 0; i++) {
		if (x->warehouse == NULL ? db_cell_i64(&im->wh, i, IMPORT_WAREHOUSE_IS_DEFAULT) != 0
		                         : strcasecmp(x->warehouse, db_cell(&im->wh, i, IMPORT_WAREHOUSE_CODE)) == 0 ||
		                                   strcasecmp(x->warehouse, db_cell(&im->wh, i, IMPORT_WAREHOUSE_NAME)) == 0)
			x->wh = i;
	}
	if (x->wh < 0 && im->wh.nrows > 0 && x->warehouse == NULL)
		x->wh = 0;
	if (x->wh < 0)
		problem(x, "warehouse", "unknown_warehouse");
}

static int by_sku(const void *a, const void *b)
{
	return strcasecmp((*(struct import_row *const *)a)->sku, (*(struct import_row *const *)b)->sku);
}

/* Sets the product of every row (sorted by SKU) whose SKU is `sku`. */
static void assign(struct import_row **sorted, int n, const char *sku, int64_t product_id)
{
	int lo = 0, hi = n;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (strcasecmp(sorted[mid]->sku, sku) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && strcasecmp(sorted[lo]->sku, sku) == 0; lo++)
		sorted[lo]->product_id = product_id;
}

/* Each row's product by its SKU code (the catalog's collation: case does not matter), SKU_CHUNK codes a query. */
static int find_products(struct request *r, struct import *im)
{
	struct import_row **sorted = arena_alloc(r->arena, sizeof(*sorted) * (size_t)(im->n + 1));
	const char **skus = arena_alloc(r->arena, sizeof(*skus) * (size_t)(im->n + 1));
	int n = 0, ns = 0;
	for (int i = 0; i < im->n; i++)
		if (im->rows[i].sku != NULL)
			sorted[n++] = &im->rows[i];
	qsort(sorted, (size_t)n, sizeof(*sorted), by_sku);
	for (int i = 0; i < n; i++)
		if (i == 0 || strcasecmp(sorted[i]->sku, sorted[i - 1]->sku) != 0)
			skus[ns++] = sorted[i]->sku;
	for (int from = 0; from < ns; from += SKU_CHUNK) {
		int k = ns - from < SKU_CHUNK ? ns - from : SKU_CHUNK;
		char *sql = arena_alloc(r->arena, 100 + 3 * (size_t)k);
		strcpy(sql, "SELECT id, sku FROM products WHERE merchant_id = ? AND sku IN (?");
		for (int i = 1; i < k; i++)
			strcat(sql, ",?");
		strcat(sql, ")");
		struct db_param *p = arena_alloc(r->arena, sizeof(*p) * (size_t)(k + 1));
		p[0] = P_I64(r->auth.merchant_id);
		for (int i = 0; i < k; i++)
			p[i + 1] = P_STR(skus[from + i]);
		struct db_rows rows;
		int found = db_query_text(r->db, r->arena, sql, p, k + 1, &rows);
		if (found < 0)
			return -1;
		for (int m = 0; m < found; m++)
			assign(sorted, n, db_cell(&rows, m, IMPORT_PRODUCT_SKU), db_cell_i64(&rows, m, IMPORT_PRODUCT_ID));
	}
	return 0;
}

static int by_place(const void *a, const void *b)
{
	const struct import_row *x = *(struct import_row *const *)a, *y = *(struct import_row *const *)b;
	if (x->wh != y->wh)
		return x->wh - y->wh;
	if (x->product_id != y->product_id)
		return (x->product_id > y->product_id) - (x->product_id < y->product_id);
	return x->row - y->row;
}

/* Valid rows sorted by warehouse and product (so a receipt's lines are in lock order); a product given twice for one
 * warehouse is a duplicate of its first row. Returns the sorted rows. */
static struct import_row **group(struct request *r, struct import *im, int *count)
{
	struct import_row **v = arena_alloc(r->arena, sizeof(*v) * (size_t)(im->n + 1));
	int n = 0;
	for (int i = 0; i < im->n; i++)
		if (im->rows[i].code == NULL)
			v[n++] = &im->rows[i];
	qsort(v, (size_t)n, sizeof(*v), by_place);
	for (int i = 1; i < n; i++)
		if (v[i]->wh == v[i - 1]->wh && v[i]->product_id == v[i - 1]->product_id) {
			problem(v[i], "sku", "duplicate");
			v[i]->first_row = v[i - 1]->first_row ? v[i - 1]->first_row : v[i - 1]->row;
		}
	*count = n;
	return v;
}

static int by_row(const void *a, const void *b)
{
	return (*(struct import_row *const *)a)->row - (*(struct import_row *const *)b)->row;
}

static void refuse_rows(struct request *r, struct import *im, int errors)
{
	struct import_row **bad = arena_alloc(r->arena, sizeof(*bad) * (size_t)(errors + 1));
	int k = 0;
	for (int i = 0; i < im->n; i++)
		if (im->rows[i].code != NULL)
			bad[k++] = &im->rows[i];
	qsort(bad, (size_t)k, sizeof(*bad), by_row);
	struct jw w;
	err_open(&w, "import_rows_invalid", "Some rows of the file cannot be imported; nothing was posted.");
	jw_int(&w, "row_count", im->n);
	jw_int(&w, "error_count", k);
	jw_arr_open(&w, "rows");
	for (int i = 0; i < k; i++) {
		jw_obj_open(&w, NULL);
		jw_int(&w, "row", bad[i]->row);
		jw_str(&w, "field", bad[i]->field);
		jw_str(&w, "code", bad[i]->code);
		jw_str(&w, "sku", bad[i]->sku);
		if (bad[i]->first_row > 0)
			jw_int(&w, "first_row", bad[i]->first_row);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	err_close(r, &w, 422);
}

/* The receipts to post: one per warehouse, lines in product order. */
static void make_docs(struct request *r, struct import *im, struct import_row **v, int n)
{
	im->docs = arena_alloc(r->arena, sizeof(*im->docs) * (size_t)(im->wh.nrows + 1));
	for (int i = 0; i < n;) {
		int k = i;
		while (k < n && v[k]->wh == v[i]->wh)
			k++;
		struct receipt_doc *d = &im->docs[im->ndocs++];
		d->warehouse_id = db_cell_i64(&im->wh, v[i]->wh, IMPORT_WAREHOUSE_ID);
		d->supplier_id = im->supplier_id;
		d->note = im->note;
		d->nlines = k - i;
		d->lines = arena_alloc(r->arena, sizeof(*d->lines) * (size_t)d->nlines);
		for (int m = 0; m < d->nlines; m++)
			d->lines[m] = (struct stock_line){ v[i + m]->product_id, v[i + m]->qty, v[i + m]->unit_cost, v[i + m]->row };
		i = k;
	}
}

static int import_body(struct request *r, void *ctx)
{
	struct import *im = ctx;
	for (int i = 0; i < im->ndocs; i++)
		if (receipt_post(r, &im->docs[i]) < 0)
			return -1;
	return 1;
}

static void answer_docs(struct request *r, struct import *im, int status, int posted)
{
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_int(&w, "row_count", im->n);
	jw_bool(&w, "posted", posted);
	jw_arr_open(&w, "receipts");
	for (int i = 0; i < im->ndocs; i++) {
		const struct receipt_doc *d = &im->docs[i];
		int64_t qty = 0;
		for (int m = 0; m < d->nlines; m++)
			qty += d->lines[m].quantity;
		jw_obj_open(&w, NULL);
		if (posted) {
			jw_int(&w, "id", d->id);
			jw_str(&w, "code", d->code);
		}
		jw_int(&w, "warehouse_id", d->warehouse_id);
		for (int k = 0; k < im->wh.nrows; k++)
			if (db_cell_i64(&im->wh, k, IMPORT_WAREHOUSE_ID) == d->warehouse_id)
				jw_str(&w, "warehouse_name", db_cell(&im->wh, k, IMPORT_WAREHOUSE_NAME));
		jw_int(&w, "line_count", d->nlines);
		jw_int(&w, "quantity", qty);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	resp_json(r, status, &w);
	jw_free(&w);
}

/* {dry_run?, supplier_id?, note?, rows:[{row?, sku, quantity, unit_cost?, warehouse?}]}: dry_run answers 200 with the
 * receipts it would post; otherwise 201 with those posted. Any bad row: 422 import_rows_invalid, nothing posted. */
void h_receipt_import(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	struct import im = { 0 };
	int dry_run = jr_bool(&j, j.root, "dry_run", JR_OPTIONAL, 0);
	im.supplier_id = jr_int(&j, j.root, "supplier_id", JR_OPTIONAL, 1, INT64_MAX, 0);
	im.note = jr_str(&j, j.root, "note", JR_OPTIONAL, 0, 1000);
	if (im.note == NULL)
		im.note = "";
	yajl_val arr = jr_arr(&j, j.root, "rows", JR_REQUIRED, 1, IMPORT_ROWS_MAX);
	for (size_t i = 0; arr != NULL && i < arr->u.array.len; i++)
		if (!YAJL_IS_OBJECT(arr->u.array.values[i]))
			jr_reject(&j, arena_printf(r->arena, "rows[%zu]", i), JR_not_an_object, "must be an object {row, sku, quantity, ...}");
	int supplier = im.supplier_id > 0 ? supplier_owned(r, im.supplier_id) : 1;
	if (supplier < 0) {
		fail_db(r);
		return;
	}
	if (supplier == 0)
		jr_reject(&j, "supplier_id", JR_not_found, "no such supplier");
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	im.n = (int)arr->u.array.len;
	im.rows = arena_alloc(r->arena, sizeof(*im.rows) * (size_t)im.n);
	struct db_param pm[] = { P_I64(r->auth.merchant_id) };
	if (db_query(r->db, r->arena, STMT_IMPORT_WAREHOUSES, pm, 1, &im.wh) < 0) {
		fail_db(r);
		return;
	}
	for (int i = 0; i < im.n; i++) {
		yajl_val o = arr->u.array.values[i];
		struct import_row *x = &im.rows[i];
		const char *row = member_text(r, o, "row");
		x->row = row != NULL && amount_problem(row) == NULL && strchr(row, '.') == NULL && strlen(row) < 8 && *row != '-'
		                 ? atoi(row) : i + 2; /* the header is row 1 */
		x->sku = member_text(r, o, "sku");
		x->quantity = member_text(r, o, "quantity");
		x->unit_cost = member_text(r, o, "unit_cost");
		x->warehouse = member_text(r, o, "warehouse");
		if (x->sku == NULL)
			problem(x, "sku", "required");
		else if (strlen(x->sku) > 64)
			problem(x, "sku", "unknown_sku");
		check_quantity(x);
		check_cost(x);
		find_warehouse(&im, x);
	}
	if (find_products(r, &im) < 0) {
		fail_db(r);
		return;
	}
	for (int i = 0; i < im.n; i++)
		if (im.rows[i].sku != NULL && im.rows[i].product_id == 0)
			problem(&im.rows[i], "sku", "unknown_sku");
	int valid;
	struct import_row **v = group(r, &im, &valid);
	int errors = 0;
	for (int i = 0; i < im.n; i++)
		errors += im.rows[i].code != NULL;
	if (errors > 0) {
		refuse_rows(r, &im, errors);
		return;
	}
	make_docs(r, &im, v, valid);
	if (dry_run)
		answer_docs(r, &im, 200, 0);
	else if (stock_tx(r, import_body, &im) > 0)
		answer_docs(r, &im, 201, 1);
}
