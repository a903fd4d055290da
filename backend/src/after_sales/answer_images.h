/* The photos a rejection carries: their limits (the API checks them, the server caps the body by them), reading them
 * from the request body, storing them, and whether TikTok requires them for the decision a rejection makes. */
#ifndef AFTER_SALES_ANSWER_IMAGES_H
#define AFTER_SALES_ANSWER_IMAGES_H
#include <stddef.h>
#include <stdint.h>

#define AS_ANSWER_PATH "/api/v1/after-sales/"
#define AS_IMAGE_MAX_COUNT 3
#define AS_IMAGE_MAX_BYTES ((size_t)2 * 1024 * 1024)  /* 2 MB each, decoded */
/* the answer's JSON with every photo in base64 (4/3 of the bytes), plus its words */
#define AS_ANSWER_BODY_MAX (AS_IMAGE_MAX_COUNT * (AS_IMAGE_MAX_BYTES / 3 + 1) * 4 + 65536)

struct request;
struct jr;
struct yajl_val_s;

struct as_image {
	const char *key;           /* in the media store */
	const char *content_type;
	size_t size;
	const char *sha256;        /* hex: what the audit row names */
};

/* 1 when rejecting a request of this source, kind and TikTok status needs images (TikTok's REJECT_RECEIVED_PACKAGE). */
int as_images_required(const char *source, const char *kind, const char *tiktok_status);
/* Reads images[] ({data: base64} each) of the body: decodes, checks type and size, stores each in the media store
 * (private to the merchant). Returns the count (0 when absent); errors go to j (fields images[i].data with codes
 * unsupported_image_type, image_too_large, not_base64); -1 when the media store failed (answered 500). */
int as_images_read(struct request *r, struct jr *j, struct yajl_val_s *imgs, struct as_image *out);
/* Replaces the request's images with these, in the caller's transaction; 0, or -1 when the database failed. */
int as_images_store(struct request *r, int64_t request_id, const struct as_image *imgs, int n);

#endif
