/* The read cache's store: a text only at its exact version and owner, one store for every process forked after it,
 * the oldest written texts and the least recently used entry out, bounds kept. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include "core/arena.h"
#include "core/text_cache.h"

static struct arena a;

static void test_text_only_at_its_version_and_owner(void **state)
{
	(void)state;
	struct text_cache c;
	size_t len = 0;
	assert_int_equal(text_cache_init(&c, 4, 4096), 0);
	text_cache_put(&c, 7, "orders?page=1", 10, "{\"a\":1}", 7);
	const char *t = text_cache_get(&c, 7, "orders?page=1", 10, &len, &a);
	assert_non_null(t);
	assert_int_equal(len, 7);
	assert_string_equal(t, "{\"a\":1}");
	assert_null(text_cache_get(&c, 8, "orders?page=1", 10, &len, &a)); /* another merchant */
	assert_null(text_cache_get(&c, 7, "orders?page=2", 10, &len, &a)); /* another view */
	assert_null(text_cache_get(&c, 7, "orders?page=", 10, &len, &a));  /* a key that only begins the same */
	assert_null(text_cache_get(&c, 7, "orders?page=1", 11, &len, &a)); /* the data changed since: dropped */
	assert_null(text_cache_get(&c, 7, "orders?page=1", 10, &len, &a)); /* and gone for the old version too */
	text_cache_put(&c, 7, "orders?page=1", 11, "{\"a\":2}", 7);
	text_cache_put(&c, 7, "orders?page=1", 12, "{\"a\":3}", 7); /* the same view kept again: one entry */
	t = text_cache_get(&c, 7, "orders?page=1", 12, &len, &a);
	assert_non_null(t);
	assert_string_equal(t, "{\"a\":3}");
	assert_null(text_cache_get(&c, 7, "orders?page=1", 11, &len, &a));
	text_cache_free(&c);
}

static void test_least_recently_used_entry_goes_first(void **state)
{
	(void)state;
	struct text_cache c;
	size_t len;
	char key[16];
	assert_int_equal(text_cache_init(&c, 3, 4096), 0);
	for (int i = 0; i < 3; i++) {
		snprintf(key, sizeof key, "k%d", i);
		text_cache_put(&c, 1, key, 1, key, strlen(key));
	}
	assert_non_null(text_cache_get(&c, 1, "k0", 1, &len, &a)); /* k1 is now the least recently used */
	text_cache_put(&c, 1, "k3", 1, "k3", 2);
	assert_null(text_cache_get(&c, 1, "k1", 1, &len, &a));
	assert_non_null(text_cache_get(&c, 1, "k0", 1, &len, &a));
	assert_non_null(text_cache_get(&c, 1, "k2", 1, &len, &a));
	assert_non_null(text_cache_get(&c, 1, "k3", 1, &len, &a));
	text_cache_free(&c);
}

/* 100 bytes of texts: each new text overwrites the oldest written ones, which are gone; the rest stay whole. */
static void test_oldest_written_bytes_make_room(void **state)
{
	(void)state;
	struct text_cache c;
	size_t len;
	char key[16], text[40];
	assert_int_equal(text_cache_init(&c, 16, 100), 0);
	for (int i = 0; i < 10; i++) {
		snprintf(key, sizeof key, "k%d", i);
		memset(text, 'a' + i, 29);
		text[29] = '\0';
		text_cache_put(&c, 1, key, 1, text, 29); /* 3 + 29 bytes, 32 with the alignment: 3 fit */
	}
	int kept = 0;
	for (int i = 0; i < 10; i++) {
		snprintf(key, sizeof key, "k%d", i);
		const char *t = text_cache_get(&c, 1, key, 1, &len, &a);
		if (t == NULL)
			continue;
		kept++;
		assert_int_equal(len, 29);
		for (int k = 0; k < 29; k++)
			assert_int_equal(t[k], 'a' + i);
	}
	assert_int_equal(kept, 3);
	assert_non_null(text_cache_get(&c, 1, "k9", 1, &len, &a)); /* the newest is among them */
	text_cache_free(&c);
}

static void test_shared_by_the_processes_forked_after_it(void **state)
{
	(void)state;
	struct text_cache c;
	size_t len;
	assert_int_equal(text_cache_init(&c, 4, 4096), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		text_cache_attach(&c);
		text_cache_put(&c, 5, "overview", 3, "{\"n\":1}", 7);
		_exit(0);
	}
	int st = 0;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_int_equal(st, 0);
	const char *t = text_cache_get(&c, 5, "overview", 3, &len, &a); /* kept by the child, read by the parent */
	assert_non_null(t);
	assert_string_equal(t, "{\"n\":1}");
	text_cache_free(&c);
}

static void test_bounds(void **state)
{
	(void)state;
	struct text_cache c;
	size_t len;
	assert_int_equal(text_cache_init(&c, 0, 4096), 0); /* configured off: keeps nothing */
	text_cache_put(&c, 1, "k", 1, "x", 1);
	assert_null(text_cache_get(&c, 1, "k", 1, &len, &a));
	text_cache_free(&c);
	assert_int_equal(text_cache_init(&c, 4, 0), 0);
	text_cache_put(&c, 1, "k", 1, "x", 1);
	assert_null(text_cache_get(&c, 1, "k", 1, &len, &a));
	text_cache_free(&c);
	assert_int_equal(text_cache_init(&c, 2, 2 * TEXT_CACHE_MAX_TEXT), 0);
	char *big = malloc(TEXT_CACHE_MAX_TEXT + 1);
	assert_non_null(big);
	memset(big, 'x', TEXT_CACHE_MAX_TEXT + 1);
	text_cache_put(&c, 1, "big", 1, big, TEXT_CACHE_MAX_TEXT + 1); /* too long to keep */
	assert_null(text_cache_get(&c, 1, "big", 1, &len, &a));
	text_cache_put(&c, 1, "big", 1, big, TEXT_CACHE_MAX_TEXT);
	assert_non_null(text_cache_get(&c, 1, "big", 1, &len, &a));
	assert_int_equal(len, TEXT_CACHE_MAX_TEXT);
	free(big);
	text_cache_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_only_at_its_version_and_owner),
		cmocka_unit_test(test_least_recently_used_entry_goes_first),
		cmocka_unit_test(test_oldest_written_bytes_make_room),
		cmocka_unit_test(test_shared_by_the_processes_forked_after_it),
		cmocka_unit_test(test_bounds),
	};
	arena_init(&a);
	int rc = cmocka_run_group_tests_name("text_cache", tests, NULL, NULL);
	arena_free(&a);
	return rc;
}
