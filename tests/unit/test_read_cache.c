/* The read cache as handlers use it: what it hands out stays readable after the same request keeps something else. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "api/read_cache.h"
#include "core/arena.h"
#include "core/config.h"
#include "http/request.h"

/* One entry only (TTS_READ_CACHE_ENTRIES=1, which the settings allow): the overview reads its data part from the
 * cache, then keeps its health part, which evicts the data part's entry while the answer still uses it. */
static void test_a_text_handed_out_outlives_its_eviction(void **state)
{
	(void)state;
	struct config cfg;
	memset(&cfg, 0, sizeof(cfg));
	cfg.read_cache_entries = 1;
	cfg.read_cache_kib = 4;
	struct arena a;
	arena_init(&a);
	struct request r;
	memset(&r, 0, sizeof(r));
	r.arena = &a;
	r.cfg = &cfg;
	r.auth.merchant_id = 42;
	read_cache_put(&r, "overview?day=1", 5, "{\"orders_today\":3}", 18);
	size_t len = 0;
	const char *data = read_cache_get(&r, "overview?day=1", 5, &len);
	assert_non_null(data);
	read_cache_put(&r, "overview-health", 9, "{\"connections\":[]}", 18); /* evicts the data part */
	assert_int_equal(len, 18);
	assert_memory_equal(data, "{\"orders_today\":3}", 18);
	assert_null(read_cache_get(&r, "overview?day=1", 5, &len)); /* it is gone from the cache itself */
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_text_handed_out_outlives_its_eviction),
	};
	return cmocka_run_group_tests_name("read_cache", tests, NULL, NULL);
}
