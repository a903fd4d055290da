/* Reading a TikTok answer: the envelope {code, message, data} through the same checks as the request
 * reader (strict UTF-8, no NUL, depth cap) under a size cap, TikTok's codes mapped to ours, and its data read. */
#ifndef TIKTOK_ANSWER_H
#define TIKTOK_ANSWER_H
#include <stddef.h>
#include <stdint.h>
#include <yajl/yajl_tree.h>

enum tt_status {
	TT_OK = 0,
	TT_ERR_TOKEN,       /* 105xxx: access token expired or invalid — refresh or reconnect */
	TT_ERR_AUTH_CODE,   /* 36004004: the authorization code is invalid, used or expired */
	TT_ERR_THROTTLED,   /* 429 / 36009002, after the retries */
	TT_ERR_SERVER,      /* 5xx / 36009003, after the retries */
	TT_ERR_NETWORK,     /* connect failure or timeout, after the retries */
	TT_ERR_MALFORMED,   /* not a TikTok envelope */
	TT_ERR_REJECTED,    /* any other non-zero code: the request itself is wrong */
};

struct tt_result {
	enum tt_status status;
	long http_status;
	long code;            /* TikTok's code, 0 on success */
	char message[256];    /* TikTok's or ours; never contains secrets */
	yajl_val root;        /* the parsed envelope (free with tt_result_free) */
	yajl_val data;        /* root.data */
};

#define TT_ANSWER_MAX (8u * 1024 * 1024) /* bytes of one answer; a longer one is cut off as a network error */

/* Parses `len` bytes (text[len] must be '\0'; text may be NULL for an empty body) answered with
 * out->http_status. Fills out->root, data, code and message; returns the status (also in out->status). */
enum tt_status tt_answer_read(const char *text, size_t len, struct tt_result *out);
void tt_result_free(struct tt_result *r);
/* Plain words for a status, for merchants. */
const char *tt_status_text(enum tt_status s);

/* Reading envelope data: a member by key (NULL when absent), its string or integer value. */
yajl_val tt_get(yajl_val obj, const char *key);
const char *tt_str(yajl_val obj, const char *key);           /* NULL when absent or not a string */
int64_t tt_int(yajl_val obj, const char *key);               /* 0 when absent; accepts "123" too */

#endif
