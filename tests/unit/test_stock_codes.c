/* Unit tests of the stock documents' codes (prefix, optional year, 6 digits), amounts and the slip rule on order statuses. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "stock/stock.h"

static void test_doc_codes(void **state)
{
	(void)state;
	char c[DOC_CODE_SIZE];
	doc_number_format(c, "PNK", 0, 12);
	assert_string_equal(c, "PNK000012");
	doc_number_format(c, "PNT", 0, 3);
	assert_string_equal(c, "PNT000003");
	doc_number_format(c, "PXK", 2026, 45);
	assert_string_equal(c, "PXK2026-000045");
	doc_number_format(c, "PXK", 0, 1234567);
	assert_string_equal(c, "PXK1234567");
}

static void test_doc_year(void **state)
{
	(void)state;
	assert_int_equal(doc_number_year(1798736400 - 1), 2026); /* 2026-12-31 23:59:59 in Vietnam */
	assert_int_equal(doc_number_year(1798736400), 2027);     /* 2027-01-01 00:00:00 in Vietnam, 17:00 UTC before */
}

static void test_amounts(void **state)
{
	(void)state;
	assert_null(amount_problem("0"));
	assert_null(amount_problem("1200000"));
	assert_null(amount_problem("12.5"));
	assert_null(amount_problem("12.50"));
	assert_null(amount_problem("-0"));
	assert_string_equal(amount_problem("-3"), "negative");
	assert_string_equal(amount_problem("-0.5"), "negative");
	assert_string_equal(amount_problem("abc"), "not_a_number");
	assert_string_equal(amount_problem(""), "not_a_number");
	assert_string_equal(amount_problem("1e5"), "not_a_number");
	assert_string_equal(amount_problem("12."), "not_a_number");
	assert_string_equal(amount_problem("1.234.000"), "not_a_number");
	assert_string_equal(amount_problem("1.255"), "too_many_decimals");
	assert_string_equal(amount_problem("1234567890123456"), "too_large");
}

static void test_slip_order_statuses(void **state)
{
	(void)state;
	const char *yes[] = { "processing", "packing", "shipping", "delivered", "completed" };
	const char *no[] = { "awaiting_payment", "awaiting_confirmation", "cancelled", "unknown", "" };
	for (size_t i = 0; i < 5; i++) {
		assert_true(slip_allowed_status(yes[i]));
		assert_false(slip_allowed_status(no[i]));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_doc_codes),
		cmocka_unit_test(test_doc_year),
		cmocka_unit_test(test_amounts),
		cmocka_unit_test(test_slip_order_statuses),
	};
	return cmocka_run_group_tests_name("stock_codes", tests, NULL, NULL);
}
