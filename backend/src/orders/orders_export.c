/* GET /api/v1/orders/export.xlsx: the orders list with its filters, as Excel. */
#include "api/common.h"
#include "api/handlers.h"
#include "orders/order_filter.h"
#include "orders/order_page.h"
#include "api/xlsx.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/config.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "orders/order_status.h"
#include <string.h>

static const char *status_vi(struct request *r, const struct db_rows *rows, int i)
{
	(void)r;
	const char *code = db_cell(rows, i, ORDER_LIST_STATUS);
	for (size_t k = 0; code != NULL && k < order_nstatuses; k++)
		if (strcmp(order_statuses[k].code, code) == 0)
			return order_statuses[k].vi;
	return code;
}

static const struct xlsx_col order_cols[] = {
	{ "Mã đơn hàng", XLSX_TEXT, ORDER_LIST_EXTERNAL_ID, NULL, 22 },
	{ "Gian hàng", XLSX_TEXT, ORDER_LIST_SHOP_NAME, NULL, 24 },
	{ "Trạng thái", XLSX_CALC, 0, status_vi, 16 },
	{ "Ngày tạo", XLSX_TIME, ORDER_LIST_CREATE_TIME, NULL, 17 },
	{ "Người mua", XLSX_TEXT, ORDER_LIST_BUYER_NAME, NULL, 24 },
	{ "Số điện thoại", XLSX_TEXT, ORDER_LIST_BUYER_PHONE, NULL, 16 },
	{ "Số sản phẩm", XLSX_INT, ORDER_LIST_ITEM_COUNT, NULL, 12 },
	{ "Tổng tiền", XLSX_MONEY, ORDER_LIST_TOTAL_AMOUNT, NULL, 16 },
	{ "Tiền tệ", XLSX_TEXT, ORDER_LIST_CURRENCY, NULL, 8 },
};

void h_order_export(struct request *r)
{
	struct jr j;
	struct order_filter f;
	struct page pg;
	int oldest;
	const char *cursor;
	if (read_filter(r, &j, &f, &pg, &oldest, &cursor) != 0)
		return;
	struct order_page_query q;
	if (!order_list_plan(r, &f, oldest, &q))
		return;
	struct xlsx_book b;
	if (xlsx_begin(&b, "Đơn hàng", order_cols, (int)(sizeof order_cols / sizeof order_cols[0])) != 0) {
		xlsx_abort(&b);
		resp_error(r, 500, "export_failed", "The Excel file could not be written; please try again.");
		return;
	}
	/* batches by keyset, each a short statement read into an arena of its own: memory stays flat at 100,000 rows */
	int64_t after[2];
	int more = 1;
	int64_t batch_rows = r->cfg->export_batch_rows;
	for (int done = 0; more && done < XLSX_MAX_ROWS;) {
		int64_t want = XLSX_MAX_ROWS - done < batch_rows ? XLSX_MAX_ROWS - done : batch_rows;
		struct arena batch;
		struct db_rows rows;
		arena_init(&batch);
		if (order_page_rows_after(r, &batch, &q, done > 0 ? after : NULL, want, &rows) < 0) {
			arena_free(&batch);
			xlsx_abort(&b);
			fail_db(r);
			return;
		}
		xlsx_add(r, &b, &rows);
		done += rows.nrows;
		more = rows.nrows == want;
		if (rows.nrows > 0) {
			after[0] = db_cell_i64(&rows, rows.nrows - 1, ORDER_LIST_CREATE_TIME);
			after[1] = db_cell_i64(&rows, rows.nrows - 1, ORDER_LIST_ID);
		}
		arena_free(&batch);
	}
	xlsx_finish(r, &b, "don-hang.xlsx");
}
