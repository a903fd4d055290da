/* JSON reader: depth cap, yajl tree, typed field readers with validators. */
#include "json/jread.h"
#include "core/arena.h"
#include "core/utf8.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* What a pass over the raw text finds before yajl sees it (yajl accepts comments, decodes \u0000 into a
 * string it then cuts at the NUL, and turns a lone surrogate escape into '?'). */
struct scan {
	int depth;          /* deepest nesting of objects and arrays */
	int comment;        /* a '/' outside strings */
	int nul;            /* a \u0000 escape */
	int surrogate;      /* a \uD800-\uDFFF escape that is not half of a pair */
};

static int hex4(const char *s, size_t n, size_t i)
{
	if (i + 4 > n)
		return -1;
	int v = 0;
	for (size_t k = i; k < i + 4; k++) {
		char c = s[k];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* s[i] is the 'u' of an escape: records what it encodes; returns the index of its last character. */
static size_t scan_unicode_escape(const char *s, size_t n, size_t i, struct scan *sc)
{
	int cp = hex4(s, n, i + 1);
	if (cp < 0)
		return i; /* malformed: yajl reports it */
	if (cp == 0)
		sc->nul = 1;
	if (cp >= 0xDC00 && cp <= 0xDFFF)
		sc->surrogate = 1;
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		int low = i + 6 < n && s[i + 5] == '\\' && s[i + 6] == 'u' ? hex4(s, n, i + 7) : -1;
		if (low < 0xDC00 || low > 0xDFFF) {
			sc->surrogate = 1;
			return i + 4;
		}
		return i + 10;
	}
	return i + 4;
}

static void scan_text(const char *s, size_t n, struct scan *sc)
{
	int depth = 0, in_str = 0;
	memset(sc, 0, sizeof(*sc));
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (in_str) {
			if (c == '\\' && i + 1 < n) {
				i++;
				if (s[i] == 'u')
					i = scan_unicode_escape(s, n, i, sc);
			} else if (c == '"') {
				in_str = 0;
			}
			continue;
		}
		if (c == '"') {
			in_str = 1;
		} else if (c == '/') {
			sc->comment = 1;
		} else if (c == '{' || c == '[') {
			if (++depth > sc->depth)
				sc->depth = depth;
		} else if (c == '}' || c == ']') {
			depth--;
		}
	}
}

