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

/* Why a field was refused: each 422 names it per field (details.errors[].code) for clients to say in their user's
 * language; the English sentence of details.fields is only a fallback. too_short carries `min`; too_long `max`;
 * out_of_range and item_count `min` and `max`; not_one_of `allowed` (jr_code_params says which, resp_invalid
 * writes them). The SPA's message files have a text for every code (frontend/tests checks it against this list). */
#define JR_CODES(X) \
	X(invalid) X(required) X(not_a_string) X(empty) X(too_short) X(too_long) X(not_an_email) \
	X(not_a_whole_number) X(out_of_range) X(not_a_boolean) X(not_an_object) X(not_an_array) X(item_count) \
	X(not_a_date) X(not_one_of) X(not_an_amount) X(not_a_url) X(duplicate) X(not_found) X(not_on_order) \
	X(not_on_slip) X(exclusive) X(too_many) X(not_base64) X(not_an_image) X(image_too_large)

#define JR_CODE_ENUM(name) JR_##name,
enum jr_code { JR_CODES(JR_CODE_ENUM) JR__NCODES };
#undef JR_CODE_ENUM

enum jr_param { JR_P_MIN = 1 << 0, JR_P_MAX = 1 << 1, JR_P_ALLOWED = 1 << 2 };

/* The code's name on the wire, and the parameters (enum jr_param) its errors carry. */
const char *jr_code_name(enum jr_code code);
int jr_code_params(enum jr_code code);

struct jr_error {
	const char *field;
	enum jr_code code;
	const char *message;   /* English, for clients that do not know the code */
	int64_t min, max;
	const char *allowed;
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

/* Adds a validation error for `field` (prefix applied): jr_fail with the code `invalid`, jr_reject with its own;
 * jr_reject_range with the limits it names (min, max), jr_reject_allowed with what is allowed. */
void jr_fail(struct jr *r, const char *field, const char *message);
void jr_reject(struct jr *r, const char *field, enum jr_code code, const char *message);
void jr_reject_range(struct jr *r, const char *field, enum jr_code code, int64_t min, int64_t max, const char *message);
void jr_reject_allowed(struct jr *r, const char *field, const char *allowed, const char *message);

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
