/* Route matching: segment by segment, {name} matches one non-empty segment; HEAD runs a GET route. */
#include "http/router.h"
#include "core/arena.h"
#include <string.h>

/* 1 if path matches pattern; captured segments go into m->params. */
static int match_one(const char *pattern, const char *path, struct arena *a, struct route_match *m)
{
	const char *p = pattern, *s = path;
	int n = 0;
	const char *caps[4];
	size_t caplens[4];
	while (*p != '\0' && *s != '\0') {
		if (*p != '/' || *s != '/')
			return 0;
		p++;
		s++;
		size_t plen = strcspn(p, "/");
		size_t slen = strcspn(s, "/");
		if (plen >= 2 && p[0] == '{' && p[plen - 1] == '}') {
			if (slen == 0 || n >= 4)
				return 0;
			caps[n] = s;
			caplens[n] = slen;
			n++;
		} else if (plen != slen || memcmp(p, s, plen) != 0) {
			return 0;
		}
		p += plen;
		s += slen;
	}
	if (*p != '\0' || *s != '\0')
		return 0;
	m->nparams = n;
	for (int i = 0; i < n; i++)
		m->params[i] = arena_strndup(a, caps[i], caplens[i]);
	return 1;
}

/* Adds a method to the Allow list once. */
static void allow(struct route_match *m, const char *method)
{
	size_t used = strlen(m->allowed);
	if (strstr(m->allowed, method) == NULL && used + strlen(method) + 3 < sizeof(m->allowed)) {
		if (used > 0)
			strcat(m->allowed, ", ");
		strcat(m->allowed, method);
	}
}

void router_match(const struct route *routes, size_t n, const char *method, const char *path,
                  struct arena *a, struct route_match *m)
{
	memset(m, 0, sizeof(*m));
	struct route_match probe;
	for (size_t i = 0; i < n; i++) {
		memset(&probe, 0, sizeof(probe));
		if (!match_one(routes[i].pattern, path, a, &probe))
			continue;
		if (strcmp(routes[i].method, method) == 0 ||
		    (strcmp(method, "HEAD") == 0 && strcmp(routes[i].method, "GET") == 0)) {
			*m = probe;
			m->route = &routes[i];
			return;
		}
		m->path_known = 1;
		allow(m, routes[i].method);
		if (strcmp(routes[i].method, "GET") == 0)
			allow(m, "HEAD");
	}
}
