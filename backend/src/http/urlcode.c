/* URL encoding and decoding of query-string values. */
#include "http/urlcode.h"
#include "core/arena.h"
#include "core/utf8.h"
#include <ctype.h>
#include <string.h>

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes into the arena; *outlen gets the decoded length (a %00 makes it differ from strlen). */
static char *decode(struct arena *a, const char *s, size_t n, size_t *outlen)
{
	char *out = arena_alloc(a, n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			out[o++] = ' ';
		} else if (s[i] == '%') {
			int hi = i + 1 < n ? hexval(s[i + 1]) : -1;
			int lo = i + 2 < n ? hexval(s[i + 2]) : -1;
			if (hi < 0 || lo < 0)
				return NULL;
			out[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

char *url_decode(struct arena *a, const char *s, size_t n)
{
	size_t len;
	return decode(a, s, n, &len);
}

char *url_encode(struct arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(s);
	char *out = arena_alloc(a, n * 3 + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
			out[o++] = (char)c;
		} else {
			out[o++] = '%';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		}
	}
	out[o] = '\0';
	return out;
}

const char *query_get(struct arena *a, const char *qs, const char *name)
{
	size_t nlen = strlen(name);
	const char *p = qs;
	while (p != NULL && *p != '\0') {
		const char *amp = strchr(p, '&');
		size_t len = amp != NULL ? (size_t)(amp - p) : strlen(p);
		const char *eq = memchr(p, '=', len);
		size_t klen = eq != NULL ? (size_t)(eq - p) : len;
		if (klen == nlen && memcmp(p, name, nlen) == 0) {
			if (eq == NULL)
				return "";
			return url_decode(a, eq + 1, len - klen - 1);
		}
		p = amp != NULL ? amp + 1 : NULL;
	}
	return NULL;
}

const char *query_check(struct arena *a, const char *qs, const char **code)
{
	for (const char *p = qs; p != NULL && *p != '\0';) {
		const char *amp = strchr(p, '&');
		size_t len = amp != NULL ? (size_t)(amp - p) : strlen(p), out;
		const char *part = decode(a, p, len, &out);
		if (part == NULL) {
			*code = "malformed_query";
			return "The query string has a malformed %-escape.";
		}
		if (!utf8_valid(part, out)) {
			*code = "invalid_text";
			return "The query string is not valid UTF-8 once decoded, or holds a NUL character (%00).";
		}
		p = amp != NULL ? amp + 1 : NULL;
	}
	return NULL;
}
