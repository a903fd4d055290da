/* TikTok's per-shop rate limit: each shop-scoped call counted per API and second; past the limit, 429 / 36009002. */
#include "tt.h"
#include "routes.h"
#include "sb_sql.h"
#include "db/db.h"
#include "http/request.h"

int tt_rate_take(struct request *r, const struct tt_call *c)
{
	/* an API is its route: every package's /ship counts against one limit, as on TikTok */
	struct route_match m;
	router_match(sandbox_routes, sandbox_nroutes, r->method, r->path, r->arena, &m);
	const char *api = m.route != NULL ? m.route->pattern : r->path;
	struct db_param p[] = { P_I64(c->shop_id), P_STR(api) };
	struct db_rows rows;
	if (db_exec(r->db, SB_RATE_COUNT, p, 2, NULL) < 0 || db_query(r->db, r->arena, SB_RATE_STATE, p, 2, &rows) <= 0) {
		tt_fail_db(r);
		return -1;
	}
	int64_t limit = db_cell_i64(&rows, 0, SB_RATE_STATE_PER_SECOND);
	if (limit == 0 || db_cell_i64(&rows, 0, SB_RATE_STATE_CALLS) <= limit)
		return 0;
	db_exec(r->db, SB_RATE_THROTTLED, p, 2, NULL);
	resp_header(r, "Retry-After", "1");
	tt_fail(r, TT_THROTTLED, "Too many requests: the rate limit of this API for this shop was exceeded");
	return -1;
}
