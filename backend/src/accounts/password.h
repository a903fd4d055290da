/* Password hashing with yescrypt through libcrypt's crypt_r (salted, slow). */
#ifndef ACCOUNTS_PASSWORD_H
#define ACCOUNTS_PASSWORD_H
#include <stddef.h>

/* Writes the hash string into out; 0 or -1. */
int password_hash(const char *password, char *out, size_t outlen);
/* 1 when password matches hash (compared in constant time), 0 otherwise. A NULL hash is
 * checked against a dummy so unknown accounts take as long as known ones. */
int password_verify(const char *password, const char *hash);

#endif
