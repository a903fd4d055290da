/* Multi-row statements from a batch_sql (head, row repeated, tail), run in power-of-two chunks. */
#ifndef DB_BATCH_H
#define DB_BATCH_H

struct arena;
struct db;
struct db_param;
/* A statement stored a page at a time: its head, then its row fragment repeated once per row (comma-separated),
 * then its tail. */
struct batch_sql {
	const char *head, *row, *tail;
	int params;                          /* per row */
};

/* The statement text for k rows: head, row repeated k times (comma-separated), tail. */
const char *batch_text(struct arena *a, const struct batch_sql *sql, int k);
/* Runs n rows of parameters (sql->params each) in chunks of 64, 32, …, 1 rows, so few texts exist to
 * prepare. 0, or -1 on failure. */
int batch_exec(struct db *db, struct arena *a, const struct batch_sql *sql, const struct db_param *p, int n);

#endif
