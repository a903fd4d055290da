/* Writing TikTok 202309 order objects from order rows and their line rows. */
#ifndef SANDBOX_TT_ORDER_JSON_H
#define SANDBOX_TT_ORDER_JSON_H

struct db_rows;
struct jw;
struct request;

/* Loads the line rows of the first n orders of `orders` (SB_LINES_OF_ORDERS); -1 on error. */
int tt_order_lines(struct request *r, const struct db_rows *orders, int n, struct db_rows *lines);
/* Writes "orders": [...] for the first n order rows. */
void tt_write_orders(struct request *r, struct jw *w, const struct db_rows *orders, int n,
                     const struct db_rows *lines);

#endif
