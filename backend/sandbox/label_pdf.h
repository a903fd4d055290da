/* The sandbox's shipping documents as PDF: a carrier's label (Code 128 barcode) and the packing slip. */
#ifndef SANDBOX_LABEL_PDF_H
#define SANDBOX_LABEL_PDF_H
#include <stddef.h>

struct buf;

enum label_kind { LABEL_SHIPPING = 1, LABEL_PACKING = 2, LABEL_BOTH = 3 };
enum label_size { LABEL_A6, LABEL_A5 };

struct label_item {
	const char *name;        /* product and SKU name */
	const char *seller_sku;
	int quantity;
};

/* What a package's documents show; every string is UTF-8 and not NULL. */
struct label_doc {
	const char *carrier, *tracking, *order_id, *package_id, *handover;  /* handover: PICKUP or DROP_OFF */
	const char *shop_name, *sender_name, *sender_phone, *sender_address;
	const char *recipient_name, *recipient_phone, *recipient_address;
	const char *cod;          /* "1.234.000 ₫" to collect on delivery, or "" when prepaid */
	const char *printed_at;   /* dd/MM/yyyy HH:mm */
	const struct label_item *items;
	int nitems, units;
};

/* Renders the documents of `kind` (one page each: the label, then the packing slip) into out. 0 or -1. */
int label_pdf(const struct label_doc *d, enum label_kind kind, enum label_size size, struct buf *out);

/* Releases what cairo and fontconfig keep for the process's lifetime (font caches), at exit: the leak checker sees
 * them otherwise. */
void label_pdf_release(void);

#endif
