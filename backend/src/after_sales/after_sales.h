/* After-sales requests as the API shows them: the list, one request, and the requests of an order. */
#ifndef AFTER_SALES_AFTER_SALES_H
#define AFTER_SALES_AFTER_SALES_H
#include <stdint.h>

struct request;
struct jw;

/* Writes the requests of the caller's order `order_id` as the array `key`; <0 when the database failed. */
int as_write_of_order(struct request *r, struct jw *w, const char *key, int64_t order_id);
struct db_rows;
/* Writes `key`: {id, external_id} of the request whose id is in column id_col of row i (TikTok's id in ext_col), or
 * null: what a return receipt and a ledger row show of the request that caused them. */
void as_write_ref(struct jw *w, const char *key, const struct db_rows *rows, int i, int id_col, int ext_col);
/* Answers one request of the caller in full (lines, reject reasons, the return's lines to receive); 404 when not its. */
void as_answer_one(struct request *r, int status, int64_t id);

#endif
