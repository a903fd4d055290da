/* Tokens at rest: AES-256-GCM seal and open, and refusal of altered or foreign text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "core/arena.h"
#include "crypto/aead.h"

#define KEYHEX "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

static void test_roundtrip_with_fresh_nonces(void **state)
{
	(void)state;
	unsigned char key[32];
	assert_int_equal(aead_key_from_hex(KEYHEX, key), 0);
	struct arena a;
	arena_init(&a);
	char *s1 = aead_seal(&a, key, "ROW_access_token_123");
	char *s2 = aead_seal(&a, key, "ROW_access_token_123");
	assert_non_null(s1);
	assert_string_not_equal(s1, s2);
	assert_null(strstr(s1, "access_token"));
	assert_string_equal(aead_open(&a, key, s1), "ROW_access_token_123");
	assert_string_equal(aead_open(&a, key, s2), "ROW_access_token_123");
	assert_string_equal(aead_open(&a, key, aead_seal(&a, key, "")), "");
	arena_free(&a);
}

static void test_refuses_altered_text_and_wrong_key(void **state)
{
	(void)state;
	unsigned char key[32], other[32];
	assert_int_equal(aead_key_from_hex(KEYHEX, key), 0);
	assert_int_equal(aead_key_from_hex("ff112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", other), 0);
	struct arena a;
	arena_init(&a);
	char *s = aead_seal(&a, key, "refresh-token");
	assert_null(aead_open(&a, other, s));
	char *t = arena_strdup(&a, s);
	t[10] = t[10] == 'A' ? 'B' : 'A';
	assert_null(aead_open(&a, key, t));
	assert_null(aead_open(&a, key, "refresh-token"));
	assert_null(aead_open(&a, key, "v1."));
	assert_null(aead_open(&a, key, NULL));
	assert_int_equal(aead_key_from_hex("xyz", key), -1);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip_with_fresh_nonces),
		cmocka_unit_test(test_refuses_altered_text_and_wrong_key),
	};
	return cmocka_run_group_tests_name("aead", tests, NULL, NULL);
}
