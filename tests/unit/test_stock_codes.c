/* Unit tests of the stock documents' codes (PNK/PTH/PXK + 6 digits), the slip code search and the slip rule on order statuses. */
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
	doc_code(c, "receipt", 12);
	assert_string_equal(c, "PNK000012");
	doc_code(c, "return", 3);
	assert_string_equal(c, "PTH000003");
	doc_code(c, "slip_export", 45);
	assert_string_equal(c, "PXK000045");
	doc_code(c, "slip", 1234567);
	assert_string_equal(c, "PXK1234567");
}

static void test_slip_code_search(void **state)
{
	(void)state;
	assert_int_equal(slip_code_id("PXK000045"), 45);
	assert_int_equal(slip_code_id("pxk45"), 45);
	assert_int_equal(slip_code_id("45"), 45);
	assert_int_equal(slip_code_id("PXK"), 0);
	assert_int_equal(slip_code_id("PNK000045"), 0);
	assert_int_equal(slip_code_id("45a"), 0);
	assert_int_equal(slip_code_id("1234567890123456789"), 0);
	assert_int_equal(slip_code_id(""), 0);
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
		cmocka_unit_test(test_slip_code_search),
		cmocka_unit_test(test_slip_order_statuses),
	};
	return cmocka_run_group_tests_name("stock_codes", tests, NULL, NULL);
}
