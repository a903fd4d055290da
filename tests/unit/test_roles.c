/* Unit tests of the permission table: a route without a permission is the owner's only, the roles of the issue. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "accounts/roles.h"
#include "api/routes.h"

static void test_a_route_without_permission_is_the_owners_only(void **state)
{
	(void)state;
	struct route undeclared = { "GET", "/x", NULL, ROUTE_USER, 0 };
	assert_int_equal(undeclared.permission, PERM_OWNERSHIP);
	assert_true(role_can(ROLE_OWNER, undeclared.permission));
	for (int role = ROLE_MANAGER; role < ROLE__COUNT; role++)
		assert_false(role_can((enum role)role, undeclared.permission));
	assert_false(role_can(ROLE_NONE, PERM_SIGNED_IN));
	assert_false(role_can(ROLE_OWNER, PERM__COUNT));
	assert_false(role_can(ROLE_OWNER, -1));
}

static void test_every_permission_is_named_once_and_the_owner_has_it(void **state)
{
	(void)state;
	for (int p = 0; p < PERM__COUNT; p++) {
		assert_true(strlen(permission_name((enum permission)p)) > 0);
		assert_true(role_can(ROLE_OWNER, p));
		for (int q = 0; q < p; q++)
			assert_string_not_equal(permission_name((enum permission)p), permission_name((enum permission)q));
	}
}

static void test_roles_by_name(void **state)
{
	(void)state;
	assert_int_equal(role_from_name("warehouse"), ROLE_WAREHOUSE);
	assert_int_equal(role_from_name("staff"), ROLE_NONE);
	assert_int_equal(role_from_name(NULL), ROLE_NONE);
	assert_string_equal(role_name(ROLE_ACCOUNTANT), "accountant");
}

static void test_the_four_roles(void **state)
{
	(void)state;
	static const enum permission manager_not[] = { PERM_STAFF_MANAGE, PERM_OWNERSHIP, PERM_CONNECTIONS_MANAGE,
	                                               PERM_API_TOKENS_MANAGE };
	for (size_t i = 0; i < sizeof(manager_not) / sizeof(manager_not[0]); i++)
		assert_false(role_can(ROLE_MANAGER, manager_not[i]));
	assert_true(role_can(ROLE_MANAGER, PERM_MONEY_READ));
	assert_false(role_can(ROLE_WAREHOUSE, PERM_MONEY_READ));
	assert_true(role_can(ROLE_WAREHOUSE, PERM_SLIPS_WRITE));
	assert_true(role_can(ROLE_WAREHOUSE, PERM_SHIPPING_ARRANGE));
	assert_false(role_can(ROLE_WAREHOUSE, PERM_PRODUCTS_WRITE));
	assert_true(role_can(ROLE_ACCOUNTANT, PERM_MONEY_READ));
	assert_true(role_can(ROLE_ACCOUNTANT, PERM_NOTES_WRITE));
	assert_false(role_can(ROLE_ACCOUNTANT, PERM_SLIPS_WRITE));
	assert_false(role_can(ROLE_ACCOUNTANT, PERM_SETTINGS_WRITE));
}

/* Every route that needs a token declares a permission the table knows. */
static void test_every_route_names_a_known_permission(void **state)
{
	(void)state;
	for (size_t i = 0; i < api_nroutes; i++)
		if (api_routes[i].auth != ROUTE_PUBLIC)
			assert_in_range(api_routes[i].permission, 0, PERM__COUNT - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_route_without_permission_is_the_owners_only),
		cmocka_unit_test(test_every_permission_is_named_once_and_the_owner_has_it),
		cmocka_unit_test(test_roles_by_name),
		cmocka_unit_test(test_the_four_roles),
		cmocka_unit_test(test_every_route_names_a_known_permission),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
