/* POST /sandbox/live/step: runs one step of the live demo now (new orders, statuses moved on, webhooks). */
#include "ctl.h"
#include "handlers.h"
#include "sb.h"
#include "ticker.h"
#include "http/request.h"
#include "json/jwrite.h"

void h_ctl_live_step(struct request *r)
{
	int64_t now = sb_now(r->db, r->arena);
	if (live_step(r->db, r->arena, now) != 0) {
		ctl_fail_db(r);
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_int(&w, "now", now);
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}
