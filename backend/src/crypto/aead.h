/* Secrets at rest: AES-256-GCM with a random nonce, stored as printable text. */
#ifndef CRYPTO_AEAD_H
#define CRYPTO_AEAD_H
#include <stddef.h>

struct arena;

/* Parses a 64-hex-character key into 32 bytes; 0 or -1. */
int aead_key_from_hex(const char *hex, unsigned char key[32]);
/* "v1." + base64(nonce | ciphertext | tag), in the arena; NULL on failure. */
char *aead_seal(struct arena *a, const unsigned char key[32], const char *plaintext);
/* The plaintext, in the arena; NULL when the text is not ours or was altered. */
char *aead_open(struct arena *a, const unsigned char key[32], const char *sealed);

#endif
