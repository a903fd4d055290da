/* A growable byte buffer that knows its maximum size. */
#ifndef CORE_BUF_H
#define CORE_BUF_H
#include <stddef.h>

struct buf {
	char *data;   /* always NUL-terminated when non-NULL */
	size_t len;
	size_t cap;
	size_t max;   /* 0: unbounded */
};

void buf_init(struct buf *b, size_t max);
int buf_append(struct buf *b, const void *p, size_t n); /* -1 if max would be exceeded */
int buf_puts(struct buf *b, const char *s);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);

#endif
