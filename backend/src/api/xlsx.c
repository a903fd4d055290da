/* Writes a list's rows into an .xlsx in a temporary file (libxlsxwriter, constant memory) and answers it. */
#include "api/xlsx.h"
#include "api/common.h"
#include "db/db.h"
#include "http/request.h"
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

static void write_cell(struct request *r, lxw_worksheet *ws, lxw_row_t row, lxw_col_t c, const struct xlsx_col *col,
                       const struct db_rows *rows, int i, lxw_format *money, lxw_format *when)
{
	const char *v = col->kind == XLSX_CALC ? col->calc(r, rows, i) : db_cell(rows, i, col->col);
	if (v == NULL)
		return;
	switch (col->kind) {
	case XLSX_INT:
		worksheet_write_number(ws, row, c, (double)db_cell_i64(rows, i, col->col), NULL);
		break;
	case XLSX_MONEY:
		worksheet_write_number(ws, row, c, strtod(v, NULL), money);
		break;
	case XLSX_TIME:
		if (db_cell_i64(rows, i, col->col) > 0)
			worksheet_write_number(ws, row, c, lxw_unixtime_to_excel_date(db_cell_i64(rows, i, col->col) + 25200),
			                       when);
		break;
	default:
		worksheet_write_string(ws, row, c, v, NULL);
	}
}

/* Writes the workbook to path; 0 on success. */
static int write_book(struct request *r, const char *path, const char *sheet, const struct xlsx_col *cols, int ncols,
                      const struct db_rows *rows)
{
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	if (wb == NULL)
		return -1;
	lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
	lxw_format *bold = workbook_add_format(wb), *money = workbook_add_format(wb), *when = workbook_add_format(wb);
	format_set_bold(bold);
	format_set_num_format(money, "#,##0.00");
	format_set_num_format(when, "dd/mm/yyyy hh:mm");
	for (int c = 0; c < ncols; c++) {
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, cols[c].width, NULL);
		worksheet_write_string(ws, 0, (lxw_col_t)c, cols[c].header, bold);
	}
	for (int i = 0; i < rows->nrows; i++)
		for (int c = 0; c < ncols; c++)
			write_cell(r, ws, (lxw_row_t)(i + 1), (lxw_col_t)c, &cols[c], rows, i, money, when);
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}

void xlsx_answer(struct request *r, const char *sheet, const char *filename, const struct xlsx_col *cols, int ncols,
                 const struct db_rows *rows)
{
	char path[] = "/tmp/tts-export-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = NULL;
	char *data = NULL;
	if (fd < 0)
		goto fail;
	close(fd);
	if (write_book(r, path, sheet, cols, ncols, rows) != 0 || (f = fopen(path, "rb")) == NULL)
		goto fail;
	if (fseek(f, 0, SEEK_END) != 0)
		goto fail;
	long len = ftell(f);
	if (len <= 0 || fseek(f, 0, SEEK_SET) != 0 || (data = malloc((size_t)len)) == NULL ||
	    fread(data, 1, (size_t)len, f) != (size_t)len)
		goto fail;
	resp_header(r, "Content-Disposition", arena_printf(r->arena, "attachment; filename=\"%s\"", filename));
	resp_header(r, "X-Export-Rows", arena_printf(r->arena, "%d", rows->nrows)); /* the SPA's progress shows it */
	resp_body(r, 200, XLSX_TYPE, data, (size_t)len);
	free(data);
	fclose(f);
	unlink(path);
	return;
fail:
	free(data);
	if (f != NULL)
		fclose(f);
	if (fd >= 0)
		unlink(path);
	resp_error(r, 500, "export_failed", "The Excel file could not be written; please try again.");
}
