/* Each merchant's own numbering of stock documents: slips (PXK), receipts (PNK) and returns (PNT). */
#ifndef STOCK_DOCS_DOC_NUMBERS_H
#define STOCK_DOCS_DOC_NUMBERS_H
#include <stdint.h>

struct request;

#define DOC_CODE_SIZE 32
#define DOC_PREFIX_MAX 10

/* The kinds of numbered documents and their default prefixes. */
enum doc_kind { DOC_SLIP, DOC_RECEIPT, DOC_RETURN, DOC__KINDS };
extern const char *const doc_kind_names[DOC__KINDS];    /* "slip", "receipt", "return" */
extern const char *const doc_kind_prefixes[DOC__KINDS]; /* "PXK", "PNK", "PNT" */

/* A code as printed: the prefix, the year when numbering has a year part (year > 0), then the number on at least
 * six digits: PXK000001, PNK2026-000012. */
void doc_number_format(char out[DOC_CODE_SIZE], const char *prefix, int year, int64_t no);

/* The year a document made at Unix time t belongs to (Vietnam's calendar). */
int doc_number_year(int64_t t);

/* Takes the next number of `kind` for the caller's merchant inside the running transaction and formats the code
 * into out: the counter row stays locked until the transaction ends, so numbers have no gaps (a rollback gives the
 * number back) and no duplicates. 1, or <0 on a database failure. */
int doc_number_take(struct request *r, enum doc_kind kind, char out[DOC_CODE_SIZE]);

#endif
