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
/* Runs n rows of parameters (sql->params each) in chunks of 512, 256, …, 1 rows: few texts exist to prepare, and a
 * page's rows of one table (800 name words of 100 orders) take a few statements, not a dozen. 512 rows of the widest
 * statement (35 parameters) stay under the protocol's 65,535 parameters. 0, or -1 on failure. */
int batch_exec(struct db *db, struct arena *a, const struct batch_sql *sql, const struct db_param *p, int n);

#endif
