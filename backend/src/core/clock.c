/* Time helpers. */
#include "core/clock.h"
#include <stdio.h>
#include <time.h>

double clock_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

int64_t clock_now(void)
{
	return (int64_t)time(NULL);
}

void clock_iso8601(int64_t t, char *out, int outlen)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, (size_t)outlen, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
