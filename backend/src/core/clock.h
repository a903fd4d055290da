/* Time helpers: monotonic milliseconds, wall-clock seconds, ISO 8601 formatting. */
#ifndef CORE_CLOCK_H
#define CORE_CLOCK_H
#include <stdint.h>

double clock_ms(void);                      /* monotonic, for durations */
int64_t clock_now(void);                    /* Unix seconds */
/* Formats Unix seconds as 2026-11-28T10:00:00Z into out (at least 21 bytes). */
void clock_iso8601(int64_t t, char *out, int outlen);

#endif
