/* Fuzz target: webhook bodies and signatures as TikTok (or anyone) may send them. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "core/arena.h"
#include "json/jread.h"
#include "tiktok/client.h"
#include "tiktok/webhook_sig.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a);
	size_t split = size > 64 ? 64 : size;
	char *sig = arena_strndup(&a, (const char *)data, split);
	char *body = arena_strndup(&a, (const char *)data + split, size - split);
	tt_webhook_signature_ok("app_key", "app_secret", body, size - split, sig);
	struct jr j;
	char err[300];
	if (jr_parse(&j, &a, body, size - split, JR_MAX_DEPTH, err, sizeof(err)) == 0) {
		yajl_val d = jr_obj(&j, j.root, "data", JR_OPTIONAL);
		tt_str(d, "order_id");
		tt_int(d, "expiration_time");
		tt_int(j.root, "type");
		jr_free(&j);
	}
	arena_free(&a);
	return 0;
}
