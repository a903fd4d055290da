/* Unit tests of stock_plan_of, what one SKU is sent to TikTok: not linked, push off, stock not managed (unless the
 * rule is off or the SKU included), the buffer never below 0, and the change against TikTok's last known quantity. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "db/db.h"
#include "statements.h"
#include "stock_push/stock_plan.h"

/* One plan row: a linked SKU of a shop with push on, the rule on, TikTok's quantity `tiktok` (NULL: never seen). */
struct row {
	char *cells[PLAN__NCOLS];
};

static void base(struct row *r, const char *available, const char *buffer, const char *received, const char *tiktok)
{
	for (int i = 0; i < PLAN__NCOLS; i++)
		r->cells[i] = "";
	r->cells[PLAN_PRODUCT_ID] = "7";
	r->cells[PLAN_ENABLED] = "1";
	r->cells[PLAN_AVAILABLE] = (char *)available;
	r->cells[PLAN_BUFFER] = (char *)buffer;
	r->cells[PLAN_RECEIVED] = (char *)received;
	r->cells[PLAN_SKIP_UNRECEIVED] = "1";
	r->cells[PLAN_INCLUDED] = "0";
	r->cells[PLAN_TIKTOK_QTY] = (char *)tiktok;
}

static struct stock_plan plan_of(struct row *r)
{
	struct db_rows rows = { .nrows = 1, .ncols = PLAN__NCOLS, .cells = r->cells, .lens = NULL };
	struct stock_plan p;
	stock_plan_of(&rows, 0, &p);
	return p;
}

static void test_what_is_not_sent(void **state)
{
	(void)state;
	struct row r;
	base(&r, "5", "0", "1", "3");
	r.cells[PLAN_PRODUCT_ID] = NULL;
	assert_int_equal(plan_of(&r).action, PLAN_UNLINKED);
	base(&r, "5", "0", "1", "3");
	r.cells[PLAN_ENABLED] = "0";
	assert_int_equal(plan_of(&r).action, PLAN_OFF);
	base(&r, "0", "0", "0", "3");
	struct stock_plan p = plan_of(&r);
	assert_int_equal(p.action, PLAN_UNMANAGED);
	assert_int_equal(p.change, CHANGE_NONE);
	assert_true(p.tiktok_known);
	assert_int_equal(p.tiktok, 3);
}

static void test_never_received_sent_when_rule_off_or_included(void **state)
{
	(void)state;
	struct row r;
	base(&r, "0", "0", "0", "3");
	r.cells[PLAN_SKIP_UNRECEIVED] = "0";
	struct stock_plan p = plan_of(&r);
	assert_int_equal(p.action, PLAN_SEND);
	assert_int_equal(p.quantity, 0);
	assert_int_equal(p.change, CHANGE_ZERO);
	base(&r, "0", "0", "0", "3");
	r.cells[PLAN_INCLUDED] = "1";
	assert_int_equal(plan_of(&r).action, PLAN_SEND);
}

static void test_quantity_and_change(void **state)
{
	(void)state;
	struct row r;
	base(&r, "10", "2", "1", "3");
	struct stock_plan p = plan_of(&r);
	assert_int_equal(p.quantity, 8);
	assert_int_equal(p.change, CHANGE_UP);
	base(&r, "4", "2", "1", "3");
	assert_int_equal(plan_of(&r).change, CHANGE_DOWN);
	base(&r, "5", "2", "1", "3");
	assert_int_equal(plan_of(&r).change, CHANGE_SAME);
	base(&r, "1", "5", "1", "3");
	p = plan_of(&r);
	assert_int_equal(p.quantity, 0);   /* the buffer never takes it below 0 */
	assert_int_equal(p.change, CHANGE_ZERO);
	base(&r, "0", "0", "1", "0");
	assert_int_equal(plan_of(&r).change, CHANGE_SAME);   /* already 0 on TikTok: nothing emptied */
	base(&r, "0", "0", "1", NULL);
	assert_int_equal(plan_of(&r).change, CHANGE_ZERO);   /* an unknown quantity may be emptied */
	base(&r, "6", "0", "1", NULL);
	p = plan_of(&r);
	assert_int_equal(p.change, CHANGE_UNKNOWN);
	assert_false(p.tiktok_known);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_what_is_not_sent),
		cmocka_unit_test(test_never_received_sent_when_rule_off_or_included),
		cmocka_unit_test(test_quantity_and_change),
	};
	return cmocka_run_group_tests_name("stock_plan", tests, NULL, NULL);
}
