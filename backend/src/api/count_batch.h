/* Several one-number statements (counts, sums) run as one: SELECT (s1), (s2), … with their values in order. */
#ifndef API_COUNT_BATCH_H
#define API_COUNT_BATCH_H
#include "core/buf.h"
#include "db/db.h"
#include "http/request.h"

#define COUNT_BATCH_VALUES 256 /* values of all its statements together */

struct count_batch {
	struct buf sql;
	const char *first;              /* the first statement: run as it is when it is the only one */
	struct db_param p[COUNT_BATCH_VALUES];
	int n, ncols, failed;
};

void count_batch_init(struct count_batch *b);
/* Adds a statement answering one number in one row; returns its column, or -1 when the batch is full (the batch
 * then fails as a whole). */
int count_batch_add(struct count_batch *b, const char *sql, const struct db_param *p, int n);
/* Runs it (nothing to run: 0) and frees it; out[column] is each statement's number. -1 on failure. */
int count_batch_run(struct request *r, struct count_batch *b, int64_t *out);

#endif
