/* Orders: the list with filters, search and paging; one order in full; the status mapping table. */
#include "api/common.h"
#include "api/handlers.h"
#include "api/order_links.h"
#include "db/db.h"
#include "db/sql.h"
#include "http/request.h"
#include "json/jwrite.h"
#include "core/buf.h"
#include "orders/phone.h"
#include "orders/status.h"
#include "api/order_slips.h"
#include <string.h>

/* Filters of the list: each a NULL-or-value pair of parameters in STMT_ORDER_COUNT/LIST. */
struct order_filter {
	const char *channel;
	int64_t connection_id;
	const char *status;
	int64_t created_from, created_to;
	const char *q;
	const char *all_linked;      /* "true", "false" (has unlinked items) or NULL */
	const char *has_slip;                /* "true", "false" or NULL */
};

static int read_filter(struct request *r, struct jr *j, struct order_filter *f, struct page *pg, int *oldest)
{
	query_errors_init(j, r);
	page_params(j, r, pg);
	f->channel = query_str(j, r, "channel", 16);
	if (f->channel != NULL && strcmp(f->channel, "tiktok") != 0)
		jr_fail(j, "channel", "must be tiktok (leave it out for all channels)");
	f->connection_id = query_int(j, r, "connection_id", 1, INT64_MAX, 0);
	f->status = query_str(j, r, "status", 32);
	if (f->status != NULL && !order_status_known(f->status))
		jr_fail(j, "status", "must be one of the codes listed by /api/v1/order-statuses");
	f->created_from = query_time(j, r, "created_from", 0);
	f->created_to = query_time(j, r, "created_to", 1);
	f->q = query_str(j, r, "q", 100);
	f->all_linked = query_str(j, r, "all_linked", 5);
	if (f->all_linked != NULL && strcmp(f->all_linked, "true") != 0 && strcmp(f->all_linked, "false") != 0)
		jr_fail(j, "all_linked", "must be true or false");
	f->has_slip = query_str(j, r, "has_export_slip", 5);
	if (f->has_slip != NULL && strcmp(f->has_slip, "true") != 0 && strcmp(f->has_slip, "false") != 0)
		jr_fail(j, "has_export_slip", "must be true or false");
	const char *sort = query_str(j, r, "sort", 16);
	*oldest = sort != NULL && strcmp(sort, "created_at") == 0;
	if (sort != NULL && !*oldest && strcmp(sort, "-created_at") != 0)
		jr_fail(j, "sort", "must be -created_at (newest first) or created_at");
	return query_errors_answer(j, r);
}

/* LIKE treats % and _ as wildcards: escape them so a search means what was typed. */
static const char *like_literal(struct request *r, const char *q)
{
	char *out = arena_alloc(r->arena, strlen(q) * 2 + 1), *o = out;
	for (const char *p = q; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			*o++ = '\\';
		*o++ = *p;
	}
	*o = '\0';
	return out;
}

/* 1 for what looks like an order id or a phone number: digits, with + ( ) - . or spaces. */
static int numeric_query(const char *s)
{
	int digits = 0;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (strchr("+()-. ", *s) == NULL)
			return 0;
	}
	return digits > 0;
}

/* Appends the fragment of each filter given to where, and its values to p; returns the count. */
static int filter_sql(struct request *r, const struct order_filter *f, struct buf *where, struct db_param *p)
{
	const struct order_list_sql *q = &sql_order_list;
	int n = 0;
	p[n++] = P_I64(r->auth.merchant_id);
	if (f->channel != NULL) {
		buf_puts(where, q->channel);
		p[n++] = P_STR(f->channel);
	}
	if (f->connection_id > 0) {
		buf_puts(where, q->connection);
		p[n++] = P_I64(f->connection_id);
	}
	if (f->status != NULL) {
		buf_puts(where, q->status);
		p[n++] = P_STR(f->status);
	}
	if (f->created_from > 0) {
		buf_puts(where, q->created_from);
		p[n++] = P_I64(f->created_from);
	}
	if (f->created_to > 0) {
		buf_puts(where, q->created_to);
		p[n++] = P_I64(f->created_to);
	}
	if (f->all_linked != NULL)
		buf_puts(where, strcmp(f->all_linked, "true") == 0 ? sql_order_all_linked : sql_order_has_unlinked);
	if (f->has_slip != NULL)
		buf_puts(where, f->has_slip[0] == 't' ? q->has_slip : q->no_slip);
	const char *local = f->q != NULL ? phone_local(r->arena, f->q) : "";
	if (f->q != NULL && numeric_query(f->q) && *local != '\0') {
		buf_puts(where, q->number);
		p[n++] = P_STR(f->q);
		p[n++] = P_STR(local); /* digits only: nothing to escape */
	} else if (f->q != NULL && numeric_query(f->q)) {
		buf_puts(where, q->external);
		p[n++] = P_STR(f->q);
	} else if (f->q != NULL) {
		buf_puts(where, q->name);
		p[n++] = P_STR(like_literal(r, f->q));
	}
	return n;
}

