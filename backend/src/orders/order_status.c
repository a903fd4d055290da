/* The order status table from spec/product.md: TikTok statuses, app codes, Vietnamese and English labels. */
#include "orders/order_status.h"
#include <string.h>

const struct order_status order_statuses[] = {
	{ "awaiting_payment", "Chờ thanh toán", "Awaiting payment", { "UNPAID", NULL } },
	{ "awaiting_confirmation", "Chờ xác nhận", "Awaiting confirmation", { "ON_HOLD", NULL } },
	{ "processing", "Đang xử lý", "Processing", { "AWAITING_SHIPMENT", "PARTIALLY_SHIPPING", NULL } },
	{ "packing", "Chờ lấy hàng", "Awaiting collection", { "AWAITING_COLLECTION", NULL } },
	{ "shipping", "Đang giao hàng", "Shipping", { "IN_TRANSIT", NULL } },
	{ "delivered", "Đã giao hàng", "Delivered", { "DELIVERED", NULL } },
	{ "completed", "Đơn hoàn thành", "Completed", { "COMPLETED", NULL } },
	{ "cancelled", "Đã hủy", "Cancelled", { "CANCELLED", "CANCEL", NULL } },
	{ "unknown", "Không xác định", "Unknown", { NULL } },
};

const size_t order_nstatuses = sizeof(order_statuses) / sizeof(order_statuses[0]);

const char *order_status_code(const char *tiktok_status)
{
	for (size_t i = 0; tiktok_status != NULL && i < order_nstatuses; i++)
		for (int k = 0; order_statuses[i].tiktok[k] != NULL; k++)
			if (strcmp(order_statuses[i].tiktok[k], tiktok_status) == 0)
				return order_statuses[i].code;
	return "unknown";
}

int order_status_known(const char *code)
{
	for (size_t i = 0; i < order_nstatuses; i++)
		if (strcmp(order_statuses[i].code, code) == 0)
			return 1;
	return 0;
}
