/* What one channel SKU would be sent to TikTok, decided from a plan row (enum plan_col): the one rule the push job,
 * the preview, the push list and the reconciliation share. */
#ifndef STOCK_PUSH_STOCK_PLAN_H
#define STOCK_PUSH_STOCK_PLAN_H
#include <stdint.h>

struct db_rows;

enum plan_action {
	PLAN_SEND,        /* the quantity goes to TikTok */
	PLAN_UNLINKED,    /* no product: nothing to send */
	PLAN_OFF,         /* stock push is off for the shop */
	PLAN_UNMANAGED,   /* the product never received stock in the chosen warehouses: TikTok keeps its own */
};

/* What a sent quantity does to TikTok's last known one. */
enum plan_change { CHANGE_NONE, CHANGE_UP, CHANGE_DOWN, CHANGE_SAME, CHANGE_ZERO, CHANGE_UNKNOWN };

struct stock_plan {
	enum plan_action action;
	enum plan_change change;    /* CHANGE_NONE unless sent */
	int64_t quantity;           /* what is sent: the summed available stock less the buffer, never below 0 */
	int tiktok_known;
	int64_t tiktok;             /* TikTok's last known quantity, when known */
};

void stock_plan_of(const struct db_rows *rows, int i, struct stock_plan *out);
/* The API's name of an action or change: "send", "unmanaged", "up", "zero", … */
const char *stock_plan_action_name(enum plan_action a);
const char *stock_plan_change_name(enum plan_change c);

#endif
