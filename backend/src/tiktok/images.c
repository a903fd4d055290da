/* TikTok's image upload: the photo as the multipart part `data` beside `use_case`; TikTok answers the uri (the id),
 * a URL and the size it read. */
#include "tiktok/images.h"
#include "core/arena.h"
#include <stdio.h>
#include <string.h>

enum tt_status tt_image_upload(struct tt_client *c, const char *shop_cipher, const char *access_token, const void *data,
                               size_t len, const char *content_type, const char *use_case, struct arena *a,
                               struct tt_image *out, struct tt_result *res)
{
	memset(out, 0, sizeof(*out));
	const char *ext = strcmp(content_type, "image/png") == 0 ? "png" : strcmp(content_type, "image/webp") == 0 ? "webp" : "jpg";
	struct tt_kv fields[] = { { "use_case", use_case } };
	struct tt_form form = { "data", arena_printf(a, "image.%s", ext), content_type, data, len, fields, 1 };
	enum tt_status st = tt_call_form(c, "/product/202309/images/upload", shop_cipher, access_token, &form, res);
	if (st != TT_OK)
		return st;
	const char *uri = tt_str(res->data, "uri");
	if (uri == NULL || *uri == '\0' || strlen(uri) > 200) {
		snprintf(res->message, sizeof(res->message), "TikTok's answer to the image upload has no uri");
		return res->status = TT_ERR_MALFORMED;
	}
	out->uri = arena_strdup(a, uri);
	out->width = tt_int(res->data, "width");
	out->height = tt_int(res->data, "height");
	return TT_OK;
}
