/* The money gate of every answer: one flag per worker, set from the caller's role before the handler runs. */
#include "api/money.h"
#include "accounts/roles.h"
#include "json/jwrite.h"

static int visible;

void money_viewer(const struct request *r)
{
	visible = r != 0 && req_can(r, PERM_MONEY_READ);
}

int money_visible(void)
{
	return visible;
}

void jw_money(struct jw *w, const char *key, const char *value)
{
	if (visible)
		jw_str(w, key, value);
}
