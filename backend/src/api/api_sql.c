/* SQL of the shared API layer (health, read replicas, the read cache): its statements by id (enum stmt), each with
 * its result columns; times go out as Unix seconds (the session is UTC). */
#include "statements.h"

const struct sql_statement api_sql[STMT__MAX] = {
	[STMT_HEALTH] = {
		.ncols = ONE__NCOLS,
		.text = "SELECT 1",
	},
	/* merchant: this session's last committed transaction (@@last_gtid) becomes the merchant's last write, unless
	 * a later one (a higher sequence number) is already recorded */
	[STMT_WRITE_MARK] = {
		.text = "INSERT INTO merchant_writes (merchant_id, gtid) SELECT ?, @@last_gtid FROM DUAL WHERE @@last_gtid <> '' "
		        "ON DUPLICATE KEY UPDATE gtid = IF(CAST(SUBSTRING_INDEX(VALUES(gtid), '-', -1) AS UNSIGNED) > "
		        "CAST(SUBSTRING_INDEX(gtid, '-', -1) AS UNSIGNED), VALUES(gtid), gtid)",
	},
	/* merchant */
	[STMT_WRITE_GET] = {
		.ncols = WRITE_GET__NCOLS,
		.text = "SELECT gtid FROM merchant_writes WHERE merchant_id = ?",
	},
	/* gtid (on the replica): 0 once it has applied it, -1 when it has not within 50 ms */
	[STMT_REPLICA_WAIT] = {
		.ncols = REPLICA_WAIT__NCOLS,
		.text = "SELECT MASTER_GTID_WAIT(?, 0.05)",
	},
	/* (on the primary, by the sync workers) */
	[STMT_HEARTBEAT_BEAT] = {
		.text = "UPDATE replication_heartbeat SET beat = UTC_TIMESTAMP(6) WHERE id = 1",
	},
	/* (on the replica): the age of the last beat it applied, ms */
	[STMT_HEARTBEAT_AGE] = {
		.ncols = HEARTBEAT_AGE__NCOLS,
		.text = "SELECT CAST(TIMESTAMPDIFF(MICROSECOND, beat, UTC_TIMESTAMP(6)) / 1000 AS SIGNED) FROM replication_heartbeat WHERE id = 1",
	},
	/* merchant; each scope's version, the sum of its sessions' counters, raised by every committed change of what
	 * the scope shows (sql/0017); 0 before the first */
	[STMT_MERCHANT_VERSION] = {
		.ncols = MERCHANT_VERSION__NCOLS,
		.text = "SELECT CAST(COALESCE(SUM(IF(scope = 0, version, 0)), 0) AS SIGNED), "
		        "CAST(COALESCE(SUM(IF(scope = 1, version, 0)), 0) AS SIGNED) FROM merchant_versions WHERE merchant_id = ?",
	},
};
