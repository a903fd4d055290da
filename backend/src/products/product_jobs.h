/* The product jobs the sync worker runs. */
#ifndef PRODUCTS_PRODUCT_JOBS_H
#define PRODUCTS_PRODUCT_JOBS_H
#include "sync/job.h"

/* pull_products: the shop's products and their SKUs read from TikTok into channel SKUs. */
struct job_result job_pull_products(struct worker *w, struct arena *a, const struct job *j);

#endif
