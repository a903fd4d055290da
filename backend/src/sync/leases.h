/* Leases left behind by a crashed worker, or by this one while the database was away: given back early. */
#ifndef SYNC_LEASES_H
#define SYNC_LEASES_H
#include <stdint.h>

struct arena;
struct db;

/* Ends now the leases of running jobs owned by "host:pid" workers of this host whose process is gone
 * (a SIGKILL, a crash): a restarted worker resumes them at once instead of after JOB_LEASE_SECONDS. */
void leases_release_dead(struct db *db, struct arena *a, const char *host);

/* A job whose outcome could not be stored (the database went away mid-job): its lease is ended as soon
 * as the database answers again, so the job runs again from its stored cursor. */
struct lease_debt {
	int64_t job_id;
};
void leases_remember(struct lease_debt *d, int64_t job_id);
void leases_settle(struct db *db, struct lease_debt *d, const char *owner);

#endif
