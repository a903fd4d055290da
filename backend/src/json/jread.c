/* JSON reader: depth cap, yajl tree, typed field readers with validators. */
#include "json/jread.h"
#include "core/arena.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Deepest nesting of objects and arrays, counted outside strings, without building anything. */
static int nesting_depth(const char *s, size_t n)
{
	int depth = 0, max = 0, in_str = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = 0;
			continue;
		}
		if (c == '"') {
			in_str = 1;
		} else if (c == '{' || c == '[') {
			if (++depth > max)
				max = depth;
		} else if (c == '}' || c == ']') {
			depth--;
		}
	}
	return max;
}

int jr_parse(struct jr *r, struct arena *a, const char *text, size_t len, int max_depth,
             char *err, size_t errlen)
{
	memset(r, 0, sizeof(*r));
	r->arena = a;
	r->prefix = "";
	if (len == 0) {
		snprintf(err, errlen, "The request body is empty; a JSON object is expected.");
		return -1;
	}
	if (strlen(text) != len) {
		snprintf(err, errlen, "The request body contains a NUL byte.");
		return -1;
	}
	if (nesting_depth(text, len) > max_depth) {
		snprintf(err, errlen, "The JSON document is nested deeper than %d levels.", max_depth);
		return -1;
	}
	char ybuf[256];
	r->root = yajl_tree_parse(text, ybuf, sizeof(ybuf));
	if (r->root == NULL) {
		/* yajl's message spans lines; keep its first line. */
		ybuf[strcspn(ybuf, "\n")] = '\0';
		snprintf(err, errlen, "Malformed JSON: %s", ybuf[0] ? ybuf : "parse error");
		return -1;
	}
	if (!YAJL_IS_OBJECT(r->root)) {
		snprintf(err, errlen, "The request body must be a JSON object.");
		jr_free(r);
		return -1;
	}
	return 0;
}

void jr_free(struct jr *r)
{
	if (r->root != NULL)
		yajl_tree_free(r->root);
	r->root = NULL;
}

void jr_fail(struct jr *r, const char *field, const char *message)
{
	if (r->nerr >= JR_MAX_ERRORS)
		return;
	r->errs[r->nerr].field = arena_printf(r->arena, "%s%s", r->prefix, field);
	r->errs[r->nerr].message = message;
	r->nerr++;
}

static yajl_val member(yajl_val obj, const char *field)
{
	if (obj == NULL || !YAJL_IS_OBJECT(obj))
		return NULL;
	for (size_t i = 0; i < obj->u.object.len; i++)
		if (strcmp(obj->u.object.keys[i], field) == 0)
			return obj->u.object.values[i];
	return NULL;
}

int jr_has(yajl_val obj, const char *field)
{
	if (obj == NULL || !YAJL_IS_OBJECT(obj))
		return 0;
	for (size_t i = 0; i < obj->u.object.len; i++)
		if (strcmp(obj->u.object.keys[i], field) == 0)
			return 1;
	return 0;
}

/* The member, or NULL after recording "is required" when a required one is absent or null. */
static yajl_val present(struct jr *r, yajl_val obj, const char *field, int flags)
{
	yajl_val v = member(obj, field);
	if (v != NULL && !YAJL_IS_NULL(v))
		return v;
	if (flags & JR_REQUIRED)
		jr_fail(r, field, "is required");
	return NULL;
}

static size_t utf8_chars(const char *s, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			count++;
	return count;
}

static int looks_like_email(const char *s)
{
	const char *at = strchr(s, '@');
	if (at == NULL || at == s || strchr(at + 1, '@') != NULL)
		return 0;
	const char *dot = strrchr(at, '.');
	if (dot == NULL || dot == at + 1 || dot[1] == '\0')
		return 0;
	for (const char *p = s; *p; p++)
		if (isspace((unsigned char)*p) || (unsigned char)*p < 0x21)
			return 0;
	return 1;
}

const char *jr_str(struct jr *r, yajl_val obj, const char *field, int flags, size_t minlen, size_t maxlen)
{
	yajl_val v = present(r, obj, field, flags);
	if (v == NULL)
		return NULL;
	if (!YAJL_IS_STRING(v)) {
		jr_fail(r, field, "must be a string");
		return NULL;
	}
	const char *s = v->u.string;
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	size_t chars = utf8_chars(s, n);
	if (chars < minlen) {
		jr_fail(r, field, minlen <= 1 ? "must not be empty"
		                              : arena_printf(r->arena, "must be at least %zu characters", minlen));
		return NULL;
	}
	if (maxlen > 0 && chars > maxlen) {
		jr_fail(r, field, arena_printf(r->arena, "must be at most %zu characters", maxlen));
		return NULL;
	}
	char *out = arena_strndup(r->arena, s, n);
	if ((flags & JR_EMAIL) && !looks_like_email(out)) {
		jr_fail(r, field, "must be a valid e-mail address");
		return NULL;
	}
	return out;
}

int64_t jr_int(struct jr *r, yajl_val obj, const char *field, int flags, int64_t min, int64_t max, int64_t def)
{
	yajl_val v = present(r, obj, field, flags);
	if (v == NULL)
		return def;
	if (!YAJL_IS_INTEGER(v)) {
		jr_fail(r, field, "must be a whole number");
		return def;
	}
	int64_t n = (int64_t)YAJL_GET_INTEGER(v);
	if (n < min || n > max) {
		jr_fail(r, field, arena_printf(r->arena, "must be from %lld to %lld", (long long)min, (long long)max));
		return def;
	}
	return n;
}

int jr_bool(struct jr *r, yajl_val obj, const char *field, int flags, int def)
{
	yajl_val v = present(r, obj, field, flags);
	if (v == NULL)
		return def;
	if (YAJL_IS_TRUE(v))
		return 1;
	if (YAJL_IS_FALSE(v))
		return 0;
	jr_fail(r, field, "must be true or false");
	return def;
}

yajl_val jr_obj(struct jr *r, yajl_val obj, const char *field, int flags)
{
	yajl_val v = present(r, obj, field, flags);
	if (v != NULL && !YAJL_IS_OBJECT(v)) {
		jr_fail(r, field, "must be an object");
		return NULL;
	}
	return v;
}

yajl_val jr_arr(struct jr *r, yajl_val obj, const char *field, int flags, size_t minlen, size_t maxlen)
{
	yajl_val v = present(r, obj, field, flags);
	if (v == NULL)
		return NULL;
	if (!YAJL_IS_ARRAY(v)) {
		jr_fail(r, field, "must be an array");
		return NULL;
	}
	size_t n = v->u.array.len;
	if (n < minlen || (maxlen > 0 && n > maxlen)) {
		jr_fail(r, field, arena_printf(r->arena, "must have from %zu to %zu items", minlen, maxlen));
		return NULL;
	}
	return v;
}
