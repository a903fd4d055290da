/* Unit tests of reading TikTok answers: the envelope under the request reader's checks, order times range-checked. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "core/arena.h"
#include "tiktok/answer.h"
#include "tiktok/orders.h"

static enum tt_status read_answer(const char *text, long http, struct tt_result *res)
{
	memset(res, 0, sizeof(*res));
	res->http_status = http;
	return tt_answer_read(text, strlen(text), res);
}

static void test_envelopes_are_classified(void **state)
{
	(void)state;
	struct tt_result res;
	assert_int_equal(read_answer("{\"code\":0,\"message\":\"ok\",\"data\":{}}", 200, &res), TT_OK);
	assert_non_null(res.data);
	tt_result_free(&res);
	assert_int_equal(read_answer("{\"code\":105002,\"message\":\"expired\"}", 401, &res), TT_ERR_TOKEN);
	tt_result_free(&res);
	assert_int_equal(read_answer("{\"code\":36009002}", 200, &res), TT_ERR_THROTTLED);
	tt_result_free(&res);
	assert_int_equal(read_answer("<html>busy</html>", 503, &res), TT_ERR_SERVER);
	assert_int_equal(read_answer("{\"code\":0,\"data\":{\"s\":\"\xC0\xAF\"}}", 200, &res), TT_ERR_MALFORMED);
	assert_int_equal(read_answer("{\"code\":0,\"data\":{\"s\":\"a\\u0000b\"}}", 200, &res), TT_ERR_MALFORMED);
	assert_int_equal(read_answer("{/**/\"code\":0}", 200, &res), TT_ERR_MALFORMED);
	char deep[200] = "{\"code\":0,\"data\":";
	for (int i = 0; i < 40; i++)
		strcat(deep, "[");
	assert_int_equal(read_answer(deep, 200, &res), TT_ERR_MALFORMED);
	assert_int_equal(tt_answer_read(NULL, 0, &res), TT_ERR_MALFORMED);
}

static void test_orders_with_absurd_times_are_dropped(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct tt_result res;
	assert_int_equal(read_answer("{\"code\":0,\"data\":{\"total_count\":4,\"next_page_token\":\"\",\"orders\":["
	                             "{\"id\":\"1\",\"status\":\"UNPAID\",\"create_time\":1764000000,\"update_time\":1764000100},"
	                             "{\"id\":\"2\",\"status\":\"UNPAID\",\"create_time\":9223372036854775807},"
	                             "{\"id\":\"3\",\"status\":\"UNPAID\",\"create_time\":1764000000,\"update_time\":1764000000,"
	                             "\"paid_time\":-5},"
	                             "{\"id\":\"4\",\"status\":\"UNPAID\",\"create_time\":12}]}}", 200, &res), TT_OK);
	struct tt_order_page page;
	assert_int_equal(tt_order_page_read(&a, &page, &res), TT_OK);
	assert_int_equal(page.norders, 1);
	assert_string_equal(page.orders[0].id, "1");
	tt_result_free(&res);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_envelopes_are_classified),
		cmocka_unit_test(test_orders_with_absurd_times_are_dropped),
	};
	return cmocka_run_group_tests_name("tiktok_answer", tests, NULL, NULL);
}
