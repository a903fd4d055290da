/* The one table of who may do what: every permission with the roles that have it, read by the dispatcher
 * (each route's permission), the writers that leave money out, and GET /api/v1/roles. */
#include "accounts/roles.h"
#include "api/money.h"
#include "api/handlers.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <string.h>

static const char *const role_names[ROLE__COUNT] = {
	[ROLE_OWNER] = "owner", [ROLE_MANAGER] = "manager", [ROLE_WAREHOUSE] = "warehouse",
	[ROLE_ACCOUNTANT] = "accountant",
};

/* Whether each role has the permission, in the order owner, manager, warehouse, accountant. */
#define ROLES(owner, manager, warehouse, accountant) { 0, owner, manager, warehouse, accountant }

static const struct {
	const char *name;
	unsigned char roles[ROLE__COUNT];
} table[PERM__COUNT] = {
	/*                                                       owner manager warehouse accountant */
	[PERM_OWNERSHIP]          = { "ownership",          ROLES(1, 0, 0, 0) },
	[PERM_SIGNED_IN]          = { "signed_in",          ROLES(1, 1, 1, 1) },
	[PERM_ORDERS_READ]        = { "orders.read",        ROLES(1, 1, 1, 1) },
	[PERM_MONEY_READ]         = { "money.read",         ROLES(1, 1, 0, 1) },
	[PERM_PRODUCTS_READ]      = { "products.read",      ROLES(1, 1, 1, 1) },
	[PERM_PRODUCTS_WRITE]     = { "products.write",     ROLES(1, 1, 0, 0) },
	[PERM_STOCK_READ]         = { "stock.read",         ROLES(1, 1, 1, 1) },
	[PERM_STOCK_WRITE]        = { "stock.write",        ROLES(1, 1, 1, 0) },
	[PERM_RECEIPTS_WRITE]     = { "receipts.write",     ROLES(1, 1, 1, 0) },
	[PERM_SLIPS_WRITE]        = { "slips.write",        ROLES(1, 1, 1, 0) },
	[PERM_RETURNS_WRITE]      = { "returns.write",      ROLES(1, 1, 1, 0) },
	[PERM_LABELS]             = { "labels",             ROLES(1, 1, 1, 0) },
	[PERM_SHIPPING_ARRANGE]   = { "shipping.arrange",   ROLES(1, 1, 1, 0) },
	[PERM_NOTES_WRITE]        = { "notes.write",        ROLES(1, 1, 1, 1) },
	[PERM_EXPORTS]            = { "exports",            ROLES(1, 1, 1, 1) },
	[PERM_SETTINGS_READ]      = { "settings.read",      ROLES(1, 1, 0, 1) },
	[PERM_SETTINGS_WRITE]     = { "settings.write",     ROLES(1, 1, 0, 0) },
	[PERM_CONNECTIONS_READ]   = { "connections.read",   ROLES(1, 1, 0, 1) },
	[PERM_CONNECTIONS_MANAGE] = { "connections.manage", ROLES(1, 0, 0, 0) },
	[PERM_SYNC_RUN]           = { "sync.run",           ROLES(1, 1, 0, 0) },
	[PERM_API_TOKENS_MANAGE]  = { "api_tokens.manage",  ROLES(1, 0, 0, 0) },
	[PERM_STAFF_MANAGE]       = { "staff.manage",       ROLES(1, 0, 0, 0) },
};

enum role role_from_name(const char *name)
{
	for (int i = 1; name != NULL && i < ROLE__COUNT; i++)
		if (strcmp(role_names[i], name) == 0)
			return (enum role)i;
	return ROLE_NONE;
}

const char *role_name(enum role role)
{
	return role > ROLE_NONE && role < ROLE__COUNT ? role_names[role] : "";
}

const char *permission_name(enum permission perm)
{
	return (int)perm >= 0 && perm < PERM__COUNT ? table[perm].name : "";
}

int role_can(enum role role, int perm)
{
	return role > ROLE_NONE && role < ROLE__COUNT && perm >= 0 && perm < PERM__COUNT && table[perm].roles[role];
}

int req_can(const struct request *r, enum permission perm)
{
	return role_can((enum role)r->auth.role, (int)perm);
}

int api_authorize(struct request *r, int perm)
{
	money_viewer(r);
	if (role_can((enum role)r->auth.role, perm))
		return 0;
	resp_error_detail(r, 403, "forbidden", "Your role does not allow this.", "permission",
	                  permission_name((enum permission)perm));
	return -1;
}

/* The permissions of `role`, as an array named `key`. */
void roles_write_permissions(struct jw *w, const char *key, enum role role)
{
	jw_arr_open(w, key);
	for (int p = 0; p < PERM__COUNT; p++)
		if (role_can(role, p))
			jw_str(w, NULL, table[p].name);
	jw_arr_close(w);
}

void h_roles(struct request *r)
{
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_arr_open(&w, "permissions");
	for (int p = 0; p < PERM__COUNT; p++)
		jw_str(&w, NULL, table[p].name);
	jw_arr_close(&w);
	jw_arr_open(&w, "roles");
	for (int role = 1; role < ROLE__COUNT; role++) {
		jw_obj_open(&w, NULL);
		jw_str(&w, "name", role_names[role]);
		roles_write_permissions(&w, "permissions", (enum role)role);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}
