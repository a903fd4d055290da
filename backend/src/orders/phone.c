/* Phone numbers made comparable for search: TikTok writes "(+84)912345678", merchants type "0912…". */
#include "orders/phone.h"
#include "core/arena.h"
#include <string.h>

const char *phone_local(struct arena *a, const char *phone)
{
	const char *p = phone;
	if (strncmp(p, "(+", 2) == 0 && strchr(p, ')') != NULL)
		p = strchr(p, ')') + 1; /* drop "(+CC)" */
	char *out = arena_alloc(a, strlen(p) + 1), *o = out;
	for (; *p; p++)
		if (*p >= '0' && *p <= '9' && !(o == out && *p == '0'))
			*o++ = *p;
	*o = '\0';
	/* "+84912…" and "84912…" (Vietnam's code before 9 digits): the country code goes too */
	if (strncmp(out, "84", 2) == 0 && (strlen(out) == 11 || phone[0] == '+'))
		memmove(out, out + 2, strlen(out) - 1);
	return out;
}
