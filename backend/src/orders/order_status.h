/* The TikTok → app order status mapping, kept as data. */
#ifndef ORDERS_ORDER_STATUS_H
#define ORDERS_ORDER_STATUS_H
#include <stddef.h>

struct order_status {
	const char *code;          /* the app's status */
	const char *vi;
	const char *en;
	const char *tiktok[3];     /* TikTok statuses that map here, NULL-terminated */
};

extern const struct order_status order_statuses[];
extern const size_t order_nstatuses;

/* The app status for a TikTok status; "unknown" for anything not in the table. */
const char *order_status_code(const char *tiktok_status);
/* 1 when `code` is one of the app's statuses. */
int order_status_known(const char *code);

#endif
