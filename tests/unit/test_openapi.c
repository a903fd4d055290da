/* The route table and the OpenAPI document must describe the same endpoints with the same permissions; the document
 * lists every field error code. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <yajl/yajl_tree.h>
#include "api/routes.h"
#include "accounts/roles.h"
#include "json/jread.h"

extern const char openapi_json[];

static yajl_val member(yajl_val obj, const char *key)
{
	for (size_t i = 0; obj != NULL && YAJL_IS_OBJECT(obj) && i < obj->u.object.len; i++)
		if (strcmp(obj->u.object.keys[i], key) == 0)
			return obj->u.object.values[i];
	return NULL;
}

static void lower(const char *in, char *out)
{
	while (*in)
		*out++ = (char)tolower((unsigned char)*in++);
	*out = '\0';
}

static void test_every_route_is_documented(void **state)
{
	(void)state;
	char err[256];
	yajl_val doc = yajl_tree_parse(openapi_json, err, sizeof(err));
	assert_non_null(doc);
	assert_string_equal(YAJL_GET_STRING(member(doc, "openapi")), "3.1.0");
	yajl_val paths = member(doc, "paths");
	assert_non_null(paths);
	for (size_t i = 0; i < api_nroutes; i++) {
		char method[16];
		lower(api_routes[i].method, method);
		yajl_val op = member(member(paths, api_routes[i].pattern), method);
		if (op == NULL)
			fail_msg("%s %s is not in openapi.json", api_routes[i].method, api_routes[i].pattern);
		/* A route that needs a token must say so, and a public one must not. */
		yajl_val sec = member(op, "security");
		int public_doc = sec != NULL && YAJL_IS_ARRAY(sec) && sec->u.array.len == 0;
		if (public_doc != (api_routes[i].auth == ROUTE_PUBLIC))
			fail_msg("%s %s: security in openapi.json disagrees with the route table",
			         api_routes[i].method, api_routes[i].pattern);
		/* The permission it needs is the route table's (a public one names none). */
		yajl_val perm = member(op, "x-permission");
		const char *want = api_routes[i].auth == ROUTE_PUBLIC ? NULL :
		                   permission_name((enum permission)api_routes[i].permission);
		const char *got = perm != NULL && YAJL_IS_STRING(perm) ? YAJL_GET_STRING(perm) : NULL;
		if ((want == NULL) != (got == NULL) || (want != NULL && strcmp(want, got) != 0))
			fail_msg("%s %s: x-permission %s in openapi.json, %s in the route table", api_routes[i].method,
			         api_routes[i].pattern, got ? got : "(none)", want ? want : "(none)");
	}
	yajl_tree_free(doc);
}

static void test_every_documented_operation_is_routed(void **state)
{
	(void)state;
	char err[256];
	yajl_val doc = yajl_tree_parse(openapi_json, err, sizeof(err));
	assert_non_null(doc);
	yajl_val paths = member(doc, "paths");
	static const char *const verbs[] = { "get", "post", "put", "patch", "delete" };
	for (size_t p = 0; p < paths->u.object.len; p++) {
		const char *path = paths->u.object.keys[p];
		yajl_val item = paths->u.object.values[p];
		for (size_t k = 0; k < item->u.object.len; k++) {
			const char *verb = item->u.object.keys[k];
			int is_verb = 0;
			for (size_t v = 0; v < 5; v++)
				is_verb |= strcmp(verb, verbs[v]) == 0;
			if (!is_verb)
				continue;
			int found = 0;
			for (size_t i = 0; i < api_nroutes && !found; i++) {
				char method[16];
				lower(api_routes[i].method, method);
				found = strcmp(api_routes[i].pattern, path) == 0 && strcmp(method, verb) == 0;
			}
			if (!found)
				fail_msg("openapi.json documents %s %s, which has no route", verb, path);
		}
	}
	yajl_tree_free(doc);
}

/* FieldError.code's enum is JR_CODES, in its order: a code the API sends is documented, and only those. */
static void test_field_error_codes_are_documented(void **state)
{
	(void)state;
	char err[256];
	yajl_val doc = yajl_tree_parse(openapi_json, err, sizeof(err));
	assert_non_null(doc);
	yajl_val fe = member(member(member(doc, "components"), "schemas"), "FieldError");
	yajl_val codes = member(member(member(fe, "properties"), "code"), "enum");
	assert_non_null(codes);
	assert_true(YAJL_IS_ARRAY(codes));
	assert_int_equal(codes->u.array.len, JR__NCODES);
	for (int i = 0; i < JR__NCODES; i++)
		assert_string_equal(YAJL_GET_STRING(codes->u.array.values[i]), jr_code_name((enum jr_code)i));
	yajl_tree_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_route_is_documented),
		cmocka_unit_test(test_every_documented_operation_is_routed),
		cmocka_unit_test(test_field_error_codes_are_documented),
	};
	return cmocka_run_group_tests_name("openapi", tests, NULL, NULL);
}
