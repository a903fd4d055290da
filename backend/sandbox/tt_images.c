/* POST /product/202309/images/upload (TikTok's Product API): a seller's image as multipart/form-data (`data`, the
 * file; `use_case`), checked for type, size and dimensions and kept, so that later calls may name it by its uri; and
 * GET /sandbox/shops/{shop_id}/images, what a shop uploaded. */
#include "tt.h"
#include "ctl.h"
#include "handlers.h"
#include "sb_sql.h"
#include "core/config.h"
#include "core/image_info.h"
#include "db/db.h"
#include "http/multipart.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <string.h>

#define IMAGE_MAX_BYTES ((size_t)5 * 1024 * 1024)
#define IMAGE_MIN_SIDE 100
#define IMAGE_MAX_SIDE 20000
#define MAX_PARTS 8

/* The sandbox's codes in TikTok's Product API range (TikTok's pages name the checks, not these numbers). */
enum {
	IMG_FORMAT = 12052700,     /* not a JPG, PNG or WEBP image */
	IMG_TOO_LARGE = 12052701,  /* over 5 MB */
	IMG_DIMENSIONS = 12052702, /* a side under 100 or over 20000 pixels, or unreadable */
};

static const char *const use_cases[] = {
	"MAIN_IMAGE", "ATTRIBUTE_IMAGE", "DESCRIPTION_IMAGE", "CERTIFICATION_IMAGE", "SIZE_CHART_IMAGE",
};

static int known_use_case(const char *s)
{
	for (size_t i = 0; i < sizeof(use_cases) / sizeof(use_cases[0]); i++)
		if (strcmp(s, use_cases[i]) == 0)
			return 1;
	return 0;
}

void h_tt_image_upload(struct request *r)
{
	struct tt_call c;
	if (tt_begin(r, TT_SHOP, &c) != 0)
		return;
	struct mp_part parts[MAX_PARTS];
	int n = mp_parse(r->arena, r->content_type, r->body, r->body_len, parts, MAX_PARTS);
	if (n < 0) {
		tt_fail(r, TT_INVALID_REQUEST, "Invalid request body: multipart/form-data with data and use_case expected");
		return;
	}
	const struct mp_part *data = mp_find(parts, n, "data"), *uc = mp_find(parts, n, "use_case");
	const char *use_case = uc != NULL ? arena_strndup(r->arena, uc->data, uc->len) : "MAIN_IMAGE";
	if (data == NULL || data->len == 0) {
		tt_fail(r, TT_INVALID_REQUEST, "Invalid parameters. data is required");
		return;
	}
	if (!known_use_case(use_case)) {
		tt_fail(r, TT_INVALID_REQUEST, arena_printf(r->arena, "Invalid parameters. use_case %.40s is not supported", use_case));
		return;
	}
	const unsigned char *bytes = (const unsigned char *)data->data;
	const struct image_type *t = image_sniff(bytes, data->len);
	if (t == NULL) {
		tt_fail(r, IMG_FORMAT, "The image format is not supported. Supported formats: JPG, JPEG, PNG, WEBP");
		return;
	}
	if (data->len > IMAGE_MAX_BYTES) {
		tt_fail(r, IMG_TOO_LARGE, "The image size exceeds the limit of 5MB");
		return;
	}
	unsigned w = 0, h = 0;
	if (image_dimensions(bytes, data->len, &w, &h) != 0 || w < IMAGE_MIN_SIDE || h < IMAGE_MIN_SIDE ||
	    w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE) {
		tt_fail(r, IMG_DIMENSIONS, "The image dimensions must be between 100x100 and 20000x20000 pixels");
		return;
	}
	const char *uri = sb_random_token(r->arena, "tos-sandbox-i/", 32);
	struct db_param p[] = { P_I64(c.shop_id), P_STR(uri), P_STR(use_case), P_STR(t->mime), P_I64(w), P_I64(h),
		                P_I64((int64_t)data->len), P_I64(c.now) };
	if (db_exec(r->db, SB_IMAGE_INSERT, p, 8, NULL) != 1) {
		tt_fail_db(r);
		return;
	}
	struct jw jw;
	tt_open(r, &jw);
	jw_str(&jw, "uri", uri);
	jw_str(&jw, "url", arena_printf(r->arena, "%s/sandbox/uploads/%s", r->cfg->sandbox_url, uri));
	jw_int(&jw, "width", w);
	jw_int(&jw, "height", h);
	jw_str(&jw, "use_case", use_case);
	tt_send(r, &c, &jw);
}

int sb_image_issued(struct request *r, int64_t shop_id, const char *uri)
{
	struct db_param p[] = { P_STR(uri), P_I64(shop_id) };
	struct db_rows rows;
	return db_query(r->db, r->arena, SB_IMAGE_OF_SHOP, p, 2, &rows);
}

void h_ctl_shop_images(struct request *r)
{
	int64_t shop_id;
	if (!ctl_shop(r, &shop_id, NULL, NULL))
		return;
	struct db_param p[] = { P_I64(shop_id) };
	struct db_rows rows;
	int n = db_query(r->db, r->arena, SB_IMAGES_OF_SHOP, p, 1, &rows);
	if (n < 0) {
		ctl_fail_db(r);
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_arr_open(&w, "images");
	for (int i = 0; i < n; i++) {
		jw_obj_open(&w, NULL);
		jw_str(&w, "uri", db_cell(&rows, i, SB_IMAGE_URI));
		jw_str(&w, "use_case", db_cell(&rows, i, SB_IMAGE_USE_CASE));
		jw_str(&w, "mime_type", db_cell(&rows, i, SB_IMAGE_MIME_TYPE));
		jw_int(&w, "width", db_cell_i64(&rows, i, SB_IMAGE_WIDTH));
		jw_int(&w, "height", db_cell_i64(&rows, i, SB_IMAGE_HEIGHT));
		jw_int(&w, "size", db_cell_i64(&rows, i, SB_IMAGE_SIZE));
		jw_int(&w, "create_time", db_cell_i64(&rows, i, SB_IMAGE_CREATE_TIME));
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}
