/* TikTok Return and Refund API (202309): searching cancellations and returns, approving and rejecting them, and the
 * reject reasons TikTok accepts for one request. */
#ifndef TIKTOK_RETURNS_H
#define TIKTOK_RETURNS_H
#include <stdint.h>
#include "tiktok/client.h"

struct arena;

/* TikTok keeps cancellations and returns apart: their ids, paths and fields. */
enum tt_as_source { TT_AS_CANCELLATION, TT_AS_RETURN };

struct tt_as_line {
	const char *sku_id, *seller_sku, *product_name, *sku_name;
	int quantity;            /* line items of this SKU: TikTok sends one per unit */
};

/* One request as TikTok's search answers it. */
struct tt_as_request {
	enum tt_as_source source;
	const char *id, *order_id;
	const char *type;        /* cancel_type or return_type (REFUND, RETURN_AND_REFUND, ...) */
	const char *status, *role, *reason, *reason_text;
	const char *seller_action;  /* the first of seller_next_action_response ("" when none) */
	int64_t deadline;           /* its deadline, 0 when none */
	const char *refund_total, *currency;
	int64_t create_time, update_time;
	struct tt_as_line *lines;
	int nlines;
};

struct tt_as_page {
	struct tt_as_request *items;
	int nitems;
	const char *next_page_token;   /* "" on the last page */
};

/* What to search: one request by id, or those updated in [update_time_ge, update_time_lt). */
struct tt_as_query {
	const char *id;
	int64_t update_time_ge, update_time_lt;
	const char *page_token;
	int page_size;
};

/* POST /return_refund/202309/cancellations/search or /returns/search, oldest update first. */
enum tt_status tt_as_search(struct tt_client *c, const char *shop_cipher, const char *access_token, enum tt_as_source src,
                            const struct tt_as_query *q, struct arena *a, struct tt_as_page *out, struct tt_result *res);

/* An answer to one request. decision is a return's (APPROVE_RETURN, REJECT_RECEIVED_PACKAGE, ...; NULL for a
 * cancellation); a rejection names one of TikTok's reject reasons, an optional comment and image ids. */
/* A photo of a rejection: TikTok's image id (the upload's uri) and what it is. */
struct tt_as_image {
	const char *image_id, *mime_type;
	int64_t width, height;
};

struct tt_as_answer {
	int approve;
	const char *decision;
	const char *reject_reason;
	const char *comment;
	const struct tt_as_image *images;  /* the rejection's photos as uploaded to TikTok */
	int nimages;
	const char *idempotency_key;
};

/* POST /return_refund/202309/{cancellations|returns}/{id}/{approve|reject}. */
enum tt_status tt_as_answer(struct tt_client *c, const char *shop_cipher, const char *access_token, enum tt_as_source src,
                            const char *id, const struct tt_as_answer *ans, struct arena *a, struct tt_result *res);

struct tt_reason {
	const char *name, *text;
};

/* GET /return_refund/202309/reject_reasons?return_or_cancel_id=: the reasons TikTok takes for rejecting it. */
enum tt_status tt_as_reject_reasons(struct tt_client *c, const char *shop_cipher, const char *access_token,
                                    const char *id, struct arena *a, struct tt_reason **out, int *n,
                                    struct tt_result *res);

#endif
