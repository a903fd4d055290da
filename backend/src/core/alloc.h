/* Allocation that aborts on out-of-memory, so callers need no error path for it. */
#ifndef CORE_ALLOC_H
#define CORE_ALLOC_H
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif
