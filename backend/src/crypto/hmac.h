/* HMAC-SHA256 as lowercase hex, and a constant-time string comparison. */
#ifndef CRYPTO_HMAC_H
#define CRYPTO_HMAC_H
#include <stddef.h>

#define HMAC_HEX_LEN 64

/* Writes 64 hex characters and a NUL into out (65 bytes). */
void hmac_sha256_hex(const void *key, size_t keylen, const void *msg, size_t msglen, char out[HMAC_HEX_LEN + 1]);
/* 1 when a and b are equal; the time taken does not depend on where they differ. */
int ct_equal(const char *a, const char *b);

#endif
