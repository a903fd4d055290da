/* TikTok's image upload (Product API 202309): the ids later calls name, such as the photos of a rejected return. */
#ifndef TIKTOK_IMAGES_H
#define TIKTOK_IMAGES_H
#include <stddef.h>
#include <stdint.h>
#include "tiktok/client.h"

struct arena;

struct tt_image {
	const char *uri;   /* the image id other calls take */
	int64_t width, height;
};

/* POST /product/202309/images/upload, multipart `data` (the file) and `use_case`; the answer's uri, width and height. */
enum tt_status tt_image_upload(struct tt_client *c, const char *shop_cipher, const char *access_token, const void *data,
                               size_t len, const char *content_type, const char *use_case, struct arena *a,
                               struct tt_image *out, struct tt_result *res);

#endif
