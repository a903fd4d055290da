/* Product image upload: the body is the file; JPEG, PNG or WebP by its bytes, stored under the media directory
 * with a content-hash name (the same image twice is one file), served by nginx under /media/products/. */
#include "api/common.h"
#include "api/handlers.h"
#include "products/product_images.h"
#include "core/config.h"
#include "core/log.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

static int mkdir_p(const char *dir)
{
	return mkdir(dir, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

/* Writes the bytes to path through a temporary file and a rename, so readers never see half a file. */
static int store(struct request *r, const char *dir, const char *path)
{
	if (mkdir_p(r->cfg->media_dir) != 0 || mkdir_p(dir) != 0)
		return -1;
	const char *tmp = arena_printf(r->arena, "%s.%d.tmp", path, (int)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	size_t done = 0;
	while (done < r->body_len) {
		ssize_t w = write(fd, r->body + done, r->body_len - done);
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	int ok = done == r->body_len && fsync(fd) == 0;
	close(fd);
	if (!ok || rename(tmp, path) != 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
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
	const char *dir = arena_printf(r->arena, "%s/products", r->cfg->media_dir);
	const char *name = arena_printf(r->arena, "%s.%s", hex, t->ext);
	const char *path = arena_printf(r->arena, "%s/%s", dir, name);
	struct stat st;
	if (stat(path, &st) != 0 && store(r, dir, path) != 0) {
		log_error("image_store", "path=\"%s\" errno=%d", path, errno);
		resp_error(r, 500, "internal_error", "The image could not be stored.");
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_str(&w, "url", arena_printf(r->arena, "/media/products/%s", name));
	jw_str(&w, "content_type", t->mime);
	jw_int(&w, "size", (int64_t)r->body_len);
	jw_obj_close(&w);
	resp_json(r, 201, &w);
	jw_free(&w);
}
