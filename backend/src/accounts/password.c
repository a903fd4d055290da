/* Password hashing with yescrypt through crypt_r; verification in constant time. */
#include "accounts/password.h"
#include "core/alloc.h"
#include <crypt.h>
#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>

/* A real hash made once per process: checking against it costs what a real check costs. */
static char dummy_hash[256];

int password_hash(const char *password, char *out, size_t outlen)
{
	char salt[CRYPT_GENSALT_OUTPUT_SIZE];
	if (crypt_gensalt_rn("$y$", 0, NULL, 0, salt, sizeof(salt)) == NULL)
		return -1;
	struct crypt_data *cd = xcalloc(1, sizeof(*cd));
	const char *h = crypt_r(password, salt, cd);
	int rc = -1;
	if (h != NULL && h[0] == '$' && strlen(h) < outlen) {
		memcpy(out, h, strlen(h) + 1);
		rc = 0;
	}
	free(cd);
	return rc;
}

int password_verify(const char *password, const char *hash)
{
	int known = hash != NULL && hash[0] == '$';
	if (!known && dummy_hash[0] == '\0' && password_hash("no account has this password", dummy_hash, sizeof(dummy_hash)) != 0)
		return 0;
	const char *setting = known ? hash : dummy_hash;
	struct crypt_data *cd = xcalloc(1, sizeof(*cd));
	const char *h = crypt_r(password, setting, cd);
	size_t n = strlen(setting);
	int ok = h != NULL && h[0] == '$' && strlen(h) == n && CRYPTO_memcmp(h, setting, n) == 0;
	free(cd);
	return known && ok;
}
