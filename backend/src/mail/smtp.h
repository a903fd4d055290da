/* Sending one message over SMTP with libcurl (STARTTLS required unless configured off). */
#ifndef MAIL_SMTP_H
#define MAIL_SMTP_H
#include <stddef.h>

struct config;

enum smtp_outcome { SMTP_SENT, SMTP_RETRY, SMTP_REFUSED };

/* Sends `message` (CRLF lines) from `from_addr` to `to_addr` through cfg's smtp_* server. SMTP_RETRY: worth
 * another try later (unreachable, timed out, TLS or a 4xx reply); SMTP_REFUSED: the server refused it for good (a 5xx
 * reply). `code` gets a stable snake_case code of why (smtp_unreachable, smtp_tls_failed, smtp_reply_451 ...; empty
 * when sent); it never holds the password or any of the message. */
enum smtp_outcome smtp_send(const struct config *cfg, const char *from_addr, const char *to_addr, const char *message,
                            size_t len, char *code, size_t codelen);

#endif
