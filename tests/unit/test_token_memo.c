/* The verified-token memo: only the exact bytes of a token jwt_verify accepted give its claims back, while unexpired. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "accounts/jwt.h"
#include "accounts/token_memo.h"

static void test_exact_token_unexpired_only(void **state)
{
	(void)state;
	struct token_claims c = { .user_id = 7, .merchant_id = 3, .token_id = 0, .expires_at = 1000, .issued_at = 900 };
	struct token_claims out;
	const char *tok = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI3In0.c2lnbmF0dXJl";
	assert_int_equal(token_memo_get(tok, 950, &out), -1); /* never verified */
	token_memo_put(tok, &c);
	assert_int_equal(token_memo_get(tok, 950, &out), 0);
	assert_int_equal(out.user_id, 7);
	assert_int_equal(out.merchant_id, 3);
	assert_int_equal(out.issued_at, 900);
	assert_int_equal(token_memo_get(tok, 1000, &out), -1); /* expired at exp */
	assert_int_equal(token_memo_get("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI3In0.c2lnbmF0dXJm", 950, &out), -1); /* one byte */
	assert_int_equal(token_memo_get("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI3In0.c2lnbmF0dXJ", 950, &out), -1); /* a prefix */
	assert_int_equal(token_memo_get("", 950, &out), -1);
}

static void test_bounded(void **state)
{
	(void)state;
	struct token_claims c = { .user_id = 1, .merchant_id = 1, .expires_at = 1000 };
	struct token_claims out;
	char tok[2000];
	memset(tok, 'a', sizeof(tok) - 1);
	tok[sizeof(tok) - 1] = '\0';
	token_memo_put(tok, &c); /* too long to remember */
	assert_int_equal(token_memo_get(tok, 10, &out), -1);
	char many[200][16];
	for (int i = 0; i < 200; i++) { /* more tokens than slots: the newest of each slot answers */
		snprintf(many[i], sizeof(many[i]), "tok-%d", i);
		c.user_id = i + 1;
		token_memo_put(many[i], &c);
	}
	assert_int_equal(token_memo_get(many[199], 10, &out), 0);
	assert_int_equal(out.user_id, 200);
	for (int i = 0; i < 200; i++)
		if (token_memo_get(many[i], 10, &out) == 0)
			assert_int_equal(out.user_id, i + 1); /* never another token's claims */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact_token_unexpired_only),
		cmocka_unit_test(test_bounded),
	};
	return cmocka_run_group_tests_name("token_memo", tests, NULL, NULL);
}
