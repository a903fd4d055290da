/* The links of an order's lines as the order API shows them: each line's channel SKU and linked product. */
#ifndef PRODUCTS_ORDER_LINKS_H
#define PRODUCTS_ORDER_LINKS_H
#include <stdint.h>

struct request;
struct jw;
struct db_rows;

/* The rows of STMT_ORDER_LINE_LINKS for order `id` (in line order); -1 on failure. */
int order_links_load(struct request *r, int64_t id, struct db_rows *links);
/* 1 when the order has lines and every one is linked to a product. */
int order_links_all_linked(const struct db_rows *links);
/* Writes "channel_sku_id" and "product" (null or {id, name, sku, unit, image_url}) of line i. */
void order_line_link_write(struct jw *w, const struct db_rows *links, int i);

#endif
