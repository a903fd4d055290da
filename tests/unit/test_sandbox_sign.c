/* Unit tests of the sandbox's own signature verifier: TikTok's documented vectors and the signing rules. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "core/arena.h"
/* The verifier is compiled into this test directly: the sandbox's objects are not linked into unit tests. */
#include "../../backend/sandbox/verify.c"

static const char *SECRET = "e59af819cc";

static void test_spec_vector_string_and_sign(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	char *s = sbv_string(&a, SECRET, "/authorization/202309/shops", "app_key=29a39d&timestamp=1623812664", NULL, 0);
	assert_string_equal(s, "e59af819cc/authorization/202309/shopsapp_key29a39dtimestamp1623812664e59af819cc");
	char out[65];
	sbv_hmac(SECRET, s, strlen(s), out);
	assert_string_equal(out, "b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8");
	arena_free(&a);
}

static void test_verify_ignores_sign_and_access_token_and_order(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	const char *good = "b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8";
	const char *q = "timestamp=1623812664&access_token=abc&sign=b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8&app_key=29a39d";
	assert_int_equal(sbv_check(&a, SECRET, "/authorization/202309/shops", q, "", NULL, 0, good), 1);
	/* a changed parameter, path or secret breaks it */
	assert_int_equal(sbv_check(&a, SECRET, "/authorization/202309/shops", "app_key=29a39d&timestamp=1623812665", "", NULL, 0, good), 0);
	assert_int_equal(sbv_check(&a, SECRET, "/authorization/202309/shop", "app_key=29a39d&timestamp=1623812664", "", NULL, 0, good), 0);
	assert_int_equal(sbv_check(&a, "other", "/authorization/202309/shops", "app_key=29a39d&timestamp=1623812664", "", NULL, 0, good), 0);
	/* uppercase hex, empty and missing signs are refused */
	assert_int_equal(sbv_check(&a, SECRET, "/authorization/202309/shops", "app_key=29a39d&timestamp=1623812664", "", NULL, 0,
	                                "B596B73E0CC6DE07AC26F036364178AB16B0A907AF13D43F0A0CD2345F582DC8"), 0);
	assert_int_equal(sbv_check(&a, SECRET, "/authorization/202309/shops", "app_key=29a39d&timestamp=1623812664", "", NULL, 0, ""), 0);
	assert_int_equal(sbv_check(&a, SECRET, "/authorization/202309/shops", "app_key=29a39d&timestamp=1623812664", "", NULL, 0, NULL), 0);
	arena_free(&a);
}

static void test_values_are_decoded_and_repeats_joined(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	char *s = sbv_string(&a, "k", "/p", "page_token=ab%2Bc%2F%3D&ids=2&ids=1&a=x%20y", NULL, 0);
	assert_string_equal(s, "k/pax yids2,1page_tokenab+c/=k");
	assert_null(sbv_string(&a, "k", "/p", "a=%zz", NULL, 0));
	arena_free(&a);
}

static void sign_of(struct arena *a, const char *query, const char *body, char out[65])
{
	char *s = sbv_string(a, "sec", "/order/202309/orders/search", query, body, body != NULL ? strlen(body) : 0);
	sbv_hmac("sec", s, strlen(s), out);
}

static void test_body_rules(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	const char *path = "/order/202309/orders/search", *q = "app_key=k&page_size=10&timestamp=1";
	const char *body = "{\"order_status\":\"UNPAID\"}";
	char with[65], without[65];
	sign_of(&a, q, body, with);
	sign_of(&a, q, NULL, without);
	assert_int_equal(sbv_check(&a, "sec", path, q, "application/json", body, strlen(body), with), 1);
	assert_int_equal(sbv_check(&a, "sec", path, q, "application/json", body, strlen(body), without), 0);
	/* multipart bodies are never signed */
	assert_int_equal(sbv_check(&a, "sec", path, q, "multipart/form-data; boundary=x", body, strlen(body), without), 1);
	assert_int_equal(sbv_check(&a, "sec", path, q, "multipart/form-data; boundary=x", body, strlen(body), with), 0);
	/* an empty {} body is accepted signed either way (the official Node SDK leaves it out) */
	char empty_with[65];
	sign_of(&a, q, "{}", empty_with);
	assert_int_equal(sbv_check(&a, "sec", path, q, "application/json", "{}", 2, empty_with), 1);
	assert_int_equal(sbv_check(&a, "sec", path, q, "application/json", "{}", 2, without), 1);
	arena_free(&a);
}

static void test_webhook_vector(void **state)
{
	(void)state;
	const char *body = "{\"type\":1,\"tts_notification_id\":\"7380066284010030890\",\"shop_id\":\"7495540735365777507\","
	                   "\"timestamp\":1718305585,\"data\":{\"is_on_hold_order\":true,\"order_id\":\"576653688135258178\","
	                   "\"order_status\":\"UNPAID\",\"update_time\":1718305585}}";
	char out[65];
	sbv_webhook_sign("abcdef", "123", body, strlen(body), out);
	assert_string_equal(out, "5dec0f11ec2f6783b8deee53c9ffbf8d024302f7c7e7fa55a35d17629031ac05");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_vector_string_and_sign),
		cmocka_unit_test(test_verify_ignores_sign_and_access_token_and_order),
		cmocka_unit_test(test_values_are_decoded_and_repeats_joined),
		cmocka_unit_test(test_body_rules),
		cmocka_unit_test(test_webhook_vector),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
