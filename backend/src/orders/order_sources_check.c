/* At start, EXPLAIN of each orders-list source and of the list's columns, with every parameter bound. */
#include "orders/order_sources_check.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/log.h"
#include "db/db.h"
#include "statements.h"

#define MAX_PARAMS 16

static int explain(struct db *db, struct arena *a, const char *name, const char *select, const char *from)
{
	struct buf sql;
	buf_init(&sql, 0);
	buf_puts(&sql, "EXPLAIN ");
	buf_puts(&sql, select);
	buf_puts(&sql, from);
	struct db_param p[MAX_PARAMS];
	int np = 0;
	for (const char *c = sql.data; *c != '\0'; c++)
		if (*c == '?' && np++ < MAX_PARAMS)
			p[np - 1] = P_I64(0);
	struct db_rows rows;
	int n = np <= MAX_PARAMS ? db_query_text(db, a, sql.data, p, np, &rows) : -1;
	buf_free(&sql);
	if (n < 0)
		log_error("start", "check=order_source source=%s error=\"the orders list cannot read through it\"", name);
	return n < 0 ? -1 : 0;
}

int order_sources_check(struct db *db)
{
	const struct order_page_sql *s = &sql_order_page;
	const struct {
		const char *name;
		const struct order_source *src;
	} sources[] = {
		{ "from_orders", &s->from_orders }, { "by_status", &s->by_status }, { "by_status_slip", &s->by_status_slip },
		{ "by_slip", &s->by_slip }, { "by_number", &s->by_number }, { "from_words", &s->from_words },
		{ "walk_words", &s->walk_words }, { "walk_words_only", &s->walk_words_only },
		{ "from_words_only", &s->from_words_only }, { "from_words_status", &s->from_words_status },
		{ "walk_words_status", &s->walk_words_status }, { "from_unlinked", &s->from_unlinked },
		{ "unlinked_only", &s->unlinked_only },
		{ "by_phone", &s->by_phone }, { "by_status_phone", &s->by_status_phone },
	};
	struct arena a;
	arena_init(&a);
	int rc = 0;
	for (size_t i = 0; i < sizeof(sources) / sizeof(sources[0]); i++) {
		/* a source without the orders (the words alone) is read with its own columns only */
		const struct order_source *src = sources[i].src;
		const char *select = src == &s->walk_words_only || src == &s->from_words_only ? "SELECT w.order_id"
		                     : src == &s->unlinked_only ? "SELECT u.order_id" : s->columns;
		/* the word sources' from is a format: checked with one other word joined, and its signature */
		int words = src == &s->from_words || src == &s->walk_words || src == &s->walk_words_only ||
		            src == &s->from_words_only || src == &s->from_words_status || src == &s->walk_words_status;
		const char *joined = words ? arena_printf(&a, src->from, arena_printf(&a, s->word_join, 1, 1, 1, 1)) : NULL;
		const char *from = words ? arena_printf(&a, "%s%s", joined, s->word_sig) : src->from;
		if (explain(db, &a, sources[i].name, select, from) != 0)
			rc = -1;
	}
	arena_free(&a);
	return rc;
}
