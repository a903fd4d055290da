/* Product image upload: the body is the file; JPEG, PNG or WebP by its bytes, kept in the media store under a
 * content-hash name (the same image twice is one file), served under /media/products/. */
#include "api/common.h"
#include "api/handlers.h"
#include "products/product_images.h"
#include "core/config.h"
#include "core/log.h"
#include "http/request.h"
#include "json/jwrite.h"
#include "media/media_store.h"
#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

struct image_type {
	const char *ext, *mime;
};

/* The type from the file's first bytes, NULL when it is none of the three. */
static const struct image_type *sniff(const unsigned char *b, size_t n)
{
	static const struct image_type jpeg = { "jpg", "image/jpeg" }, png = { "png", "image/png" },
	                               webp = { "webp", "image/webp" };
	if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
		return &jpeg;
	if (n >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0)
		return &png;
	if (n >= 12 && memcmp(b, "RIFF", 4) == 0 && memcmp(b + 8, "WEBP", 4) == 0)
		return &webp;
	return NULL;
}

void h_product_image_upload(struct request *r)
{
	const struct image_type *t = sniff((const unsigned char *)r->body, r->body_len);
	if (r->body_len == 0) {
		resp_error(r, 422, "empty_image", "The request body must be the image file.");
		return;
	}
	if (t == NULL) {
		resp_error(r, 415, "unsupported_image_type", "The file is not a JPEG, PNG or WebP image.");
		return;
	}
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	if (EVP_Digest(r->body, r->body_len, md, &mdlen, EVP_sha256(), NULL) != 1) {
		resp_error(r, 500, "internal_error", "The image could not be stored.");
		return;
	}
	char hex[2 * EVP_MAX_MD_SIZE + 1];
	for (unsigned i = 0; i < mdlen; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	const char *key = arena_printf(r->arena, "products/%s.%s", hex, t->ext);
	if (media_put(r->cfg, r->arena, key, r->body, r->body_len) != 0) {
		log_error("image_store", "key=\"%s\" errno=%d", key, errno);
		resp_error(r, 500, "internal_error", "The image could not be stored.");
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_str(&w, "url", media_url(r->arena, key));
	jw_str(&w, "content_type", t->mime);
	jw_int(&w, "size", (int64_t)r->body_len);
	jw_obj_close(&w);
	resp_json(r, 201, &w);
	jw_free(&w);
}
