/* Unit tests of the JSON reader (caps, validators) and writer. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "core/arena.h"
#include "json/jread.h"
#include "json/jwrite.h"

static int parse(struct jr *j, struct arena *a, const char *text)
{
	char err[300];
	return jr_parse(j, a, text, strlen(text), JR_MAX_DEPTH, err, sizeof(err));
}

static void test_reads_typed_fields(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct jr j;
	assert_int_equal(parse(&j, &a, "{\"name\":\"  Cửa hàng  \",\"n\":42,\"ok\":true,\"email\":\"a@b.vn\"}"), 0);
	assert_string_equal(jr_str(&j, j.root, "name", JR_REQUIRED, 1, 10), "Cửa hàng");
	assert_int_equal(jr_int(&j, j.root, "n", JR_REQUIRED, 0, 100, -1), 42);
	assert_int_equal(jr_bool(&j, j.root, "ok", JR_REQUIRED, 0), 1);
	assert_string_equal(jr_str(&j, j.root, "email", JR_EMAIL, 3, 254), "a@b.vn");
	assert_int_equal(jr_int(&j, j.root, "absent", JR_OPTIONAL, 0, 9, 7), 7);
	assert_int_equal(j.nerr, 0);
	jr_free(&j);
	arena_free(&a);
}

static void test_collects_field_errors(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct jr j;
	assert_int_equal(parse(&j, &a, "{\"name\":5,\"n\":\"5\",\"big\":1000,\"email\":\"no-at\",\"short\":\"ab\"}"), 0);
	jr_str(&j, j.root, "name", JR_REQUIRED, 1, 10);
	jr_int(&j, j.root, "n", JR_REQUIRED, 0, 9, 0);
	jr_int(&j, j.root, "big", JR_REQUIRED, 0, 999, 0);
	jr_str(&j, j.root, "email", JR_EMAIL, 1, 254);
	jr_str(&j, j.root, "short", JR_REQUIRED, 3, 10);
	jr_str(&j, j.root, "missing", JR_REQUIRED, 1, 10);
	assert_int_equal(j.nerr, 6);
	assert_string_equal(j.errs[0].field, "name");
	assert_string_equal(j.errs[0].message, "must be a string");
	assert_string_equal(j.errs[1].message, "must be a whole number");
	assert_string_equal(j.errs[2].message, "must be from 0 to 999");
	assert_string_equal(j.errs[3].message, "must be a valid e-mail address");
	assert_string_equal(j.errs[4].message, "must be at least 3 characters");
	assert_string_equal(j.errs[5].field, "missing");
	assert_string_equal(j.errs[5].message, "is required");
	jr_free(&j);
	arena_free(&a);
}

static void test_counts_characters_not_bytes(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct jr j;
	/* "Đồng" is 4 characters but 7 bytes. */
	assert_int_equal(parse(&j, &a, "{\"s\":\"Đồng\"}"), 0);
	assert_non_null(jr_str(&j, j.root, "s", JR_REQUIRED, 1, 4));
	assert_null(jr_str(&j, j.root, "s", JR_REQUIRED, 1, 3));
	jr_free(&j);
	arena_free(&a);
}

static void test_refuses_malformed_deep_and_non_objects(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct jr j;
	char deep[200] = "{\"a\":";
	for (int i = 0; i < 40; i++)
		strcat(deep, "[");
	for (int i = 0; i < 40; i++)
		strcat(deep, "]");
	strcat(deep, "}");
	assert_int_equal(parse(&j, &a, "{\"a\":"), -1);
	assert_int_equal(parse(&j, &a, "[1,2]"), -1);
	assert_int_equal(parse(&j, &a, ""), -1);
	assert_int_equal(parse(&j, &a, deep), -1);
	/* brackets inside strings do not count as depth */
	assert_int_equal(parse(&j, &a, "{\"a\":\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"}"), 0);
	jr_free(&j);
	arena_free(&a);
}

static void test_writer_builds_documents(void **state)
{
	(void)state;
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_str(&w, "s", "a\"b");
	jw_int(&w, "i", -5);
	jw_bool(&w, "b", 1);
	jw_str(&w, "n", NULL);
	jw_time(&w, "t", 1764324000);
	jw_time(&w, "z", 0);
	jw_arr_open(&w, "a");
	jw_int(&w, NULL, 1);
	jw_arr_close(&w);
	jw_obj_close(&w);
	size_t len;
	const char *doc = jw_result(&w, &len);
	assert_non_null(doc);
	assert_string_equal(doc, "{\"s\":\"a\\\"b\",\"i\":-5,\"b\":true,\"n\":null,\"t\":\"2025-11-28T10:00:00Z\",\"z\":null,\"a\":[1]}");
	jw_free(&w);
}

static void test_writer_error_is_sticky(void **state)
{
	(void)state;
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_int(&w, NULL, 1); /* a value without a key inside an object */
	jw_obj_close(&w);
	size_t len;
	assert_null(jw_result(&w, &len));
	jw_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reads_typed_fields),
		cmocka_unit_test(test_collects_field_errors),
		cmocka_unit_test(test_counts_characters_not_bytes),
		cmocka_unit_test(test_refuses_malformed_deep_and_non_objects),
		cmocka_unit_test(test_writer_builds_documents),
		cmocka_unit_test(test_writer_error_is_sticky),
	};
	return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
