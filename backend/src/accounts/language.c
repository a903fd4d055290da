/* The app's languages. */
#include "accounts/language.h"
#include <string.h>

int language_known(const char *code)
{
	return code != NULL && (strcmp(code, "vi") == 0 || strcmp(code, "en") == 0);
}
