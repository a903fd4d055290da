/* The read cache's store: a text only at its exact version and owner, the least recently used one out, bounds kept. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "core/text_cache.h"

static void test_text_only_at_its_version_and_owner(void **state)
{
	(void)state;
	struct text_cache c;
	size_t len = 0;
	assert_int_equal(text_cache_init(&c, 4), 0);
	text_cache_put(&c, 7, "orders?page=1", 10, "{\"a\":1}", 7);
	const char *t = text_cache_get(&c, 7, "orders?page=1", 10, &len);
	assert_non_null(t);
	assert_int_equal(len, 7);
	assert_memory_equal(t, "{\"a\":1}", 7);
	assert_null(text_cache_get(&c, 8, "orders?page=1", 10, &len)); /* another merchant */
	assert_null(text_cache_get(&c, 7, "orders?page=2", 10, &len)); /* another view */
	assert_null(text_cache_get(&c, 7, "orders?page=1", 11, &len)); /* the data changed since: dropped */
	assert_null(text_cache_get(&c, 7, "orders?page=1", 10, &len)); /* and gone for the old version too */
	text_cache_put(&c, 7, "orders?page=1", 11, "{\"a\":2}", 7);
	text_cache_put(&c, 7, "orders?page=1", 12, "{\"a\":3}", 7); /* the same view kept again: one entry */
	t = text_cache_get(&c, 7, "orders?page=1", 12, &len);
	assert_non_null(t);
	assert_memory_equal(t, "{\"a\":3}", 7);
	text_cache_free(&c);
}

static void test_least_recently_used_goes_first(void **state)
{
	(void)state;
	struct text_cache c;
	size_t len;
	char key[16];
	assert_int_equal(text_cache_init(&c, 3), 0);
	for (int i = 0; i < 3; i++) {
		snprintf(key, sizeof key, "k%d", i);
		text_cache_put(&c, 1, key, 1, key, strlen(key));
	}
	assert_non_null(text_cache_get(&c, 1, "k0", 1, &len)); /* k1 is now the least recently used */
	text_cache_put(&c, 1, "k3", 1, "k3", 2);
	assert_null(text_cache_get(&c, 1, "k1", 1, &len));
	assert_non_null(text_cache_get(&c, 1, "k0", 1, &len));
	assert_non_null(text_cache_get(&c, 1, "k2", 1, &len));
	assert_non_null(text_cache_get(&c, 1, "k3", 1, &len));
	text_cache_free(&c);
}

static void test_bounds(void **state)
{
	(void)state;
	struct text_cache c;
	size_t len;
	assert_int_equal(text_cache_init(&c, 0), 0); /* configured off: keeps nothing */
	text_cache_put(&c, 1, "k", 1, "x", 1);
	assert_null(text_cache_get(&c, 1, "k", 1, &len));
	text_cache_free(&c);
	assert_int_equal(text_cache_init(&c, 2), 0);
	char *big = malloc(TEXT_CACHE_MAX_TEXT + 1);
	assert_non_null(big);
	memset(big, 'x', TEXT_CACHE_MAX_TEXT + 1);
	text_cache_put(&c, 1, "big", 1, big, TEXT_CACHE_MAX_TEXT + 1); /* too long to keep */
	assert_null(text_cache_get(&c, 1, "big", 1, &len));
	text_cache_put(&c, 1, "big", 1, big, TEXT_CACHE_MAX_TEXT);
	assert_non_null(text_cache_get(&c, 1, "big", 1, &len));
	assert_int_equal(len, TEXT_CACHE_MAX_TEXT);
	free(big);
	text_cache_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_only_at_its_version_and_owner),
		cmocka_unit_test(test_least_recently_used_goes_first),
		cmocka_unit_test(test_bounds),
	};
	return cmocka_run_group_tests_name("text_cache", tests, NULL, NULL);
}
