/* Read replicas for the api (the dispatcher's replica_ok and after_write hooks, and the lag for /health). */
#ifndef API_REPLICA_H
#define API_REPLICA_H
#include <stdint.h>

struct request;

/* 1 when this ROUTE_REPLICA request may read the replica: it answers and has applied the caller's last write. */
int api_replica_ok(struct request *r);
/* After a successful write request: records the merchant's last write (this connection's last GTID). */
void api_after_write(struct request *r);
/* How far the replica is behind the primary (ms, from the sync workers' heartbeat); -1 when there is no replica or
 * a server does not answer. */
int api_replica_lag_ms(struct request *r, int64_t *lag_ms);

#endif
