/* multipart/form-data: the boundary from the content type, then each part's Content-Disposition and Content-Type
 * headers and its bytes up to the next delimiter; anything malformed refuses the whole body. */
#include "http/multipart.h"
#include "core/arena.h"
#include <string.h>
#include <strings.h>

static const char *find(const char *hay, size_t n, const char *needle, size_t m)
{
	if (m == 0 || n < m)
		return NULL;
	for (size_t i = 0; i + m <= n; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, m) == 0)
			return hay + i;
	return NULL;
}

/* The value of parameter key (boundary=, name=, filename=) in a header line, quoted or not. */
static const char *param(struct arena *a, const char *line, size_t n, const char *key)
{
	size_t k = strlen(key);
	for (size_t i = 0; i + k < n; i++) {
		if ((i > 0 && line[i - 1] != ';' && line[i - 1] != ' ') || strncasecmp(line + i, key, k) != 0 ||
		    line[i + k] != '=')
			continue;
		const char *v = line + i + k + 1, *end = line + n;
		if (v < end && *v == '"') {
			const char *q = memchr(v + 1, '"', (size_t)(end - v - 1));
			return q != NULL ? arena_strndup(a, v + 1, (size_t)(q - v - 1)) : NULL;
		}
		size_t l = 0;
		while (v + l < end && v[l] != ';' && v[l] != ' ' && v[l] != '\r')
			l++;
		return arena_strndup(a, v, l);
	}
	return NULL;
}

static int read_headers(struct arena *a, const char *p, size_t n, struct mp_part *part)
{
	part->name = part->filename = NULL;
	part->content_type = "";
	while (n > 0) {
		const char *eol = find(p, n, "\r\n", 2);
		if (eol == NULL)
			return -1;
		size_t l = (size_t)(eol - p);
		if (l > 20 && strncasecmp(p, "Content-Disposition:", 20) == 0) {
			part->name = param(a, p + 20, l - 20, "name");
			part->filename = param(a, p + 20, l - 20, "filename");
		} else if (l > 13 && strncasecmp(p, "Content-Type:", 13) == 0) {
			const char *v = p + 13;
			while (v < eol && *v == ' ')
				v++;
			part->content_type = arena_strndup(a, v, (size_t)(eol - v));
		}
		n -= l + 2;
		p = eol + 2;
	}
	return part->name != NULL ? 0 : -1;
}

int mp_parse(struct arena *a, const char *content_type, const char *body, size_t len, struct mp_part *parts, int max)
{
	if (content_type == NULL || strncasecmp(content_type, "multipart/form-data", 19) != 0)
		return -1;
	const char *b = param(a, content_type, strlen(content_type), "boundary");
	if (b == NULL || *b == '\0' || strlen(b) > 70)
		return -1;
	const char *delim = arena_printf(a, "\r\n--%s", b);
	size_t dl = strlen(delim);
	/* the first delimiter may open the body without the CRLF before it */
	const char *p = len >= dl - 2 && memcmp(body, delim + 2, dl - 2) == 0 ? body + dl - 2 : NULL;
	if (p == NULL) {
		p = find(body, len, delim, dl);
		if (p == NULL)
			return -1;
		p += dl;
	}
	const char *end = body + len;
	int n = 0;
	for (;;) {
		if (end - p >= 2 && memcmp(p, "--", 2) == 0)
			return n;  /* the closing delimiter */
		if (end - p < 2 || memcmp(p, "\r\n", 2) != 0 || n >= max)
			return -1;
		p += 2;
		const char *hend = find(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (hend == NULL || read_headers(a, p, (size_t)(hend - p) + 2, &parts[n]) != 0)
			return -1;
		const char *data = hend + 4;
		const char *next = find(data, (size_t)(end - data), delim, dl);
		if (next == NULL)
			return -1;
		parts[n].data = data;
		parts[n].len = (size_t)(next - data);
		n++;
		p = next + dl;
	}
}

const struct mp_part *mp_find(const struct mp_part *parts, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(parts[i].name, name) == 0)
			return &parts[i];
	return NULL;
}
