/* JSON writer over yajl_gen with a sticky error. */
#include "json/jwrite.h"
#include "core/clock.h"
#include <string.h>

void jw_init(struct jw *w)
{
	w->g = yajl_gen_alloc(NULL);
	w->err = w->g == NULL;
}

void jw_free(struct jw *w)
{
	if (w->g != NULL)
		yajl_gen_free(w->g);
	w->g = NULL;
}

static void check(struct jw *w, yajl_gen_status st)
{
	if (st != yajl_gen_status_ok)
		w->err = 1;
}

static int key(struct jw *w, const char *k)
{
	if (w->err)
		return 0;
	if (k != NULL)
		check(w, yajl_gen_string(w->g, (const unsigned char *)k, strlen(k)));
	return !w->err;
}

void jw_obj_open(struct jw *w, const char *k)
{
	if (key(w, k))
		check(w, yajl_gen_map_open(w->g));
}

void jw_obj_close(struct jw *w)
{
	if (!w->err)
		check(w, yajl_gen_map_close(w->g));
}

void jw_arr_open(struct jw *w, const char *k)
{
	if (key(w, k))
		check(w, yajl_gen_array_open(w->g));
}

void jw_arr_close(struct jw *w)
{
	if (!w->err)
		check(w, yajl_gen_array_close(w->g));
}

void jw_strn(struct jw *w, const char *k, const char *v, size_t n)
{
	if (!key(w, k))
		return;
	if (v == NULL)
		check(w, yajl_gen_null(w->g));
	else
		check(w, yajl_gen_string(w->g, (const unsigned char *)v, n));
}

void jw_str(struct jw *w, const char *k, const char *v)
{
	jw_strn(w, k, v, v != NULL ? strlen(v) : 0);
}

void jw_int(struct jw *w, const char *k, int64_t v)
{
	if (key(w, k))
		check(w, yajl_gen_integer(w->g, (long long)v));
}

void jw_bool(struct jw *w, const char *k, int v)
{
	if (key(w, k))
		check(w, yajl_gen_bool(w->g, v != 0));
}

void jw_null(struct jw *w, const char *k)
{
	if (key(w, k))
		check(w, yajl_gen_null(w->g));
}

void jw_time(struct jw *w, const char *k, int64_t t)
{
	if (t == 0) {
		jw_null(w, k);
		return;
	}
	char iso[32];
	clock_iso8601(t, iso, sizeof(iso));
	jw_str(w, k, iso);
}

const char *jw_result(struct jw *w, size_t *len)
{
	const unsigned char *out;
	size_t n;
	if (w->err || yajl_gen_get_buf(w->g, &out, &n) != yajl_gen_status_ok)
		return NULL;
	*len = n;
	return (const char *)out;
}