/* Columns 0-10, which the list and STMT_ORDER_GET select alike: id .. buyer_phone. */
static void write_summary(struct jw *w, const struct db_rows *rows, int i)
{
	jw_int(w, "id", db_cell_i64(rows, i, 0));
	jw_str(w, "channel", db_cell(rows, i, 1));
	jw_int(w, "connection_id", db_cell_i64(rows, i, 2));
	jw_str(w, "shop_name", db_cell(rows, i, 3));
	jw_str(w, "external_id", db_cell(rows, i, 4));
	jw_str(w, "status", db_cell(rows, i, 5));
	jw_str(w, "channel_status", db_cell(rows, i, 6));
	jw_time(w, "created_at", db_cell_i64(rows, i, 7));
	jw_time(w, "updated_at", db_cell_i64(rows, i, 8));
	jw_str(w, "buyer_name", db_cell(rows, i, 9));
	jw_str(w, "buyer_phone", db_cell(rows, i, 10));
}

static void write_list_item(struct jw *w, const struct db_rows *rows, int i)
{
	jw_obj_open(w, NULL);
	write_summary(w, rows, i);
	jw_str(w, "total_amount", db_cell(rows, i, 11));
	jw_str(w, "currency", db_cell(rows, i, 12));
	jw_int(w, "item_count", db_cell_i64(rows, i, 13));
	jw_bool(w, "all_linked", db_cell_i64(rows, i, 14) && db_cell_i64(rows, i, 13) > 0);
	order_slip_summary(w, db_cell(rows, i, ORDER_LIST_EXPORT_SLIP));
	jw_obj_close(w);
}

void h_order_list(struct request *r)
{
	struct jr j;
	struct order_filter f;
	struct page pg;
	int oldest;
	if (read_filter(r, &j, &f, &pg, &oldest) != 0)
		return;
	struct db_param p[12];
	struct buf where;
	buf_init(&where, 0);
	buf_puts(&where, "");
	int n = filter_sql(r, &f, &where, p);
	const struct order_list_sql *q = &sql_order_list;
	const char *count = arena_printf(r->arena, "%s%s", q->count, where.data);
	const char *list = arena_printf(r->arena, "%s%s%s", q->select, where.data, oldest ? q->oldest : q->newest);
	buf_free(&where);
	answer_list_text(r, &pg, count, list, p, n, write_list_item);
}

static void write_lines(struct jw *w, const struct db_rows *l, const struct db_rows *links)
{
	jw_arr_open(w, "lines");
	for (int i = 0; i < l->nrows; i++) {
		jw_obj_open(w, NULL);
		jw_str(w, "sku_id", db_cell(l, i, 0));
		jw_str(w, "product_id", db_cell(l, i, 1));
		jw_str(w, "seller_sku", db_cell(l, i, 2));
		jw_str(w, "product_name", db_cell(l, i, 3));
		jw_str(w, "sku_name", db_cell(l, i, 4));
		jw_str(w, "image_url", db_cell(l, i, 5));
		jw_int(w, "quantity", db_cell_i64(l, i, 6));
		jw_str(w, "unit_price", db_cell(l, i, 7));
		jw_str(w, "original_price", db_cell(l, i, 8));
		order_line_link_write(w, links, i);
		jw_obj_close(w);
	}
	jw_arr_close(w);
}

