/* Shop-wide pacing of TikTok calls through the database: every sync worker on every host takes call slots from one row
 * per shop (sql/0011), so that together they stay under TikTok's per-shop rate limit. */
#include "sync/pace.h"
#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"
#include "statements.h"

#define MAX_WAIT_MS 5000.0   /* a slot further away than this means a wrong row: call now rather than stall */

double pace_reserve(void *ctx, const char *shop, double interval_ms)
{
	struct db *db = ctx;
	int64_t interval = (int64_t)interval_ms;
	struct db_param p[] = { P_STR(shop), P_I64(interval), P_I64(interval) };
	if (db_exec(db, STMT_PACE_RESERVE, p, 3, NULL) < 0)
		return -1;
	struct arena a;
	arena_init(&a);
	struct db_rows rows;
	double wait = -1;
	if (db_query(db, &a, STMT_PACE_WAIT, NULL, 0, &rows) > 0)
		wait = (double)db_cell_i64(&rows, 0, PACE_WAIT_MS);
	arena_free(&a);
	if (wait > MAX_WAIT_MS) {
		log_warn("pace", "wait_ms=%.0f; calling now", wait);
		wait = 0;
	}
	return wait;
}
