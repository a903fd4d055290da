/* One-time tokens: 256 random bits, so a plain SHA-256 is enough to store them (no salt or slow hash needed). */
#include "staff/one_time_token.h"
#include <openssl/evp.h>
#include <string.h>
#include <sys/random.h>

static void to_hex(const unsigned char *raw, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[raw[i] >> 4];
		out[2 * i + 1] = hex[raw[i] & 15];
	}
	out[2 * n] = '\0';
}

void ott_hash(const char *token, char hash[OTT_HEX_LEN + 1])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	EVP_Digest(token, strlen(token), md, &n, EVP_sha256(), NULL);
	to_hex(md, 32, hash);
}

int ott_new(char token[OTT_HEX_LEN + 1], char hash[OTT_HEX_LEN + 1])
{
	unsigned char raw[32];
	if (getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw))
		return -1;
	to_hex(raw, sizeof(raw), token);
	ott_hash(token, hash);
	return 0;
}
