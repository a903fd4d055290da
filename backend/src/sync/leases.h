/* Leases left behind by a crashed worker, or by this one while the database was away: given back early. */
#ifndef SYNC_LEASES_H
#define SYNC_LEASES_H
#include <stdint.h>

struct arena;
struct db;

/* Ends now the leases of running jobs owned by "host:pid" workers of this host whose process is gone
 * (a SIGKILL, a crash): a restarted worker resumes them at once instead of after JOB_LEASE_SECONDS. */
void leases_release_dead(struct db *db, struct arena *a, const char *host);

/* Jobs whose outcome could not be stored (the database went away mid-job): their leases are ended as soon
 * as the database answers again, so the jobs run again from their stored cursors (beyond LEASE_DEBT_MAX, at the
 * end of their leases). */
#define LEASE_DEBT_MAX 64 /* at least the jobs a worker runs together */
struct lease_debt {
	int64_t job_id[LEASE_DEBT_MAX];
	int n;
};
void leases_remember(struct lease_debt *d, int64_t job_id);
void leases_settle(struct db *db, struct lease_debt *d, const char *owner);

#endif
