/* Request signing as TikTok Shop's 202309 API defines it. */
#include "tiktok/sign.h"
#include "core/buf.h"
#include "crypto/hmac.h"
#include <stdlib.h>
#include <string.h>

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct tt_kv *)a)->key, ((const struct tt_kv *)b)->key);
}

void tt_sign(const char *secret, const char *path, struct tt_kv *params, int n, const char *body, char out[65])
{
	qsort(params, (size_t)n, sizeof(*params), by_key);
	struct buf s;
	buf_init(&s, 0);
	buf_puts(&s, secret);
	buf_puts(&s, path);
	for (int i = 0; i < n; i++) {
		if (strcmp(params[i].key, "sign") == 0 || strcmp(params[i].key, "access_token") == 0)
			continue;
		buf_puts(&s, params[i].key);
		buf_puts(&s, params[i].value);
	}
	if (body != NULL)
		buf_puts(&s, body);
	buf_puts(&s, secret);
	hmac_sha256_hex(secret, strlen(secret), s.data, s.len, out);
	buf_free(&s);
}
