/* The reasons of TikTok's after-sales in the sandbox: what buyers give when they ask, what sellers may answer when they
 * refuse (by request and status), with English and Vietnamese texts, and the seller's next action per status. */
#include "rr.h"
#include <string.h>

static const struct rr_reason cancel_reasons[] = {
	{ "ecom_order_to_ship_canceled_reason_change_payment_method", "Need to change payment method",
	  "Cần thay đổi phương thức thanh toán" },
	{ "ecom_order_to_ship_canceled_reason_change_delivery_address", "Need to change delivery address",
	  "Cần thay đổi địa chỉ giao hàng" },
	{ "ecom_order_to_ship_canceled_reason_no_longer_needed", "No longer needed", "Không còn nhu cầu" },
	{ "ecom_order_to_ship_canceled_reason_better_price", "Found a better price elsewhere", "Tìm thấy giá tốt hơn" },
};

static const struct rr_reason return_reasons[] = {
	{ "ecom_order_delivered_refund_and_return_reason_damaged", "Damaged item", "Sản phẩm bị hư hỏng" },
	{ "ecom_order_delivered_refund_and_return_reason_wrong_item", "Wrong item sent", "Giao sai sản phẩm" },
	{ "ecom_order_delivered_refund_and_return_reason_missing_parts", "Missing parts or accessories",
	  "Thiếu phụ kiện hoặc bộ phận" },
	{ "ecom_order_delivered_refund_and_return_reason_not_as_described", "Item not as described",
	  "Sản phẩm không đúng mô tả" },
};

static const struct rr_reason reject_cancel[] = {
	{ "seller_reject_apply_product_has_been_packed", "Product has been packed", "Sản phẩm đã được đóng gói" },
	{ "order_manage_list_action_respond_popup_reject_reason_delivered", "Product delivery is on schedule",
	  "Đơn hàng đang được giao đúng tiến độ" },
	{ "order_manage_list_action_respond_popup_reject_reason_buyer_agree", "Reached an agreement with the buyer",
	  "Đã thỏa thuận với người mua" },
	{ "order_manage_list_action_respond_popup_reject_reason_invalid_cancellation_reason",
	  "Invalid reason for cancellation", "Lý do hủy không hợp lệ" },
};

static const struct rr_reason reject_request[] = {
	{ "seller_reject_apply_you_have_reached_an_agreement_with_the_buyer", "You have reached an agreement with the buyer",
	  "Bạn đã thỏa thuận với người mua" },
	{ "seller_reject_apply_package_has_not_exceeded_estimated_delivery_time",
	  "The package has not exceeded the estimated delivery time", "Kiện hàng chưa quá thời gian giao dự kiến" },
	{ "seller_reject_apply_buyer_provided_insufficient_evidence", "The buyer provided insufficient evidence",
	  "Người mua cung cấp không đủ bằng chứng" },
};

static const struct rr_reason reject_package[] = {
	{ "reverse_reject_return_parcel_reason_1", "The returned item is not the item sold",
	  "Sản phẩm trả về không phải sản phẩm đã bán" },
	{ "reverse_reject_return_parcel_reason_2", "The returned item is damaged or used",
	  "Sản phẩm trả về bị hư hỏng hoặc đã qua sử dụng" },
	{ "reverse_reject_return_parcel_reason_3", "Items are missing from the package", "Kiện hàng trả về bị thiếu sản phẩm" },
	{ "reverse_reject_return_parcel_reason_4", "The return package was not received", "Chưa nhận được kiện hàng trả về" },
};

#define N(list) ((int)(sizeof(list) / sizeof((list)[0])))

const struct rr_reason *rr_buyer_reasons(char kind, int *n)
{
	*n = kind == RR_CANCEL ? N(cancel_reasons) : N(return_reasons);
	return kind == RR_CANCEL ? cancel_reasons : return_reasons;
}

const struct rr_reason *rr_reject_reasons(char kind, const char *status, int *n)
{
	*n = 0;
	if (kind == RR_CANCEL && strcmp(status, "CANCELLATION_REQUEST_PENDING") == 0) {
		*n = N(reject_cancel);
		return reject_cancel;
	}
	if (kind == RR_RETURN && strcmp(status, "RETURN_OR_REFUND_REQUEST_PENDING") == 0) {
		*n = N(reject_request);
		return reject_request;
	}
	if (kind == RR_RETURN && strcmp(status, "BUYER_SHIPPED_ITEM") == 0) {
		*n = N(reject_package);
		return reject_package;
	}
	return NULL;
}

const char *rr_reason_text(const char *name, const char *locale)
{
	static const struct { const struct rr_reason *list; int n; } all[] = {
		{ cancel_reasons, N(cancel_reasons) }, { return_reasons, N(return_reasons) },
		{ reject_cancel, N(reject_cancel) }, { reject_request, N(reject_request) },
		{ reject_package, N(reject_package) },
	};
	int vi = locale != NULL && strncmp(locale, "vi", 2) == 0;
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		for (int k = 0; k < all[i].n; k++)
			if (strcmp(all[i].list[k].name, name) == 0)
				return vi ? all[i].list[k].vi : all[i].list[k].en;
	return name;
}

const char *rr_next_action(char kind, const char *type, const char *status)
{
	if (kind == RR_CANCEL)
		return strcmp(status, "CANCELLATION_REQUEST_PENDING") == 0 ? "SELLER_RESPOND_CANCEL" : NULL;
	if (strcmp(status, "RETURN_OR_REFUND_REQUEST_PENDING") == 0)
		return strcmp(type, "REFUND") == 0 ? "SELLER_RESPOND_REFUND" : "SELLER_RESPOND_RETURN";
	if (strcmp(status, "BUYER_SHIPPED_ITEM") == 0)
		return "SELLER_RESPOND_RECEIVE_PACKAGE";
	return NULL;
}
