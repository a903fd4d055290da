/* Low stock: a stock row is low when its available quantity is at or below the merchant's threshold. */
#ifndef STOCK_LOW_STOCK_H
#define STOCK_LOW_STOCK_H
#include <stdint.h>
#include "json/jread.h"

struct request;
struct db_param;

#define LOW_STOCK_MAX 1000000000

/* The caller's threshold; <0 on failure. */
int64_t low_stock_threshold(struct request *r);
/* ?low_stock=true|false into *out (the threshold, or NULL for every row); a bad value goes to q's errors;
 * <0 on a database failure. */
int low_stock_param(struct request *r, struct jr *q, struct db_param *out);

#endif
