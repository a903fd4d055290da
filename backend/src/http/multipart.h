/* multipart/form-data bodies (RFC 7578) read into their parts: name, filename, content type and bytes (not copied). */
#ifndef HTTP_MULTIPART_H
#define HTTP_MULTIPART_H
#include <stddef.h>

struct arena;

struct mp_part {
	const char *name, *filename, *content_type; /* filename NULL for a plain field, content_type "" when absent */
	const char *data;                           /* points into the body */
	size_t len;
};

/* Splits body by the boundary its content type names. Returns the number of parts (at most max), or -1 when the
 * content type is not multipart/form-data with a boundary or the body is not well formed. */
int mp_parse(struct arena *a, const char *content_type, const char *body, size_t len, struct mp_part *parts, int max);
/* The first part called name, or NULL. */
const struct mp_part *mp_find(const struct mp_part *parts, int n, const char *name);

#endif
