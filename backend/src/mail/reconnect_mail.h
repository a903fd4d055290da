/* A connection that must be reconnected: its status changed and, once per episode, a mail to the store's owner. */
#ifndef MAIL_RECONNECT_MAIL_H
#define MAIL_RECONNECT_MAIL_H
#include <stdint.h>

struct db;
struct db_param;

/* Runs `stmt` (an UPDATE that sets the connection `conn_id` to reauth_required, with its params) in a transaction of
 * its own, and queues the "reconnect" mail to the owner when the connection was active before it: a refresh retried
 * or a second notification from TikTok finds it already waiting and queues nothing. The mail's link opens the shops'
 * settings under `public_url`. Returns rows matched by `stmt` (>= 0) or -1 (rolled back). */
int64_t reconnect_mark(struct db *db, const char *public_url, int64_t conn_id, int stmt, const struct db_param *p,
                       int np);

#endif
