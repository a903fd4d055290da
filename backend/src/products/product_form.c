/* Product fields from request bodies: trimmed, bounded, price as a decimal, image as a URL or an upload. */
#include "products/product_form.h"
#include "api/money.h"
#include "audit/audit.h"
#include "api/common.h"
#include "core/arena.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include "products/fold.h"
#include <stdio.h>
#include <string.h>

#define PRICE_DIGITS 15

static yajl_val member(yajl_val obj, const char *key)
{
	for (size_t i = 0; obj != NULL && YAJL_IS_OBJECT(obj) && i < obj->u.object.len; i++)
		if (strcmp(obj->u.object.keys[i], key) == 0)
			return obj->u.object.values[i];
	return NULL;
}

/* A price: a JSON number or string of digits with at most 2 decimals, 0 or more. NULL when absent. */
static const char *read_price(struct jr *j, yajl_val obj)
{
	yajl_val v = member(obj, "price");
	if (v == NULL || YAJL_IS_NULL(v))
		return NULL;
	const char *s = YAJL_IS_STRING(v) ? v->u.string : YAJL_IS_NUMBER(v) ? v->u.number.r : NULL;
	size_t ints = 0, decs = 0;
	const char *p = s;
	while (p != NULL && *p >= '0' && *p <= '9') {
		p++;
		ints++;
	}
	if (p != NULL && *p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			decs++;
	if (s == NULL || *p != '\0' || ints == 0 || ints > PRICE_DIGITS || decs > 2 || (p[-1] == '.')) {
		jr_reject(j, "price", JR_not_an_amount, "must be an amount of 0 or more with at most 2 decimals");
		return NULL;
	}
	return arena_strdup(j->arena, s);
}

/* An image: empty, an http(s) URL, or the path of an uploaded image. */
static int image_ok(const char *s)
{
	if (*s == '\0')
		return 1;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>' || *p == '\\')
			return 0;
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0 || strncmp(s, "/media/", 7) == 0;
}

void product_form_read(struct jr *j, yajl_val obj, int partial, struct product_form *f)
{
	int flags = partial ? JR_OPTIONAL : JR_REQUIRED;
	if (!partial)
		*f = (struct product_form){ NULL, NULL, "", "0", "" };
	const char *name = jr_str(j, obj, "name", flags, 1, PRODUCT_NAME_MAX);
	const char *sku = jr_str(j, obj, "sku", flags, 1, PRODUCT_SKU_MAX);
	const char *unit = jr_str(j, obj, "unit", JR_OPTIONAL, 0, 32);
	const char *image = jr_str(j, obj, "image_url", JR_OPTIONAL, 0, 1000);
	const char *price = read_price(j, obj);
	if (image != NULL && !image_ok(image)) {
		jr_reject(j, "image_url", JR_not_a_url, "must be an http(s) URL or an uploaded image");
		image = NULL;
	}
	if (name != NULL)
		f->name = name;
	if (sku != NULL)
		f->sku = sku;
	if (unit != NULL)
		f->unit = unit;
	if (price != NULL)
		f->price = price;
	if (image != NULL)
		f->image_url = image;
}

const char *product_search_text(struct arena *a, const struct product_form *f)
{
	return text_fold(a, arena_printf(a, "%s %s", f->name, f->sku));
}

int product_form_insert(struct request *r, const struct product_form *f, int64_t *id)
{
	struct db_param p[] = { P_I64(r->auth.merchant_id), P_STR(f->name), P_STR(f->sku), P_STR(f->unit),
	                        P_STR(f->price), P_STR(f->image_url), P_STR(product_search_text(r->arena, f)) };
	if (db_exec(r->db, STMT_PRODUCT_INSERT, p, 7, id) < 0)
		return db_errno(r->db) == DB_ER_DUP_ENTRY ? 0 : -1;
	return audit_change(r, AUDIT_PRODUCT, *id, "create", NULL) < 0 ? -1 : 1;
}

void product_write(struct jw *w, const char *key, const struct db_rows *rows, int i)
{
	jw_obj_open(w, key);
	jw_int(w, "id", db_cell_i64(rows, i, PRODUCT_ID));
	jw_str(w, "name", db_cell(rows, i, PRODUCT_NAME));
	jw_str(w, "sku", db_cell(rows, i, PRODUCT_SKU));
	jw_str(w, "unit", db_cell(rows, i, PRODUCT_UNIT));
	jw_str(w, "image_url", db_cell(rows, i, PRODUCT_IMAGE_URL));
	jw_money(w, "price", db_cell(rows, i, PRODUCT_PRICE));
	jw_time(w, "created_at", db_cell_i64(rows, i, PRODUCT_CREATED_AT));
	jw_time(w, "updated_at", db_cell_i64(rows, i, PRODUCT_UPDATED_AT));
	jw_int(w, "linked_skus", db_cell_i64(rows, i, PRODUCT_LINKED_SKUS));
	jw_obj_close(w);
}

void resp_sku_taken(struct request *r, const char *field)
{
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_obj_open(&w, "error");
	jw_str(&w, "code", "sku_taken");
	jw_str(&w, "message", "Another product already has this SKU code.");
	jw_obj_open(&w, "details");
	jw_obj_open(&w, "fields");
	jw_str(&w, field, "is already used by another product");
	jw_obj_close(&w);
	jw_obj_close(&w);
	jw_obj_close(&w);
	jw_obj_close(&w);
	resp_json(r, 422, &w);
	jw_free(&w);
}

const char *product_search_pattern(struct arena *a, const char *q)
{
	return like_text(a, text_fold(a, q));
}
