/* Fuzz target: request bodies through the JSON reader and its field validators. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "core/alloc.h"
#include "core/arena.h"
#include "json/jread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a);
	char *text = arena_strndup(&a, (const char *)data, size);
	struct jr j;
	char err[300];
	if (jr_parse(&j, &a, text, size, JR_MAX_DEPTH, err, sizeof(err)) == 0) {
		jr_str(&j, j.root, "name", JR_REQUIRED, 1, 100);
		jr_str(&j, j.root, "email", JR_EMAIL, 3, 254);
		jr_int(&j, j.root, "n", JR_OPTIONAL, -5, 5, 0);
		jr_bool(&j, j.root, "b", JR_OPTIONAL, 0);
		yajl_val lines = jr_arr(&j, j.root, "lines", JR_OPTIONAL, 0, 50);
		for (size_t i = 0; lines != NULL && i < lines->u.array.len; i++)
			jr_int(&j, lines->u.array.values[i], "quantity", JR_REQUIRED, 1, 1000, 0);
		jr_obj(&j, j.root, "data", JR_OPTIONAL);
		jr_free(&j);
	}
	arena_free(&a);
	return 0;
}
