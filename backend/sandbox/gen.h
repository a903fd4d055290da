/* The deterministic data generator: a seeded PRNG, Vietnamese people and places, shops, catalogue, orders. */
#ifndef SANDBOX_GEN_H
#define SANDBOX_GEN_H
#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;
struct jw;

struct rng {
	uint64_t s;
};

void rng_seed(struct rng *g, uint64_t seed);
uint64_t rng_next(struct rng *g);
int64_t rng_range(struct rng *g, int64_t lo, int64_t hi);   /* inclusive */
double rng_unit(struct rng *g);                             /* [0, 1) */
const char *rng_pick(struct rng *g, const char *const *list, size_t n);
#define RNG_PICK(g, list) rng_pick((g), (list), sizeof(list) / sizeof((list)[0]))
/* A stable 64-bit hash of a string, for default seeds. */
uint64_t gen_hash(const char *s);

/* A Vietnamese person and address. */
struct gen_person {
	const char *name;
	const char *phone;        /* (+84)9xxxxxxxx */
	const char *street;
	const char *ward;
	const char *district;
	const char *province;
	const char *postal_code;
};
void gen_person(struct rng *g, struct arena *a, struct gen_person *p);

/* Inserts shop number `index` of a seller with its sales and return warehouses; returns the shop row id
 * or -1. */
int64_t gen_shop(struct db *db, struct arena *a, struct rng *g, int64_t seller_id, const char *seller_name,
                 const char *region, int index, int64_t now);

/* Inserts `count` products with `skus` SKUs each into the shop (stock in its default warehouse) and
 * writes {id, title, skus:[{id, seller_sku}]} for each into w (an open array). codes[k] (when codes is not
 * NULL, k < ncodes and codes[k] is not NULL) is the seller_sku of the k-th SKU made. -1 on error. */
int gen_products(struct db *db, struct arena *a, struct rng *g, int64_t shop_id, const char *region,
                 int count, int skus, const char *const *codes, int ncodes, int64_t now, struct jw *w);

struct gen_order_opts {
	int count;
	int days_back;
	int64_t create_time;      /* > 0: every order is created at exactly this Unix time */
	const char *status;       /* NULL: statuses follow each order's age */
	double same_sku_ratio;    /* share of SKUs bought more than once in an order */
	int notify;               /* push webhook type 1 for each new order (the shop authorized the app) */
	const char *shipping_type; /* TIKTOK or SELLER; NULL: as drawn (mostly TIKTOK) */
	int cod;                  /* 1 cash on delivery, -1 prepaid, 0 as drawn */
};
/* Inserts orders into the shop and writes {id, create_time, update_time, status} for each into w
 * (an open array, may be NULL). Returns the number created, 0 when the shop has no active SKUs, -1 on error. */
int gen_orders(struct db *db, struct arena *a, struct rng *g, int64_t shop_id, const char *region,
               const struct gen_order_opts *o, int64_t now, struct jw *w);

/* Moves an order to `status` at the sandbox time `now` (update_time always moves forward), fills the
 * fields that come with it, appends the carrier's tracking event of a shipped status and pushes webhook type 1
 * when the shop is authorized.
 * 1 done, 0 no such order, -1 error. */
int gen_order_set_status(struct db *db, struct arena *a, int64_t order_id, const char *status, int64_t now,
                         int64_t *update_time);
/* A tracking number in the carrier's format. */
const char *gen_tracking_number(struct rng *g, struct arena *a, const char *provider);
/* The status an order moves to next in the demo's life, or NULL when it is final. */
const char *gen_next_status(struct rng *g, const char *status);
/* A known TikTok order status (CANCEL read as CANCELLED), or NULL. */
const char *gen_known_status(const char *s);

#endif
