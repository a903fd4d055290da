/* The status table of cancellation and return requests and the decision words of an answer. */
#include "after_sales/status.h"
#include <stddef.h>
#include <string.h>

static const struct {
	const char *tiktok, *app;
} statuses[] = {
	{ "CANCELLATION_REQUEST_PENDING", "waiting" },
	{ "CANCELLATION_REQUEST_SUCCESS", "approved" },
	{ "CANCELLATION_REQUEST_COMPLETE", "completed" },
	{ "CANCELLATION_REQUEST_CANCEL", "withdrawn" },   /* closed without cancelling: withdrawn or rejected */
	{ "CANCELLATION_REQUEST_REJECT", "rejected" },
	{ "RETURN_OR_REFUND_REQUEST_PENDING", "waiting" },
	{ "RETURN_OR_REFUND_REQUEST_REJECT", "rejected" },
	{ "REFUND_OR_RETURN_REQUEST_REJECT", "rejected" },  /* the spelling TikTok's status list also uses */
	{ "AWAITING_BUYER_SHIP", "approved" },
	{ "BUYER_SHIPPED_ITEM", "waiting" },              /* the seller confirms the goods came back */
	{ "REJECT_RECEIVE_PACKAGE", "rejected" },
	{ "RETURN_OR_REFUND_REQUEST_SUCCESS", "approved" },
	{ "RETURN_OR_REFUND_REQUEST_CANCEL", "withdrawn" },
	{ "RETURN_OR_REFUND_REQUEST_COMPLETE", "completed" },
	{ "AWAITING_BUYER_RESPONSE", "in_progress" },
};

const char *as_status_of(const char *tiktok_status)
{
	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (strcmp(statuses[i].tiktok, tiktok_status) == 0)
			return statuses[i].app;
	return "other";
}

const char *as_return_kind(const char *return_type)
{
	return strcmp(return_type, "REFUND") == 0 ? "refund" : "return";
}

const char *as_decision(const char *source, const char *kind, const char *tiktok_status, int approve)
{
	if (strcmp(source, "return") != 0)
		return NULL;
	if (strcmp(tiktok_status, "BUYER_SHIPPED_ITEM") == 0)
		return approve ? "APPROVE_RECEIVED_PACKAGE" : "REJECT_RECEIVED_PACKAGE";
	if (strcmp(kind, "refund") == 0)
		return approve ? "APPROVE_REFUND" : "REJECT_REFUND";
	return approve ? "APPROVE_RETURN" : "REJECT_RETURN";
}

int as_status_settled(const char *status)
{
	return strcmp(status, "approved") == 0 || strcmp(status, "completed") == 0;
}
