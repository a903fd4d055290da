/* Unit tests of JWT issue and verify: HS256 pinned, exp checked, tampering refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <jwt.h>
#include "accounts/jwt.h"

#define SECRET "an-hs256-secret-of-at-least-32-bytes!"
#define NOW 1800000000

static char *issue(int64_t exp)
{
	struct token_claims c = { .user_id = 11, .merchant_id = 22, .expires_at = exp, .issued_at = NOW };
	return jwt_issue(SECRET, &c);
}

static void test_roundtrip(void **state)
{
	(void)state;
	struct token_claims in = { .user_id = 11, .merchant_id = 22, .token_id = 33, .expires_at = NOW + 60, .issued_at = NOW - 5 },
	                    out;
	char *t = jwt_issue(SECRET, &in);
	assert_non_null(t);
	assert_int_equal(jwt_verify(SECRET, t, NOW, &out), 0);
	assert_int_equal(out.user_id, 11);
	assert_int_equal(out.merchant_id, 22);
	assert_int_equal(out.token_id, 33);
	assert_int_equal(out.expires_at, NOW + 60);
	assert_int_equal(out.issued_at, NOW - 5);
	free(t);
}

static void test_expired_refused(void **state)
{
	(void)state;
	struct token_claims out;
	char *t = issue(NOW - 1);
	assert_int_equal(jwt_verify(SECRET, t, NOW, &out), -1);
	assert_int_equal(out.user_id, 0);
	free(t);
	t = issue(NOW);
	assert_int_equal(jwt_verify(SECRET, t, NOW, &out), -1);
	free(t);
}

static void test_wrong_secret_and_tampering_refused(void **state)
{
	(void)state;
	struct token_claims out;
	char *t = issue(NOW + 60);
	assert_int_equal(jwt_verify("another-secret-of-at-least-32-bytes!!", t, NOW, &out), -1);
	char *dot = strrchr(t, '.');
	dot[1] = dot[1] == 'A' ? 'B' : 'A';
	assert_int_equal(jwt_verify(SECRET, t, NOW, &out), -1);
	free(t);
	assert_int_equal(jwt_verify(SECRET, "", NOW, &out), -1);
	assert_int_equal(jwt_verify(SECRET, "not.a.jwt", NOW, &out), -1);
}

static void test_alg_none_refused(void **state)
{
	(void)state;
	struct token_claims out;
	/* {"alg":"none","typ":"JWT"} . {"sub":"11","mid":"22","exp":1900000000} . (no signature) */
	const char *t = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0."
	                "eyJzdWIiOiIxMSIsIm1pZCI6IjIyIiwiZXhwIjoxOTAwMDAwMDAwfQ.";
	assert_int_equal(jwt_verify(SECRET, t, NOW, &out), -1);
}

static void test_other_algorithms_refused(void **state)
{
	(void)state;
	jwt_t *j;
	assert_int_equal(jwt_new(&j), 0);
	jwt_set_alg(j, JWT_ALG_HS512, (const unsigned char *)SECRET, (int)strlen(SECRET));
	jwt_add_grant(j, "sub", "11");
	jwt_add_grant(j, "mid", "22");
	jwt_add_grant_int(j, "exp", NOW + 60);
	char *t = jwt_encode_str(j);
	jwt_free(j);
	struct token_claims out;
	assert_int_equal(jwt_verify(SECRET, t, NOW, &out), -1);
	free(t);
}

static void test_missing_claims_refused(void **state)
{
	(void)state;
	jwt_t *j;
	assert_int_equal(jwt_new(&j), 0);
	jwt_set_alg(j, JWT_ALG_HS256, (const unsigned char *)SECRET, (int)strlen(SECRET));
	jwt_add_grant(j, "sub", "11");
	jwt_add_grant(j, "mid", "22"); /* no exp */
	char *t = jwt_encode_str(j);
	jwt_free(j);
	struct token_claims out;
	assert_int_equal(jwt_verify(SECRET, t, NOW, &out), -1);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_expired_refused),
		cmocka_unit_test(test_wrong_secret_and_tampering_refused),
		cmocka_unit_test(test_alg_none_refused),
		cmocka_unit_test(test_other_algorithms_refused),
		cmocka_unit_test(test_missing_claims_refused),
	};
	return cmocka_run_group_tests_name("jwt", tests, NULL, NULL);
}
