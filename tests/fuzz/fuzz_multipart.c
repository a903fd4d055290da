/* Fuzz target: bodies of uploads through the multipart/form-data reader, and each part through the image sniffer. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "core/arena.h"
#include "core/image_info.h"
#include "http/multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a);
	/* the first line is the content type, the rest the body */
	const char *text = arena_strndup(&a, (const char *)data, size);
	const char *nl = memchr(text, '\n', size);
	const char *ct = nl != NULL ? arena_strndup(&a, text, (size_t)(nl - text)) : "multipart/form-data; boundary=b";
	const char *body = nl != NULL ? nl + 1 : text;
	size_t len = nl != NULL ? size - (size_t)(nl + 1 - text) : size;
	struct mp_part parts[8];
	int n = mp_parse(&a, ct, body, len, parts, 8);
	unsigned w, h;
	for (int i = 0; i < n; i++) {
		mp_find(parts, n, parts[i].name);
		image_dimensions((const unsigned char *)parts[i].data, parts[i].len, &w, &h);
	}
	image_dimensions((const unsigned char *)data, size, &w, &h);
	arena_free(&a);
	return 0;
}
