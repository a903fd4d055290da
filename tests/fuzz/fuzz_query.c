/* Fuzz target: query strings through the URL decoder and the OAuth state parser. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "connections/oauth_state.h"
#include "core/arena.h"
#include "http/urlcode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a);
	char *qs = arena_strndup(&a, (const char *)data, size);
	const char *state = query_get(&a, qs, "state");
	query_get(&a, qs, "code");
	url_decode(&a, qs, strlen(qs));
	url_encode(&a, qs);
	struct oauth_state s;
	if (state != NULL && oauth_state_parse(&a, state, &s) == 0)
		oauth_state_signed("a-secret-of-at-least-32-characters!!", &s, 1, 1);
	arena_free(&a);
	return 0;
}
