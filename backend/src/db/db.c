/* Database layer over the MariaDB client: connect, prepared-statement cache, typed binds, text fetch. */
#include "db/db.h"
#include "core/alloc.h"
#include "core/arena.h"
#include "core/log.h"
#include <mysql.h>
#include <errmsg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* Enough for the texts one job or request cycles through: a page of the order store alone uses up to about 90 (up to
 * 10 sizes of each multi-row statement, db/batch.c), and slots taken in turn by fewer slots than that re-prepare
 * every one of them, each with a close, on every page. */
#define DB_TEXT_SLOTS 128

struct db {
	struct db_opts opts;
	MYSQL *conn;
	const char *const *sql;
	int nstmts;
	MYSQL_STMT **stmts;          /* the table's statements, then DB_TEXT_SLOTS built at run time */
	char *text_sql[DB_TEXT_SLOTS];
	size_t text_len[DB_TEXT_SLOTS]; /* compared first: texts of one statement in sizes share long prefixes */
	int text_next;               /* the slot a new text replaces next */
	int in_tx;
	unsigned last_errno;
};

static void drop_statements(struct db *db)
{
	for (int i = 0; i < db->nstmts + DB_TEXT_SLOTS; i++)
		if (db->stmts[i] != NULL) {
			mysql_stmt_close(db->stmts[i]);
			db->stmts[i] = NULL;
		}
}

static void disconnect(struct db *db)
{
	drop_statements(db);
	if (db->conn != NULL)
		mysql_close(db->conn);
	db->conn = NULL;
	db->in_tx = 0;
}

