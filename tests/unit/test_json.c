/* Unit tests of the JSON reader (caps, validators) and writer. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "core/arena.h"
#include "core/utf8.h"
#include "http/urlcode.h"
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

/* The code jr_parse answers for text, or "ok". */
static const char *verdict(struct arena *a, const char *text, size_t len)
{
	struct jr j;
	char err[300];
	if (jr_parse(&j, a, text, len, JR_MAX_DEPTH, err, sizeof(err)) != 0)
		return j.err_code;
	jr_free(&j);
	return "ok";
}

static void test_refuses_text_that_is_not_strict_utf8(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"{\"s\":\"\xC0\xAF\"}",           /* overlong '/' */
		"{\"s\":\"\xE0\x80\xAF\"}",       /* overlong, 3 bytes */
		"{\"s\":\"\xF4\x90\x80\x80\"}",   /* above U+10FFFF */
		"{\"s\":\"\xED\xA0\x80\"}",       /* an encoded surrogate */
		"{\"s\":\"\xE1\xBA\"}",           /* truncated */
		"{\"s\":\"\x80\"}",               /* a stray continuation byte */
		"{\"s\":\"\xFF\"}",
		"{\"\xC3\":1}",                     /* in a key */
		"{\"s\":\"a\\u0000b\"}",           /* an escaped NUL */
		"{\"s\":\"a\\ud800b\"}",           /* a lone high surrogate escape */
		"{\"s\":\"a\\udc00\"}",            /* a lone low surrogate escape */
		"{\"s\":\"\\ud800\\u0041\"}",      /* a high surrogate not followed by a low one */
	};
	struct arena a;
	arena_init(&a);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (strcmp(verdict(&a, bad[i], strlen(bad[i])), "invalid_text") != 0)
			fail_msg("case %zu was not refused as invalid_text", i);
	assert_string_equal(verdict(&a, "{\"s\":\"a\0b\"}", 10), "invalid_text"); /* a raw NUL */
	assert_string_equal(verdict(&a, "{\"s\":\"Cửa hàng 🔑 \xF4\x8F\xBF\xBF\"}", strlen("{\"s\":\"Cửa hàng 🔑 \xF4\x8F\xBF\xBF\"}")), "ok");
	assert_string_equal(verdict(&a, "{\"s\":\"\\ud83d\\udd11 \\\\u0000\"}", strlen("{\"s\":\"\\ud83d\\udd11 \\\\u0000\"}")), "ok");
	arena_free(&a);
}

static void test_refuses_comments_outside_strings(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	static const char *const texts[] = { "{/*x*/\"a\":1}", "{\"a\":1 // x\n}", "{\"a\":\"/*x*/ //\"}" };
	assert_string_equal(verdict(&a, texts[0], strlen(texts[0])), "malformed_json");
	assert_string_equal(verdict(&a, texts[1], strlen(texts[1])), "malformed_json");
	assert_string_equal(verdict(&a, texts[2], strlen(texts[2])), "ok");
	arena_free(&a);
}

static void test_utf8_rules(void **state)
{
	(void)state;
	assert_true(utf8_valid("", 0));
	assert_true(utf8_valid("\x7F\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF\xF0\x90\x80\x80\xF4\x8F\xBF\xBF", 19));
	assert_false(utf8_valid("\xC1\xBF", 2));
	assert_false(utf8_valid("\xF0\x8F\xBF\xBF", 4));
	assert_false(utf8_valid("\xED\xBF\xBF", 3));
	assert_false(utf8_valid("\xF5\x80\x80\x80", 4));
	assert_false(utf8_valid("a\0b", 3));
	assert_int_equal(utf8_count("ễ🔑a", strlen("ễ🔑a")), 3);
}

static void test_checks_query_strings_once(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	const char *code = NULL;
	assert_null(query_check(&a, "q=Nguy%E1%BB%85n&page=2&flag", &code));
	assert_null(query_check(&a, "", &code));
	assert_non_null(query_check(&a, "q=%C0%AF", &code));
	assert_string_equal(code, "invalid_text");
	assert_non_null(query_check(&a, "a=1&q=a%00b", &code));
	assert_string_equal(code, "invalid_text");
	assert_non_null(query_check(&a, "%ED%A0%80=1", &code));
	assert_non_null(query_check(&a, "q=%zz", &code));
	assert_string_equal(code, "malformed_query");
	arena_free(&a);
}

static void test_email_rule(void **state)
{
	(void)state;
	static const char *const good[] = { "a@b.vn", "first.last+tag@mail.example-shop.com", "x_y@sub.domain.io" };
	static const char *const bad[] = { "a@b", "a@b.c", "a..b@x.com", ".a@x.com", "a.@x.com", "a@-x.com", "a@x-.com",
	                                   "a@x..com", "a b@x.com", "a@x_y.com", "a@x.c0m", "\xE1\xBA\xA5@x.com", "@x.com", "a@" };
	struct arena a;
	arena_init(&a);
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]) + sizeof(bad) / sizeof(bad[0]); i++) {
		int is_good = i < sizeof(good) / sizeof(good[0]);
		const char *e = is_good ? good[i] : bad[i - sizeof(good) / sizeof(good[0])];
		const char *doc = arena_printf(&a, "{\"e\":\"%s\"}", e);
		struct jr j;
		char err[300];
		assert_int_equal(jr_parse(&j, &a, doc, strlen(doc), JR_MAX_DEPTH, err, sizeof(err)), 0);
		const char *got = jr_str(&j, j.root, "e", JR_REQUIRED | JR_EMAIL, 1, 254);
		if ((got != NULL) != is_good)
			fail_msg("%s was %s", e, got != NULL ? "accepted" : "refused");
		jr_free(&j);
	}
	arena_free(&a);
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
		cmocka_unit_test(test_refuses_text_that_is_not_strict_utf8),
		cmocka_unit_test(test_refuses_comments_outside_strings),
		cmocka_unit_test(test_utf8_rules),
		cmocka_unit_test(test_checks_query_strings_once),
		cmocka_unit_test(test_email_rule),
	};
	return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
