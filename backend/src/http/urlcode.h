/* URL encoding and decoding of query-string values. */
#ifndef HTTP_URLCODE_H
#define HTTP_URLCODE_H
#include <stddef.h>

struct arena;

/* Decodes %XX and '+' (as space); returns NULL on a malformed escape. */
char *url_decode(struct arena *a, const char *s, size_t n);
/* Encodes everything but unreserved characters (RFC 3986). */
char *url_encode(struct arena *a, const char *s);
/* The decoded value of `name` in query string `qs`, or NULL. */
const char *query_get(struct arena *a, const char *qs, const char *name);
/* NULL when every name and value of `qs` decodes to strict UTF-8 without NUL; else a message for a 400
 * and its error code in *code. Run once per request on the query string (and on form bodies). */
const char *query_check(struct arena *a, const char *qs, const char **code);

#endif
