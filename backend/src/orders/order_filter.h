/* The orders list's filters, shared with what counts or exports the same rows (overview, Excel export). */
#ifndef ORDERS_ORDER_FILTER_H
#define ORDERS_ORDER_FILTER_H
#include <stdint.h>
#include "json/jread.h"

struct request;
struct page;
struct order_page_query;

/* Filters of the list (NULL or 0: not filtered). */
struct order_filter {
	const char *channel;
	int64_t connection_id;
	const char *status;
	int64_t created_from, created_to;
	const char *q;
	const char *all_linked;      /* "true", "false" (has unlinked items) or NULL */
	const char *has_slip;                /* "true", "false" or NULL */
	const char *shipping;                /* "to_arrange", "awaiting_collection" or NULL */
	const char *label;                   /* "printed", "not_printed" or NULL */
	int number_later;            /* 1: a short phone prefix is planned as a phone alone and the page's statement
	                              * checks that no order has the digits as its number (else: planned again) */
};

/* Reads the list's query parameters (cursor: NULL or the one given); answers 422 and returns non-zero when
 * any is wrong. */
int read_filter(struct request *r, struct jr *j, struct order_filter *f, struct page *pg, int *oldest,
                const char **cursor);
/* The list's rows under f as a query for orders/order_page.h (source, filters, values, how it is counted);
 * returns 1 for a name search without a word to look for (the caller answers), -1 when the database failed
 * (a name search reads how common its words are), else 0. */
int order_list_query(struct request *r, const struct order_filter *f, struct order_page_query *q);
/* The list's query under f (order_list_query) ready to run now: 1 when it may; else answers why not (the database's
 * error, 422 for a search with neither a word, a phone nor an order number in it, or 429 search_busy for a heavy
 * search while the merchant's others hold their share of the workers) and returns 0. */
int order_list_plan(struct request *r, const struct order_filter *f, int oldest, struct order_page_query *q);
/* The same again once the page's statement found the typed digits of f's short phone prefix to be an order's number
 * too (order_page_answer returned 1): the number checked first, the request's place in the share kept. */
int order_list_replan(struct request *r, struct order_filter *f, int oldest, struct order_page_query *q);

#endif
