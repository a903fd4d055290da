/* Read replicas for the api: a ROUTE_REPLICA read of a merchant runs on the replica only once the replica has applied
 * that merchant's last write (a GTID kept on the primary), so nobody sees their own change disappear; else the primary. */
#include "api/replica.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"

int api_replica_ok(struct request *r)
{
	struct db_param p[] = { P_I64(r->auth.merchant_id) };
	struct db_rows rows;
	int n = db_query(r->db, r->arena, STMT_WRITE_GET, p, 1, &rows);
	if (n < 0)
		return 0;
	if (n == 0)
		return db_query(r->replica, r->arena, STMT_HEALTH, NULL, 0, &rows) == 1; /* no write yet: reachable is enough */
	struct db_param g[] = { P_STR(db_cell(&rows, 0, WRITE_GET_GTID)) };
	return db_query(r->replica, r->arena, STMT_REPLICA_WAIT, g, 1, &rows) == 1 &&
	       db_cell_i64(&rows, 0, REPLICA_WAIT_RESULT) == 0;
}

void api_after_write(struct request *r)
{
	struct db_param p[] = { P_I64(r->auth.merchant_id) };
	db_exec(r->db, STMT_WRITE_MARK, p, 1, NULL);
}

/* The heartbeat's age on the replica minus its age on the primary: how far the replica is behind, whatever the beat's
 * interval. */
int api_replica_lag_ms(struct request *r, int64_t *lag_ms)
{
	struct db_rows on_replica, on_primary;
	if (r->replica == NULL || db_query(r->replica, r->arena, STMT_HEARTBEAT_AGE, NULL, 0, &on_replica) != 1 ||
	    db_query(r->db, r->arena, STMT_HEARTBEAT_AGE, NULL, 0, &on_primary) != 1)
		return -1;
	int64_t lag = db_cell_i64(&on_replica, 0, HEARTBEAT_AGE_MS) - db_cell_i64(&on_primary, 0, HEARTBEAT_AGE_MS);
	*lag_ms = lag > 0 ? lag : 0;
	return 0;
}
