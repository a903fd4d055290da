/* The mail outbox: queue an e-mail inside the caller's transaction; the sync worker sends it (mail/mail_send.c). */
#ifndef MAIL_OUTBOX_H
#define MAIL_OUTBOX_H
#include <stdint.h>

struct db;

/* Queues one e-mail to `to_addr` in `lang` ("vi" or "en"; anything else is sent in Vietnamese) from the template
 * `kind`, filled with `vars_json`, a JSON object of strings:
 *   "invitation"      link, inviter_name, merchant_name, role, expires_at
 *   "password_reset"  link, expires_at
 *   "reconnect"       link, shop_name
 * `role` is a role's code (owner, manager, warehouse, accountant: the mail names it in its language); `expires_at` is
 * Unix seconds as a string, shown as dd/MM/yyyy HH:mm Vietnam time. The caller builds `link` from the configuration's
 * public_url (cfg->public_url + the SPA's path + "?token=" + the raw token), so the mail opens the app the operator
 * published; the raw token travels only in the mail: it is dropped from the outbox once the mail is sent or given up,
 * and never written to a log.
 * Runs inside the caller's open transaction (the mail goes out only if the change that asked for it commits).
 * Returns 0 when queued, -1 on a database error or an unknown kind (the caller rolls back). */
int mail_enqueue(struct db *db, int64_t merchant_id, const char *to_addr, const char *lang, const char *kind,
                 const char *vars_json);

#endif
