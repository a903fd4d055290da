/* Search folding: case and Vietnamese diacritics removed, other text kept. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "core/arena.h"
#include "products/fold.h"

static void check(const char *in, const char *want)
{
	struct arena a;
	arena_init(&a);
	assert_string_equal(text_fold(&a, in), want);
	arena_free(&a);
}

static void test_vietnamese(void **state)
{
	(void)state;
	check("Áo thun", "ao thun");
	check("ÁO THUN ĐỎ", "ao thun do");
	check("Quần Jean Nữ Ống Rộng", "quan jean nu ong rong");
	check("Bánh mì Việt Nam ƯỚT", "banh mi viet nam uot");
	check("ỳỷỹỵý Ơ ơ Ư ư ă Ă â ê ô", "yyyyy o o u u a a a e o");
	check("đồng hồ Đức", "dong ho duc");
}

static void test_decomposed_and_other(void **state)
{
	(void)state;
	check("A\xcc\x81o", "ao");                   /* A + combining acute */
	check("SKU-001_x%", "sku-001_x%");
	check("Crème brûlée × 2", "creme brulee × 2");
	check("日本 ÀÉ", "日本 ae");
	check("\xff\xfe bad", "\xff\xfe bad");       /* invalid bytes pass through */
	check("", "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vietnamese),
		cmocka_unit_test(test_decomposed_and_other),
	};
	return cmocka_run_group_tests_name("fold", tests, NULL, NULL);
}
