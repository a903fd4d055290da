/* Roles and permissions: what each role of a merchant's people may do (the table is in roles.c). */
#ifndef ACCOUNTS_ROLES_H
#define ACCOUNTS_ROLES_H
#include <stddef.h>

struct jw;
struct request;

/* Role ids; ROLE_NONE is no role at all (never permitted anything). */
enum role { ROLE_NONE, ROLE_OWNER, ROLE_MANAGER, ROLE_WAREHOUSE, ROLE_ACCOUNTANT, ROLE__COUNT };

/* Permission ids, the route table's 5th field. PERM_OWNERSHIP is 0 on purpose: a route line that declares no
 * permission requires the one only the owner has, so a forgotten declaration fails closed. */
enum permission {
	PERM_OWNERSHIP = 0,
	PERM_SIGNED_IN,
	PERM_ORDERS_READ,
	PERM_MONEY_READ,
	PERM_PRODUCTS_READ,
	PERM_PRODUCTS_WRITE,
	PERM_STOCK_READ,
	PERM_STOCK_WRITE,
	PERM_RECEIPTS_WRITE,
	PERM_SLIPS_WRITE,
	PERM_RETURNS_WRITE,
	PERM_LABELS,
	PERM_SHIPPING_ARRANGE,
	PERM_NOTES_WRITE,
	PERM_EXPORTS,
	PERM_SETTINGS_READ,
	PERM_SETTINGS_WRITE,
	PERM_CONNECTIONS_READ,
	PERM_CONNECTIONS_MANAGE,
	PERM_SYNC_RUN,
	PERM_API_TOKENS_MANAGE,
	PERM_STAFF_MANAGE,
	PERM__COUNT
};

/* The role named `name` ("owner", ...), ROLE_NONE when none is. */
enum role role_from_name(const char *name);
const char *role_name(enum role role);
const char *permission_name(enum permission perm);
/* Whether `role` has `perm` (out-of-range ids have nothing). */
int role_can(enum role role, int perm);
/* Whether the caller of an authenticated request has `perm`. */
int req_can(const struct request *r, enum permission perm);
/* The dispatcher's check of a route's permission: 0 when the caller has it, else answers 403 `forbidden` with
 * details.permission naming it and returns -1. */
int api_authorize(struct request *r, int perm);

/* Writes the permissions `role` has as an array named `key` (GET /roles, GET /auth/me). */
void roles_write_permissions(struct jw *w, const char *key, enum role role);

#endif