static int connect_db(struct db *db)
{
	MYSQL *c = mysql_init(NULL);
	if (c == NULL)
		return -1;
	unsigned timeout = 5;
	my_bool no = 0;
	mysql_optionsv(c, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_optionsv(c, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_optionsv(c, MYSQL_OPT_RECONNECT, &no);
	char init[200];
	snprintf(init, sizeof(init), "SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ENGINE_SUBSTITUTION', "
	         "max_statement_time = %d.%03d", db->opts.statement_ms / 1000, db->opts.statement_ms % 1000);
	mysql_optionsv(c, MYSQL_INIT_COMMAND, init);
	const char *sock = db->opts.socket != NULL && *db->opts.socket ? db->opts.socket : NULL;
	if (mysql_real_connect(c, sock ? NULL : db->opts.host, db->opts.user, db->opts.password,
	                       db->opts.name, (unsigned)db->opts.port, sock, CLIENT_FOUND_ROWS) == NULL) {
		db->last_errno = mysql_errno(c);
		log_error("db_connect", "errno=%u error=\"%s\"", mysql_errno(c), mysql_error(c));
		mysql_close(c);
		return -1;
	}
	db->conn = c;
	return 0;
}

struct db *db_open(const struct db_opts *o, const char *const *sql, int nstmts)
{
	struct db *db = xcalloc(1, sizeof(*db));
	db->opts = *o;
	db->sql = sql;
	db->nstmts = nstmts;
	db->stmts = xcalloc((size_t)(nstmts + DB_TEXT_SLOTS), sizeof(MYSQL_STMT *));
	connect_db(db); /* a failure here is retried on first use */
	return db;
}

void db_close(struct db *db)
{
	if (db == NULL)
		return;
	disconnect(db);
	for (int i = 0; i < DB_TEXT_SLOTS; i++)
		free(db->text_sql[i]);
	free(db->stmts);
	free(db);
}

static int is_connection_lost(unsigned e)
{
	return e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST || e == CR_SERVER_LOST_EXTENDED ||
	       e == CR_CONNECTION_ERROR || e == 1927 /* ER_CONNECTION_KILLED */;
}

int db_unavailable(const struct db *db)
{
	unsigned e = db->last_errno;
	return is_connection_lost(e) || e == CR_CONN_HOST_ERROR || e == CR_UNKNOWN_HOST ||
	       e == 1053 /* ER_SERVER_SHUTDOWN */;
}

void db_clear_error(struct db *db)
{
	db->last_errno = 0;
}

static int ensure_connected(struct db *db)
{
	if (db->conn != NULL)
		return 0;
	return connect_db(db);
}

static MYSQL_STMT *statement(struct db *db, int id)
{
	if (id < 0 || id >= db->nstmts + DB_TEXT_SLOTS)
		abort();
	if (db->stmts[id] != NULL)
		return db->stmts[id];
	const char *text = id < db->nstmts ? db->sql[id] : db->text_sql[id - db->nstmts];
	MYSQL_STMT *st = mysql_stmt_init(db->conn);
	if (st == NULL) {
		db->last_errno = mysql_errno(db->conn);
		return NULL;
	}
	if (mysql_stmt_prepare(st, text, strlen(text)) != 0) {
		db->last_errno = mysql_stmt_errno(st);
		log_error("db_prepare", "stmt=%d errno=%u error=\"%s\"", id, mysql_stmt_errno(st), mysql_stmt_error(st));
		mysql_stmt_close(st);
		return NULL;
	}
	db->stmts[id] = st;
	return st;
}

static int bind_params(MYSQL_STMT *st, const struct db_param *p, int np, MYSQL_BIND *b)
{
	if ((unsigned long)np != mysql_stmt_param_count(st))
		abort(); /* a programming error: the statement table and the call disagree */
	for (int i = 0; i < np; i++) {
		memset(&b[i], 0, sizeof(b[i]));
		switch (p[i].type) {
		case DBP_NULL:
			b[i].buffer_type = MYSQL_TYPE_NULL;
			break;
		case DBP_I64:
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = (void *)&p[i].i;
			break;
		case DBP_STR:
			b[i].buffer_type = MYSQL_TYPE_STRING;
			b[i].buffer = (void *)p[i].s;
			b[i].buffer_length = (unsigned long)p[i].len;
			break;
		}
	}
	return np > 0 ? (mysql_stmt_bind_param(st, b) ? -1 : 0) : 0;
}

/* Prepares (if needed), binds and executes; on a lost connection outside a transaction
 * reconnects, re-prepares and tries once more. */
static MYSQL_STMT *run(struct db *db, int id, const struct db_param *p, int np)
{
	MYSQL_BIND binds[np > 0 ? np : 1];
	for (int attempt = 0; attempt < 2; attempt++) {
		if (ensure_connected(db) != 0)
			return NULL;
		MYSQL_STMT *st = statement(db, id);
		unsigned e;
		if (st != NULL && bind_params(st, p, np, binds) == 0 && mysql_stmt_execute(st) == 0)
			return st;
		/* a prepare that failed left its error in last_errno (its handle is closed): a connection lost while the
		 * worker was idle shows first there, when its next statement is one it never prepared */
		e = st != NULL ? mysql_stmt_errno(st) : db->last_errno;
		if (e != 0)
			db->last_errno = e;
		if (!is_connection_lost(e))
			break;
		int was_in_tx = db->in_tx;
		log_warn("db_reconnect", "stmt=%d errno=%u in_transaction=%d", id, e, was_in_tx);
		disconnect(db);
		if (was_in_tx)
			break; /* the transaction is gone: the caller must fail the request */
	}
	if (db->conn != NULL && db->stmts[id] != NULL)
		log_error("db_execute", "stmt=%d errno=%u error=\"%s\"", id, db->last_errno, mysql_stmt_error(db->stmts[id]));
	return NULL;
}

int64_t db_exec(struct db *db, int id, const struct db_param *p, int np, int64_t *insert_id)
{
	MYSQL_STMT *st = run(db, id, p, np);
	if (st == NULL)
		return -1;
	int64_t affected = (int64_t)mysql_stmt_affected_rows(st);
	if (insert_id != NULL)
		*insert_id = (int64_t)mysql_stmt_insert_id(st);
	mysql_stmt_free_result(st);
	return affected;
}

/* Fetches every row of an executed statement into out, cells copied into the arena. */
static int fetch_rows(MYSQL_STMT *st, struct arena *a, int ncols, struct db_rows *out)
{
	if (mysql_stmt_store_result(st) != 0)
		return -1;
	int nrows = (int)mysql_stmt_num_rows(st);
	size_t nc = ncols > 0 ? (size_t)ncols : 1;
	MYSQL_BIND *binds = arena_alloc(a, sizeof(MYSQL_BIND) * nc);
	unsigned long *lens = arena_alloc(a, sizeof(unsigned long) * nc);
	my_bool *nulls = arena_alloc(a, sizeof(my_bool) * nc);
	char *small = arena_alloc(a, 256 * nc);
	for (int c = 0; c < ncols; c++) {
		binds[c].buffer_type = MYSQL_TYPE_STRING;
		binds[c].buffer = small + 256 * c;
		binds[c].buffer_length = 256;
		binds[c].length = &lens[c];
		binds[c].is_null = &nulls[c];
	}
	if (ncols > 0 && mysql_stmt_bind_result(st, binds) != 0)
		return -1;
	out->ncols = ncols;
	out->cells = arena_alloc(a, sizeof(char *) * (size_t)(nrows * ncols + 1));
	out->lens = arena_alloc(a, sizeof(unsigned long) * (size_t)(nrows * ncols + 1));
	int row = 0;
	for (;;) {
		int f = mysql_stmt_fetch(st);
		if (f == MYSQL_NO_DATA)
			break;
		if (f == 1 || row >= nrows)
			return -1;
		for (int c = 0; c < ncols; c++) {
			int k = row * ncols + c;
			if (nulls[c]) {
				out->cells[k] = NULL;
				continue;
			}
			char *cell = arena_alloc(a, lens[c] + 1);
			if (lens[c] <= 256) {
				memcpy(cell, small + 256 * c, lens[c]);
			} else {
				MYSQL_BIND big;
				memset(&big, 0, sizeof(big));
				big.buffer_type = MYSQL_TYPE_STRING;
				big.buffer = cell;
				big.buffer_length = lens[c] + 1;
				if (mysql_stmt_fetch_column(st, &big, (unsigned)c, 0) != 0)
					return -1;
			}
			cell[lens[c]] = '\0';
			out->cells[k] = cell;
			out->lens[k] = lens[c];
		}
		row++;
	}
	out->nrows = row;
	return row;
}

int db_query(struct db *db, struct arena *a, int id, const struct db_param *p, int np, struct db_rows *out)
{
	memset(out, 0, sizeof(*out));
	MYSQL_STMT *st = run(db, id, p, np);
	if (st == NULL)
		return -1;
	int rc = -1;
	MYSQL_RES *meta = mysql_stmt_result_metadata(st);
	if (meta != NULL)
		rc = fetch_rows(st, a, (int)mysql_num_fields(meta), out);
	if (meta != NULL)
		mysql_free_result(meta);
	if (rc < 0) {
		/* A statement stopped while its rows came (max_statement_time, a lost server) leaves the connection out of
		 * step with the protocol: the next statement on it would wait for an answer forever. It is closed (a
		 * transaction on it is gone; the caller fails the request) and the next statement connects again. */
		db->last_errno = mysql_stmt_errno(st);
		log_error("db_fetch", "stmt=%d errno=%u error=\"%s\"", id, mysql_stmt_errno(st), mysql_stmt_error(st));
		disconnect(db);
		return rc;
	}
	mysql_stmt_free_result(st);
	return rc;
}

/* The statement id of a text: its cache slot, taken over from the oldest text when it is new. */
static int text_statement(struct db *db, const char *sql)
{
	int slot = -1;
	size_t len = strlen(sql);
	for (int i = 0; i < DB_TEXT_SLOTS && slot < 0; i++)
		if (db->text_sql[i] != NULL && db->text_len[i] == len && memcmp(db->text_sql[i], sql, len) == 0)
			slot = i;
	if (slot < 0) {
		slot = db->text_next;
		db->text_next = (db->text_next + 1) % DB_TEXT_SLOTS;
		if (db->stmts[db->nstmts + slot] != NULL)
			mysql_stmt_close(db->stmts[db->nstmts + slot]);
		db->stmts[db->nstmts + slot] = NULL;
		free(db->text_sql[slot]);
		db->text_sql[slot] = xstrdup(sql);
		db->text_len[slot] = len;
	}
	return db->nstmts + slot;
}

int db_query_text(struct db *db, struct arena *a, const char *sql, const struct db_param *p, int np,
                  struct db_rows *out)
{
	return db_query(db, a, text_statement(db, sql), p, np, out);
}

int64_t db_exec_text(struct db *db, const char *sql, const struct db_param *p, int np, int64_t *insert_id)
{
	return db_exec(db, text_statement(db, sql), p, np, insert_id);
}

const char *db_cell(const struct db_rows *r, int row, int col)
{
	if (row < 0 || row >= r->nrows || col < 0 || col >= r->ncols)
		return NULL;
	return r->cells[row * r->ncols + col];
}

int64_t db_cell_i64(const struct db_rows *r, int row, int col)
{
	const char *s = db_cell(r, row, col);
	return s != NULL ? strtoll(s, NULL, 10) : 0;
}

int db_prepare_all(struct db *db, const int *ncols)
{
	if (ensure_connected(db) != 0)
		return -1;
	int rc = 0;
	for (int i = 0; i < db->nstmts; i++) {
		MYSQL_STMT *st = statement(db, i);
		if (st == NULL) {
			rc = -1;
			continue;
		}
		unsigned got = mysql_stmt_field_count(st);
		if (ncols != NULL && got != (unsigned)ncols[i]) {
			log_error("db_columns", "stmt=%d columns=%u expected=%d error=\"the statement's result columns and its "
			          "column enum in the statement table disagree\"", i, got, ncols[i]);
			rc = -1;
		}
	}
	return rc;
}

/* Starts a transaction, after `pre` (a statement for that transaction only) when not NULL; on a lost
 * connection reconnects and tries once more. */
static int begin(struct db *db, const char *pre)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		if (ensure_connected(db) != 0)
			return -1;
		/* START TRANSACTION rather than autocommit off and on again: one round trip per transaction less */
		if ((pre == NULL || mysql_real_query(db->conn, pre, strlen(pre)) == 0) &&
		    mysql_real_query(db->conn, "START TRANSACTION", 17) == 0) {
			db->in_tx = 1;
			return 0;
		}
		db->last_errno = mysql_errno(db->conn);
		if (!is_connection_lost(db->last_errno)) {
			log_error("db_begin", "errno=%u error=\"%s\"", db->last_errno, mysql_error(db->conn));
			return -1;
		}
		disconnect(db);
	}
	return -1;
}

int db_begin(struct db *db)
{
	return begin(db, NULL);
}

int db_begin_read_committed(struct db *db)
{
	return begin(db, "SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
}

int db_commit(struct db *db)
{
	if (db->conn == NULL)
		return -1;
	int rc = mysql_commit(db->conn) == 0 ? 0 : -1;
	if (rc != 0) {
		db->last_errno = mysql_errno(db->conn);
		log_error("db_commit", "errno=%u error=\"%s\"", db->last_errno, mysql_error(db->conn));
	}
	db->in_tx = 0;
	return rc;
}

void db_rollback(struct db *db)
{
	if (db->conn == NULL)
		return;
	mysql_rollback(db->conn);
	db->in_tx = 0;
}

unsigned db_errno(const struct db *db)
{
	return db->last_errno;
}

int db_deadlock_again(struct db *db, int attempt, int tries)
{
	if (db->last_errno != DB_ER_LOCK_DEADLOCK || attempt >= tries)
		return 0;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	struct timespec pause = { 0, (2L * attempt + now.tv_nsec / 1000 % 7) * 1000000L };
	nanosleep(&pause, NULL);
	return 1;
}
