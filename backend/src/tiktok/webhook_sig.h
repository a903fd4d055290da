/* Verifying the signature TikTok puts on webhook pushes. */
#ifndef TIKTOK_WEBHOOK_SIG_H
#define TIKTOK_WEBHOOK_SIG_H
#include <stddef.h>

/* 1 when `header` is hex HMAC-SHA256(app_secret, app_key + body), compared in constant time. */
int tt_webhook_signature_ok(const char *app_key, const char *app_secret, const char *body, size_t len,
                            const char *header);

#endif
