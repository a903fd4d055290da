/* GET /sandbox/webhooks: the notifications queued, each with its delivery attempts and the app's answers. */
#include "ctl.h"
#include "handlers.h"
#include "sb.h"
#include "sb_sql.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <stdlib.h>
#include <string.h>

#define MAX_LIMIT 500

/* A numeric query filter: P_NULL when absent; *bad set when malformed. */
static struct db_param filter(struct request *r, const char *name, int64_t base, int *bad)
{
	const char *v = req_query(r, name);
	if (v == NULL || *v == '\0')
		return P_NULL;
	int64_t n = base != 0 ? sb_row(v, base) : ctl_whole(v);
	if (n <= 0)
		*bad = 1;
	return P_I64(n);
}

static void write_attempts(struct jw *w, const struct db_rows *a, const char *id)
{
	jw_arr_open(w, "deliveries");
	for (int k = 0; k < a->nrows; k++) {
		if (strcmp(db_cell(a, k, SB_ATTEMPTS_OF_WEBHOOK_ID), id) != 0)
			continue;
		jw_obj_open(w, NULL);
		jw_int(w, "attempt", db_cell_i64(a, k, SB_ATTEMPTS_OF_ATTEMPT));
		jw_str(w, "url", db_cell(a, k, SB_ATTEMPTS_OF_URL));
		jw_int(w, "sent_at_ms", db_cell_i64(a, k, SB_ATTEMPTS_OF_SENT_MS));
		jw_int(w, "http_status", db_cell_i64(a, k, SB_ATTEMPTS_OF_HTTP_STATUS));
		jw_str(w, "response", db_cell(a, k, SB_ATTEMPTS_OF_RESPONSE));
		jw_str(w, "error", db_cell(a, k, SB_ATTEMPTS_OF_ERROR));
		jw_int(w, "duration_ms", db_cell_i64(a, k, SB_ATTEMPTS_OF_DURATION_MS));
		jw_obj_close(w);
	}
	jw_arr_close(w);
}

void h_ctl_webhooks_list(struct request *r)
{
	int bad = 0;
	struct db_param t = filter(r, "type", 0, &bad), s = filter(r, "shop_id", ID_SHOP, &bad);
	struct db_param after = filter(r, "after_id", 0, &bad);
	const char *lim = req_query(r, "limit");
	int64_t limit = lim != NULL && *lim ? ctl_whole(lim) : 100;
	if (bad || limit < 1 || limit > MAX_LIMIT) {
		resp_error(r, 400, "bad_filter", "type and after_id are positive numbers, shop_id a shop id, limit 1 to 500.");
		return;
	}
	struct db_param p[] = { t, t, s, s, after, after, P_I64(limit) };
	struct db_rows hooks, attempts;
	int n = db_query(r->db, r->arena, SB_WEBHOOK_LIST, p, 7, &hooks);
	if (n < 0) {
		ctl_fail_db(r);
		return;
	}
	int64_t *ids = arena_alloc(r->arena, sizeof(int64_t) * (size_t)(n > 0 ? n : 1));
	for (int i = 0; i < n; i++)
		ids[i] = db_cell_i64(&hooks, i, SB_WEBHOOK_LIST_ID);
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_arr_open(&w, "webhooks");
	const char *json_ids = sb_json_ids(r->arena, ids, n);
	struct db_param pa[] = { P_STR(json_ids) };
	if (db_query(r->db, r->arena, SB_ATTEMPTS_OF, pa, 1, &attempts) < 0) {
		jw_free(&w);
		ctl_fail_db(r);
		return;
	}
	for (int i = 0; i < n; i++) {
		jw_obj_open(&w, NULL);
		jw_int(&w, "id", ids[i]);
		jw_str(&w, "notification_id", sb_ext(r->arena, ID_NOTIFY, ids[i]));
		jw_int(&w, "type", db_cell_i64(&hooks, i, SB_WEBHOOK_LIST_TYPE));
		jw_str(&w, "shop_id", sb_ext(r->arena, ID_SHOP, db_cell_i64(&hooks, i, SB_WEBHOOK_LIST_SHOP_ID)));
		jw_str(&w, "body", db_cell(&hooks, i, SB_WEBHOOK_LIST_PAYLOAD));
		jw_str(&w, "status", db_cell(&hooks, i, SB_WEBHOOK_LIST_STATUS));
		jw_int(&w, "attempts", db_cell_i64(&hooks, i, SB_WEBHOOK_LIST_ATTEMPTS));
		jw_int(&w, "next_attempt_at_ms", db_cell_i64(&hooks, i, SB_WEBHOOK_LIST_NEXT_ATTEMPT_MS));
		jw_int(&w, "created_at_ms", db_cell_i64(&hooks, i, SB_WEBHOOK_LIST_CREATED_MS));
		write_attempts(&w, &attempts, db_cell(&hooks, i, SB_WEBHOOK_LIST_ID));
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}
