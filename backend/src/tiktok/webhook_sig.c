/* Webhook signature check: HMAC-SHA256 keyed with the app secret over app_key + raw body. */
#include "tiktok/webhook_sig.h"
#include "core/buf.h"
#include "crypto/hmac.h"
#include <ctype.h>
#include <string.h>

int tt_webhook_signature_ok(const char *app_key, const char *app_secret, const char *body, size_t len,
                            const char *header)
{
	if (header == NULL || strlen(header) != HMAC_HEX_LEN)
		return 0;
	char given[HMAC_HEX_LEN + 1];
	for (int i = 0; i < HMAC_HEX_LEN; i++)
		given[i] = (char)tolower((unsigned char)header[i]);
	given[HMAC_HEX_LEN] = '\0';
	struct buf msg;
	buf_init(&msg, 0);
	buf_puts(&msg, app_key);
	buf_append(&msg, body, len);
	char want[HMAC_HEX_LEN + 1];
	hmac_sha256_hex(app_secret, strlen(app_secret), msg.data, msg.len, want);
	buf_free(&msg);
	return ct_equal(want, given);
}