static void write_history(struct jw *w, const struct db_rows *h)
{
	jw_arr_open(w, "history");
	for (int i = 0; i < h->nrows; i++) {
		jw_obj_open(w, NULL);
		jw_str(w, "status", db_cell(h, i, 0));
		jw_str(w, "channel_status", db_cell(h, i, 1));
		jw_time(w, "changed_at", db_cell_i64(h, i, 2));
		jw_time(w, "recorded_at", db_cell_i64(h, i, 3));
		jw_obj_close(w);
	}
	jw_arr_close(w);
}

void h_order_get(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows o, l, h, links;
	int n = id > 0 ? db_query(r->db, r->arena, STMT_ORDER_GET, p, 2, &o) : 0;
	if (n < 0 || (n > 0 && (db_query(r->db, r->arena, STMT_ORDER_LINES, p, 2, &l) < 0 ||
	                        db_query(r->db, r->arena, STMT_ORDER_HISTORY, p, 2, &h) < 0 ||
	                        order_links_load(r, id, &links) < 0))) {
		fail_db(r);
		return;
	}
	if (n == 0) {
		resp_error(r, 404, "not_found", "No such order.");
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	write_summary(&w, &o, 0);
	jw_str(&w, "shop_code", db_cell(&o, 0, 35));
	jw_str(&w, "region", db_cell(&o, 0, 36));
	jw_time(&w, "paid_at", db_cell_i64(&o, 0, 11));
	jw_str(&w, "buyer_email", db_cell(&o, 0, 12));
	jw_str(&w, "buyer_message", db_cell(&o, 0, 13));
	jw_str(&w, "currency", db_cell(&o, 0, 14));
	jw_str(&w, "total_amount", db_cell(&o, 0, 20));
	jw_int(&w, "item_count", db_cell_i64(&o, 0, 34));
	jw_bool(&w, "all_linked", order_links_all_linked(&links));
	jw_obj_open(&w, "payment");
	static const char *const money[] = { "sub_total", "shipping_fee", "seller_discount", "platform_discount", "tax",
	                                     "total_amount", "original_total_product_price", "original_shipping_fee" };
	jw_str(&w, "currency", db_cell(&o, 0, 14));
	for (int k = 0; k < 8; k++)
		jw_str(&w, money[k], db_cell(&o, 0, 15 + k));
	jw_obj_close(&w);
	jw_obj_open(&w, "recipient");
	jw_str(&w, "name", db_cell(&o, 0, 23));
	jw_str(&w, "phone", db_cell(&o, 0, 24));
	jw_str(&w, "full_address", db_cell(&o, 0, 25));
	jw_str(&w, "address_detail", db_cell(&o, 0, 26));
	jw_str(&w, "postal_code", db_cell(&o, 0, 27));
	jw_str(&w, "region_code", db_cell(&o, 0, 28));
	jw_obj_close(&w);
	jw_obj_open(&w, "shipping");
	jw_str(&w, "provider", db_cell(&o, 0, 29));
	jw_str(&w, "tracking_number", db_cell(&o, 0, 30));
	jw_str(&w, "type", db_cell(&o, 0, 31));
	jw_bool(&w, "is_cod", db_cell_i64(&o, 0, 32));
	jw_obj_close(&w);
	jw_str(&w, "cancel_reason", db_cell(&o, 0, 33));
	write_lines(&w, &l, &links);
	write_history(&w, &h);
	if (order_slips_write(r, &w, id, db_cell(&o, 0, 5)) < 0) {
		jw_free(&w);
		fail_db(r);
		return;
	}
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}

void h_order_statuses(struct request *r)
{
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_arr_open(&w, "items");
	for (size_t i = 0; i < order_nstatuses; i++) {
		const struct order_status *s = &order_statuses[i];
		jw_obj_open(&w, NULL);
		jw_str(&w, "code", s->code);
		jw_str(&w, "vi", s->vi);
		jw_str(&w, "en", s->en);
		jw_arr_open(&w, "tiktok_statuses");
		for (int k = 0; s->tiktok[k] != NULL; k++)
			jw_str(&w, NULL, s->tiktok[k]);
		jw_arr_close(&w);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}