int jr_parse(struct jr *r, struct arena *a, const char *text, size_t len, int max_depth,
             char *err, size_t errlen)
{
	memset(r, 0, sizeof(*r));
	r->arena = a;
	r->prefix = "";
	r->err_code = "malformed_json";
	if (len == 0) {
		snprintf(err, errlen, "The request body is empty; a JSON object is expected.");
		return -1;
	}
	r->err_code = "invalid_text";
	if (strlen(text) != len) {
		snprintf(err, errlen, "The request body contains a NUL byte.");
		return -1;
	}
	if (!utf8_valid(text, len)) {
		snprintf(err, errlen, "The request body is not valid UTF-8.");
		return -1;
	}
	struct scan sc;
	scan_text(text, len, &sc);
	if (sc.nul) {
		snprintf(err, errlen, "A string contains the NUL character (\\u0000), which no text field accepts.");
		return -1;
	}
	if (sc.surrogate) {
		snprintf(err, errlen, "A string contains a \\u escape of a lone UTF-16 surrogate, which is not a character.");
		return -1;
	}
	r->err_code = "malformed_json";
	if (sc.comment) {
		snprintf(err, errlen, "Malformed JSON: comments are not allowed.");
		return -1;
	}
	if (sc.depth > max_depth) {
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

#define JR_CODE_NAME(name) [JR_##name] = #name,
static const char *const code_names[JR__NCODES] = { JR_CODES(JR_CODE_NAME) };
#undef JR_CODE_NAME

const char *jr_code_name(enum jr_code code)
{
	return (unsigned)code < JR__NCODES ? code_names[code] : code_names[JR_invalid];
}

int jr_code_params(enum jr_code code)
{
	switch (code) {
	case JR_too_short: return JR_P_MIN;
	case JR_too_long: return JR_P_MAX;
	case JR_out_of_range:
	case JR_item_count: return JR_P_MIN | JR_P_MAX;
	case JR_not_one_of: return JR_P_ALLOWED;
	default: return 0;
	}
}

/* The next error slot, its field named (prefix applied), or NULL when the list is full. */
static struct jr_error *add_error(struct jr *r, const char *field, enum jr_code code, const char *message)
{
	if (r->nerr >= JR_MAX_ERRORS)
		return NULL;
	struct jr_error *e = &r->errs[r->nerr++];
	*e = (struct jr_error){ .field = arena_printf(r->arena, "%s%s", r->prefix, field), .code = code, .message = message };
	return e;
}

void jr_fail(struct jr *r, const char *field, const char *message)
{
	add_error(r, field, JR_invalid, message);
}

void jr_reject(struct jr *r, const char *field, enum jr_code code, const char *message)
{
	add_error(r, field, code, message);
}

void jr_reject_range(struct jr *r, const char *field, enum jr_code code, int64_t min, int64_t max, const char *message)
{
	struct jr_error *e = add_error(r, field, code, message);
	if (e != NULL) {
		e->min = min;
		e->max = max;
	}
}

void jr_reject_allowed(struct jr *r, const char *field, const char *allowed, const char *message)
{
	struct jr_error *e = add_error(r, field, JR_not_one_of, message);
	if (e != NULL)
		e->allowed = allowed;
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
		jr_reject(r, field, JR_required, "is required");
	return NULL;
}

/* An e-mail address as mail systems take it: an ASCII local part of atoms joined by single dots (at most
 * 64 characters), '@', then a domain of two or more labels (letters, digits, inner hyphens, at most 63
 * each) ending in an alphabetic top-level label of two or more letters. */
static int looks_like_email(const char *s)
{
	static const char atext[] = "!#$%&'*+-/=?^_`{|}~";
	const char *at = strchr(s, '@');
	if (at == NULL || at == s || at - s > 64 || strchr(at + 1, '@') != NULL)
		return 0;
	for (const char *p = s; p < at; p++) {
		int dot = *p == '.';
		if (dot && (p == s || p + 1 == at || p[1] == '.'))
			return 0;
		if (!dot && !isalnum((unsigned char)*p) && strchr(atext, *p) == NULL)
			return 0;
	}
	int labels = 0, alpha_tld = 0;
	for (const char *l = at + 1;; labels++) {
		size_t len = strcspn(l, ".");
		if (len == 0 || len > 63 || l[0] == '-' || l[len - 1] == '-')
			return 0;
		alpha_tld = len >= 2;
		for (size_t k = 0; k < len; k++) {
			unsigned char c = (unsigned char)l[k];
			if (c >= 0x80 || (!isalnum(c) && c != '-'))
				return 0;
			if (!isalpha(c))
				alpha_tld = 0;
		}
		if (l[len] == '\0') {
			labels++;
			break;
		}
		l += len + 1;
	}
	return labels >= 2 && alpha_tld;
}

const char *jr_str(struct jr *r, yajl_val obj, const char *field, int flags, size_t minlen, size_t maxlen)
{
	yajl_val v = present(r, obj, field, flags);
	if (v == NULL)
		return NULL;
	if (!YAJL_IS_STRING(v)) {
		jr_reject(r, field, JR_not_a_string, "must be a string");
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
	size_t chars = utf8_count(s, n);
	if (chars < minlen) {
		if (minlen <= 1)
			jr_reject(r, field, JR_empty, "must not be empty");
		else
			jr_reject_range(r, field, JR_too_short, (int64_t)minlen, (int64_t)maxlen,
			                arena_printf(r->arena, "must be at least %zu characters", minlen));
		return NULL;
	}
	if (maxlen > 0 && chars > maxlen) {
		jr_reject_range(r, field, JR_too_long, (int64_t)minlen, (int64_t)maxlen,
		                arena_printf(r->arena, "must be at most %zu characters", maxlen));
		return NULL;
	}
	char *out = arena_strndup(r->arena, s, n);
	if ((flags & JR_EMAIL) && !looks_like_email(out)) {
		jr_reject(r, field, JR_not_an_email, "must be a valid e-mail address");
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
		jr_reject(r, field, JR_not_a_whole_number, "must be a whole number");
		return def;
	}
	int64_t n = (int64_t)YAJL_GET_INTEGER(v);
	if (n < min || n > max) {
		jr_reject_range(r, field, JR_out_of_range, min, max,
		                arena_printf(r->arena, "must be from %lld to %lld", (long long)min, (long long)max));
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
	jr_reject(r, field, JR_not_a_boolean, "must be true or false");
	return def;
}

yajl_val jr_obj(struct jr *r, yajl_val obj, const char *field, int flags)
{
	yajl_val v = present(r, obj, field, flags);
	if (v != NULL && !YAJL_IS_OBJECT(v)) {
		jr_reject(r, field, JR_not_an_object, "must be an object");
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
		jr_reject(r, field, JR_not_an_array, "must be an array");
		return NULL;
	}
	size_t n = v->u.array.len;
	if (n < minlen || (maxlen > 0 && n > maxlen)) {
		jr_reject_range(r, field, JR_item_count, (int64_t)minlen, (int64_t)maxlen,
		                arena_printf(r->arena, "must have from %zu to %zu items", minlen, maxlen));
		return NULL;
	}
	return v;
}
