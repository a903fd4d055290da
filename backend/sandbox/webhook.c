/* Building and queueing webhook notifications {type, tts_notification_id, shop_id, timestamp, data}. */
#include "webhook.h"
#include "sb.h"
#include "rr.h"
#include "sb_sql.h"
#include "core/arena.h"
#include "db/db.h"
#include "json/jwrite.h"

static void write_data(struct arena *a, struct jw *w, const struct wh_event *e)
{
	jw_obj_open(w, "data");
	switch (e->type) {
	case WH_ORDER_STATUS_CHANGE:
		jw_bool(w, "is_on_hold_order", e->is_on_hold);
		jw_str(w, "order_id", sb_ext(a, ID_ORDER, e->order_id));
		jw_str(w, "order_status", e->order_status);
		jw_int(w, "update_time", e->update_time);
		break;
	case WH_CANCELLATION_STATUS_CHANGE:
		jw_str(w, "order_id", sb_ext(a, ID_ORDER, e->order_id));
		jw_str(w, "cancellations_role", e->role);
		jw_str(w, "cancel_status", e->request_status);
		jw_str(w, "cancel_id", sb_ext(a, ID_CANCEL, e->request_id));
		jw_int(w, "create_time", e->create_time);
		break;
	case WH_RETURN_STATUS_CHANGE:
		jw_str(w, "order_id", sb_ext(a, ID_ORDER, e->order_id));
		jw_str(w, "return_role", e->role);
		jw_str(w, "return_type", e->return_type);
		jw_str(w, "return_status", e->request_status);
		jw_str(w, "return_id", sb_ext(a, ID_RETURN, e->request_id));
		jw_int(w, "create_time", e->create_time);
		jw_int(w, "update_time", e->update_time);
		break;
	case WH_UPCOMING_AUTHORIZATION_EXPIRATION:
		jw_int(w, "expiration_time", e->expiration_time);
		jw_str(w, "message", e->message);
		break;
	default:
		jw_str(w, "message", e->message);
		break;
	}
	jw_obj_close(w);
}

int wh_enqueue(struct db *db, struct arena *a, const struct wh_event *e)
{
	int64_t now_ms = sb_wall_ms(), id = 0;
	struct db_param pi[] = { P_I64(e->type), P_I64(e->shop_id), P_I64(now_ms), P_I64(now_ms) };
	if (db_exec(db, SB_WEBHOOK_INSERT, pi, 4, &id) < 0)
		return -1;
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_int(&w, "type", e->type);
	jw_str(&w, "tts_notification_id", sb_ext(a, ID_NOTIFY, id));
	jw_str(&w, "shop_id", sb_ext(a, ID_SHOP, e->shop_id));
	jw_int(&w, "timestamp", e->timestamp);
	write_data(a, &w, e);
	jw_obj_close(&w);
	size_t len;
	const char *doc = jw_result(&w, &len);
	int rc = -1;
	if (doc != NULL) {
		struct db_param pu[] = { P_STRN(doc, len), P_I64(id) };
		rc = db_exec(db, SB_WEBHOOK_SET_PAYLOAD, pu, 2, NULL) < 0 ? -1 : 0;
	}
	jw_free(&w);
	return rc;
}
