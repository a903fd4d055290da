/* The overview's order counters kept by the order store as one delta per row and chunk (the triggers of sql/0030
 * keep what slips and links change), each order's count of unlinked lines, and the orders list's totals read from
 * them for a tile's filters. */
#include "overview/tally.h"
#include "api/common.h"
#include "core/arena.h"
#include "db/batch.h"
#include "db/db.h"
#include "orders/order_filter.h"
#include "statements.h"
#include "http/request.h"
#include <stdlib.h>
#include <string.h>

/* TikTok's status of the orders the "to arrange" tile counts (the list's shipping=to_arrange). */
#define TO_ARRANGE "AWAITING_SHIPMENT"

void tally_init(struct tally *t)
{
	memset(t, 0, sizeof(*t));
}

void tally_order(struct tally *t, const struct tally_order *o, int sign)
{
	int64_t day = (o->create_time + VIETNAM_UTC_OFFSET) / DAY_SECONDS;
	int slip = o->has_slip != 0, k = 0;
	while (k < t->ndays && !(t->days[k].day == day && t->days[k].slip == slip && strcmp(t->days[k].status, o->status) == 0))
		k++;
	if (k == t->ndays) {
		if (k == TALLY_DAY_ROWS)
			abort(); /* a chunk holds at most 100 orders, each in two rows */
		t->days[k].status = o->status;
		t->days[k].day = day;
		t->days[k].slip = slip;
		t->days[k].delta = 0;
		t->ndays++;
	}
	t->days[k].delta += sign;
	t->unlinked += o->unlinked_lines > 0 ? sign : 0;
	t->to_arrange += strcmp(o->channel_status, TO_ARRANGE) == 0 ? sign : 0;
}

void tally_unlinked(struct tally *t, int64_t order_id, int64_t create_time, int moved, int64_t were, int64_t now)
{
	if (now > 0 && (now != were || moved)) {
		if (t->nset == TALLY_ORDERS)
			abort();
		t->set_id[t->nset] = order_id;
		t->set_time[t->nset] = create_time;
		t->set_n[t->nset++] = now;
	} else if (now == 0 && were > 0) {
		if (t->ndrop == TALLY_ORDERS)
			abort();
		t->drop_id[t->ndrop++] = order_id;
	}
}

/* The order_unlinked rows set and dropped. */
static int unlinked_flush(struct db *db, struct arena *a, int64_t merchant_id, const struct tally *t)
{
	struct db_param *p = arena_alloc(a, sizeof(*p) * 4 * (size_t)(t->nset > 0 ? t->nset : 1));
	for (int k = 0; k < t->nset; k++) {
		p[4 * k] = P_I64(t->set_id[k]);
		p[4 * k + 1] = P_I64(merchant_id);
		p[4 * k + 2] = P_I64(t->set_time[k]);
		p[4 * k + 3] = P_I64(t->set_n[k]);
	}
	if (t->nset > 0 && batch_exec(db, a, &sql_order_unlinked_set, p, t->nset) < 0)
		return -1;
	if (t->ndrop == 0)
		return 0;
	struct db_param *d = arena_alloc(a, sizeof(*d) * (size_t)t->ndrop);
	for (int k = 0; k < t->ndrop; k++)
		d[k] = P_I64(t->drop_id[k]);
	return db_exec_text(db, batch_text(a, &sql_order_unlinked_drop, t->ndrop), d, t->ndrop, NULL) < 0 ? -1 : 0;
}

static int by_key(const void *x, const void *y)
{
	const struct tally_day *a = x, *b = y;
	int c = strcmp(a->status, b->status);
	return c != 0 ? c : a->day != b->day ? (a->day < b->day ? -1 : 1) : a->slip - b->slip;
}

int tally_flush(struct db *db, struct arena *a, int64_t merchant_id, int64_t connection_id, struct tally *t)
{
	qsort(t->days, (size_t)t->ndays, sizeof(t->days[0]), by_key);
	/* the two sides of one day and status are one row */
	struct db_param *p = arena_alloc(a, sizeof(*p) * 6 * (size_t)(t->ndays > 0 ? t->ndays : 1));
	int n = 0;
	for (int k = 0; k < t->ndays; k++) {
		if (t->days[k].delta == 0)
			continue;
		struct db_param *row = p + 6 * (n - 1);
		int same = n > 0 && row[2].i == t->days[k].day && strcmp(row[1].s, t->days[k].status) == 0;
		if (!same) {
			row = p + 6 * n++;
			struct db_param v[] = { P_I64(merchant_id), P_STR(t->days[k].status), P_I64(t->days[k].day),
				                P_I64(connection_id), P_I64(0), P_I64(0) };
			memcpy(row, v, sizeof(v));
		}
		row[t->days[k].slip ? 5 : 4].i += t->days[k].delta;
	}
	if ((n > 0 && batch_exec(db, a, &sql_order_slip_days_add, p, n) < 0) || unlinked_flush(db, a, merchant_id, t) < 0)
		return -1;
	struct db_param c[6];
	int rows = 0;
	const char *names[] = { "orders_to_arrange", "orders_unlinked" }; /* in key order */
	int64_t deltas[] = { t->to_arrange, t->unlinked };
	for (int k = 0; k < 2; k++)
		if (deltas[k] != 0) {
			c[3 * rows] = P_I64(merchant_id);
			c[3 * rows + 1] = P_STR(names[k]);
			c[3 * rows++ + 2] = P_I64(deltas[k]);
		}
	return rows > 0 ? batch_exec(db, a, &sql_overview_count_add, c, rows) : 0;
}

/* 1 for no bound, or a bound at the start of a Vietnam day. */
static int whole_day(int64_t t)
{
	return t == 0 || (t + VIETNAM_UTC_OFFSET) % DAY_SECONDS == 0;
}

const char *tally_list_count(struct request *r, const struct order_filter *f, struct db_param **out, int *n)
{
	int others = f->channel != NULL || f->connection_id > 0 || f->q != NULL || f->label != NULL;
	struct db_param *p = arena_alloc(r->arena, sizeof(*p) * 4);
	*n = 0;
	p[(*n)++] = P_I64(r->auth.merchant_id);
	*out = p;
	if (others)
		return NULL;
	if (f->status != NULL && f->has_slip != NULL && f->all_linked == NULL && f->shipping == NULL &&
	    whole_day(f->created_from) && whole_day(f->created_to)) {
		const struct tally_sql *s = &sql_tally;
		const char *sql = arena_printf(r->arena, "%s%s%s", f->has_slip[0] == 't' ? s->with_slip : s->no_slip,
		                               f->created_from > 0 ? s->day_from : "", f->created_to > 0 ? s->day_to : "");
		p[(*n)++] = P_STR(f->status);
		if (f->created_from > 0)
			p[(*n)++] = P_I64((f->created_from + VIETNAM_UTC_OFFSET) / DAY_SECONDS);
		if (f->created_to > 0)
			p[(*n)++] = P_I64((f->created_to + VIETNAM_UTC_OFFSET) / DAY_SECONDS);
		return sql;
	}
	if (f->status != NULL || f->has_slip != NULL || f->created_from > 0 || f->created_to > 0)
		return NULL;
	if (f->all_linked != NULL && strcmp(f->all_linked, "false") == 0 && f->shipping == NULL) {
		p[(*n)++] = P_STR("orders_unlinked");
		return sql_tally.counter;
	}
	if (f->shipping != NULL && strcmp(f->shipping, "to_arrange") == 0 && f->all_linked == NULL) {
		p[(*n)++] = P_STR("orders_to_arrange");
		return sql_tally.counter;
	}
	return NULL;
}
