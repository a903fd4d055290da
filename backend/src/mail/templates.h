/* The e-mails' words: each kind's subject, plain text and HTML in Vietnamese and English. */
#ifndef MAIL_TEMPLATES_H
#define MAIL_TEMPLATES_H

struct arena;

struct mail_text {
	const char *subject;   /* UTF-8, one line */
	const char *text;      /* text/plain, lines ending in \n */
	const char *html;      /* text/html, the values escaped */
};

/* 1 when `kind` has a template (invitation, password_reset, reconnect). */
int mail_kind_known(const char *kind);
/* Fills the template `kind` in `lang` ("en", else Vietnamese) with the JSON object `vars_json` (see mail/outbox.h).
 * 0 on success; -1 when the kind is unknown, the JSON is not an object or a value it needs is missing. */
int mail_render(struct arena *a, const char *kind, const char *lang, const char *vars_json, struct mail_text *out);

#endif
