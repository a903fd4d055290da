/* Multi-row statements assembled from the statement table's fragments (values always bound). */
#include "db/batch.h"
#include "core/arena.h"
#include "db/db.h"
#include <string.h>

#define BATCH_MAX_ROWS 512

const char *batch_text(struct arena *a, const struct batch_sql *sql, int k)
{
	size_t hl = strlen(sql->head), rl = strlen(sql->row), tl = strlen(sql->tail);
	char *t = arena_alloc(a, hl + (size_t)k * (rl + 2) + tl + 1), *o = t;
	memcpy(o, sql->head, hl);
	o += hl;
	for (int i = 0; i < k; i++) {
		if (i > 0) {
			memcpy(o, ", ", 2);
			o += 2;
		}
		memcpy(o, sql->row, rl);
		o += rl;
	}
	memcpy(o, sql->tail, tl + 1);
	return t;
}

int batch_exec(struct db *db, struct arena *a, const struct batch_sql *sql, const struct db_param *p, int n)
{
	int done = 0;
	for (int k = BATCH_MAX_ROWS; k >= 1; k /= 2)
		while (n - done >= k) {
			if (db_exec_text(db, batch_text(a, sql, k), p + (size_t)done * (size_t)sql->params, k * sql->params,
			                 NULL) < 0)
				return -1;
			done += k;
		}
	return 0;
}
