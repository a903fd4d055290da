/* E-mail addresses as the accounts store and compare them: one lower-cased form. */
#include "accounts/email.h"
#include <ctype.h>

const char *email_key(struct arena *a, const char *email)
{
	char *out = arena_strdup(a, email);
	for (char *p = out; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return out;
}
