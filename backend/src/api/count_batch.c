/* Several one-number statements run as one statement of scalar subqueries: one round trip and one plan for all. */
#include "api/count_batch.h"
#include <string.h>

void count_batch_init(struct count_batch *b)
{
	buf_init(&b->sql, 0);
	buf_puts(&b->sql, "SELECT ");
	b->first = NULL;
	b->n = 0;
	b->ncols = 0;
	b->failed = 0;
}

int count_batch_add(struct count_batch *b, const char *sql, const struct db_param *p, int n)
{
	if (b->failed || b->n + n > COUNT_BATCH_VALUES) {
		b->failed = 1;
		return -1;
	}
	if (b->ncols == 0)
		b->first = sql;
	buf_puts(&b->sql, b->ncols > 0 ? ", (" : "(");
	buf_puts(&b->sql, sql);
	buf_puts(&b->sql, ")");
	memcpy(b->p + b->n, p, sizeof(*p) * (size_t)n);
	b->n += n;
	return b->ncols++;
}

int count_batch_run(struct request *r, struct count_batch *b, int64_t *out)
{
	struct db_rows rows;
	int rc = b->failed ? -1 : 0;
	const char *sql = b->ncols == 1 ? b->first : b->sql.data;
	if (rc == 0 && b->ncols > 0 && db_query_text(r->db, r->arena, sql, b->p, b->n, &rows) != 1)
		rc = -1;
	for (int i = 0; rc == 0 && i < b->ncols; i++)
		out[i] = db_cell_i64(&rows, 0, i);
	buf_free(&b->sql);
	return rc;
}
