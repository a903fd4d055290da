/* Fuzz target: TikTok answers through the envelope reader (the request reader's caps) and the order
 * page reader, as the sync worker reads them. The first byte picks the HTTP status of the answer. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "core/arena.h"
#include "tiktok/answer.h"
#include "tiktok/orders.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const long statuses[] = { 200, 200, 200, 200, 400, 401, 429, 500, 503, 302 };
	if (size == 0)
		return 0;
	struct arena a;
	arena_init(&a);
	char *text = arena_strndup(&a, (const char *)data + 1, size - 1);
	struct tt_result res;
	memset(&res, 0, sizeof(res));
	res.http_status = statuses[data[0] % (sizeof(statuses) / sizeof(statuses[0]))];
	if (tt_answer_read(text, size - 1, &res) == TT_OK) {
		struct tt_order_page page;
		if (tt_order_page_read(&a, &page, &res) == TT_OK)
			for (int i = 0; i < page.norders; i++)
				if (page.orders[i].create_time < TT_TIME_MIN || page.orders[i].nlines < 0)
					__builtin_trap();
		tt_str(res.data, "access_token");
		tt_int(res.data, "access_token_expire_in");
	}
	tt_result_free(&res);
	arena_free(&a);
	return 0;
}
