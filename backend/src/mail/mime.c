/* Building e-mail messages by hand (RFC 5322, 2045-2047): small, and every byte is under our tests. */
#include "mail/mime.h"
#include "core/arena.h"
#include "core/buf.h"
#include <openssl/evp.h>
#include <string.h>

#define WORD_RAW_MAX 45   /* 45 bytes are 60 base64 characters: with "=?UTF-8?B?" and "?=" a 72-character word */
#define BODY_RAW_LINE 57  /* 57 bytes are one base64 line of 76 */

static int printable_ascii(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < 0x20 || *p > 0x7e)
			return 0;
	return strstr(s, "=?") == NULL;
}

static void put_base64(struct buf *b, const unsigned char *raw, size_t n)
{
	unsigned char out[4 * ((BODY_RAW_LINE + 2) / 3) + 1];
	int len = EVP_EncodeBlock(out, raw, (int)n);
	buf_append(b, out, (size_t)len);
}

/* How many bytes of s (at most max) end on a whole UTF-8 character. */
static size_t whole_chars(const unsigned char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	size_t n = max;
	while (n > 0 && (s[n] & 0xC0) == 0x80)
		n--;
	return n > 0 ? n : max;
}

static char *take(struct arena *a, struct buf *b)
{
	char *s = arena_strndup(a, b->data != NULL ? b->data : "", b->len);
	buf_free(b);
	return s;
}

/* The text as RFC 2047 encoded words, whatever it holds. */
static char *encoded_words(struct arena *a, const char *utf8)
{
	/* a line break or other control character becomes a space: the value stays one header */
	char *clean = arena_strdup(a, utf8);
	for (char *p = clean; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	struct buf b;
	buf_init(&b, 0);
	const unsigned char *s = (const unsigned char *)clean;
	size_t left = strlen(clean);
	while (left > 0) {
		size_t n = whole_chars(s, left, WORD_RAW_MAX);
		if (b.len > 0)
			buf_puts(&b, "\r\n ");
		buf_puts(&b, "=?UTF-8?B?");
		put_base64(&b, s, n);
		buf_puts(&b, "?=");
		s += n;
		left -= n;
	}
	return take(a, &b);
}

char *mime_header_text(struct arena *a, const char *utf8)
{
	return printable_ascii(utf8) ? arena_strdup(a, utf8) : encoded_words(a, utf8);
}

char *mime_address_spec(struct arena *a, const char *from)
{
	const char *open = strrchr(from, '<'), *close = open != NULL ? strchr(open, '>') : NULL;
	if (open != NULL && close != NULL)
		return arena_strndup(a, open + 1, (size_t)(close - open - 1));
	while (*from == ' ')
		from++;
	size_t n = strlen(from);
	while (n > 0 && from[n - 1] == ' ')
		n--;
	return arena_strndup(a, from, n);
}

char *mime_address(struct arena *a, const char *from)
{
	const char *open = strrchr(from, '<');
	char *spec = mime_address_spec(a, from);
	if (open == NULL)
		return spec;
	size_t n = (size_t)(open - from);
	while (n > 0 && from[n - 1] == ' ')
		n--;
	char *name = arena_strndup(a, from, n);
	if (*name == '\0')
		return spec;
	/* a plain name is quoted (it may hold a comma or a dot); one with quotes, backslashes or beyond ASCII is encoded */
	if (printable_ascii(name) && strpbrk(name, "\"\\") == NULL)
		return arena_printf(a, "\"%s\" <%s>", name, spec);
	return arena_printf(a, "%s <%s>", encoded_words(a, name), spec);
}

char *mime_date(struct arena *a, time_t t)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;
	gmtime_r(&t, &tm);
	return arena_printf(a, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
	                    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* One part of the alternative: its headers, then the UTF-8 body in base64 lines (text with CRLF line ends). */
static void put_part(struct buf *b, const char *boundary, const char *type, const char *body)
{
	buf_puts(b, "--");
	buf_puts(b, boundary);
	buf_puts(b, "\r\nContent-Type: ");
	buf_puts(b, type);
	buf_puts(b, "; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n");
	struct buf crlf;
	buf_init(&crlf, 0);
	for (const char *p = body; *p != '\0'; p++) {
		if (*p == '\n' && (p == body || p[-1] != '\r'))
			buf_puts(&crlf, "\r");
		buf_append(&crlf, p, 1);
	}
	const unsigned char *s = (const unsigned char *)(crlf.data != NULL ? crlf.data : "");
	for (size_t off = 0; off < crlf.len; off += BODY_RAW_LINE) {
		size_t n = crlf.len - off < BODY_RAW_LINE ? crlf.len - off : BODY_RAW_LINE;
		put_base64(b, s + off, n);
		buf_puts(b, "\r\n");
	}
	buf_free(&crlf);
}

char *mime_build(struct arena *a, const struct mime_mail *m)
{
	struct buf b;
	buf_init(&b, 0);
	buf_puts(&b, "Date: ");
	buf_puts(&b, mime_date(a, m->date));
	buf_puts(&b, "\r\nFrom: ");
	buf_puts(&b, mime_address(a, m->from));
	buf_puts(&b, "\r\nTo: ");
	buf_puts(&b, mime_address_spec(a, m->to));
	buf_puts(&b, "\r\nSubject: ");
	buf_puts(&b, mime_header_text(a, m->subject));
	buf_puts(&b, "\r\nMessage-ID: <");
	buf_puts(&b, m->message_id);
	buf_puts(&b, ">\r\nMIME-Version: 1.0\r\nContent-Language: ");
	buf_puts(&b, m->lang);
	buf_puts(&b, "\r\nContent-Type: multipart/alternative; boundary=\"");
	buf_puts(&b, m->boundary);
	buf_puts(&b, "\"\r\n\r\n");
	put_part(&b, m->boundary, "text/plain", m->text);
	put_part(&b, m->boundary, "text/html", m->html);
	buf_puts(&b, "--");
	buf_puts(&b, m->boundary);
	buf_puts(&b, "--\r\n");
	return take(a, &b);
}
