/* Image type by magic bytes and size in pixels from the PNG IHDR, the JPEG SOFn marker or the WebP VP8/VP8L/VP8X chunk. */
#include "core/image_info.h"
#include <string.h>

static const struct image_type jpeg = { "jpg", "image/jpeg" }, png = { "png", "image/png" },
                               webp = { "webp", "image/webp" };

const struct image_type *image_sniff(const unsigned char *b, size_t n)
{
	if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
		return &jpeg;
	if (n >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0)
		return &png;
	if (n >= 12 && memcmp(b, "RIFF", 4) == 0 && memcmp(b + 8, "WEBP", 4) == 0)
		return &webp;
	return NULL;
}

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static unsigned be32(const unsigned char *p) { return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3]; }
static unsigned le16(const unsigned char *p) { return (unsigned)p[1] << 8 | p[0]; }
static unsigned le24(const unsigned char *p) { return (unsigned)p[2] << 16 | (unsigned)p[1] << 8 | p[0]; }

static int jpeg_dimensions(const unsigned char *b, size_t n, unsigned *w, unsigned *h)
{
	size_t i = 2;
	while (i + 4 <= n) {
		if (b[i] != 0xFF)
			return -1;
		unsigned char m = b[i + 1];
		if (m == 0xFF) { /* fill byte */
			i++;
			continue;
		}
		if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) { /* markers without a length */
			i += 2;
			continue;
		}
		unsigned len = be16(b + i + 2);
		/* SOF0..SOF15 carry the size, except DHT (C4), JPG (C8) and DAC (CC) */
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			if (i + 9 > n || len < 7)
				return -1;
			*h = be16(b + i + 5);
			*w = be16(b + i + 7);
			return *w > 0 && *h > 0 ? 0 : -1;
		}
		if (len < 2)
			return -1;
		i += 2 + len;
	}
	return -1;
}

static int webp_dimensions(const unsigned char *b, size_t n, unsigned *w, unsigned *h)
{
	if (n < 30)
		return -1;
	if (memcmp(b + 12, "VP8 ", 4) == 0 && b[23] == 0x9D && b[24] == 0x01 && b[25] == 0x2A) {
		*w = le16(b + 26) & 0x3FFF;
		*h = le16(b + 28) & 0x3FFF;
	} else if (memcmp(b + 12, "VP8L", 4) == 0 && b[20] == 0x2F) {
		unsigned bits = (unsigned)b[21] | (unsigned)b[22] << 8 | (unsigned)b[23] << 16 | (unsigned)b[24] << 24;
		*w = (bits & 0x3FFF) + 1;
		*h = ((bits >> 14) & 0x3FFF) + 1;
	} else if (memcmp(b + 12, "VP8X", 4) == 0) {
		*w = le24(b + 24) + 1;
		*h = le24(b + 27) + 1;
	} else {
		return -1;
	}
	return *w > 0 && *h > 0 ? 0 : -1;
}

int image_dimensions(const unsigned char *b, size_t n, unsigned *width, unsigned *height)
{
	const struct image_type *t = image_sniff(b, n);
	*width = *height = 0;
	if (t == &png)
		return n >= 24 && memcmp(b + 12, "IHDR", 4) == 0 && (*width = be32(b + 16)) > 0 && (*height = be32(b + 20)) > 0
		       ? 0 : -1;
	if (t == &jpeg)
		return jpeg_dimensions(b, n, width, height);
	if (t == &webp)
		return webp_dimensions(b, n, width, height);
	return -1;
}
