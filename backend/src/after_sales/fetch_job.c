/* Job after_sales_fetch: the cancellation or return named by a status-change webhook, searched by its id and stored
 * at once (the webhook's own fields are not trusted for the state: a late one would move the request back). */
#include "after_sales/after_sales_jobs.h"
#include "connections/connection_tokens.h"
#include "sync/jobs.h"
#include <string.h>

struct job_result job_after_sales_fetch(struct worker *w, struct arena *a, const struct job *j)
{
	struct conn c;
	struct job_result stop;
	if (!job_open(w, a, j, &c, &stop))
		return stop;
	if (!c.sync_enabled || j->payload == NULL)
		return JOB_OK;
	const char *colon = strchr(j->payload, ':');
	if (colon == NULL)
		return (struct job_result){ JOB_FAILED, "job_invalid", "The request to fetch is not named.", 0 };
	enum tt_as_source src = strncmp(j->payload, "return:", 7) == 0 ? TT_AS_RETURN : TT_AS_CANCELLATION;
	return as_fetch_one(w, a, j, &c, src, colon + 1);
}
