/* Statement ids and result columns of the shared API layer; the SQL is in api_sql.c. Read columns by these names. */
#ifndef API_API_SQL_H
#define API_API_SQL_H

#define API_STATEMENTS \
	STMT_HEALTH, STMT_WRITE_MARK, STMT_WRITE_GET, STMT_REPLICA_WAIT, STMT_HEARTBEAT_BEAT, STMT_HEARTBEAT_AGE, \
	STMT_MERCHANT_VERSION

/* STMT_MERCHANT_VERSION, sql/0017's scopes */
enum merchant_version_col { MERCHANT_VERSION_DATA, MERCHANT_VERSION_HEALTH, MERCHANT_VERSION__NCOLS };
/* Read replicas (sql/0012). */
enum write_get_col { WRITE_GET_GTID, WRITE_GET__NCOLS }; /* STMT_WRITE_GET */
enum replica_wait_col { REPLICA_WAIT_RESULT, REPLICA_WAIT__NCOLS }; /* STMT_REPLICA_WAIT */
enum heartbeat_age_col { HEARTBEAT_AGE_MS, HEARTBEAT_AGE__NCOLS }; /* STMT_HEARTBEAT_AGE */

#endif
