/* Retention of the audit log: the sync worker's housekeeping deletes rows older than their merchant keeps them. */
#include "audit/audit.h"
#include "core/log.h"
#include "db/db.h"
#include "statements.h"

/* Small batches keep each delete's locks short; the schedule comes back every few seconds for the rest. */
#define PURGE_BATCH_ROWS 500
#define PURGE_BATCHES 4

int audit_purge(struct db *db)
{
	int64_t total = 0;
	for (int i = 0; i < PURGE_BATCHES; i++) {
		struct db_param p[] = { P_I64(PURGE_BATCH_ROWS) };
		int64_t n = db_exec(db, STMT_AUDIT_PURGE, p, 1, NULL);
		if (n < 0)
			return -1;
		total += n;
		if (n < PURGE_BATCH_ROWS)
			break;
	}
	if (total > 0)
		log_info("audit_purge", "rows=%lld", (long long)total);
	return total > 0;
}
