/* Database layer: one MariaDB connection, prepared statements only, cached by id from a
 * statement table; reconnects and re-prepares after a lost connection.
 * Functions return below 0 on failure, 0 for "nothing" (no row, no change), above 0 otherwise. */
#ifndef DB_DB_H
#define DB_DB_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct arena;
struct db;

struct db_opts {
	const char *host;
	int port;
	const char *socket;   /* used instead of host:port when non-empty */
	const char *user;
	const char *password;
	const char *name;
	int statement_ms;     /* max_statement_time of the session; 0: none */
};

enum db_ptype { DBP_NULL, DBP_I64, DBP_STR };

struct db_param {
	enum db_ptype type;
	int64_t i;
	const char *s;
	size_t len;
};

#define P_I64(v) ((struct db_param){ DBP_I64, (int64_t)(v), NULL, 0 })
#define P_STR(v) ((struct db_param){ (v) != NULL ? DBP_STR : DBP_NULL, 0, (v), (v) != NULL ? strlen(v) : 0 })
#define P_STRN(v, n) ((struct db_param){ DBP_STR, 0, (v), (n) })
#define P_NULL ((struct db_param){ DBP_NULL, 0, NULL, 0 })

/* Query results, every cell as text (NULL for SQL NULL), owned by the caller's arena. */
struct db_rows {
	int nrows;
	int ncols;
	char **cells;          /* row-major */
	unsigned long *lens;
};

/* `sql` is the statement table: sql[id] is prepared the first time statement `id` runs. */
struct db *db_open(const struct db_opts *o, const char *const *sql, int nstmts);
void db_close(struct db *db);

/* Runs statement `id`; returns rows matched (>= 0; an UPDATE that changes nothing still counts
 * the rows it found) or -1. `insert_id` may be NULL. */
int64_t db_exec(struct db *db, int id, const struct db_param *p, int np, int64_t *insert_id);
/* Runs statement `id` and fetches every row; returns the row count (>= 0) or -1. */
int db_query(struct db *db, struct arena *a, int id, const struct db_param *p, int np, struct db_rows *out);

/* Like db_query, for a statement assembled at run time from the statement table's fixed fragments
 * (never from input: values are always bound). Prepared once per connection, cached by its text. */
int db_query_text(struct db *db, struct arena *a, const char *sql, const struct db_param *p, int np,
                  struct db_rows *out);
int64_t db_exec_text(struct db *db, const char *sql, const struct db_param *p, int np, int64_t *insert_id);

const char *db_cell(const struct db_rows *r, int row, int col);
int64_t db_cell_i64(const struct db_rows *r, int row, int col); /* 0 for NULL */

/* Prepares every statement of the table: 0 when all prepare and, when ncols is given, each has
 * ncols[id] result columns (0 for statements that return none); -1 otherwise (each failure logged).
 * Run at start so a broken statement, or a SELECT that changed shape, stops the binary before it serves. */
int db_prepare_all(struct db *db, const int *ncols);

int db_begin(struct db *db);
/* A transaction in READ COMMITTED (the session's REPEATABLE READ otherwise): its locking reads lock the rows
 * they return, not the gaps between them; for transactions that lock what they change explicitly. */
int db_begin_read_committed(struct db *db);
int db_commit(struct db *db);
void db_rollback(struct db *db);
/* MariaDB error number of the last failure (1062 duplicate key, 1213 deadlock, ...). */
unsigned db_errno(const struct db *db);
/* The last error says the server cannot be reached (down, restarting, connection lost): callers answer 503. */
int db_unavailable(const struct db *db);
/* Forgets the last error (the api workers call it before each request). */
void db_clear_error(struct db *db);

#define DB_ER_DUP_ENTRY 1062
#define DB_ER_LOCK_DEADLOCK 1213

/* After a transaction that failed and was rolled back: 1 when its last failure was a deadlock and attempt (1 after
 * the first run) is below tries, having paused a few milliseconds, more for each attempt and jittered (run again at
 * once, the two that deadlocked meet again in the same order); 0 otherwise. The one policy of every transaction the
 * app runs again after a deadlock. */
int db_deadlock_again(struct db *db, int attempt, int tries);

#endif
