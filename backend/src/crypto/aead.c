/* AES-256-GCM sealing of short secrets (TikTok tokens) through OpenSSL's EVP interface. */
#include "crypto/aead.h"
#include "core/arena.h"
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <ctype.h>
#include <string.h>

#define NONCE 12
#define TAG 16

int aead_key_from_hex(const char *hex, unsigned char key[32])
{
	if (strlen(hex) != 64)
		return -1;
	for (int i = 0; i < 32; i++) {
		unsigned v = 0;
		for (int k = 0; k < 2; k++) {
			char c = (char)tolower((unsigned char)hex[2 * i + k]);
			if (c >= '0' && c <= '9')
				v = v * 16 + (unsigned)(c - '0');
			else if (c >= 'a' && c <= 'f')
				v = v * 16 + (unsigned)(c - 'a' + 10);
			else
				return -1;
		}
		key[i] = (unsigned char)v;
	}
	return 0;
}

char *aead_seal(struct arena *a, const unsigned char key[32], const char *plaintext)
{
	size_t n = strlen(plaintext);
	unsigned char *raw = arena_alloc(a, NONCE + n + TAG);
	char *out = NULL;
	int len = 0, fin = 0;
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	if (ctx == NULL || RAND_bytes(raw, NONCE) != 1)
		goto out;
	if (EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, raw) != 1 ||
	    EVP_EncryptUpdate(ctx, raw + NONCE, &len, (const unsigned char *)plaintext, (int)n) != 1 ||
	    EVP_EncryptFinal_ex(ctx, raw + NONCE + len, &fin) != 1 ||
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, TAG, raw + NONCE + n) != 1)
		goto out;
	size_t total = NONCE + n + TAG;
	out = arena_alloc(a, 3 + 4 * ((total + 2) / 3) + 1);
	memcpy(out, "v1.", 3);
	EVP_EncodeBlock((unsigned char *)out + 3, raw, (int)total);
out:
	EVP_CIPHER_CTX_free(ctx);
	return out;
}

char *aead_open(struct arena *a, const unsigned char key[32], const char *sealed)
{
	if (sealed == NULL || strncmp(sealed, "v1.", 3) != 0)
		return NULL;
	const char *b64 = sealed + 3;
	size_t blen = strlen(b64);
	if (blen == 0 || blen % 4 != 0)
		return NULL;
	unsigned char *raw = arena_alloc(a, blen / 4 * 3 + 1);
	int rawlen = EVP_DecodeBlock(raw, (const unsigned char *)b64, (int)blen);
	if (rawlen < 0)
		return NULL;
	int pad = (b64[blen - 1] == '=') + (b64[blen - 2] == '=');
	rawlen -= pad;
	if (rawlen < NONCE + TAG)
		return NULL;
	int n = rawlen - NONCE - TAG, len = 0, fin = 0;
	char *plain = arena_alloc(a, (size_t)n + 1);
	char *result = NULL;
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	if (ctx == NULL)
		return NULL;
	if (EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, raw) == 1 &&
	    EVP_DecryptUpdate(ctx, (unsigned char *)plain, &len, raw + NONCE, n) == 1 &&
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, TAG, raw + NONCE + n) == 1 &&
	    EVP_DecryptFinal_ex(ctx, (unsigned char *)plain + len, &fin) == 1) {
		plain[n] = '\0';
		result = plain;
	}
	EVP_CIPHER_CTX_free(ctx);
	return result;
}
