/* Verifying TikTok's request signatures (HMAC-SHA256 over the sorted query, path and body) and signing webhooks. */
#include "verify.h"
#include "core/arena.h"
#include "core/buf.h"
#include "http/urlcode.h"
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct kv {
	const char *k;
	const char *v;
};

static int kv_cmp(const void *a, const void *b)
{
	return strcmp(((const struct kv *)a)->k, ((const struct kv *)b)->k);
}

/* Splits the raw query into decoded pairs, merging repeated keys; returns the count or -1. */
static int parse_query(struct arena *a, const char *query, struct kv **out)
{
	size_t cap = 1;
	for (const char *p = query; *p; p++)
		cap += *p == '&';
	struct kv *kv = arena_alloc(a, cap * sizeof(*kv));
	int n = 0;
	const char *p = query;
	while (*p) {
		size_t len = strcspn(p, "&");
		const char *eq = memchr(p, '=', len);
		size_t klen = eq != NULL ? (size_t)(eq - p) : len;
		char *k = url_decode(a, p, klen);
		char *v = eq != NULL ? url_decode(a, eq + 1, len - klen - 1) : arena_strdup(a, "");
		if (k == NULL || v == NULL)
			return -1;
		int merged = 0;
		for (int i = 0; i < n && !merged; i++)
			if (strcmp(kv[i].k, k) == 0) {
				kv[i].v = arena_printf(a, "%s,%s", kv[i].v, v);
				merged = 1;
			}
		if (!merged && *k != '\0') {
			kv[n].k = k;
			kv[n].v = v;
			n++;
		}
		p += len;
		if (*p == '&')
			p++;
	}
	qsort(kv, (size_t)n, sizeof(*kv), kv_cmp);
	*out = kv;
	return n;
}

char *sbv_string(struct arena *a, const char *secret, const char *path, const char *query,
                     const char *body, size_t body_len)
{
	struct kv *kv = NULL;
	int n = parse_query(a, query != NULL ? query : "", &kv);
	if (n < 0)
		return NULL;
	struct buf b;
	buf_init(&b, 0);
	buf_puts(&b, secret);
	buf_puts(&b, path);
	for (int i = 0; i < n; i++) {
		if (strcmp(kv[i].k, "sign") == 0 || strcmp(kv[i].k, "access_token") == 0)
			continue;
		buf_puts(&b, kv[i].k);
		buf_puts(&b, kv[i].v);
	}
	if (body != NULL && body_len > 0)
		buf_append(&b, body, body_len);
	buf_puts(&b, secret);
	char *s = arena_strndup(a, b.data, b.len);
	buf_free(&b);
	return s;
}

static void hmac_hex(const char *key, size_t keylen, const void *msg, size_t n, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	if (HMAC(EVP_sha256(), key, (int)keylen, msg, n, md, &mdlen) == NULL || mdlen != 32) {
		out[0] = '\0';
		return;
	}
	for (int i = 0; i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
}

void sbv_hmac(const char *secret, const char *s, size_t n, char out[65])
{
	hmac_hex(secret, strlen(secret), s, n, out);
}

static int matches(struct arena *a, const char *secret, const char *path, const char *query,
                   const char *body, size_t body_len, const char *given)
{
	char *s = sbv_string(a, secret, path, query, body, body_len);
	if (s == NULL)
		return 0;
	char want[65];
	sbv_hmac(secret, s, strlen(s), want);
	return want[0] != '\0' && strlen(given) == 64 && CRYPTO_memcmp(want, given, 64) == 0;
}

int sbv_check(struct arena *a, const char *secret, const char *path, const char *query,
                   const char *content_type, const char *body, size_t body_len, const char *given)
{
	if (given == NULL || *given == '\0')
		return 0;
	if (content_type != NULL && strncasecmp(content_type, "multipart/form-data", 19) == 0)
		body_len = 0;
	if (matches(a, secret, path, query, body, body_len, given))
		return 1;
	/* The official Node SDK leaves an empty {} body out of the string it signs. */
	return body_len == 2 && memcmp(body, "{}", 2) == 0 && matches(a, secret, path, query, NULL, 0, given);
}

void sbv_webhook_sign(const char *app_key, const char *app_secret, const char *body, size_t n, char out[65])
{
	size_t klen = strlen(app_key);
	char *msg = malloc(klen + n + 1);
	if (msg == NULL) {
		out[0] = '\0';
		return;
	}
	memcpy(msg, app_key, klen);
	memcpy(msg + klen, body, n);
	hmac_hex(app_secret, strlen(app_secret), msg, klen + n, out);
	free(msg);
}
