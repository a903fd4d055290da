/* GET /api/v1/orders/export.xlsx: the orders list with its filters, as Excel. */
#include "api/common.h"
#include "api/handlers.h"
#include "api/order_filter.h"
#include "api/order_page.h"
#include "api/xlsx.h"
#include "core/buf.h"
#include "db/db.h"
#include "db/sql.h"
#include "http/request.h"
#include "orders/status.h"
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
	{ "Khách hàng", XLSX_TEXT, ORDER_LIST_BUYER_NAME, NULL, 24 },
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
	if (order_list_query(r, &f, &q) != 0) {
		order_list_invalid_query(r);
		return;
	}
	q.oldest = oldest;
	struct db_rows rows;
	if (order_page_rows(r, &q, XLSX_MAX_ROWS, &rows) < 0) {
		fail_db(r);
		return;
	}
	xlsx_answer(r, "Đơn hàng", "don-hang.xlsx", order_cols, (int)(sizeof order_cols / sizeof order_cols[0]), &rows);
}
