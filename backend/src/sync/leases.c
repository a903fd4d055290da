/* Leases left behind: a crashed worker's (same host, its pid gone) and this worker's own when the database went away. */
#include "sync/leases.h"
#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"
#include "statements.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

/* The pid of an owner name "host:pid" when host is `host`; 0 otherwise. */
static pid_t local_pid(const char *owner, const char *host)
{
	size_t hl = strlen(host);
	if (owner == NULL || strncmp(owner, host, hl) != 0 || owner[hl] != ':')
		return 0;
	char *end;
	long pid = strtol(owner + hl + 1, &end, 10);
	return *end == '\0' && pid > 0 ? (pid_t)pid : 0;
}

/* The process is certainly gone: no such pid, or a zombie its parent has not reaped yet. */
static int gone(pid_t pid)
{
	if (kill(pid, 0) != 0)
		return errno == ESRCH;
	char path[64], stat[512];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return 0;
	size_t n = fread(stat, 1, sizeof(stat) - 1, f);
	fclose(f);
	stat[n] = '\0';
	const char *close = strrchr(stat, ')');
	return close != NULL && close[1] == ' ' && (close[2] == 'Z' || close[2] == 'X');
}

static int expire(struct db *db, int64_t job_id, const char *owner)
{
	struct db_param p[] = { P_I64(job_id), P_STR(owner) };
	return db_exec(db, STMT_JOB_LEASE_EXPIRE, p, 2, NULL) < 0 ? -1 : 0;
}

void leases_release_dead(struct db *db, struct arena *a, const char *host)
{
	char like[128];
	snprintf(like, sizeof(like), "%s:%%", host);
	struct db_param p[] = { P_STR(like) };
	struct db_rows rows;
	int n = db_query(db, a, STMT_JOB_LEASES_LIKE, p, 1, &rows);
	for (int i = 0; i < n; i++) {
		const char *owner = db_cell(&rows, i, JOB_LEASE_OWNER);
		pid_t pid = local_pid(owner, host);
		/* Only a pid that is certainly gone: a live one (or one we may not signal) keeps its lease. */
		if (pid == 0 || !gone(pid))
			continue;
		int64_t id = db_cell_i64(&rows, i, JOB_LEASE_ID);
		if (expire(db, id, owner) == 0)
			log_warn("lease_released", "job=%lld owner=%s reason=\"its worker is gone\"", (long long)id, owner);
	}
}

void leases_remember(struct lease_debt *d, int64_t job_id)
{
	if (d->n < LEASE_DEBT_MAX)
		d->job_id[d->n++] = job_id;
}

void leases_settle(struct db *db, struct lease_debt *d, const char *owner)
{
	int kept = 0;
	for (int i = 0; i < d->n; i++) {
		if (expire(db, d->job_id[i], owner) == 0)
			log_info("lease_released", "job=%lld owner=%s reason=\"its outcome could not be stored\"",
			         (long long)d->job_id[i], owner);
		else
			d->job_id[kept++] = d->job_id[i];
	}
	d->n = kept;
}
