/* Photos of a rejection: images[] of the answer's JSON ({data: base64, or a data: URL}) decoded and checked (JPEG,
 * PNG or WebP by their bytes, 2 MB each, 3 at most), kept in the media store under private/ (only the sync worker
 * reads them back, to upload them to TikTok), then tied to the request in the answer's transaction. */
#include "after_sales/answer_images.h"
#include "after_sales/status.h"
#include "api/common.h"
#include "core/arena.h"
#include "core/image_info.h"
#include "core/log.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jread.h"
#include "media/media_store.h"
#include "statements.h"
#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

int as_images_required(const char *source, const char *kind, const char *tiktok_status)
{
	const char *d = as_decision(source, kind, tiktok_status, 0);
	return d != NULL && strcmp(d, "REJECT_RECEIVED_PACKAGE") == 0;
}

/* Decodes base64 (a data: URL's payload too) into the arena; NULL when it is not base64 or decodes past max. */
static unsigned char *decode(struct arena *a, const char *s, size_t max, size_t *len)
{
	if (strncmp(s, "data:", 5) == 0) {
		const char *comma = strchr(s, ',');
		if (comma == NULL || comma - s > 100 || strstr(s, ";base64,") != comma - 7)
			return NULL;
		s = comma + 1;
	}
	size_t n = strlen(s);
	if (n == 0 || n % 4 != 0 || n / 4 * 3 > max + 2)
		return NULL;
	unsigned char *out = arena_alloc(a, n / 4 * 3 + 1);
	int k = EVP_DecodeBlock(out, (const unsigned char *)s, (int)n);
	if (k < 0)
		return NULL;
	size_t pad = s[n - 1] == '=' ? (s[n - 2] == '=' ? 2 : 1) : 0;
	*len = (size_t)k - pad;
	return out;
}

static const char *hex_sha256(struct arena *a, const unsigned char *b, size_t n)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	if (EVP_Digest(b, n, md, &mdlen, EVP_sha256(), NULL) != 1)
		return NULL;
	char *hex = arena_alloc(a, 2 * mdlen + 1);
	for (unsigned i = 0; i < mdlen; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return hex;
}

int as_images_read(struct request *r, struct jr *j, yajl_val imgs, struct as_image *out)
{
	int n = 0;
	for (size_t i = 0; imgs != NULL && i < imgs->u.array.len && n < AS_IMAGE_MAX_COUNT; i++) {
		const char *field = arena_printf(r->arena, "images[%zu].data", i);
		yajl_val v = imgs->u.array.values[i];
		if (!YAJL_IS_OBJECT(v)) {
			jr_reject(j, arena_printf(r->arena, "images[%zu]", i), JR_not_an_object, "must be {data}");
			continue;
		}
		const char *path[] = { "data", NULL };
		yajl_val d = yajl_tree_get(v, path, yajl_t_any);
		const char *text = d != NULL && YAJL_IS_STRING(d) ? YAJL_GET_STRING(d) : NULL;
		if (text == NULL) {
			jr_reject(j, field, d == NULL ? JR_required : JR_not_a_string, "must be the photo in base64");
			continue;
		}
		size_t len = 0;
		unsigned char *bytes = decode(r->arena, text, AS_IMAGE_MAX_BYTES + 3, &len);
		const struct image_type *t = bytes != NULL ? image_sniff(bytes, len) : NULL;
		if (bytes == NULL && strlen(text) / 4 * 3 > AS_IMAGE_MAX_BYTES + 2)
			jr_reject(j, field, JR_image_too_large, "is larger than 2 MB");
		else if (bytes == NULL)
			jr_reject(j, field, JR_not_base64, "must be the photo in base64");
		else if (t == NULL)
			jr_reject(j, field, JR_not_an_image, "must be a JPEG, PNG or WebP photo");
		else if (len > AS_IMAGE_MAX_BYTES)
			jr_reject(j, field, JR_image_too_large, "is larger than 2 MB");
		if (bytes == NULL || t == NULL || len > AS_IMAGE_MAX_BYTES || j->nerr > 0)
			continue;
		const char *sha = hex_sha256(r->arena, bytes, len);
		const char *key = arena_printf(r->arena, "private/after-sales/%lld/%s.%s", (long long)r->auth.merchant_id,
		                               sha != NULL ? sha : "", t->ext);
		if (sha == NULL || media_put(r->cfg, r->arena, key, bytes, len) != 0) {
			log_error("image_store", "key=\"%s\" errno=%d", key, errno);
			resp_error(r, 500, "internal_error", "The photo could not be stored.");
			return -1;
		}
		out[n++] = (struct as_image){ key, t->mime, len, sha };
	}
	return n;
}

int as_images_store(struct request *r, int64_t request_id, const struct as_image *imgs, int n)
{
	struct db_param pc[] = { P_I64(request_id), P_I64(r->auth.merchant_id) };
	if (db_exec(r->db, STMT_AS_IMAGES_CLEAR, pc, 2, NULL) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		struct db_param p[] = { P_I64(r->auth.merchant_id), P_I64(request_id), P_I64(i), P_STR(imgs[i].key),
			                P_STR(imgs[i].content_type), P_I64((int64_t)imgs[i].size) };
		if (db_exec(r->db, STMT_AS_IMAGE_ADD, p, 6, NULL) != 1)
			return -1;
	}
	return 0;
}
