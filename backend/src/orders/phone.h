/* Phone numbers made comparable: the digits after the country code, without a trunk 0. */
#ifndef ORDERS_PHONE_H
#define ORDERS_PHONE_H

struct arena;

/* "(+84)912345678" and "0912 345 678" both give "912345678"; into the arena. */
const char *phone_local(struct arena *a, const char *phone);

#endif
