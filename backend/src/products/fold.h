/* Text folded for search: lower case, Vietnamese (and other Latin) diacritics removed, đ as d. */
#ifndef PRODUCTS_FOLD_H
#define PRODUCTS_FOLD_H

struct arena;

/* "Áo Thun ĐỎ" gives "ao thun do"; characters outside Latin pass through unchanged. Into the arena. */
const char *text_fold(struct arena *a, const char *s);

#endif
