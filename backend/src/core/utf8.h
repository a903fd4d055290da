/* Strict UTF-8 (RFC 3629): what every text that enters the app must be. */
#ifndef CORE_UTF8_H
#define CORE_UTF8_H
#include <stddef.h>

/* 1 when s[0..n) is well-formed UTF-8 without NUL: no overlong forms, no encoded surrogates,
 * nothing above U+10FFFF, no truncated sequence. */
int utf8_valid(const char *s, size_t n);
/* The number of characters (code points) of well-formed UTF-8. */
size_t utf8_count(const char *s, size_t n);

#endif
