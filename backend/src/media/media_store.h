/* Uploaded files (product images) behind one small interface: features store and name files through it, never through
 * the file system, so the local directory (today's store) can give way to an object store shared by many web hosts. */
#ifndef MEDIA_MEDIA_STORE_H
#define MEDIA_MEDIA_STORE_H
#include <stddef.h>

struct arena;
struct config;

/* Stores len bytes as key ("products/<sha256>.jpg": content-addressed, so a key once stored never changes) unless it
 * is stored already; readers never see half a file. 0 stored or present, -1 failed (errno says why). */
int media_put(const struct config *cfg, struct arena *a, const char *key, const void *data, size_t len);
/* Reads the file stored as key into the arena (*len bytes). 0 read, -1 absent or failed (errno says why). Keys under
 * "private/" (shipping labels) are never served by the web hosts: only the API reads them out, to their owner. */
int media_get(const struct config *cfg, struct arena *a, const char *key, const void **data, size_t *len);
/* The URL the app hands out for key (the web hosts serve it). */
const char *media_url(struct arena *a, const char *key);

#endif
