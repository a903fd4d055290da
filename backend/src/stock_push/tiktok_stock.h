/* TikTok's quantities of a shop's SKUs as last seen, kept for the stock push preview ("what TikTok has"). */
#ifndef STOCK_PUSH_TIKTOK_STOCK_H
#define STOCK_PUSH_TIKTOK_STOCK_H
#include <stdint.h>

struct arena;
struct db;
struct tt_product;

/* Stores every warehouse quantity TikTok listed for the product's SKUs (a product pull, a reconciliation page).
 * 0, or -1 on a database error. */
int tiktok_stock_seen(struct db *db, struct arena *a, int64_t merchant_id, int64_t connection_id,
                      const struct tt_product *p);

#endif
