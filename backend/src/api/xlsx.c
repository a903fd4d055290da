/* Writes a list's rows into an .xlsx in a temporary file (libxlsxwriter, constant memory), a batch at a time, and
 * answers it. */
#include "api/xlsx.h"
#include "api/money.h"
#include "api/common.h"
#include "db/db.h"
#include "http/request.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

static void write_cell(struct request *r, lxw_worksheet *ws, lxw_row_t row, lxw_col_t c, const struct xlsx_col *col,
                       const struct db_rows *rows, int i, const struct xlsx_book *b)
{
	const char *v = col->kind == XLSX_CALC ? col->calc(r, rows, i) : db_cell(rows, i, col->col);
	if (v == NULL)
		return;
	switch (col->kind) {
	case XLSX_INT:
		worksheet_write_number(ws, row, c, (double)db_cell_i64(rows, i, col->col), NULL);
		break;
	case XLSX_MONEY: {
		/* whole amounts (every đồng amount) without decimals, others with their cents */
		const char *dot = strchr(v, '.');
		int whole = dot == NULL || dot[strspn(dot + 1, "0") + 1] == '\0';
		worksheet_write_number(ws, row, c, strtod(v, NULL), whole ? b->money_whole : b->money);
		break;
	}
	case XLSX_TIME:
		if (db_cell_i64(rows, i, col->col) > 0)
			worksheet_write_number(ws, row, c, lxw_unixtime_to_excel_date(db_cell_i64(rows, i, col->col) + VIETNAM_UTC_OFFSET),
			                       b->when);
		break;
	default:
		worksheet_write_string(ws, row, c, v, NULL);
	}
}

int xlsx_begin(struct xlsx_book *b, const char *sheet, const struct xlsx_col *cols, int ncols)
{
	memset(b, 0, sizeof(*b));
	snprintf(b->path, sizeof b->path, "/tmp/tts-export-XXXXXX");
	int fd = mkstemp(b->path);
	if (fd < 0) {
		b->path[0] = '\0';
		return -1;
	}
	close(fd);
	for (int c = 0; c < ncols && b->ncols < XLSX_MAX_COLS; c++)
		if (cols[c].kind != XLSX_MONEY || money_visible())
			b->cols[b->ncols++] = cols[c];
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
	if ((b->wb = workbook_new_opt(b->path, &opt)) == NULL)
		return -1;
	b->ws = workbook_add_worksheet(b->wb, sheet);
	lxw_format *bold = workbook_add_format(b->wb);
	b->money = workbook_add_format(b->wb);
	b->money_whole = workbook_add_format(b->wb);
	b->when = workbook_add_format(b->wb);
	format_set_bold(bold);
	format_set_num_format(b->money, "#,##0.00");
	format_set_num_format(b->money_whole, "#,##0");
	format_set_num_format(b->when, "dd/mm/yyyy hh:mm");
	for (int c = 0; c < b->ncols; c++) {
		worksheet_set_column(b->ws, (lxw_col_t)c, (lxw_col_t)c, b->cols[c].width, NULL);
		worksheet_write_string(b->ws, 0, (lxw_col_t)c, b->cols[c].header, bold);
	}
	b->nrows = 0;
	return 0;
}

void xlsx_add(struct request *r, struct xlsx_book *b, const struct db_rows *rows)
{
	for (int i = 0; i < rows->nrows; i++) {
		b->nrows++;
		for (int c = 0; c < b->ncols; c++)
			write_cell(r, b->ws, (lxw_row_t)b->nrows, (lxw_col_t)c, &b->cols[c], rows, i, b);
	}
}

void xlsx_abort(struct xlsx_book *b)
{
	if (b->wb != NULL)
		workbook_close(b->wb);
	b->wb = NULL;
	if (b->path[0] != '\0')
		unlink(b->path);
	b->path[0] = '\0';
}

void xlsx_finish(struct request *r, struct xlsx_book *b, const char *filename)
{
	FILE *f = NULL;
	char *data = NULL;
	lxw_error e = workbook_close(b->wb);
	b->wb = NULL;
	if (e != LXW_NO_ERROR || (f = fopen(b->path, "rb")) == NULL || fseek(f, 0, SEEK_END) != 0)
		goto fail;
	long len = ftell(f);
	if (len <= 0 || fseek(f, 0, SEEK_SET) != 0 || (data = malloc((size_t)len)) == NULL ||
	    fread(data, 1, (size_t)len, f) != (size_t)len)
		goto fail;
	resp_header(r, "Content-Disposition", arena_printf(r->arena, "attachment; filename=\"%s\"", filename));
	resp_header(r, "X-Export-Rows", arena_printf(r->arena, "%d", b->nrows)); /* the SPA's progress shows it */
	resp_body(r, 200, XLSX_TYPE, data, (size_t)len);
	free(data);
	fclose(f);
	xlsx_abort(b);
	return;
fail:
	free(data);
	if (f != NULL)
		fclose(f);
	xlsx_abort(b);
	resp_error(r, 500, "export_failed", "The Excel file could not be written; please try again.");
}

void xlsx_answer(struct request *r, const char *sheet, const char *filename, const struct xlsx_col *cols, int ncols,
                 const struct db_rows *rows)
{
	struct xlsx_book b;
	if (xlsx_begin(&b, sheet, cols, ncols) != 0) {
		xlsx_abort(&b);
		resp_error(r, 500, "export_failed", "The Excel file could not be written; please try again.");
		return;
	}
	xlsx_add(r, &b, rows);
	xlsx_finish(r, &b, filename);
}
