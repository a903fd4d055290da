/* Linking channel SKUs to products: the steps every link endpoint shares, inside one transaction. */
#ifndef PRODUCTS_LINKS_H
#define PRODUCTS_LINKS_H
#include <stdint.h>
#include "stock/stock.h"

struct request;
struct jw;
struct db_rows;

enum link_result { LINK_DB_FAILED = -1, LINK_NO_SKU = 0, LINK_DONE = 1, LINK_NO_PRODUCT = 2 };

/* Runs body in a transaction that first takes the merchant's link lock (link changes of one merchant run one at
 * a time, so concurrent clicks cannot interleave), again after a deadlock with stock changes (whose triggers read
 * the links); as stock_tx: >0 committed, 0 refused (body answered), <0 failed (answered 500). */
int links_tx(struct request *r, tx_body body, void *ctx);
/* Links channel SKU `csku` of the caller's merchant to `product` (0: unlinks). */
enum link_result link_set(struct request *r, int64_t csku, int64_t product);
/* Writes a channel SKU {id, connection_id, shop_name, sku_id, product_id (TikTok's), seller_sku, name, sku_name,
 * image_url, price, currency, linked, product} from a row of STMT_CHANNEL_SKU_GET/LIST. */
void channel_sku_write(struct jw *w, const char *key, const struct db_rows *rows, int i);

#endif
