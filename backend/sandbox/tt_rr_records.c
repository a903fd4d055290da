/* GET /return_refund/202309/returns/{return_id}/records: what happened to a return, oldest first, in the caller's
 * locale. */
#include "tt.h"
#include "tt_rr.h"
#include "rr.h"
#include "handlers.h"
#include "sb.h"
#include "sb_sql.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <string.h>

static const struct { const char *event, *en, *vi; } words[] = {
	{ "BUYER_APPLY_REFUND", "The buyer requested a refund", "Người mua yêu cầu hoàn tiền" },
	{ "BUYER_APPLY_RETURN", "The buyer requested a return and refund", "Người mua yêu cầu trả hàng và hoàn tiền" },
	{ "APPROVE_REFUND", "The refund request was approved", "Yêu cầu hoàn tiền đã được chấp nhận" },
	{ "APPROVE_RETURN", "The return request was approved: waiting for the buyer to ship the item",
	  "Yêu cầu trả hàng đã được chấp nhận: chờ người mua gửi hàng" },
	{ "BUYER_SHIP_ITEM", "The buyer shipped the item back", "Người mua đã gửi trả hàng" },
	{ "APPROVE_RECEIVED_PACKAGE", "The returned package was accepted: refund issued",
	  "Đã nhận hàng trả: đã hoàn tiền" },
	{ "REJECT_REQUEST", "The request was rejected", "Yêu cầu đã bị từ chối" },
	{ "REJECT_RECEIVED_PACKAGE", "The returned package was rejected", "Hàng trả về đã bị từ chối" },
	{ "CLOSE_REQUEST", "The request was closed", "Yêu cầu đã đóng" },
};

static const char *describe(const char *event, int vi)
{
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(words[i].event, event) == 0)
			return vi ? words[i].vi : words[i].en;
	return event;
}

void h_tt_return_records(struct request *r)
{
	struct tt_call c;
	if (tt_rr_begin(r, &c) != 0)
		return;
	int64_t id = sb_row(r->params[0], ID_RETURN);
	struct db_param p[] = { P_I64(id), P_STR("R") };
	struct db_param pr[] = { P_I64(id) };
	struct db_rows row, rec;
	int n = id > 0 ? db_query(r->db, r->arena, SB_AS_GET, p, 2, &row) : 0;
	if (n > 0 && db_cell_i64(&row, 0, SB_AS_ROW_SHOP_ID) != c.shop_id)
		n = 0;
	if (n < 0 || (n > 0 && db_query(r->db, r->arena, SB_AS_RECORDS_OF, pr, 1, &rec) < 0)) {
		tt_fail_db(r);
		return;
	}
	if (n == 0) {
		tt_fail(r, RR_NOT_FOUND, arena_printf(r->arena, "The return %s does not exist", r->params[0]));
		return;
	}
	const char *locale = req_query(r, "locale");
	int vi = locale != NULL && strncmp(locale, "vi", 2) == 0;
	struct jw w;
	tt_open(r, &w);
	jw_arr_open(&w, "records");
	for (int i = 0; i < rec.nrows; i++) {
		const char *reason = db_cell(&rec, i, SB_AS_RECORDS_OF_REASON);
		jw_obj_open(&w, NULL);
		jw_str(&w, "event", db_cell(&rec, i, SB_AS_RECORDS_OF_EVENT));
		jw_str(&w, "role", db_cell(&rec, i, SB_AS_RECORDS_OF_ROLE));
		jw_str(&w, "description", describe(db_cell(&rec, i, SB_AS_RECORDS_OF_EVENT), vi));
		jw_str(&w, "reason_text", *reason != '\0' ? rr_reason_text(reason, locale) : "");
		jw_str(&w, "note", db_cell(&rec, i, SB_AS_RECORDS_OF_NOTE));
		jw_arr_open(&w, "images");
		/* the image ids given with a rejection, one a line */
		const char *s = db_cell(&rec, i, SB_AS_RECORDS_OF_IMAGES);
		while (*s != '\0') {
			const char *end = strchr(s, '\n');
			size_t len = end != NULL ? (size_t)(end - s) : strlen(s);
			jw_obj_open(&w, NULL);
			jw_strn(&w, "url", s, len);
			jw_int(&w, "width", 0);
			jw_int(&w, "height", 0);
			jw_obj_close(&w);
			s += len + (end != NULL);
		}
		jw_arr_close(&w);
		jw_int(&w, "create_time", db_cell_i64(&rec, i, SB_AS_RECORDS_OF_CREATE_TIME));
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	tt_send(r, &c, &w);
}
