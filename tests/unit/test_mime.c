/* The e-mails' format: RFC 2047 header words (length, whole characters, round trip), addresses, the Date header,
 * the multipart body, and the templates' words per language with their values escaped. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <openssl/evp.h>
#include "core/arena.h"
#include "mail/mime.h"
#include "mail/templates.h"

/* Decodes a header made of =?UTF-8?B?...?= words (folded or not) back to its UTF-8 text; checks each word's form. */
static char *decode_words(struct arena *a, const char *h)
{
	char *out = arena_alloc(a, strlen(h) + 1);
	size_t n = 0;
	while (*h != '\0') {
		while (*h == '\r' || *h == '\n' || *h == ' ')
			h++;
		if (*h == '\0')
			break;
		assert_int_equal(strncmp(h, "=?UTF-8?B?", 10), 0);
		const char *end = strstr(h + 10, "?=");
		assert_non_null(end);
		size_t wlen = (size_t)(end + 2 - h);
		assert_true(wlen <= 75); /* RFC 2047: an encoded word is at most 75 characters */
		unsigned char raw[64];
		int len = EVP_DecodeBlock(raw, (const unsigned char *)h + 10, (int)(end - h - 10));
		assert_true(len >= 0);
		size_t pad = (end[-1] == '=') + (end[-2] == '=');
		len -= (int)pad;
		/* every word holds whole UTF-8 characters: it does not end inside one */
		assert_true(len > 0);
		int i = len - 1;
		while (i > 0 && (raw[i] & 0xC0) == 0x80)
			i--;
		int need = raw[i] < 0x80 ? 1 : raw[i] >= 0xF0 ? 4 : raw[i] >= 0xE0 ? 3 : 2;
		assert_int_equal(len - i, need);
		memcpy(out + n, raw, (size_t)len);
		n += (size_t)len;
		h = end + 2;
	}
	out[n] = '\0';
	return out;
}

static void test_ascii_header_stays(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	assert_string_equal(mime_header_text(&a, "Reset your password"), "Reset your password");
	/* text that looks like an encoded word is encoded itself, so a reader never decodes it by mistake */
	assert_int_equal(strncmp(mime_header_text(&a, "=?x?B?y?="), "=?UTF-8?B?", 10), 0);
	arena_free(&a);
}

static void test_vietnamese_header_round_trips_in_short_words(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	const char *subject = "Gian hàng Cửa hàng Đồ gia dụng Hưng Thịnh – chi nhánh Hồ Chí Minh cần kết nối lại với TikTok 🙂";
	char *h = mime_header_text(&a, subject);
	assert_non_null(strstr(h, "\r\n ")); /* long enough to be folded onto continuation lines */
	assert_null(strstr(h, "\r\n=")); /* every continuation starts with a blank */
	assert_string_equal(decode_words(&a, h), subject);
	arena_free(&a);
}

static void test_line_breaks_never_start_a_header(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	char *h = mime_header_text(&a, "Xin chào\r\nBcc: evil@example.com");
	assert_string_equal(decode_words(&a, h), "Xin chào  Bcc: evil@example.com");
	h = mime_header_text(&a, "plain\r\nBcc: evil@example.com");
	assert_null(strstr(decode_words(&a, h), "\n"));
	arena_free(&a);
}

static void test_addresses(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	assert_string_equal(mime_address_spec(&a, "Đồng bộ <no-reply@shop.vn>"), "no-reply@shop.vn");
	assert_string_equal(mime_address_spec(&a, "  no-reply@shop.vn "), "no-reply@shop.vn");
	assert_string_equal(mime_address(&a, "no-reply@shop.vn"), "no-reply@shop.vn");
	assert_string_equal(mime_address(&a, "Shop, Inc. <a@b.vn>"), "\"Shop, Inc.\" <a@b.vn>");
	char *enc = mime_address(&a, "Đồng bộ <a@b.vn>");
	assert_int_equal(strncmp(enc, "=?UTF-8?B?", 10), 0);
	assert_non_null(strstr(enc, "?= <a@b.vn>"));
	arena_free(&a);
}

static void test_date_header(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	assert_string_equal(mime_date(&a, 1796612412), "Mon, 07 Dec 2026 03:00:12 +0000");
	assert_string_equal(mime_date(&a, 0), "Thu, 01 Jan 1970 00:00:00 +0000");
	arena_free(&a);
}

