/* JSON writer over yajl_gen with a sticky error: calls read like the document they write. */
#ifndef JSON_JWRITE_H
#define JSON_JWRITE_H
#include <stddef.h>
#include <stdint.h>
#include <yajl/yajl_gen.h>

struct jw {
	yajl_gen g;
	int err;
};

/* In every call `key` names the member inside an object and is NULL inside an array or at the top. */
void jw_init(struct jw *w);
void jw_free(struct jw *w);
void jw_obj_open(struct jw *w, const char *key);
void jw_obj_close(struct jw *w);
void jw_arr_open(struct jw *w, const char *key);
void jw_arr_close(struct jw *w);
void jw_str(struct jw *w, const char *key, const char *v);   /* NULL writes null */
void jw_strn(struct jw *w, const char *key, const char *v, size_t n);
void jw_int(struct jw *w, const char *key, int64_t v);
void jw_bool(struct jw *w, const char *key, int v);
void jw_null(struct jw *w, const char *key);
void jw_time(struct jw *w, const char *key, int64_t unix_seconds); /* ISO 8601 UTC; 0 writes null */
/* The finished document, or NULL if any call failed. */
const char *jw_result(struct jw *w, size_t *len);

#endif
