/* Lists as Excel workbooks (libxlsxwriter, constant memory): typed cells, Vietnamese headers, sent as a download. */
#ifndef API_XLSX_H
#define API_XLSX_H
#include <stddef.h>

struct request;
struct db_rows;

/* At most this many rows go into one export (the target size). */
#define XLSX_MAX_ROWS 100000

enum xlsx_kind {
	XLSX_TEXT,   /* db column as a string */
	XLSX_INT,    /* db column as a whole number */
	XLSX_MONEY,  /* db column, a decimal string, as a number with two decimals */
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

/* Answers 200 with rows as sheet `sheet` of a workbook named `filename`, or 500. */
void xlsx_answer(struct request *r, const char *sheet, const char *filename, const struct xlsx_col *cols, int ncols,
                 const struct db_rows *rows);

#endif
