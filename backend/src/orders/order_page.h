/* One page of the orders list at any depth: totals from order_counts or capped, offsets for the first pages
 * (from either end), keyset cursors beyond. */
#ifndef ORDERS_ORDER_PAGE_H
#define ORDERS_ORDER_PAGE_H
#include "api/common.h"
#include "db/db.h"
#include "statements.h"

#define ORDER_TOTAL_CAP 10000     /* a total above it is answered as an estimate */
#define ORDER_OFFSET_MAX 10000    /* deeper pages go by cursor */
#define ORDER_TOTAL_COLUMNS 4     /* the most numbers a page's statement reads besides its rows: the first step of
                                   * its total (order_page_total_add, at most 3) and the plan's recheck */

/* The lists whose orders are counted per hour: none of them, every order, those with an unlinked line, the others,
 * those with a live export slip, the others, those in one status (hours_status). */
enum order_hours { HOURS_NONE, HOURS_ALL, HOURS_UNLINKED, HOURS_LINKED, HOURS_SLIP, HOURS_NO_SLIP, HOURS_STATUS };

struct order_page_query {
	const struct order_source *src;
	const char *where;                 /* filter fragments after src->from */
	struct db_param *p;                /* values of src->from and where */
	int n;
	const char *count_sql;             /* exact total from order_counts, or NULL for a capped count */
	const struct db_param *cp;
	int cn;
	const char *complement_where;      /* with count_sql: the filters of the rows it counts that this list leaves
	                                    * out; when they are few the total is count_sql's less them (same values) */
	int direct_first;                  /* with complement_where: this list's rows are the side expected to be few
	                                    * (orders with a slip), counted first; the complement only beyond the cap */
	const struct order_source *complement_src; /* the complement's source and values when not src, p, n */
	const struct db_param *complement_p;
	int complement_n;
	const struct order_source *count_src; /* the capped count's source when not src (a name search's walk) */
	enum order_hours hours;            /* which of the merchant's orders the list is when a deep page can skip whole
	                                    * hours by their counts (order_status_hours, order_unlinked_hours, …) before
	                                    * walking the rest of its offset */
	const char *hours_status;          /* with HOURS_STATUS: the status */
	int hours_first;                   /* with hours: the list leaves out orders that may come in runs of hours (a
	                                    * shop's new orders of an SKU not linked yet): skipped from the first page on */
	int none;                          /* 1: no order can match (known from a counter): no statement runs */
	int counted;                       /* 1: the total is `known`, counted already */
	int64_t known;
	int lower_bound;                   /* the count stopped before the end: the total is at least what it found */
	const char *lead_sql;              /* a name search's lead's entries (a word or a pair) in its dates, counted up
	                                    * to ORDER_SEARCH_WALK + 1 with the total: more make the total a lower bound */
	const struct db_param *lp;
	int ln;
	int lead_is_total;                 /* with lead_sql: the total is those entries (at most ORDER_SEARCH_WALK) */
	int64_t cap;                       /* a capped count's bound when not ORDER_TOTAL_CAP (beyond: a lower bound) */
	const char *recheck_sql;           /* a number that, above 0, makes the plan wrong (a short phone prefix searched
	                                    * as a phone alone, which an order has as its number): run with the total */
	const struct db_param *rp;
	int rn;
	int heavy;                         /* may read thousands of rows (common words together, a short phone prefix):
	                                    * one merchant runs a bounded number at once (http/share.h) */
	int oldest;
	int64_t page, per_page;
	const char *cursor;                /* NULL, or a next_cursor/prev_cursor of an earlier page */
};

/* The list's total: exact, or counted up to ORDER_TOTAL_CAP + 1 rows (*estimate when more, or when the count
 * was a lower bound); -1 on failure, 1 when the recheck found the plan wrong. */
int order_page_total(struct request *r, const struct order_page_query *q, int64_t *total, int *estimate);
/* The same in two halves, so that the total's first step shares a statement (the page's): the first adds the statements
 * of that step to b (at most ORDER_TOTAL_COLUMNS) and returns its first column (-1: none); after b ran, the second
 * reads their values from v and settles the total, running one more statement itself when the first step did not. */
struct count_batch;
int order_page_total_add(struct request *r, const struct order_page_query *q, struct count_batch *b);
int order_page_total_from(struct request *r, const struct order_page_query *q, const int64_t *v, int col,
                          int64_t *total, int *estimate);
/* Up to `limit` rows in the list's order (q->oldest): the first ones, or those after the row whose create time and
 * id are after[0], after[1]; read into arena a (one batch of an export at a time); -1 on failure. */
int order_page_rows_after(struct request *r, struct arena *a, const struct order_page_query *q, const int64_t *after,
                          int64_t limit, struct db_rows *out);

/* Answers the page (200), 422 for a page too deep or a bad cursor, 500/503 for the database, and returns 0; or
 * answers nothing and returns 1 when the recheck found the plan wrong (the caller plans again without it). */
int order_page_answer(struct request *r, const struct order_page_query *q, row_writer write);

#endif
