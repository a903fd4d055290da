/* JSON reader: depth-capped parse into a tree, then typed fields read through validators
 * that collect per-field errors (reported as 422 with the field names). */
#ifndef JSON_JREAD_H
#define JSON_JREAD_H
#include <stddef.h>
#include <stdint.h>
#include <yajl/yajl_tree.h>

#define JR_MAX_ERRORS 16
#define JR_MAX_DEPTH 32

enum jr_flags {
	JR_OPTIONAL = 0,
	JR_REQUIRED = 1 << 0,
	JR_EMAIL = 1 << 1,  /* strings: must look like an e-mail address */
};

struct jr_error {
	const char *field;
	const char *message;
};

struct arena;

struct jr {
	yajl_val root;
	struct arena *arena;
	const char *prefix;   /* prepended to field names in errors, e.g. "lines[2]." */
	const char *err_code; /* after a failed jr_parse: "malformed_json" or "invalid_text" (bad UTF-8, NUL) */
	int nerr;
	struct jr_error errs[JR_MAX_ERRORS];
};

/* Parses `len` bytes (text[len] must be '\0'). Returns 0, or -1 with a message in err and a code in
 * r->err_code: text that is not strict UTF-8 or holds a NUL (raw or \u0000) or a lone surrogate escape,
 * malformed JSON (comments included), nesting deeper than max_depth, or a top level that is not an object. */
int jr_parse(struct jr *r, struct arena *a, const char *text, size_t len, int max_depth,
             char *err, size_t errlen);
void jr_free(struct jr *r);

/* Adds a validation error for `field` (prefix applied). */
void jr_fail(struct jr *r, const char *field, const char *message);

/* Each reader returns the value (or the default when absent and optional) and records
 * an error when the member is required and absent, has the wrong type or fails its bounds.
 * Strings are trimmed of surrounding white space and copied into the arena. */
const char *jr_str(struct jr *r, yajl_val obj, const char *field, int flags, size_t minlen, size_t maxlen);
int64_t jr_int(struct jr *r, yajl_val obj, const char *field, int flags, int64_t min, int64_t max, int64_t def);
int jr_bool(struct jr *r, yajl_val obj, const char *field, int flags, int def);
yajl_val jr_obj(struct jr *r, yajl_val obj, const char *field, int flags);
yajl_val jr_arr(struct jr *r, yajl_val obj, const char *field, int flags, size_t minlen, size_t maxlen);
/* 1 if the member is present (even if null). */
int jr_has(yajl_val obj, const char *field);

#endif
