/* Lists as Excel workbooks (libxlsxwriter, constant memory): typed cells, Vietnamese headers, sent as a download. */
#ifndef API_XLSX_H
#define API_XLSX_H
#include <stddef.h>
#include <xlsxwriter.h>

struct request;
struct db_rows;

/* At most this many rows go into one export (the target size). */
#define XLSX_MAX_ROWS 100000
/* At most this many columns in one sheet. */
#define XLSX_MAX_COLS 32

enum xlsx_kind {
	XLSX_TEXT,   /* db column as a string */
	XLSX_INT,    /* db column as a whole number */
	XLSX_MONEY,  /* db column, a decimal string, as a number: #,##0 when whole (the đồng), else #,##0.00 */
	XLSX_TIME,   /* db column, Unix seconds, as an Excel date-time in Vietnam time (UTC+7) */
	XLSX_CALC,   /* text computed from the row by calc */
};

struct xlsx_col {
	const char *header;
	enum xlsx_kind kind;
	int col;
	const char *(*calc)(struct request *r, const struct db_rows *rows, int i);
	double width;
};

/* A workbook being written: begin, add rows in batches (each batch may live in its own arena), then finish
 * (answers it) or abort. */
struct xlsx_book {
	char path[32];
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *money, *money_whole, *when;
	struct xlsx_col cols[XLSX_MAX_COLS]; /* the columns written: XLSX_MONEY ones only for who may see money */
	int ncols;
	int nrows;
};
/* Opens the workbook with its header row; 0, or -1 (then xlsx_abort). */
int xlsx_begin(struct xlsx_book *b, const char *sheet, const struct xlsx_col *cols, int ncols);
/* Appends rows under those written before. */
void xlsx_add(struct request *r, struct xlsx_book *b, const struct db_rows *rows);
/* Closes the workbook and answers 200 with it as `filename` (with X-Export-Rows), or 500; removes the file. */
void xlsx_finish(struct request *r, struct xlsx_book *b, const char *filename);
/* Drops an unfinished workbook and its file (no answer). */
void xlsx_abort(struct xlsx_book *b);

/* Answers 200 with rows as sheet `sheet` of a workbook named `filename`, or 500. */
void xlsx_answer(struct request *r, const char *sheet, const char *filename, const struct xlsx_col *cols, int ncols,
                 const struct db_rows *rows);

#endif
