/* The sync worker's mail step: sends the outbox's due mail. */
#ifndef MAIL_MAIL_SEND_H
#define MAIL_MAIL_SEND_H

struct arena;
struct worker;

/* Sends up to a handful of due mails (each claimed under a lease, so workers on several hosts never send one twice
 * at once); a failed send waits smtp_retry_seconds, doubled per attempt up to an hour, and is given up after
 * MAIL_MAX_ATTEMPTS or a refusal for good. Does nothing while smtp_host is not configured. */
void mail_outbox_step(struct worker *w, struct arena *a);

#endif
