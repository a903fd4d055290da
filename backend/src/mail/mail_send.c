/* Sending the outbox: claim a due mail, fill its template, build the message, hand it to SMTP, record the outcome. */
#include "mail/mail_send.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "db/db.h"
#include "mail/mime.h"
#include "mail/smtp.h"
#include "mail/templates.h"
#include "statements.h"
#include "sync/job.h"
#include <openssl/rand.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define MAIL_LEASE_SECONDS 120   /* longer than one send may take (mail/smtp.c's timeouts) */
#define MAIL_MAX_ATTEMPTS 12     /* with the doubling wait capped at an hour: about half a day of tries */
#define MAIL_BACKOFF_CAP 3600
#define MAILS_PER_STEP 10

struct mail_row {
	int64_t id;
	const char *recipient, *language, *kind, *vars;
	int attempts;
};

/* Claims one due mail (or one whose worker stopped while sending it). 1 claimed, 0 none, -1 error. */
static int claim(struct worker *w, struct arena *a, struct mail_row *m)
{
	struct db_rows rows;
	if (db_begin(w->db) != 0)
		return -1;
	int n = db_query(w->db, a, STMT_MAIL_PICK_EXPIRED, NULL, 0, &rows);
	if (n == 0)
		n = db_query(w->db, a, STMT_MAIL_PICK_DUE, NULL, 0, &rows);
	if (n <= 0) {
		db_rollback(w->db);
		return n;
	}
	int64_t id = db_cell_i64(&rows, 0, ID_ID);
	struct db_param take[] = { P_STR(w->owner), P_I64(MAIL_LEASE_SECONDS), P_I64(id) };
	if (db_exec(w->db, STMT_MAIL_TAKE, take, 3, NULL) != 1 || db_commit(w->db) != 0) {
		db_rollback(w->db);
		return -1;
	}
	struct db_param get[] = { P_I64(id) };
	if (db_query(w->db, a, STMT_MAIL_GET, get, 1, &rows) != 1)
		return -1;
	m->id = id;
	m->recipient = db_cell(&rows, 0, MAIL_ROW_RECIPIENT);
	m->language = db_cell(&rows, 0, MAIL_ROW_LANGUAGE);
	m->kind = db_cell(&rows, 0, MAIL_ROW_KIND);
	m->vars = db_cell(&rows, 0, MAIL_ROW_VARS);
	m->attempts = (int)db_cell_i64(&rows, 0, MAIL_ROW_ATTEMPTS);
	return 1;
}

static const char *random_hex(struct arena *a, int bytes)
{
	unsigned char raw[16];
	char *hex = arena_alloc(a, (size_t)bytes * 2 + 1);
	if (bytes > (int)sizeof(raw) || RAND_bytes(raw, bytes) != 1)
		return NULL;
	for (int i = 0; i < bytes; i++)
		snprintf(hex + 2 * i, 3, "%02x", raw[i]);
	return hex;
}

/* The domain of the sender's address names the Message-ID, as the sending host would. */
static const char *id_domain(struct arena *a, const char *from_spec)
{
	const char *at = strrchr(from_spec, '@');
	return at != NULL && at[1] != '\0' ? at + 1 : arena_strdup(a, "localhost");
}

static int wait_seconds(const struct config *cfg, int attempts)
{
	long s = cfg->smtp_retry_seconds;
	for (int i = 1; i < attempts && s < MAIL_BACKOFF_CAP; i++)
		s *= 2;
	return (int)(s < MAIL_BACKOFF_CAP ? s : MAIL_BACKOFF_CAP);
}

/* Renders and sends one claimed mail, then records how it went. */
static void send_one(struct worker *w, struct arena *a, const struct mail_row *m)
{
	struct mail_text t;
	char code[48] = "";
	enum smtp_outcome out = SMTP_REFUSED;
	const char *from = mime_address_spec(a, w->cfg->smtp_from);
	const char *message_id = NULL;
	if (m->vars == NULL || mail_render(a, m->kind, m->language, m->vars, &t) != 0) {
		snprintf(code, sizeof(code), "template_invalid");
	} else {
		const char *rnd = random_hex(a, 16), *boundary = random_hex(a, 12);
		if (rnd == NULL || boundary == NULL) {
			snprintf(code, sizeof(code), "random_failed");
			out = SMTP_RETRY;
		} else {
			message_id = arena_printf(a, "%s@%s", rnd, id_domain(a, from));
			struct mime_mail mm = { .from = w->cfg->smtp_from, .to = m->recipient, .subject = t.subject,
			                        .lang = m->language, .text = t.text, .html = t.html,
			                        .message_id = message_id, .boundary = arena_printf(a, "=_%s", boundary),
			                        .date = time(NULL) };
			const char *msg = mime_build(a, &mm);
			out = smtp_send(w->cfg, from, m->recipient, msg, strlen(msg), code, sizeof(code));
		}
	}
	int64_t n;
	if (out == SMTP_SENT) {
		struct db_param p[] = { P_STR(message_id), P_I64(m->id), P_STR(w->owner) };
		n = db_exec(w->db, STMT_MAIL_SENT, p, 3, NULL);
		log_info("mail_sent", "mail=%lld kind=%s attempt=%d", (long long)m->id, m->kind, m->attempts);
	} else if (out == SMTP_RETRY && m->attempts < MAIL_MAX_ATTEMPTS) {
		int wait = wait_seconds(w->cfg, m->attempts);
		struct db_param p[] = { P_STR(code), P_I64(wait), P_I64(m->id), P_STR(w->owner) };
		n = db_exec(w->db, STMT_MAIL_RETRY, p, 4, NULL);
		log_warn("mail_retry", "mail=%lld kind=%s attempt=%d code=%s retry_in=%d", (long long)m->id, m->kind,
		         m->attempts, code, wait);
	} else {
		struct db_param p[] = { P_STR(code), P_I64(m->id), P_STR(w->owner) };
		n = db_exec(w->db, STMT_MAIL_GIVE_UP, p, 3, NULL);
		log_error("mail_failed", "mail=%lld kind=%s attempt=%d code=%s", (long long)m->id, m->kind, m->attempts,
		          code);
	}
	if (n == 0)
		log_warn("mail_lease_lost", "mail=%lld", (long long)m->id);
}

void mail_outbox_step(struct worker *w, struct arena *a)
{
	static int told;
	if (*w->cfg->smtp_host == '\0') {
		if (!told)
			log_warn("mail_not_configured", "smtp_host is empty: e-mail waits in the outbox until it is set");
		told = 1;
		return;
	}
	for (int i = 0; i < MAILS_PER_STEP && !*w->stopping; i++) {
		struct mail_row m;
		if (claim(w, a, &m) <= 0)
			return;
		send_one(w, a, &m);
	}
}
