/* The name signature of order_words (sql/0035): its CRC-32 and bits as MariaDB's CRC32() gives them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "core/arena.h"
#include "orders/order_words.h"

/* The values below are MariaDB's: SELECT CRC32('...'), and the migration's BIT_OR over the same words. */
static void test_crc32_as_mariadb(void **state)
{
	(void)state;
	assert_int_equal(crc32_of("123456789", 9), 3421780262u);
	assert_int_equal(crc32_of("nguyen", 6), 493859864u);
	assert_int_equal(crc32_of("nguyen#", 7), 1662282013u);
	assert_int_equal(crc32_of("an", 2), 2536834118u);
	assert_int_equal(crc32_of("", 0), 0u);
	assert_int_equal(crc32_of("\xe6\x97\xa5\xe6\x9c\xac", 6), 3350711756u); /* 日本: its UTF-8 bytes */
}

static void test_signature_as_migration(void **state)
{
	(void)state;
	const char *van[] = { "van" };
	assert_true(word_signature(van, 1) == 66048u);
	const char *cjk[] = { "\xe6\x97\xa5\xe6\x9c\xac" };
	assert_true(word_signature(cjk, 1) == 2199023259648u);
	const char *name[] = { "ng", "ngu", "nguy", "nguye", "nguyen", "va", "van", "an" };
	assert_true(word_signature(name, 8) == 2314898674506859330u); /* bit 63 among them */
	assert_true(word_signature(name, 0) == 0);
}

/* A name's signature holds the bits of each of its tokens, so no word of the name is ever skipped. */
static void test_name_holds_its_words(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	const char **t;
	int n = name_tokens(&a, "Nguyễn Thị Thu Hương", &t);
	uint64_t sig = word_signature(t, n);
	for (int i = 0; i < n; i++) {
		uint64_t one = word_signature(t + i, 1);
		assert_true((sig & one) == one);
	}
	const char **q;
	int nq = query_words(&a, "huong nguyen thu", &q);
	assert_int_equal(nq, 3);
	uint64_t mask = word_signature(q, nq);
	assert_true((~sig & mask) == 0);
	arena_free(&a);
}

/* A name's pairs: each two of its words' beginnings once, the lesser first; a word of one character has none, a
 * second word of the same beginning adds none; the signature leaves them out. */
static void test_name_pairs(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	const char **t;
	int n = name_tokens(&a, "Nguyễn Văn An", &t);
	const char *want[] = { "ng", "ngu", "nguy", "nguye", "nguyen", "va", "van", "an", "ng va", "an ng", "an va" };
	assert_int_equal(n, 11);
	for (int i = 0; i < n; i++)
		assert_string_equal(t[i], want[i]);
	assert_true(word_signature(t, n) == word_signature(t, 8));
	n = name_tokens(&a, "Ngô Nguyễn B Vy", &t);
	int pairs = 0;
	for (int i = 0; i < n; i++)
		if (strchr(t[i], ' ') != NULL) {
			pairs++;
			assert_string_equal(t[i], "ng vy");
		}
	assert_int_equal(pairs, 1);
	/* past PAIR_BEGINNINGS distinct beginnings a word is not kept: its pairs would be too many */
	n = name_tokens(&a, "aa bb cc dd ee ff gg hh ii jj kk ll mm aab", &t);
	assert_int_equal(n, PAIR_BEGINNINGS + 1 + PAIR_BEGINNINGS * (PAIR_BEGINNINGS - 1) / 2);
	for (int i = 0; i < n; i++)
		assert_true(strncmp(t[i], "mm", 2) != 0 && strstr(t[i], " mm") == NULL);
	arena_free(&a);
}

/* A search's pair of two words, as the names' are written, and the words it says entirely. */
static void test_search_pairs(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	assert_string_equal(word_pair(&a, "van", "an"), "an va");
	assert_string_equal(word_pair(&a, "an", "nguyen"), "an ng");
	assert_null(word_pair(&a, "nguyen", "ngo"));  /* one word of a name may begin both */
	assert_null(word_pair(&a, "v", "an"));
	assert_string_equal(word_pair(&a, "\xc3\xa9t", "an"), "an \xc3\xa9t"); /* characters, not bytes */
	assert_true(pair_says("an va", "an"));
	assert_true(pair_says("an va", "va"));
	assert_false(pair_says("an va", "van"));
	assert_false(pair_says("an va", "a"));
	assert_false(pair_says("an va", "an va"));
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc32_as_mariadb),
		cmocka_unit_test(test_signature_as_migration),
		cmocka_unit_test(test_name_pairs),
		cmocka_unit_test(test_search_pairs),
		cmocka_unit_test(test_name_holds_its_words),
	};
	return cmocka_run_group_tests_name("word_signature", tests, NULL, NULL);
}
