/* The orders list's filters, shared with what counts or exports the same rows (overview, Excel export). */
#ifndef API_ORDER_FILTER_H
#define API_ORDER_FILTER_H
#include <stdint.h>
#include "json/jread.h"

struct request;
struct page;
struct buf;
struct db_param;

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

/* Reads the list's query parameters; answers 422 and returns non-zero when any is wrong. */
int read_filter(struct request *r, struct jr *j, struct order_filter *f, struct page *pg, int *oldest);
/* Appends the fragment of each filter given to where (after sql_order_list.count or .select), its values
 * to p (room for 12); returns the count. */
int filter_sql(struct request *r, const struct order_filter *f, struct buf *where, struct db_param *p);

#endif
