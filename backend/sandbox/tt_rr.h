/* TikTok's Return and Refund objects in the sandbox: a cancellation or return as the searches show it. */
#ifndef SANDBOX_TT_RR_H
#define SANDBOX_TT_RR_H
#include <stdint.h>

struct db;
struct db_rows;
struct jw;
struct request;
struct tt_call;

/* Loads the lines of the first n requests of `rows` (sb_as_row_col) into lines (SB_AS_LINES_OF); -1 on error. */
int tt_rr_lines(struct request *r, const struct db_rows *rows, int n, struct db_rows *lines);
/* Writes request row i as TikTok's cancellation or return object (texts in `locale`). */
void tt_rr_write(struct request *r, struct jw *w, const struct db_rows *rows, int i, const struct db_rows *lines,
                 const char *locale);
/* The shop call's checks, then TikTok's decisions on the requests whose deadline has passed. -1 when answered. */
int tt_rr_begin(struct request *r, struct tt_call *c);

#endif
