/* The orders list's filters as SQL: read from the query string, the source each reads through (an index, the name
 * words, the orders with an unlinked line) and how the total is counted; shared by the list, its export and the
 * overview. */
#include "api/common.h"
#include "orders/order_filter.h"
#include "orders/order_page.h"
#include "core/buf.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "http/share.h"
#include "orders/phone.h"
#include "orders/order_status.h"
#include "orders/order_words.h"
#include "overview/tally.h"
#include <string.h>

int read_filter(struct request *r, struct jr *j, struct order_filter *f, struct page *pg, int *oldest,
                const char **cursor)
{
	query_errors_init(j, r);
	page_params(j, r, pg);
	f->channel = query_str(j, r, "channel", 16);
	if (f->channel != NULL && strcmp(f->channel, "tiktok") != 0)
		jr_reject_allowed(j, "channel", "tiktok", "must be tiktok (leave it out for all channels)");
	f->connection_id = query_int(j, r, "connection_id", 1, INT64_MAX, 0);
	f->status = query_str(j, r, "status", 32);
	if (f->status != NULL && !order_status_known(f->status))
		jr_fail(j, "status", "must be one of the codes listed by /api/v1/order-statuses");
	f->created_from = query_time(j, r, "created_from", 0);
	f->created_to = query_time(j, r, "created_to", 1);
	f->q = query_str(j, r, "q", 100);
	f->all_linked = query_str(j, r, "all_linked", 5);
	if (f->all_linked != NULL && strcmp(f->all_linked, "true") != 0 && strcmp(f->all_linked, "false") != 0)
		jr_reject(j, "all_linked", JR_not_a_boolean, "must be true or false");
	f->has_slip = query_str(j, r, "has_export_slip", 5);
	if (f->has_slip != NULL && strcmp(f->has_slip, "true") != 0 && strcmp(f->has_slip, "false") != 0)
		jr_reject(j, "has_export_slip", JR_not_a_boolean, "must be true or false");
	f->shipping = query_str(j, r, "shipping", 24);
	if (f->shipping != NULL && strcmp(f->shipping, "to_arrange") != 0 && strcmp(f->shipping, "awaiting_collection") != 0)
		jr_reject_allowed(j, "shipping", "to_arrange,awaiting_collection", "must be to_arrange or awaiting_collection");
	f->number_later = 0;
	f->label = query_str(j, r, "label", 16);
	if (f->label != NULL && strcmp(f->label, "printed") != 0 && strcmp(f->label, "not_printed") != 0)
		jr_reject_allowed(j, "label", "printed,not_printed", "must be printed or not_printed");
	const char *sort = query_str(j, r, "sort", 16);
	*oldest = sort != NULL && strcmp(sort, "created_at") == 0;
	if (sort != NULL && !*oldest && strcmp(sort, "-created_at") != 0)
		jr_reject_allowed(j, "sort", "-created_at,created_at", "must be -created_at (newest first) or created_at");
	*cursor = query_str(j, r, "cursor", 64);
	return query_errors_answer(j, r);
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

/* Totals by channel, connection and status (order_counts): the count statement and its values. */
struct exact_count {
	struct buf sql;
	struct db_param p[4];
	int n;
	size_t where_len;        /* the length of where made of these filters: longer means the total is capped */
};

static void exact_add(struct exact_count *c, const char *list_fragment, const char *count_fragment, struct db_param v)
{
	buf_puts(&c->sql, count_fragment);
	c->p[c->n++] = v;
	c->where_len += strlen(list_fragment);
}

/* Appends the fragment of each filter given to where, and its values to p (from the merchant's, which the
 * list's source ends with); returns the count. The total is exact while where holds only c's filters, which come
 * first (a slip filter's complement is those first c->where_len characters and the other slip fragment). */
static int filter_sql(struct request *r, const struct order_filter *f, const struct order_source *src, int phone_only,
                      struct buf *where, struct db_param *p, struct exact_count *c)
{
	const struct order_list_sql *q = &sql_order_list;
	const struct order_page_sql *k = &sql_order_page;
	int n = 0;
	p[n++] = P_I64(r->auth.merchant_id);
	c->p[c->n++] = P_I64(r->auth.merchant_id);
	buf_puts(&c->sql, k->counts);
	if (f->channel != NULL) {
		buf_puts(where, q->channel);
		p[n++] = P_STR(f->channel);
		exact_add(c, q->channel, k->count_channel, P_STR(f->channel));
	}
	if (f->connection_id > 0) {
		buf_puts(where, q->connection);
		p[n++] = P_I64(f->connection_id);
		exact_add(c, q->connection, k->count_connection, P_I64(f->connection_id));
	}
	if (f->status != NULL) {
		buf_puts(where, q->status);
		p[n++] = P_STR(f->status);
		exact_add(c, q->status, k->count_status, P_STR(f->status));
	}
	if (f->created_from > 0) {
		buf_puts(where, arena_printf(r->arena, q->created_from, src->time));
		p[n++] = P_I64(f->created_from);
	}
	if (f->created_to > 0) {
		buf_puts(where, arena_printf(r->arena, q->created_to, src->time));
		p[n++] = P_I64(f->created_to);
	}
	if (f->all_linked != NULL)
		buf_puts(where, strcmp(f->all_linked, "true") == 0 ? sql_order_all_linked : sql_order_has_unlinked);
	if (f->has_slip != NULL)
		buf_puts(where, f->has_slip[0] == 't' ? q->has_slip : q->no_slip);
	if (f->shipping != NULL)
		buf_puts(where, f->shipping[0] == 't' ? q->to_arrange : q->awaiting_collection);
	if (f->label != NULL)
		buf_puts(where, f->label[0] == 'p' ? q->label_printed : q->label_not_printed);
	const char *local = f->q != NULL ? phone_local(r->arena, f->q) : "";
	if (phone_only) {
		buf_puts(where, q->phone_prefix);
		p[n++] = P_STR(local);
	} else if (f->q != NULL && numeric_query(f->q) && *local != '\0') {
		buf_puts(where, q->number);
		p[n++] = P_STR(f->q);
		p[n++] = P_STR(local); /* digits only: nothing to escape */
	} else if (f->q != NULL && numeric_query(f->q)) {
		buf_puts(where, q->external);
		p[n++] = P_STR(f->q);
	} /* a name: the list's source is its words (name_source) */
	return n;
}

static void search_busy(struct request *r)
{
	resp_header(r, "Retry-After", "1");
	resp_error(r, 429, "search_busy", "Other searches of this shop's orders are running; try again in a moment.");
}

static void order_list_query_failed(struct request *r, int rc)
{
	if (rc < 0) {
		fail_db(r);
		return;
	}
	struct jr j;
	query_errors_init(&j, r);
	jr_fail(&j, "q", "must contain a word of the buyer's name, a phone number or an order number");
	query_errors_answer(&j, r);
}

#define SEARCH_WORDS 8 /* words of a name search used */
#define SEARCH_PAIRED 4 /* its first words whose beginnings are weighed as pairs too (at most 6 pairs) */
#define WEIGH_ENTRIES 32 /* a word's newest entry of this rank tells how common it is among the newest orders */
#define PHONE_PREFIX_LIGHT 6 /* local digits from which a phone prefix narrows to a few orders */

/* A name search: the word (or pair of word beginnings) it reads newest first and the words it checks on the same
 * order; all within the create times [from, to) of the list's date filter (the whole range without one). by_status:
 * the lead is common and the orders of the status filter in those times are few (at most ORDER_SEARCH_WALK): they are
 * read instead, each checked for every word. */
struct name_search {
	const char *lead;
	int64_t from, to;
	int common;                        /* the lead has WEIGH_ENTRIES entries or more: how many match is a guess */
	const char *also[SEARCH_WORDS];
	int nalso;
	int by_status;
};

/* A word or pair weighed: the create time of its entry of rank WEIGH_ENTRIES from the newest in the dates, 0 when it
 * has fewer. */
struct weight {
	const char *token;
	int word;                          /* index of the search word, or -1 for a pair */
	int64_t t;
};

/* Below 0 when x is the rarer: one with fewer entries than the rank, else the one whose entries reach further back
 * to it (fewer among the newest orders, where a page is read); on a tie a pair (it is two words), then the longer
 * word. */
static int64_t rarer(const struct weight *x, const struct weight *y)
{
	int64_t d = (x->t != 0) != (y->t != 0) ? (x->t != 0) - (y->t != 0) : x->t - y->t;
	if (d != 0)
		return d;
	if ((x->word < 0) != (y->word < 0))
		return x->word < 0 ? -1 : 1;
	return (int64_t)strlen(y->token) - (int64_t)strlen(x->token);
}

/* The words of q, then the pairs of its first SEARCH_PAIRED words' beginnings; returns the count. */
static int search_tokens(struct request *r, const char *const *w, int nw, struct weight *c)
{
	int n = 0;
	for (int i = 0; i < nw; i++)
		c[n++] = (struct weight){ .token = w[i], .word = i };
	for (int i = 0; i < nw && i < SEARCH_PAIRED; i++)
		for (int j = i + 1; j < nw && j < SEARCH_PAIRED; j++) {
			const char *pair = word_pair(r->arena, w[i], w[j]);
			int seen = pair == NULL;
			for (int k = nw; k < n && !seen; k++)
				seen = strcmp(c[k].token, pair) == 0;
			if (!seen)
				c[n++] = (struct weight){ .token = pair, .word = -1 };
		}
	return n;
}

/* The rarest word or pair of f's q leads; every word it does not say is checked, the rarest first. They are weighed
 * in one statement with the status filter's orders in those dates (counted up to ORDER_SEARCH_WALK + 1). Returns 0,
 * 1 when q has no word to look for, -1 when the database failed. */
static int name_search(struct request *r, const struct order_filter *f, struct name_search *s)
{
	const char *q = f->q;
	s->from = f->created_from > 0 ? f->created_from : 0;
	s->to = f->created_to > 0 ? f->created_to : INT64_MAX;
	const char **w;
	int nw = query_words(r->arena, q, &w);
	if (nw == 0)
		return 1;
	if (nw > SEARCH_WORDS)
		nw = SEARCH_WORDS;
	s->nalso = 0;
	s->by_status = 0;
	s->common = 0;
	s->lead = w[0];
	if (nw == 1 && f->status == NULL) /* nothing to choose */
		return 0;
	struct weight c[SEARCH_WORDS + SEARCH_PAIRED * (SEARCH_PAIRED - 1) / 2];
	int nc = search_tokens(r, w, nw, c), status = f->status != NULL;
	struct db_param *p = arena_alloc(r->arena, sizeof(*p) * 5 * (size_t)(nc + status));
	struct buf sql;
	buf_init(&sql, 0);
	buf_puts(&sql, "SELECT ");
	for (int i = 0; i < nc + status; i++) { /* the words and pairs, then the status's orders (column nc) */
		buf_puts(&sql, i > 0 ? ", " : "");
		buf_puts(&sql, i < nc ? sql_order_page.word_rank : sql_order_page.status_count);
		p[5 * i] = P_I64(r->auth.merchant_id);
		p[5 * i + 1] = P_STR(i < nc ? c[i].token : f->status);
		p[5 * i + 2] = P_I64(s->from);
		p[5 * i + 3] = P_I64(s->to);
		p[5 * i + 4] = P_I64(i < nc ? WEIGH_ENTRIES - 1 : ORDER_SEARCH_WALK + 1);
	}
	struct db_rows rows;
	int rc = db_query_text(r->db, r->arena, sql.data, p, 5 * (nc + status), &rows);
	buf_free(&sql);
	if (rc < 0)
		return -1;
	int lead = 0;
	for (int i = 0; i < nc; i++) {
		c[i].t = db_cell_i64(&rows, 0, i); /* NULL reads as 0 */
		if (i > 0 && rarer(&c[i], &c[lead]) < 0)
			lead = i;
	}
	s->lead = c[lead].token;
	s->common = c[lead].t != 0;
	s->by_status = status && s->common && db_cell_i64(&rows, 0, nc) <= ORDER_SEARCH_WALK;
	int order[SEARCH_WORDS];
	for (int i = 0; i < nw; i++) { /* the rarest first: an entry without it is left at the first check */
		if (!s->by_status && (i == c[lead].word || (c[lead].word < 0 && pair_says(s->lead, w[i]))))
			continue;
		int k = s->nalso++;
		for (; k > 0 && rarer(&c[order[k - 1]], &c[i]) > 0; k--) {
			order[k] = order[k - 1];
			s->also[k] = s->also[k - 1];
		}
		order[k] = i;
		s->also[k] = w[i];
	}
	return 0;
}

/* How a name search is counted: its lead's entries in the list's dates up to ORDER_SEARCH_WALK + 1, with the page
 * (more make the total a lower bound); with a word it does not say or another filter, the matches among the newest
 * ORDER_SEARCH_WALK of them. */
static void name_count(struct request *r, const struct name_search *s, int filtered, int status,
                       struct order_page_query *q)
{
	struct db_param *p = arena_alloc(r->arena, sizeof(*p) * 5);
	p[0] = P_I64(r->auth.merchant_id);
	p[1] = P_STR(s->lead);
	p[2] = P_I64(s->from);
	p[3] = P_I64(s->to);
	p[4] = P_I64(ORDER_SEARCH_WALK + 1);
	q->lead_sql = sql_order_page.word_count;
	q->lp = p;
	q->ln = 5;
	q->lead_is_total = !filtered && s->nalso == 0;
	if (!q->lead_is_total)
		q->count_src = !filtered ? &sql_order_page.walk_words_only
		               : status ? &sql_order_page.walk_words_status : &sql_order_page.walk_words;
}

/* A word source (its from a format) with the joins of a name search's n other words (each "AND wK.word = ?" in
 * where), so that an entry is checked for every word before its order is read; where's signature test (word_sig)
 * runs on the lead's entry first, so only the entries that may have every word are joined. */
static const struct order_source *with_words(struct request *r, const struct order_source *src, int n)
{
	struct buf joins;
	buf_init(&joins, 0);
	buf_puts(&joins, "");
	for (int k = 1; k <= n; k++)
		buf_puts(&joins, arena_printf(r->arena, sql_order_page.word_join, k, k, k, k));
	struct order_source *s = arena_alloc(r->arena, sizeof(*s));
	*s = (struct order_source){ arena_printf(r->arena, src->from, joins.data), src->id, src->time };
	buf_free(&joins);
	return s;
}

/* 1 when f keeps every order of the merchant. */
static int no_filter(const struct order_filter *f)
{
	return f->channel == NULL && f->connection_id == 0 && f->status == NULL && f->created_from == 0 &&
	       f->created_to == 0 && f->q == NULL && f->all_linked == NULL && f->has_slip == NULL && f->shipping == NULL &&
	       f->label == NULL;
}

/* 1 for no bound, or a bound at the start of a Vietnam day. */
static int day_bound(int64_t t)
{
	return t == 0 || (t + VIETNAM_UTC_OFFSET) % DAY_SECONDS == 0;
}

/* A date filter on whole Vietnam days, alone or with the shop or the channel (every order is TikTok's), is counted
 * exactly from order_days, and with a status too from order_slip_days (its rows are per status, day and shop):
 * rows of the days, not orders; returns the statement and its values, or NULL for any other filter. */
static const char *day_count(struct request *r, const struct order_filter *f, struct db_param **out, int *n)
{
	if (f->q != NULL || f->all_linked != NULL || f->has_slip != NULL || f->shipping != NULL || f->label != NULL ||
	    (f->created_from == 0 && f->created_to == 0) || !day_bound(f->created_from) || !day_bound(f->created_to))
		return NULL;
	const struct order_page_sql *k = &sql_order_page;
	struct db_param *p = arena_alloc(r->arena, sizeof(*p) * 5);
	struct buf sql;
	buf_init(&sql, 0);
	buf_puts(&sql, f->status != NULL ? k->status_day_counts : k->day_counts);
	*n = 0;
	p[(*n)++] = P_I64(r->auth.merchant_id);
	if (f->status != NULL)
		p[(*n)++] = P_STR(f->status);
	if (f->connection_id > 0) {
		buf_puts(&sql, k->day_connection);
		p[(*n)++] = P_I64(f->connection_id);
	}
	if (f->created_from > 0) {
		buf_puts(&sql, k->day_from);
		p[(*n)++] = P_I64((f->created_from + VIETNAM_UTC_OFFSET) / DAY_SECONDS);
	}
	if (f->created_to > 0) {
		buf_puts(&sql, k->day_to);
		p[(*n)++] = P_I64((f->created_to + VIETNAM_UTC_OFFSET) / DAY_SECONDS);
	}
	const char *text = arena_printf(r->arena, "%s", sql.data);
	buf_free(&sql);
	*out = p;
	return text;
}

/* 1 for a search by a phone prefix of a few digits: thousands of phones share it. */
static int short_phone_prefix(struct request *r, const char *q)
{
	if (q == NULL || !numeric_query(q))
		return 0;
	size_t digits = strlen(phone_local(r->arena, q));
	return digits > 0 && digits < PHONE_PREFIX_LIGHT;
}

/* For a short phone prefix: 1 when no order of the merchant has the typed digits as its number (the search is then
 * the prefix alone, which the keys answer without reading rows), 0 when one has, -1 when the database failed. */
static int prefix_only(struct request *r, const char *q)
{
	struct db_param p[] = { P_I64(r->auth.merchant_id), P_STR(q) };
	struct db_rows rows;
	if (db_query(r->db, r->arena, STMT_ORDER_NUMBER_TAKEN, p, 2, &rows) != 1)
		return -1;
	return db_cell_i64(&rows, 0, ONE_VALUE) == 0;
}

/* The orders' own source: through the order number and phone indexes for such a search (but a short phone prefix:
 * the list's own index, whose newest orders soon hold a page of matches, instead of sorting thousands of phones),
 * else through the status index when a status is filtered, else the live-slip index for the slip filter (each in
 * the list's order). */
static const struct order_source *orders_source(const struct order_filter *f, int short_prefix)
{
	if (f->q != NULL && numeric_query(f->q) && !short_prefix)
		return &sql_order_page.by_number;
	if (f->status != NULL)
		return f->has_slip != NULL ? &sql_order_page.by_status_slip : &sql_order_page.by_status;
	return f->has_slip != NULL ? &sql_order_page.by_slip : &sql_order_page.from_orders;
}

/* The merchant's orders with a line not linked to a product (the overview's counter) and all its orders
 * (order_counts); -1 when the database failed. */
static int unlinked_orders(struct request *r, int64_t *unlinked, int64_t *of)
{
	struct db_param p[] = { P_I64(r->auth.merchant_id), P_I64(r->auth.merchant_id) };
	struct db_rows rows;
	if (db_query(r->db, r->arena, STMT_UNLINKED_ORDERS, p, 2, &rows) != 1)
		return -1;
	*unlinked = db_cell_i64(&rows, 0, UNLINKED_ORDERS_N);
	*of = db_cell_i64(&rows, 0, UNLINKED_ORDERS_OF);
	return 0;
}

/* 1 when f filters on nothing but the links. */
static int links_only(const struct order_filter *f)
{
	struct order_filter rest = *f;
	rest.all_linked = NULL;
	return no_filter(&rest);
}

/* Which of the merchant's orders f keeps, when those are counted per hour. */
static enum order_hours hours_of(const struct order_filter *f)
{
	struct order_filter other = *f;
	other.all_linked = NULL;
	other.has_slip = NULL;
	other.status = NULL;
	int kinds = (f->all_linked != NULL) + (f->has_slip != NULL) + (f->status != NULL);
	if (!no_filter(&other) || kinds > 1)
		return HOURS_NONE;
	if (f->status != NULL)
		return HOURS_STATUS;
	if (f->all_linked != NULL)
		return strcmp(f->all_linked, "true") == 0 ? HOURS_LINKED : HOURS_UNLINKED;
	if (f->has_slip != NULL)
		return f->has_slip[0] == 't' ? HOURS_SLIP : HOURS_NO_SLIP;
	return HOURS_ALL;
}

/* The orders with an unlinked line under f's other filters: their key alone when those are only dates (or none). */
static const struct order_source *unlinked_source(const struct order_filter *f)
{
	int on_orders = f->channel != NULL || f->connection_id > 0 || f->status != NULL || f->q != NULL ||
	                f->has_slip != NULL || f->shipping != NULL || f->label != NULL;
	return on_orders ? &sql_order_page.from_unlinked : &sql_order_page.unlinked_only;
}

/* src with each order's row of order_unlinked joined (its primary key), for "every item linked" to keep the orders
 * without one: the orders' sources end in their WHERE. */
static const struct order_source *anti_joined(struct request *r, const struct order_source *src)
{
	const char *at = strstr(src->from, " WHERE ");
	for (const char *next = at; next != NULL; next = strstr(next + 1, " WHERE "))
		at = next;
	struct order_source *s = arena_alloc(r->arena, sizeof(*s));
	*s = (struct order_source){ arena_printf(r->arena, "%.*s%s%s", (int)(at - src->from), src->from,
	                                         sql_order_page.unlinked_join, at), src->id, src->time };
	return s;
}

/* "Every item linked": the list without the filter, each order then looked up in order_unlinked's primary key (an
 * anti-join: MariaDB runs it as one probe an order, cheaper than a subquery's). Its total is the other filters' exact
 * one (the counters) less their orders with an unlinked line, counted from order_unlinked's time key (beyond
 * ORDER_TOTAL_CAP of those, the list itself is counted, capped); without an exact one, counted capped. */
static void less_unlinked(struct request *r, const struct order_filter *f, struct order_page_query *q)
{
	q->where = arena_printf(r->arena, "%s%s", q->where, sql_order_page.no_unlinked);
	int exact = q->count_sql != NULL && q->complement_where == NULL && !q->counted && q->lead_sql == NULL;
	q->complement_where = NULL;
	q->complement_src = NULL;
	q->direct_first = 0;
	if (!exact) {
		q->count_sql = NULL;
		return;
	}
	if (links_only(f)) { /* both counters, exact */
		struct db_param *v = arena_alloc(r->arena, sizeof(*v) * 2);
		v[0] = P_I64(r->auth.merchant_id);
		v[1] = P_I64(r->auth.merchant_id);
		q->count_sql = sql_order_page.counts_linked;
		q->cp = v;
		q->cn = 2;
		return;
	}
	struct order_filter plain = *f;
	plain.all_linked = NULL;
	const struct order_source *src = unlinked_source(&plain);
	struct buf where;
	struct exact_count c = { .n = 0, .where_len = 0 };
	struct db_param *v = arena_alloc(r->arena, sizeof(*v) * 16);
	buf_init(&where, 0);
	buf_init(&c.sql, 0);
	buf_puts(&where, "");
	int n = filter_sql(r, &plain, src, 0, &where, v, &c);
	q->complement_src = src;
	q->complement_where = arena_printf(r->arena, "%s", where.data);
	q->complement_p = v;
	q->complement_n = n;
	buf_free(&where);
	buf_free(&c.sql);
}

int order_list_query(struct request *r, const struct order_filter *f, struct order_page_query *q)
{
	struct db_param *p = arena_alloc(r->arena, sizeof(struct db_param) * (4 + 16 + SEARCH_WORDS + 1));
	struct name_search ns = { .nalso = 0 };
	struct order_filter rest = *f; /* the filters left for where once the source has applied its own */
	struct order_filter counted = *f; /* the filters that decide how the total is counted */
	const struct order_source *src = NULL;
	int head = 0, named = f->q != NULL && !numeric_query(f->q), none = 0, linked = 0;
	int short_prefix = short_phone_prefix(r, f->q);
	int phone_only = !short_prefix ? 0 : f->number_later ? 1 : prefix_only(r, f->q);
	if (phone_only < 0)
		return -1;
	if (named) {
		int rc = name_search(r, f, &ns);
		if (rc != 0)
			return rc;
	}
	if (named && !ns.by_status) {
		p[0] = P_I64(r->auth.merchant_id);
		p[1] = P_STR(ns.lead);
		p[2] = P_I64(ns.from);
		p[3] = P_I64(ns.to);
		head = 4;
		int words_only = f->channel == NULL && f->connection_id == 0 && f->status == NULL && f->all_linked == NULL &&
		                 f->has_slip == NULL && f->shipping == NULL && f->label == NULL;
		src = words_only ? &sql_order_page.from_words_only
		      : f->status != NULL ? &sql_order_page.from_words_status : &sql_order_page.from_words;
		rest.created_from = 0; /* the word sources bound their entries by the dates already */
		rest.created_to = 0;
	} else if (f->all_linked != NULL) {
		int64_t unlinked, of;
		if (unlinked_orders(r, &unlinked, &of) < 0)
			return -1;
		int all = strcmp(f->all_linked, "true") == 0;
		/* every item linked: planned as the list without it, which it is when no order has an unlinked line; then
		 * each order probed and the total less the unlinked (less_unlinked), its pages skipping the hours without a
		 * linked order from the first page on */
		if (all) {
			rest.all_linked = NULL;
			counted.all_linked = NULL;
			linked = unlinked > 0;
		}
		/* nothing to read: no order has an unlinked line, or every order has one */
		none = all ? of > 0 && unlinked >= of : unlinked == 0;
		if (!all && !none && f->q == NULL) { /* an order number's or phone's keys narrow more: probed there */
			src = unlinked_source(f);
			rest.all_linked = NULL;
		}
	}
	struct buf where;
	struct exact_count *c = arena_alloc(r->arena, sizeof(*c));
	*c = (struct exact_count){ .n = 0, .where_len = 0 };
	buf_init(&where, 0);
	buf_init(&c->sql, 0);
	buf_puts(&where, "");
	buf_puts(&c->sql, "");
	if (src == NULL)
		src = orders_source(f, short_prefix);
	int n = head + filter_sql(r, &rest, src, phone_only, &where, p + head, c);
	int filtered = where.len > 0;
	for (int i = 0; i < ns.nalso; i++) {
		buf_puts(&where, ns.by_status ? sql_order_page.word_of_order : arena_printf(r->arena, sql_order_page.word_also, i + 1));
		p[n++] = P_STR(ns.also[i]);
	}
	if (!ns.by_status && ns.nalso > 0) { /* the lead's entries whose name certainly lacks another word are skipped */
		buf_puts(&where, sql_order_page.word_sig);
		p[n++] = P_I64((int64_t)word_signature(ns.also, ns.nalso));
	}
	int sourced = src == &sql_order_page.from_unlinked || src == &sql_order_page.unlinked_only; /* a filter of its own */
	int exact = head == 0 && !sourced && where.len == c->where_len;
	/* shop, channel or status with has_export_slip: order_counts' total less the orders on the slip filter's other
	 * side, when those are few (no slips yet, or a slip for nearly every order) */
	const char *slip = f->has_slip == NULL ? "" : f->has_slip[0] == 't' ? sql_order_list.has_slip : sql_order_list.no_slip;
	const char *other = f->has_slip == NULL ? "" : f->has_slip[0] == 't' ? sql_order_list.no_slip : sql_order_list.has_slip;
	int slip_only = head == 0 && !sourced && f->has_slip != NULL && where.len == c->where_len + strlen(slip);
	*q = (struct order_page_query){
		.src = src,
		.where = arena_printf(r->arena, "%s", where.data), .p = p, .n = n,
		.count_sql = exact || slip_only ? arena_printf(r->arena, "%s", c->sql.data) : NULL, .cp = c->p, .cn = c->n,
		.complement_where = slip_only ? arena_printf(r->arena, "%.*s%s", (int)c->where_len, where.data, other) : NULL,
		.direct_first = slip_only && f->has_slip[0] == 't',
		.none = none, .counted = none, .hours = hours_of(f), .hours_status = f->status,
		.hours_first = linked,
	};
	struct db_param *dp;
	int dn;
	const char *days = day_count(r, &counted, &dp, &dn);
	if (days != NULL) {
		q->count_sql = days;
		q->cp = dp;
		q->cn = dn;
	}
	const char *tally = days == NULL ? tally_list_count(r, &counted, &dp, &dn) : NULL;
	if (tally != NULL) { /* a tile's filter: the overview's counter, exact at any size */
		q->count_sql = tally;
		q->cp = dp;
		q->cn = dn;
		q->complement_where = NULL;
		q->complement_src = NULL;
	}
	if (linked)
		less_unlinked(r, f, q);
	if (named && !ns.by_status) { /* led by the status, its few orders are counted whole */
		name_count(r, &ns, filtered, f->status != NULL, q);
		q->src = with_words(r, q->src, ns.nalso);
		if (q->count_src != NULL)
			q->count_src = with_words(r, q->count_src, ns.nalso);
	}
	if (phone_only && q->count_sql == NULL) { /* its key's entries (within the status), up to the walk's bound */
		q->count_src = f->status != NULL ? &sql_order_page.by_status_phone : &sql_order_page.by_phone;
		q->cap = ORDER_SEARCH_WALK;
	} else if (short_prefix && q->count_sql == NULL) { /* the prefix or the order number: both keys, merged */
		q->count_src = &sql_order_page.by_number;
	}
	if (short_prefix && f->number_later) { /* the digits as an order's number: checked by the page's statement */
		struct db_param *np = arena_alloc(r->arena, sizeof(*np) * 2);
		np[0] = P_I64(r->auth.merchant_id);
		np[1] = P_STR(f->q);
		q->recheck_sql = arena_printf(r->arena, "(%s)", sql_statements[STMT_ORDER_NUMBER_TAKEN]);
		q->rp = np;
		q->rn = 2;
	}
	if (linked) { /* the sources of the page and of its count, with the anti-join of less_unlinked's where */
		q->src = anti_joined(r, q->src);
		if (q->count_src != NULL)
			q->count_src = anti_joined(r, q->count_src);
	}
	/* a common lead with other words to check (how far its walk goes is a guess), or a phone prefix of a few digits */
	q->heavy = named ? !ns.by_status && ns.common && ns.nalso > 0 : short_prefix;
	buf_free(&where);
	buf_free(&c->sql);
	return 0;
}

/* 1 for a search that may be heavy: words of a name (how common they are together is known only after counting
 * them, which costs about as much as a page), or a short phone prefix. */
static int maybe_heavy(struct request *r, const struct order_filter *f)
{
	const char **w;
	return f->q != NULL && (numeric_query(f->q) ? short_phone_prefix(r, f->q) : query_words(r->arena, f->q, &w) > 1);
}

/* order_list_plan; share: 0 when the request holds its place in the share as planned before already. */
static int plan(struct request *r, const struct order_filter *f, int oldest, struct order_page_query *q, int share)
{
	/* a search that may be heavy holds its place in the merchant's share from before it is weighed (weighing its
	 * words costs about as much as its page), so the share bounds what the merchant's searches take of the workers
	 * all along; while the share is full and another merchant waits it is refused at once, which costs the workers
	 * next to nothing; weighed light, it gives its place back */
	int held = share && maybe_heavy(r, f);
	if (held && !share_begin(r->auth.merchant_id)) {
		search_busy(r);
		return 0;
	}
	int rc = order_list_query(r, f, q);
	if (held && !q->heavy)
		share_release();
	if (rc != 0) {
		order_list_query_failed(r, rc);
		return 0;
	}
	q->oldest = oldest;
	return 1;
}

int order_list_plan(struct request *r, const struct order_filter *f, int oldest, struct order_page_query *q)
{
	return plan(r, f, oldest, q, 1);
}

int order_list_replan(struct request *r, struct order_filter *f, int oldest, struct order_page_query *q)
{
	f->number_later = 0;
	return plan(r, f, oldest, q, 0);
}
