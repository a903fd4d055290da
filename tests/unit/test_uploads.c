/* Uploaded files: multipart/form-data bodies split into their parts, image types by their bytes and sizes in pixels. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "core/arena.h"
#include "core/image_info.h"
#include "http/multipart.h"

#define CT "multipart/form-data; boundary=XyZ"

static void test_parts_with_file_and_field(void **state)
{
	(void)state;
	static const char body[] =
		"--XyZ\r\nContent-Disposition: form-data; name=\"data\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n"
		"\x89PNG\r\n--X\r\n"
		"--XyZ\r\nContent-Disposition: form-data; name=\"use_case\"\r\n\r\nMAIN_IMAGE\r\n--XyZ--\r\n";
	struct arena a;
	arena_init(&a);
	struct mp_part parts[4];
	int n = mp_parse(&a, CT, body, sizeof(body) - 1, parts, 4);
	assert_int_equal(n, 2);
	const struct mp_part *data = mp_find(parts, n, "data"), *uc = mp_find(parts, n, "use_case");
	assert_non_null(data);
	assert_string_equal(data->filename, "a.png");
	assert_string_equal(data->content_type, "image/png");
	assert_int_equal(data->len, 9); /* the bytes before the delimiter's CRLF, a CRLF and a lookalike among them */
	assert_memory_equal(data->data, "\x89PNG\r\n--X", 9);
	assert_null(uc->filename);
	assert_int_equal(uc->len, 10);
	assert_memory_equal(uc->data, "MAIN_IMAGE", 10);
	assert_null(mp_find(parts, n, "name"));
	/* the boundary quoted, a preamble before the first delimiter */
	static const char quoted[] = "preamble\r\n--q\r\nContent-Disposition: form-data; name=x\r\n\r\n1\r\n--q--";
	n = mp_parse(&a, "multipart/form-data; boundary=\"q\"", quoted, sizeof(quoted) - 1, parts, 4);
	assert_int_equal(n, 1);
	assert_string_equal(parts[0].name, "x");
	arena_free(&a);
}

static void test_refuses_malformed_bodies(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct mp_part parts[1];
	static const char two[] = "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n"
	                          "--XyZ\r\nContent-Disposition: form-data; name=b\r\n\r\n2\r\n--XyZ--";
	assert_int_equal(mp_parse(&a, "application/json", "{}", 2, parts, 1), -1);
	assert_int_equal(mp_parse(&a, "multipart/form-data", two, sizeof(two) - 1, parts, 1), -1);     /* no boundary */
	assert_int_equal(mp_parse(&a, CT, two, sizeof(two) - 1, parts, 1), -1);                       /* over max */
	assert_int_equal(mp_parse(&a, CT, "--XyZ\r\nContent-Type: x\r\n\r\n1\r\n--XyZ--", 35, parts, 1), -1); /* unnamed */
	assert_int_equal(mp_parse(&a, CT, "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nno end", 54, parts, 1), -1);
	assert_int_equal(mp_parse(&a, CT, "", 0, parts, 1), -1);
	assert_int_equal(mp_parse(&a, CT, "--XyZ--", 7, parts, 1), 0);
	arena_free(&a);
}

static void test_image_types_and_sizes(void **state)
{
	(void)state;
	unsigned w, h;
	static const unsigned char png[] = "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x01\x40\0\0\0\xf0\x08\x02";
	assert_string_equal(image_sniff(png, sizeof(png) - 1)->mime, "image/png");
	assert_int_equal(image_dimensions(png, sizeof(png) - 1, &w, &h), 0);
	assert_int_equal(w, 320);
	assert_int_equal(h, 240);
	/* JPEG: an APP0 segment, then SOF0 with height 0x0064 and width 0x00c8 */
	static const unsigned char jpeg[] = { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 'J', 'F', 0xFF, 0xC0, 0x00, 0x11, 0x08,
		                              0x00, 0x64, 0x00, 0xC8, 0x03 };
	assert_string_equal(image_sniff(jpeg, sizeof(jpeg))->ext, "jpg");
	assert_int_equal(image_dimensions(jpeg, sizeof(jpeg), &w, &h), 0);
	assert_int_equal(w, 200);
	assert_int_equal(h, 100);
	assert_int_equal(image_dimensions(jpeg, 12, &w, &h), -1); /* cut before the size */
	/* WebP lossy: VP8 key frame 640 x 480 */
	static const unsigned char webp[] = { 'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' ', 0, 0, 0,
		                              0, 0, 0, 0, 0x9D, 0x01, 0x2A, 0x80, 0x02, 0xE0, 0x01 };
	assert_string_equal(image_sniff(webp, sizeof(webp))->mime, "image/webp");
	assert_int_equal(image_dimensions(webp, sizeof(webp), &w, &h), 0);
	assert_int_equal(w, 640);
	assert_int_equal(h, 480);
	assert_null(image_sniff((const unsigned char *)"GIF89a", 6));
	assert_int_equal(image_dimensions((const unsigned char *)"GIF89a", 6, &w, &h), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parts_with_file_and_field),
		cmocka_unit_test(test_refuses_malformed_bodies),
		cmocka_unit_test(test_image_types_and_sizes),
	};
	return cmocka_run_group_tests_name("uploads", tests, NULL, NULL);
}
