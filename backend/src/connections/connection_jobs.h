/* The connection jobs the sync worker runs (one file each). */
#ifndef CONNECTIONS_CONNECTION_JOBS_H
#define CONNECTIONS_CONNECTION_JOBS_H
#include "sync/job.h"

/* token_refresh: a new access token before the old one expires, or "reconnect needed". */
struct job_result job_token_refresh(struct worker *w, struct arena *a, const struct job *j);
/* shop_check: a light call that proves the token still works. */
struct job_result job_shop_check(struct worker *w, struct arena *a, const struct job *j);

#endif
