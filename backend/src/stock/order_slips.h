/* The export slip fields orders.c writes into an order. */
#ifndef STOCK_ORDER_SLIPS_H
#define STOCK_ORDER_SLIPS_H
#include <stdint.h>

struct request;
struct jw;

/* export_slip (the slip not cancelled, else the newest, or null), export_slips[] newest first, and
 * can_create_export_slip (allowed status, every line linked, no slip that is not cancelled). <0 on failure. */
int order_slips_write(struct request *r, struct jw *w, int64_t order_id, const char *order_status);
/* export_slip of a list row from its "id status" cell (NULL: none). */
void order_slip_summary(struct jw *w, const char *cell);

#endif
