/* The stock push preview of a shop: per linked SKU what the push would send (stock_plan_of), counted as up, down,
 * same, to 0 and not managed; and the confirmation a push that empties listings needs. */
#ifndef STOCK_PUSH_STOCK_PREVIEW_H
#define STOCK_PUSH_STOCK_PREVIEW_H
#include <stdint.h>
#include "db/db.h"
#include "stock_push/stock_plan.h"

struct request;

struct stock_preview {
	struct db_rows rows;
	struct stock_plan *plans;
	int n;
	int64_t changes[CHANGE_UNKNOWN + 1];   /* sent SKUs by change */
	int64_t unmanaged;
};

/* Computes the preview from the shop's settings as the caller's transaction sees them (a dry run of new settings
 * writes them first and rolls back). 0, or -1 on a database error (not answered: the caller rolls back). */
int stock_preview_compute(struct request *r, int64_t connection_id, struct stock_preview *p);
/* The push may go ahead: no SKU goes to 0, or confirm_zero (-1 when not given) is their number. Else answers
 * 409 confirm_zero_required with details.zero_count and returns 0. */
int stock_preview_confirmed(struct request *r, const struct stock_preview *p, int64_t confirm_zero);
/* 200 with the preview. */
void stock_preview_answer(struct request *r, int64_t connection_id, const struct stock_preview *p);

#endif
