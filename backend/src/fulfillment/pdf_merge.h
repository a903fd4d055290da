/* PDFs put together into one document (labels of many orders printed at once), and a PDF's page count. */
#ifndef FULFILLMENT_PDF_MERGE_H
#define FULFILLMENT_PDF_MERGE_H
#include <stddef.h>

struct arena;

/* Every page of docs[0..n) in turn, as one PDF in the arena (*out, *out_len) of *pages pages. 0, or -1 when a document
 * cannot be read (its index in *bad) or the result cannot be written. */
int pdf_merge(const void *const *docs, const size_t *lens, int n, struct arena *a, const void **out, size_t *out_len,
              int *pages, int *bad);
/* The number of pages of a PDF, -1 when it cannot be read. */
int pdf_pages(const void *doc, size_t len);

#endif
