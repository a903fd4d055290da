/* The shipping part of an order as its detail shows it. */
#ifndef FULFILLMENT_PACKAGES_H
#define FULFILLMENT_PACKAGES_H
#include <stdint.h>

struct request;
struct jw;

/* "fulfillment": {ship_by, label_printed_at, packages[] with their slots, label and print state, rules[]}. <0 on
 * failure. */
int fulfillment_write(struct request *r, struct jw *w, int64_t order_id);

#endif
