/* Shared parts of the stock endpoints: ledgered stock changes, retried transactions, document codes. */
#ifndef STOCK_STOCK_H
#define STOCK_STOCK_H
#include <stdint.h>
#include "json/jread.h"
#include "stock_docs/doc_numbers.h"

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
/* The stock list's parameters (STMT_STOCK_LIST without paging): stock_filter's, the search ?q= in a product's name
 * or SKU code, ?low_stock= and ?no_stock= (nothing on hand), errors into q; returns how many (11), or -1 when the
 * database failed (the threshold). */
int stock_list_params(struct request *r, struct jr *q, struct page *pg, struct db_param *p);

/* A line of a receipt or return: product, quantity and cost price (a decimal string). */
struct stock_line {
	int64_t product_id;
	int64_t quantity;
	const char *unit_cost;
	int index;            /* in the request, for errors */
};
/* Reads lines:[{product_id, quantity, unit_cost?}] (1..200, each product once), sorted by product; errors go to j. */
int read_stock_lines(struct request *r, struct jr *j, int required, struct stock_line **out);
/* Why an amount (a JSON number or string: digits, at most 2 decimals) cannot be one: "not_a_number", "negative",
 * "too_many_decimals" or "too_large"; NULL when it is one. */
const char *amount_problem(const char *s);
/* The text of a JSON number or string value, NULL for any other. */
const char *json_scalar_text(yajl_val v);

/* A stock receipt or return receipt to post inside a transaction. */
struct receipt_doc {
	int64_t warehouse_id;
	int64_t supplier_id;          /* 0: none */
	int64_t export_slip_id;       /* a return's slip, 0 for a receipt */
	int64_t after_sales_id;       /* a return's TikTok return request, 0 for none */
	const char *note;
	struct stock_line *lines;     /* sorted by product, each once */
	int nlines;
	int64_t id;                   /* set by receipt_post */
	char code[DOC_CODE_SIZE];
};
/* Numbers the document from the merchant's counter, writes it and its lines, adds its lines to the stock of its
 * warehouse with their ledger rows (a few statements for any number of lines). 1, or <0 on failure. */
int receipt_post(struct request *r, struct receipt_doc *d);

/* The error envelope with details written by the caller: open, write members of "details", close. */
void err_open(struct jw *w, const char *code, const char *message);
void err_close(struct request *r, struct jw *w, int status);

/* Each line's product must be the caller's, read by stmt (STMT_PRODUCT_BRIEF; STMT_PRODUCT_KEEP inside a transaction
 * also holds them until it ends): records "lines[i].product_id" errors in j; <0 on failure. */
int check_products(struct request *r, struct jr *j, const struct stock_line *lines, int n, int stmt);
/* Answers a stock receipt or return receipt in full. */
void answer_receipt(struct request *r, int status, int64_t id);

/* 1 when supplier id is the caller's, 0 when not, <0 on failure. */
int supplier_owned(struct request *r, int64_t id);
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
