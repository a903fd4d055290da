/* Unit tests of route matching: literals, {id} captures, 404 versus 405. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "core/arena.h"
#include "http/router.h"

static void h(struct request *r) { (void)r; }

/* Matching ignores permissions: these lines leave them out. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

static const struct route routes[] = {
	{ "GET", "/api/v1/orders", h, ROUTE_USER },
	{ "GET", "/api/v1/orders/{id}", h, ROUTE_USER },
	{ "POST", "/api/v1/orders/{id}/links", h, ROUTE_USER },
	{ "DELETE", "/api/v1/orders/{id}", h, ROUTE_USER },
	{ "GET", "/api/v1/health", h, ROUTE_PUBLIC },
};
#define N (sizeof(routes) / sizeof(routes[0]))

static void test_matches_literals_and_captures(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct route_match m;
	router_match(routes, N, "GET", "/api/v1/orders", &a, &m);
	assert_ptr_equal(m.route, &routes[0]);
	router_match(routes, N, "GET", "/api/v1/orders/42", &a, &m);
	assert_ptr_equal(m.route, &routes[1]);
	assert_int_equal(m.nparams, 1);
	assert_string_equal(m.params[0], "42");
	router_match(routes, N, "POST", "/api/v1/orders/7/links", &a, &m);
	assert_ptr_equal(m.route, &routes[2]);
	assert_string_equal(m.params[0], "7");
	arena_free(&a);
}

static void test_tells_404_from_405(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct route_match m;
	router_match(routes, N, "PUT", "/api/v1/orders/42", &a, &m);
	assert_null(m.route);
	assert_int_equal(m.path_known, 1);
	assert_string_equal(m.allowed, "GET, HEAD, DELETE");
	router_match(routes, N, "HEAD", "/api/v1/orders/42", &a, &m);
	assert_ptr_equal(m.route, &routes[1]);
	router_match(routes, N, "HEAD", "/api/v1/orders/42/links", &a, &m);
	assert_null(m.route);
	assert_int_equal(m.path_known, 1);
	router_match(routes, N, "GET", "/api/v1/nothing", &a, &m);
	assert_null(m.route);
	assert_int_equal(m.path_known, 0);
	arena_free(&a);
}

static void test_needs_whole_segments(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct route_match m;
	const char *misses[] = { "/api/v1/orders/", "/api/v1/orders//links", "/api/v1/orders/1/links/x",
	                         "/api/v1/healthz", "/api/v1/health/", "/api/v1", "" };
	for (size_t i = 0; i < sizeof(misses) / sizeof(misses[0]); i++) {
		router_match(routes, N, "GET", misses[i], &a, &m);
		assert_null(m.route);
	}
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matches_literals_and_captures),
		cmocka_unit_test(test_tells_404_from_405),
		cmocka_unit_test(test_needs_whole_segments),
	};
	return cmocka_run_group_tests_name("router", tests, NULL, NULL);
}
