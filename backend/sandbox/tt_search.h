/* The keyset searches of the TikTok API (orders, packages): filters assembled with their values, the page query
 * parameters, and the run of one page (the count on the first page, the rows after the page token). */
#ifndef SANDBOX_TT_SEARCH_H
#define SANDBOX_TT_SEARCH_H
#include <stdint.h>
#include "core/buf.h"
#include "db/db.h"

struct request;
struct jr;

#define TT_SEARCH_MAX_PARAMS 16

/* A search being assembled: the fragments of the filters given, and their values. */
struct tt_search {
	struct buf where;
	struct db_param p[TT_SEARCH_MAX_PARAMS];
	int n;
};

/* page_size, sort_field, sort_order and page_token, and the total carried by the token. */
struct tt_paging {
	int64_t size;
	int by_update, asc;
	int has_token;
	int64_t key, id, total;
	const char *tag;
};

/* The search's SQL: select and count end in the shop filter; after binds the page token's (key, key, id) and order
 * then the page size, each [by update_time][ascending]. */
struct tt_search_sql {
	const char *select, *count;
	const char *const (*after)[2];
	const char *const (*order)[2];
};

void tt_search_init(struct tt_search *s);
void tt_search_free(struct tt_search *s);
void tt_search_add(struct tt_search *s, const char *fragment, struct db_param v);
/* A time bound of the body, added when given (null counts as not given). */
void tt_search_add_time(struct tt_search *s, struct jr *j, const char *field, const char *fragment);
/* Reads the page parameters: page_size up to max_size; sort_field create_time or update_time (or also
 * order_pay_time when pay_time is set, sorted as create_time); tags the token with kind. -1 when answered. */
int tt_read_paging(struct request *r, struct tt_paging *pg, int64_t max_size, int pay_time, char kind);
/* The page's rows (one more than the page size when there are more) into rows: the first page counts the matches
 * into pg->total; -1 when answered (database failure). */
int tt_search_page(struct request *r, struct tt_search *s, struct tt_paging *pg, const struct tt_search_sql *sql,
                   struct db_rows *rows);

#endif
