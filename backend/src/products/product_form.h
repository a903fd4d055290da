/* A product as request bodies give it (create, edit, "new_product" of a link), validated, and its storage. */
#ifndef PRODUCTS_PRODUCT_FORM_H
#define PRODUCTS_PRODUCT_FORM_H
#include <stdint.h>
#include <yajl/yajl_tree.h>

struct db;
struct arena;
struct request;
struct jr;
struct jw;
struct db_rows;

/* Lengths in characters (not bytes), as the database's utf8mb4 columns count them. */
#define PRODUCT_NAME_MAX 255
#define PRODUCT_SKU_MAX 64

struct product_form {
	const char *name, *sku, *unit, *price, *image_url;
};

/* Reads the fields of `obj` into f, errors into j. With `partial` (PATCH) absent fields keep f's values. */
void product_form_read(struct jr *j, yajl_val obj, int partial, struct product_form *f);
/* Inserts a product with its audit row (run it inside a transaction): 1 stored (*id), 0 the sku is taken, -1 database
 * failure. */
int product_form_insert(struct request *r, const struct product_form *f, int64_t *id);
/* Writes the product object {id, name, sku, unit, image_url, price, created_at, updated_at, linked_skus}
 * from a row of STMT_PRODUCT_GET/LIST. */
void product_write(struct jw *w, const char *key, const struct db_rows *rows, int i);

struct request;
/* 422 sku_taken with details.fields[field] (e.g. "sku" or "links[1].new_product.sku"). */
void resp_sku_taken(struct request *r, const char *field);
/* The folded "name sku" stored in products.search_text. */
const char *product_search_text(struct arena *a, const struct product_form *f);
/* `q` folded like search_text and with LIKE's wildcards escaped. */
const char *product_search_pattern(struct arena *a, const char *q);

#endif
