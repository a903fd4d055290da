/* Unit tests of the one TikTok retry policy: the transient set, backoff and job delays, stable codes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "tiktok/policy.h"

static const enum tt_status all[] = { TT_OK, TT_ERR_TOKEN, TT_ERR_AUTH_CODE, TT_ERR_THROTTLED, TT_ERR_SERVER,
                                      TT_ERR_NETWORK, TT_ERR_MALFORMED, TT_ERR_REJECTED };
#define NALL (sizeof(all) / sizeof(all[0]))

static void test_transient_set(void **state)
{
	(void)state;
	assert_true(tt_transient(TT_ERR_THROTTLED));
	assert_true(tt_transient(TT_ERR_SERVER));
	assert_true(tt_transient(TT_ERR_NETWORK));
	assert_true(tt_transient(TT_ERR_MALFORMED));
	assert_false(tt_transient(TT_OK));
	assert_false(tt_transient(TT_ERR_TOKEN));
	assert_false(tt_transient(TT_ERR_AUTH_CODE));
	assert_false(tt_transient(TT_ERR_REJECTED));
}

static void test_backoff_doubles_with_jitter_and_a_cap(void **state)
{
	(void)state;
	assert_true(tt_backoff_ms(0, 0) == 200.0);
	assert_true(tt_backoff_ms(1, 0) == 400.0);
	assert_true(tt_backoff_ms(1, 999) < 800.0 && tt_backoff_ms(1, 999) > 790.0);
	for (int a = 0; a < 40; a++)
		for (unsigned j = 0; j < 2000; j += 333) {
			double ms = tt_backoff_ms(a, j);
			assert_true(ms >= 200.0 && ms <= TT_CALL_BACKOFF_MAX_MS);
		}
}

static void test_job_delays_grow_and_stay_bounded(void **state)
{
	(void)state;
	int prev = 0;
	for (int a = 0; a <= JOB_MAX_ATTEMPTS + 100; a++) {
		int s = job_retry_seconds(a);
		assert_true(s >= 5 && s <= JOB_RETRY_MAX_SECONDS);
		assert_true(s >= prev);
		prev = s;
	}
	assert_true(TT_CALL_ATTEMPTS >= 1 && JOB_MAX_ATTEMPTS >= 1);
}

static void test_codes_are_stable_snake_case_and_distinct(void **state)
{
	(void)state;
	assert_string_equal(tt_status_code(TT_ERR_THROTTLED), "rate_limited");
	assert_string_equal(tt_status_code(TT_ERR_TOKEN), "tiktok_token_refused");
	for (size_t i = 0; i < NALL; i++) {
		const char *c = tt_status_code(all[i]);
		assert_non_null(c);
		assert_true(strspn(c, "abcdefghijklmnopqrstuvwxyz_") == strlen(c));
		for (size_t k = 0; k < i; k++)
			assert_string_not_equal(c, tt_status_code(all[k]));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_transient_set),
		cmocka_unit_test(test_backoff_doubles_with_jitter_and_a_cap),
		cmocka_unit_test(test_job_delays_grow_and_stay_bounded),
		cmocka_unit_test(test_codes_are_stable_snake_case_and_distinct),
	};
	return cmocka_run_group_tests_name("policy", tests, NULL, NULL);
}
