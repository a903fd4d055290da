/* Retention of the audit log: the sync worker's housekeeping deletes rows older than their merchant keeps them. */
#include "audit/audit.h"
#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"
#include "statements.h"

/* Small batches keep each transaction short; the schedule comes back every few seconds for the rest. The rows are
 * picked by a plain read and deleted by primary key: a DELETE with the pick as its subquery would hold shared locks
 * on every merchant's end of the log, and the changes writing their rows there would deadlock with it. */
#define PURGE_BATCH_ROWS 500

int audit_purge(struct db *db, struct arena *a)
{
	struct db_param p[] = { P_I64(PURGE_BATCH_ROWS) };
	struct db_rows rows;
	int n = db_query(db, a, STMT_AUDIT_EXPIRED, p, 1, &rows);
	if (n <= 0)
		return n;
	if (db_begin(db) != 0)
		return -1;
	for (int i = 0; i < n; i++) {
		struct db_param d[] = { P_I64(db_cell_i64(&rows, i, ID_ID)) };
		if (db_exec(db, STMT_AUDIT_DELETE, d, 1, NULL) < 0) {
			db_rollback(db);
			return -1;
		}
	}
	if (db_commit(db) != 0) {
		db_rollback(db);
		return -1;
	}
	log_info("audit_purge", "rows=%d", n);
	return 1;
}
