/* GET /api/v1/stock/export.xlsx and /api/v1/stock-movements/export.xlsx: the stock screen and its ledger as Excel. */
#include "api/common.h"
#include "api/handlers.h"
#include "stock/low_stock.h"
#include "stock/stock.h"
#include "api/xlsx.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"

static const struct xlsx_col stock_cols[] = {
	{ "Kho", XLSX_TEXT, STOCK_WAREHOUSE_NAME, NULL, 20 },
	{ "Mã SKU", XLSX_TEXT, STOCK_PRODUCT_SKU, NULL, 18 },
	{ "Tên sản phẩm", XLSX_TEXT, STOCK_PRODUCT_NAME, NULL, 32 },
	{ "Đơn vị tính", XLSX_TEXT, STOCK_PRODUCT_UNIT, NULL, 10 },
	{ "Tồn kho", XLSX_INT, STOCK_ON_HAND, NULL, 10 },
	{ "Chờ xuất", XLSX_INT, STOCK_AWAITING, NULL, 10 },
	{ "Khả dụng", XLSX_INT, STOCK_AVAILABLE, NULL, 12 },
	{ "Cập nhật", XLSX_TIME, STOCK_UPDATED_AT, NULL, 17 },
};

static const struct xlsx_col movement_cols[] = {
	{ "Thời gian", XLSX_TIME, MOVEMENT_CREATED_AT, NULL, 17 },
	{ "Kho", XLSX_TEXT, MOVEMENT_WAREHOUSE_NAME, NULL, 20 },
	{ "Mã SKU", XLSX_TEXT, MOVEMENT_PRODUCT_SKU, NULL, 18 },
	{ "Tên sản phẩm", XLSX_TEXT, MOVEMENT_PRODUCT_NAME, NULL, 32 },
	{ "Chứng từ", XLSX_TEXT, MOVEMENT_DOC_CODE, NULL, 16 },
	{ "Người thực hiện", XLSX_TEXT, MOVEMENT_USER_NAME, NULL, 20 },
	{ "Thay đổi tồn kho", XLSX_INT, MOVEMENT_D_ON_HAND, NULL, 12 },
	{ "Thay đổi khả dụng", XLSX_INT, MOVEMENT_D_AVAILABLE, NULL, 12 },
	{ "Thay đổi chờ xuất", XLSX_INT, MOVEMENT_D_AWAITING, NULL, 12 },
	{ "Tồn kho sau", XLSX_INT, MOVEMENT_ON_HAND, NULL, 12 },
	{ "Khả dụng sau", XLSX_INT, MOVEMENT_AVAILABLE, NULL, 12 },
	{ "Chờ xuất sau", XLSX_INT, MOVEMENT_AWAITING, NULL, 12 },
	{ "Ghi chú", XLSX_TEXT, MOVEMENT_DOC_NOTE, NULL, 24 },
};

static void export(struct request *r, int stmt, int stock_list, const char *sheet, const char *file,
                   const struct xlsx_col *cols, int ncols)
{
	struct jr q;
	struct page pg;
	struct db_param p[13];
	int n = stock_list ? stock_list_params(r, &q, &pg, p) : stock_filter(r, &q, &pg, p);
	if (n < 0) {
		fail_db(r);
		return;
	}
	if (query_errors_answer(&q, r) != 0)
		return;
	p[n++] = P_I64(XLSX_MAX_ROWS);
	p[n++] = P_I64(0);
	struct db_rows rows;
	if (db_query(r->db, r->arena, stmt, p, n, &rows) < 0) {
		fail_db(r);
		return;
	}
	xlsx_answer(r, sheet, file, cols, ncols, &rows);
}

void h_stock_export(struct request *r)
{
	export(r, STMT_STOCK_LIST, 1, "Tồn kho", "ton-kho.xlsx", stock_cols, (int)(sizeof stock_cols / sizeof stock_cols[0]));
}

void h_movement_export(struct request *r)
{
	export(r, STMT_MOVEMENT_LIST, 0, "Thẻ kho", "the-kho.xlsx", movement_cols,
	       (int)(sizeof movement_cols / sizeof movement_cols[0]));
}
