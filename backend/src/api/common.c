/* Helpers every api handler shares. */
#include "api/common.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include <stdlib.h>
#include <string.h>

/* A decimal query parameter in [min, max], or def when absent; -1 when malformed. */
static int query_int(struct request *r, const char *name, int64_t min, int64_t max, int64_t def, int64_t *out)
{
	const char *s = req_query(r, name);
	*out = def;
	if (s == NULL || *s == '\0')
		return 0;
	if (strlen(s) > 9)
		return -1;
	for (const char *p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return -1;
	int64_t v = strtoll(s, NULL, 10);
	if (v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int page_params(struct request *r, struct page *p)
{
	struct jr j;
	memset(&j, 0, sizeof(j));
	j.arena = r->arena;
	j.prefix = "";
	if (query_int(r, "page", 1, 1000000, 1, &p->page) != 0)
		jr_fail(&j, "page", "must be a whole number from 1 to 1000000");
	if (query_int(r, "per_page", 1, 200, 50, &p->per_page) != 0)
		jr_fail(&j, "per_page", "must be a whole number from 1 to 200");
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return -1;
	}
	p->offset = (p->page - 1) * p->per_page;
	return 0;
}

void list_open(struct jw *w)
{
	jw_obj_open(w, NULL);
	jw_arr_open(w, "items");
}

void list_close(struct jw *w, const struct page *p, int64_t total)
{
	jw_arr_close(w);
	jw_int(w, "page", p->page);
	jw_int(w, "per_page", p->per_page);
	jw_int(w, "total", total);
	jw_obj_close(w);
}

void fail_db(struct request *r)
{
	resp_error(r, 500, "database_error", "The database could not complete the request; please try again.");
}
