/* Shared parts of the stock endpoints: ledgered stock changes, retried transactions, document codes. */
#ifndef STOCK_STOCK_H
#define STOCK_STOCK_H
#include <stdint.h>
#include "json/jread.h"

struct request;
struct jw;
struct db_rows;

/* Adds the deltas to one stock row (created at zero when new) and writes its ledger row; <0 on failure
 * (also when a balance would break on_hand = available + awaiting_export or go negative). */
int stock_move(struct request *r, int64_t warehouse_id, int64_t product_id, int64_t d_on_hand, int64_t d_available,
               int64_t d_awaiting, const char *doc_type, int64_t doc_id);

/* Applies every line of export slip `slip_id` to the stock of its warehouse, each quantity changed by its factor
 * (-1, 0 or 1) times the line, and writes their ledger rows: two statements for the whole slip. Returns the number
 * of lines, <0 on failure (also when a balance would break or a stock row is missing). Lock the slip first. */
int slip_stock_change(struct request *r, int64_t slip_id, int f_on_hand, int f_available, int f_awaiting,
                      const char *doc_type);

/* The body of a transaction: >0 commit, 0 refused (it answered already), TX_CHANGED when rows it read changed
 * under it (run it again), other <0 database failure. */
typedef int (*tx_body)(struct request *r, void *ctx);
#define TX_CHANGED (-2)
/* Runs body in a transaction, again after a deadlock or TX_CHANGED (at most a few times); >0 when committed, 0 when
 * the body refused, <0 when it failed (answered 500). */
int stock_tx(struct request *r, tx_body body, void *ctx);

struct page;
struct db_param;
/* The stock and ledger lists' filters: ?warehouse_id=&product_id= (and paging) into p[0..2]; returns 3. */
int stock_filter(struct request *r, struct jr *q, struct page *pg, struct db_param *p);
/* The stock screen's search (?q= in a product's name or SKU code, ?low_stock=) read into q's errors and bound as the
 * four parameters after stock_filter's; returns how many (4), or -1 when the database failed (the threshold). */
int stock_search(struct request *r, struct jr *q, struct db_param *p);

/* A document's code as people read it: PNK000012 (receipt), PTH000003 (return), PXK000045 (an export slip's
 * slip_* ledger rows). */
#define DOC_CODE_SIZE 32
void doc_code(char out[DOC_CODE_SIZE], const char *doc_type, int64_t id);
/* The id in an export slip code (PXK000045, pxk45 or 45), 0 when it is not one. */
int64_t slip_code_id(const char *s);

/* A line of a receipt or return: product and quantity. */
struct stock_line {
	int64_t product_id;
	int64_t quantity;
	int index;            /* in the request, for errors */
};
/* Reads lines:[{product_id, quantity}] (1..200, each product once), sorted by product; errors go to j. */
int read_stock_lines(struct request *r, struct jr *j, int required, struct stock_line **out);

/* The error envelope with details written by the caller: open, write members of "details", close. */
void err_open(struct jw *w, const char *code, const char *message);
void err_close(struct request *r, struct jw *w, int status);

/* Each line's product must be the caller's, read by stmt (STMT_PRODUCT_BRIEF; STMT_PRODUCT_KEEP inside a transaction
 * also holds them until it ends): records "lines[i].product_id" errors in j; <0 on failure. */
int check_products(struct request *r, struct jr *j, const struct stock_line *lines, int n, int stmt);
/* Answers a stock receipt or return receipt in full. */
void answer_receipt(struct request *r, int status, int64_t id);

/* 1 when warehouse id is the caller's, 0 when not, <0 on failure. */
int warehouse_owned(struct request *r, int64_t id);
/* Writes a stock receipt (or return receipt) in full: {id, code, kind, ...lines}. <0 on failure. */
int write_receipt(struct request *r, struct jw *w, const struct db_rows *rc, int i);
/* Writes row i of an enum slip_col result as a slip (member key, NULL in an array); full adds lines, returns and the merchant (queries). */
int write_slip(struct request *r, struct jw *w, const char *key, const struct db_rows *s, int i, int full);
/* Answers one export slip in full, 404 when it is not the caller's. */
void answer_slip(struct request *r, int status, int64_t id);
/* The same for a slip this request just created, exported or cancelled (it has no return receipts yet). */
void answer_new_slip(struct request *r, int status, int64_t id);
/* The order statuses in which an order may get an export slip (processing .. completed): the rule of slip
 * creation and the overview's "orders without a slip" tiles. */
#define SLIP_ORDER_STATUS_COUNT 5
extern const char *const slip_order_statuses[SLIP_ORDER_STATUS_COUNT];
/* 1 when an order in this status may get an export slip. */
int slip_allowed_status(const char *status);

#endif
