/* Product image upload: the body is the file; JPEG, PNG or WebP by its bytes, kept in the media store under a
 * content-hash name (the same image twice is one file), served under /media/products/. */
#include "api/common.h"
#include "api/handlers.h"
#include "products/product_images.h"
#include "core/config.h"
#include "core/image_info.h"
#include "core/log.h"
#include "http/request.h"
#include "json/jwrite.h"
#include "media/media_store.h"
#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

void h_product_image_upload(struct request *r)
{
	const struct image_type *t = image_sniff((const unsigned char *)r->body, r->body_len);
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
