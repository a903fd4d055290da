/* Webhook notifications: queued by handlers and the ticker, delivered (signed, retried) by the ticker. */
#ifndef SANDBOX_WEBHOOK_H
#define SANDBOX_WEBHOOK_H
#include <stdint.h>
#include <curl/curl.h>

struct arena;
struct db;
struct sb_app;

enum wh_type {
	WH_ORDER_STATUS_CHANGE = 1,
	WH_SELLER_DEAUTHORIZATION = 6,
	WH_UPCOMING_AUTHORIZATION_EXPIRATION = 7,
	WH_CANCELLATION_STATUS_CHANGE = 11,
	WH_RETURN_STATUS_CHANGE = 12,
};

struct wh_event {
	int type;
	int64_t shop_id;            /* row id */
	int64_t timestamp;          /* sandbox clock */
	/* type 1 */
	int64_t order_id;           /* row id */
	const char *order_status;
	int is_on_hold;
	int64_t update_time;
	/* types 11 and 12 (order_id and update_time above) */
	int64_t request_id;         /* row id of the cancellation or return */
	const char *role;           /* who moved it: BUYER, SELLER, SYSTEM */
	const char *request_status; /* cancel_status / return_status */
	const char *return_type;    /* type 12 */
	int64_t create_time;        /* when the request was raised */
	/* types 6 and 7 */
	const char *message;
	int64_t expiration_time;    /* type 7 */
};

/* Queues one notification for delivery now. 0 or -1. */
int wh_enqueue(struct db *db, struct arena *a, const struct wh_event *e);

/* Delivers the notifications that are due (one ticker pass); reschedules failures on TikTok's schedule
 * scaled by the app's webhook_retry_scale. Returns how many were attempted, -1 on a database error. */
int wh_deliver_due(struct db *db, struct arena *a, CURL *curl);

#endif
