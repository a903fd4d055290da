/* What an uploaded image is, from its first bytes: JPEG, PNG or WebP, and its size in pixels when its header says. */
#ifndef CORE_IMAGE_INFO_H
#define CORE_IMAGE_INFO_H
#include <stddef.h>

struct image_type {
	const char *ext, *mime;
};

/* The type from the file's first bytes, NULL when it is none of the three. */
const struct image_type *image_sniff(const unsigned char *b, size_t n);
/* Width and height in pixels from the header of a JPEG, PNG or WebP; 0, or -1 when the header does not say. */
int image_dimensions(const unsigned char *b, size_t n, unsigned *width, unsigned *height);

#endif
