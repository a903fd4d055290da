/* Unit tests of the statement table: each SELECT has as many result columns as its column enum says
 * (the start-time check with mysql_stmt_field_count guards the same against the real server). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <cmocka.h>
#include "statements.h"

/* The number of items in the select list of `sql` (top level, up to its FROM), or 0 when it is no SELECT. */
static int select_columns(const char *sql)
{
	if (strncmp(sql, "SELECT ", 7) != 0)
		return 0;
	int depth = 0, items = 1, quoted = 0;
	for (const char *p = sql + 7; *p; p++) {
		if (*p == '\'')
			quoted = !quoted;
		if (quoted)
			continue;
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (depth == 0 && *p == ',')
			items++;
		else if (depth == 0 && strncasecmp(p, " FROM ", 6) == 0)
			return items;
	}
	return items; /* SELECT without FROM */
}

static void test_every_statement_is_given_once(void **state)
{
	(void)state;
	assert_int_equal(statements_load(), 0);
}

static void test_every_statement_matches_its_column_count(void **state)
{
	(void)state;
	assert_int_equal(statements_load(), 0);
	for (int i = 0; i < STMT__MAX; i++) {
		int got = select_columns(sql_statements[i]);
		if (got != sql_columns[i])
			fail_msg("statement %d has %d result columns, sql_columns says %d: %s", i, got, sql_columns[i],
			         sql_statements[i]);
	}
}

static void test_assembled_statements_match_their_enums(void **state)
{
	(void)state;
	assert_int_equal(select_columns(sql_order_page.columns), ORDER_LIST__NCOLS);
	assert_int_equal(select_columns(sql_order_page.counts), ONE__NCOLS);
	assert_int_equal(select_columns(sql_order_page.counts_linked), ONE__NCOLS);
	assert_int_equal(select_columns(sql_order_page.day_counts), ONE__NCOLS);
	assert_int_equal(select_columns(sql_order_page.status_day_counts), ONE__NCOLS);
	assert_int_equal(select_columns(sql_order_lock.head), ORDER_LOCK__NCOLS);
}

static void test_the_counter_sees_nesting(void **state)
{
	(void)state;
	assert_int_equal(select_columns("SELECT a, (SELECT b, c FROM t), CONCAT(d, ',', e) FROM x"), 3);
	assert_int_equal(select_columns("UPDATE t SET a = 1, b = 2"), 0);
	assert_int_equal(select_columns("SELECT 1"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_statement_is_given_once),
		cmocka_unit_test(test_every_statement_matches_its_column_count),
		cmocka_unit_test(test_assembled_statements_match_their_enums),
		cmocka_unit_test(test_the_counter_sees_nesting),
	};
	return cmocka_run_group_tests_name("sql_columns", tests, NULL, NULL);
}
