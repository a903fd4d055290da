/* The decision of what a channel SKU is sent to TikTok, from its plan row: used by the push job, the preview, the
 * push list and the reconciliation alike, so what the preview shows is what the push sends. */
#include "stock_push/stock_plan.h"
#include "db/db.h"
#include "statements.h"

void stock_plan_of(const struct db_rows *rows, int i, struct stock_plan *out)
{
	*out = (struct stock_plan){ .action = PLAN_SEND, .change = CHANGE_NONE };
	out->tiktok_known = db_cell(rows, i, PLAN_TIKTOK_QTY) != NULL;
	out->tiktok = out->tiktok_known ? db_cell_i64(rows, i, PLAN_TIKTOK_QTY) : 0;
	if (db_cell(rows, i, PLAN_PRODUCT_ID) == NULL)
		out->action = PLAN_UNLINKED;
	else if (!db_cell_i64(rows, i, PLAN_ENABLED))
		out->action = PLAN_OFF;
	else if (db_cell_i64(rows, i, PLAN_SKIP_UNRECEIVED) && !db_cell_i64(rows, i, PLAN_RECEIVED) &&
	         !db_cell_i64(rows, i, PLAN_INCLUDED))
		out->action = PLAN_UNMANAGED;
	if (out->action != PLAN_SEND)
		return;
	int64_t q = db_cell_i64(rows, i, PLAN_AVAILABLE) - db_cell_i64(rows, i, PLAN_BUFFER);
	out->quantity = q > 0 ? q : 0;
	if (out->tiktok_known && out->quantity == out->tiktok)
		out->change = CHANGE_SAME;
	else if (out->quantity == 0)
		out->change = CHANGE_ZERO;   /* an unknown TikTok quantity may be emptied too */
	else if (!out->tiktok_known)
		out->change = CHANGE_UNKNOWN;
	else
		out->change = out->quantity > out->tiktok ? CHANGE_UP : CHANGE_DOWN;
}

const char *stock_plan_action_name(enum plan_action a)
{
	static const char *const names[] = {
		[PLAN_SEND] = "send", [PLAN_UNLINKED] = "unlinked", [PLAN_OFF] = "off", [PLAN_UNMANAGED] = "unmanaged",
	};
	return names[a];
}

const char *stock_plan_change_name(enum plan_change c)
{
	static const char *const names[] = {
		[CHANGE_NONE] = "none", [CHANGE_UP] = "up", [CHANGE_DOWN] = "down", [CHANGE_SAME] = "same",
		[CHANGE_ZERO] = "zero", [CHANGE_UNKNOWN] = "unknown",
	};
	return names[c];
}
