/* Internet message format of the e-mails: RFC 2047 header words, the Date header, multipart/alternative bodies. */
#ifndef MAIL_MIME_H
#define MAIL_MIME_H
#include <time.h>

struct arena;

/* A header's text as it may stand in a header: returned as it is when it is printable ASCII, else as RFC 2047
 * "=?UTF-8?B?...?=" words of at most 75 characters each, split between whole UTF-8 characters and folded onto
 * continuation lines (CRLF and a space). Line breaks in the text never start a header of their own. */
char *mime_header_text(struct arena *a, const char *utf8);
/* An address header's value from "Name <addr>" or a bare "addr": the name encoded as above. */
char *mime_address(struct arena *a, const char *from);
/* The address alone: what stands between < and > (or the whole, trimmed), for the SMTP envelope. */
char *mime_address_spec(struct arena *a, const char *from);
/* RFC 5322 date-time of t in UTC: "Mon, 07 Dec 2026 03:04:05 +0000". */
char *mime_date(struct arena *a, time_t t);

struct mime_mail {
	const char *from;        /* "Name <addr>" or "addr" */
	const char *to;          /* addr */
	const char *subject;     /* UTF-8 */
	const char *lang;        /* Content-Language: vi or en */
	const char *text;        /* UTF-8, \n line ends */
	const char *html;        /* UTF-8 */
	const char *message_id;  /* without the angle brackets */
	const char *boundary;    /* the multipart boundary: letters and digits, not found in the base64 parts */
	time_t date;
};

/* The whole message with CRLF line ends: headers (Date, From, To, Subject, Message-ID, MIME-Version,
 * Content-Language), then a multipart/alternative of the text and the HTML part, each UTF-8 in base64 lines of 76. */
char *mime_build(struct arena *a, const struct mime_mail *m);

#endif
