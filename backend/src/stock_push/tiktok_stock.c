/* TikTok's quantities of a product's SKUs, stored per TikTok warehouse as a product pull or a reconciliation read
 * them (a push TikTok accepted writes its own; see stock_push_job.c). */
#include "stock_push/tiktok_stock.h"
#include "core/arena.h"
#include "db/batch.h"
#include "db/db.h"
#include "statements.h"
#include "tiktok/products.h"
#include <string.h>

#define SEEN_PARAMS 5

int tiktok_stock_seen(struct db *db, struct arena *a, int64_t merchant_id, int64_t connection_id,
                      const struct tt_product *p)
{
	int n = 0;
	for (int i = 0; i < p->nskus; i++)
		n += p->skus[i].ninventory;
	if (n == 0)
		return 0;
	struct db_param *v = arena_alloc(a, sizeof(struct db_param) * SEEN_PARAMS * (size_t)n);
	int k = 0;
	for (int i = 0; i < p->nskus; i++)
		for (int w = 0; w < p->skus[i].ninventory; w++) {
			const struct tt_stock *s = &p->skus[i].inventory[w];
			struct db_param row[SEEN_PARAMS] = { P_I64(connection_id), P_STR(p->skus[i].id), P_STR(s->warehouse_id),
			                                     P_I64(merchant_id), P_I64(s->quantity) };
			memcpy(v + (size_t)k++ * SEEN_PARAMS, row, sizeof(row));
		}
	return batch_exec(db, a, &sql_tiktok_sku_stock_seen, v, n);
}
