/* HMAC-SHA256 hex digests over OpenSSL, and constant-time comparison. */
#include "crypto/hmac.h"
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <string.h>

void hmac_sha256_hex(const void *key, size_t keylen, const void *msg, size_t msglen, char out[HMAC_HEX_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	HMAC(EVP_sha256(), key, (int)keylen, msg, msglen, mac, &n);
	for (unsigned i = 0; i < 32; i++) {
		out[2 * i] = hex[mac[i] >> 4];
		out[2 * i + 1] = hex[mac[i] & 15];
	}
	out[HMAC_HEX_LEN] = '\0';
}

int ct_equal(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	if (na != nb)
		return 0;
	return CRYPTO_memcmp(a, b, na) == 0;
}