static void test_message_is_multipart_with_crlf_and_short_lines(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct mime_mail m = { .from = "Đồng bộ <no-reply@shop.vn>", .to = "b@c.vn", .subject = "Đặt lại mật khẩu",
	                       .lang = "vi", .text = "Dòng một\nDòng hai\n", .html = "<p>Xin chào</p>\n",
	                       .message_id = "abc@shop.vn", .boundary = "=_b0undary", .date = 1796612412 };
	const char *msg = mime_build(&a, &m);
	assert_int_equal(strncmp(msg, "Date: Mon, 07 Dec 2026 03:00:12 +0000\r\n", 39), 0);
	assert_non_null(strstr(msg, "\r\nMessage-ID: <abc@shop.vn>\r\n"));
	assert_non_null(strstr(msg, "\r\nMIME-Version: 1.0\r\n"));
	assert_non_null(strstr(msg, "\r\nContent-Language: vi\r\n"));
	assert_non_null(strstr(msg, "\r\nContent-Type: multipart/alternative; boundary=\"=_b0undary\"\r\n\r\n--=_b0undary\r\n"));
	assert_non_null(strstr(msg, "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"));
	assert_non_null(strstr(msg, "Content-Type: text/html; charset=UTF-8\r\n"));
	assert_non_null(strstr(msg, "\r\n--=_b0undary--\r\n"));
	/* every line ends in CRLF and stays within 78 characters */
	for (const char *p = msg; *p != '\0';) {
		const char *nl = strchr(p, '\n');
		assert_non_null(nl);
		assert_true(nl > p && nl[-1] == '\r');
		assert_true(nl - p <= 79);
		p = nl + 1;
	}
	/* the text part decodes to the text with CRLF line ends */
	const char *body = strstr(msg, "base64\r\n\r\n") + 10;
	const char *end = strstr(body, "\r\n--");
	char *b64 = arena_strndup(&a, body, (size_t)(end - body));
	unsigned char raw[256];
	int len = EVP_DecodeBlock(raw, (unsigned char *)b64, (int)strlen(b64));
	assert_true(len > 0);
	assert_memory_equal(raw, "Dòng một\r\nDòng hai\r\n", strlen("Dòng một\r\nDòng hai\r\n"));
	arena_free(&a);
}

static void test_templates_per_language_with_values_escaped(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct mail_text t;
	const char *vars = "{\"link\":\"https://app.vn/invite?token=x&y=1\",\"inviter_name\":\"An\","
	                   "\"merchant_name\":\"<Shop & Co>\",\"role\":\"accountant\",\"expires_at\":\"1796612412\"}";
	assert_int_equal(mail_render(&a, "invitation", "vi", vars, &t), 0);
	assert_string_equal(t.subject, "An mời bạn làm nhân viên của <Shop & Co>");
	assert_non_null(strstr(t.text, "với vai trò Kế toán."));
	assert_non_null(strstr(t.text, "đến 07/12/2026 10:00."));
	assert_non_null(strstr(t.text, "\nhttps://app.vn/invite?token=x&y=1\n"));
	assert_non_null(strstr(t.html, "&lt;Shop &amp; Co&gt;"));
	assert_non_null(strstr(t.html, "<a href=\"https://app.vn/invite?token=x&amp;y=1\">Nhận lời mời</a>"));
	assert_null(strstr(t.html, "<Shop"));
	assert_int_equal(mail_render(&a, "invitation", "en", vars, &t), 0);
	assert_string_equal(t.subject, "An invited you to join <Shop & Co>");
	assert_non_null(strstr(t.text, "as Accountant."));
	/* a missing value, a value that is not a string, broken JSON or an unknown kind: nothing to send */
	assert_int_equal(mail_render(&a, "invitation", "vi", "{\"link\":\"x\"}", &t), -1);
	assert_int_equal(mail_render(&a, "reconnect", "vi", "{\"link\":\"x\",\"shop_name\":5}", &t), -1);
	assert_int_equal(mail_render(&a, "reconnect", "vi", "{\"link\":", &t), -1);
	assert_int_equal(mail_render(&a, "welcome", "vi", "{}", &t), -1);
	assert_true(mail_kind_known("password_reset"));
	assert_false(mail_kind_known("welcome"));
	/* a line break in a value never reaches the subject's line */
	assert_int_equal(mail_render(&a, "reconnect", "en", "{\"link\":\"x\",\"shop_name\":\"A\\r\\nBcc: b@c\"}", &t), 0);
	assert_null(strpbrk(t.subject, "\r\n"));
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii_header_stays),
		cmocka_unit_test(test_vietnamese_header_round_trips_in_short_words),
		cmocka_unit_test(test_line_breaks_never_start_a_header),
		cmocka_unit_test(test_addresses),
		cmocka_unit_test(test_date_header),
		cmocka_unit_test(test_message_is_multipart_with_crlf_and_short_lines),
		cmocka_unit_test(test_templates_per_language_with_values_escaped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
