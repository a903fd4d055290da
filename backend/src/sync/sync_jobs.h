/* A sync job as the API answers it, and starting one for a connection (the handlers of every feature that queues jobs). */
#ifndef SYNC_SYNC_JOBS_H
#define SYNC_SYNC_JOBS_H
#include <stdint.h>

struct request;
/* Writes the caller's sync job `id` as `key` (null when there is none); -1 on a database error. */
struct jw;
int write_job_of(struct request *r, struct jw *w, const char *key, int64_t id);
/* A sync job of the caller as the answer, wrapped in {"job": …} when `wrap`. */
void answer_job(struct request *r, int64_t id, int status, int wrap);
/* Starts a job of `kind` for the caller's connection, or answers the one already going (202 either way). */
void answer_enqueued(struct request *r, int64_t connection_id, const char *kind);

#endif
