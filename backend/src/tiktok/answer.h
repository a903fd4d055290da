/* Reading a TikTok answer: the envelope {code, message, data} through the same checks as the request
 * reader (strict UTF-8, no NUL, depth cap) under a size cap, and TikTok's codes mapped to ours. */
#ifndef TIKTOK_ANSWER_H
#define TIKTOK_ANSWER_H
#include <stddef.h>
#include "tiktok/client.h"

#define TT_ANSWER_MAX (8u * 1024 * 1024) /* bytes of one answer; a longer one is cut off as a network error */

/* Parses `len` bytes (text[len] must be '\0'; text may be NULL for an empty body) answered with
 * out->http_status. Fills out->root, data, code and message; returns the status (also in out->status). */
enum tt_status tt_answer_read(const char *text, size_t len, struct tt_result *out);

#endif
