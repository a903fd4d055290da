/* Product image uploads: the path and the size cap the server applies before the handler runs. */
#ifndef PRODUCTS_PRODUCT_IMAGES_H
#define PRODUCTS_PRODUCT_IMAGES_H

#define PRODUCT_IMAGE_PATH "/api/v1/product-images"
#define PRODUCT_IMAGE_MAX ((size_t)2 * 1024 * 1024)  /* 2 MB */

#endif
