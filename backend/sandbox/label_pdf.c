/* Shipping documents drawn with cairo's PDF surface: an A6 carrier label (carrier, Code 128 barcode of the tracking
 * number encoded by zint, sender, recipient, order number and its barcode, item count, COD) and a packing slip listing
 * the items; A5 is the same page scaled up. Text uses DejaVu Sans through fontconfig, which covers Vietnamese. */
#include "label_pdf.h"
#include "core/buf.h"
#include <cairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <string.h>
#include <zint.h>

#define A6_W 297.64
#define A6_H 419.53
#define A5_W 419.53
#define A5_H 595.28
#define MARGIN 12.0
#define FONT "DejaVu Sans"

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
	return buf_append(closure, data, len) == 0 ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static void font(cairo_t *cr, double size, int bold)
{
	cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
}

/* One line of text with its baseline at y; align 0 left from x, 1 centred on x, 2 right-aligned at x. */
static void text(cairo_t *cr, double x, double y, double size, int bold, int align, const char *s)
{
	cairo_text_extents_t e;
	font(cr, size, bold);
	cairo_text_extents(cr, s, &e);
	cairo_move_to(cr, align == 0 ? x : align == 1 ? x - e.x_advance / 2 : x - e.x_advance, y);
	cairo_show_text(cr, s);
}

/* Text wrapped at spaces into lines of `width`, at most `max` lines; returns the baseline after the last. */
static double wrap(cairo_t *cr, double x, double y, double width, double size, int bold, const char *s, int max)
{
	char line[512];
	size_t n = 0;
	int lines = 0;
	font(cr, size, bold);
	while (*s != '\0' && lines < max) {
		const char *sp = strchr(s, ' ');
		size_t wl = sp != NULL ? (size_t)(sp - s) : strlen(s);
		char trial[512];
		int t = snprintf(trial, sizeof(trial), "%.*s%s%.*s", (int)n, line, n > 0 ? " " : "", (int)wl, s);
		cairo_text_extents_t e;
		cairo_text_extents(cr, trial, &e);
		if (n > 0 && (e.x_advance > width || t >= (int)sizeof(trial))) {
			cairo_move_to(cr, x, y);
			cairo_show_text(cr, line);
			y += size * 1.25;
			lines++;
			n = 0;
			continue;
		}
		n = (size_t)snprintf(line, sizeof(line), "%s", trial);
		s += wl;
		while (*s == ' ')
			s++;
	}
	if (n > 0 && lines < max) {
		cairo_move_to(cr, x, y);
		cairo_show_text(cr, line);
		y += size * 1.25;
	}
	return y;
}

static void rule(cairo_t *cr, double y)
{
	cairo_set_line_width(cr, 0.8);
	cairo_move_to(cr, MARGIN, y);
	cairo_line_to(cr, A6_W - MARGIN, y);
	cairo_stroke(cr);
}

/* The tracking number as a Code 128 barcode filling [x, x + w] × [y, y + h]; -1 when zint refuses it. */
static int barcode(cairo_t *cr, const char *data, double x, double y, double w, double h)
{
	struct zint_symbol *sym = ZBarcode_Create();
	if (sym == NULL)
		return -1;
	sym->symbology = BARCODE_CODE128;
	sym->show_hrt = 0;
	int rc = ZBarcode_Encode_and_Buffer_Vector(sym, (const unsigned char *)data, (int)strlen(data), 0);
	if (rc >= ZINT_ERROR || sym->vector == NULL || sym->vector->width <= 0) {
		ZBarcode_Delete(sym);
		return -1;
	}
	double sx = w / sym->vector->width, sy = h / sym->vector->height;
	for (struct zint_vector_rect *b = sym->vector->rectangles; b != NULL; b = b->next)
		cairo_rectangle(cr, x + b->x * sx, y + b->y * sy, b->width * sx, b->height * sy);
	cairo_fill(cr);
	ZBarcode_Delete(sym);
	return 0;
}

static int shipping_label(cairo_t *cr, const struct label_doc *d)
{
	double y = MARGIN + 16, right = A6_W - MARGIN, width = A6_W - 2 * MARGIN;
	cairo_set_line_width(cr, 1.2);
	cairo_rectangle(cr, MARGIN / 2, MARGIN / 2, A6_W - MARGIN, A6_H - MARGIN);
	cairo_stroke(cr);
	text(cr, MARGIN, y, 16, 1, 0, d->carrier);
	text(cr, right, y - 8, 7, 0, 2, "TikTok Shop");
	text(cr, right, y + 2, 7.5, 1, 2, strcmp(d->handover, "PICKUP") == 0 ? "LẤY HÀNG TẬN NƠI" : "GỬI TẠI BƯU CỤC");
	rule(cr, y += 8);
	if (barcode(cr, d->tracking, MARGIN + 14, y + 6, width - 28, 58) != 0)
		return -1;
	text(cr, A6_W / 2, y += 80, 13, 1, 1, d->tracking);
	rule(cr, y += 7);
	text(cr, MARGIN, y += 12, 8, 0, 0, "Mã đơn hàng:");
	text(cr, right, y, 8, 1, 2, d->order_id);
	text(cr, MARGIN, y += 11, 8, 0, 0, "Mã kiện hàng:");
	text(cr, right, y, 8, 0, 2, d->package_id);
	rule(cr, y += 6);
	text(cr, MARGIN, y += 11, 7, 1, 0, "NGƯỜI GỬI");
	y = wrap(cr, MARGIN, y + 10, width, 8, 1, d->shop_name, 1);
	char who[400];
	snprintf(who, sizeof(who), "%s · %s", d->sender_name, d->sender_phone);
	y = wrap(cr, MARGIN, y, width, 7.5, 0, who, 1);
	y = wrap(cr, MARGIN, y, width, 7.5, 0, d->sender_address, 2);
	rule(cr, y -= 4);
	text(cr, MARGIN, y += 11, 7, 1, 0, "NGƯỜI NHẬN");
	snprintf(who, sizeof(who), "%s · %s", d->recipient_name, d->recipient_phone);
	y = wrap(cr, MARGIN, y + 12, width, 10, 1, who, 2);
	y = wrap(cr, MARGIN, y, width, 9, 0, d->recipient_address, 4);
	rule(cr, y -= 4);
	char count[64];
	snprintf(count, sizeof(count), "Số lượng sản phẩm: %d", d->units);
	text(cr, MARGIN, y += 13, 9, 0, 0, count);
	if (*d->cod != '\0') {
		text(cr, MARGIN, y += 18, 9, 0, 0, "Thu hộ (COD):");
		text(cr, right, y, 15, 1, 2, d->cod);
	} else {
		text(cr, MARGIN, y += 16, 9, 0, 0, "Đã thanh toán: không thu tiền người nhận");
	}
	/* the order number as a second, smaller barcode: packing stations scan it to find what goes in the parcel */
	if (barcode(cr, d->order_id, MARGIN + 40, A6_H - MARGIN - 44, width - 80, 26) != 0)
		return -1;
	text(cr, A6_W / 2, A6_H - MARGIN - 10, 7, 0, 1, d->order_id);
	char footer[96];
	snprintf(footer, sizeof(footer), "In lúc %s", d->printed_at);
	text(cr, MARGIN, A6_H - MARGIN, 6.5, 0, 0, footer);
	return 0;
}

static void packing_slip(cairo_t *cr, const struct label_doc *d)
{
	double y = MARGIN + 18, right = A6_W - MARGIN, width = A6_W - 2 * MARGIN;
	text(cr, MARGIN, y, 15, 1, 0, "PHIẾU ĐÓNG GÓI");
	text(cr, right, y, 7, 0, 2, d->shop_name);
	rule(cr, y += 8);
	struct { const char *label, *value; } rows[] = {
		{ "Mã đơn hàng:", d->order_id }, { "Mã kiện hàng:", d->package_id },
		{ "Mã vận đơn:", d->tracking }, { "Đơn vị vận chuyển:", d->carrier }, { "Người nhận:", d->recipient_name },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		text(cr, MARGIN, y += 12, 8, 0, 0, rows[i].label);
		text(cr, right, y, 8, i < 3, 2, rows[i].value);
	}
	rule(cr, y += 7);
	text(cr, MARGIN, y += 12, 7.5, 1, 0, "SL");
	text(cr, MARGIN + 24, y, 7.5, 1, 0, "Sản phẩm");
	y += 4;
	for (int i = 0; i < d->nitems && y < A6_H - 50; i++) {
		char qty[16];
		snprintf(qty, sizeof(qty), "%d", d->items[i].quantity);
		text(cr, MARGIN, y += 11, 8.5, 1, 0, qty);
		y = wrap(cr, MARGIN + 24, y, width - 24, 8, 0, d->items[i].name, 2);
		char sku[160];
		snprintf(sku, sizeof(sku), "SKU: %s", *d->items[i].seller_sku != '\0' ? d->items[i].seller_sku : "—");
		text(cr, MARGIN + 24, y, 6.5, 0, 0, sku);
	}
	rule(cr, A6_H - 34);
	char total[64];
	snprintf(total, sizeof(total), "Tổng số sản phẩm: %d", d->units);
	text(cr, MARGIN, A6_H - 20, 9, 1, 0, total);
}

int label_pdf(const struct label_doc *d, enum label_kind kind, enum label_size size, struct buf *out)
{
	/* A5 is not quite A6 doubled: the A6 page scaled to A5's width, which leaves a few points at the bottom */
	double scale = size == LABEL_A5 ? A5_W / A6_W : 1.0;
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_out, out, size == LABEL_A5 ? A5_W : A6_W,
	                                                         size == LABEL_A5 ? A5_H : A6_H);
	char title[160];
	snprintf(title, sizeof(title), "%s %s", kind == LABEL_PACKING ? "Phiếu đóng gói" : "Vận đơn", d->tracking);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "TikTok Shop sandbox");
	cairo_t *cr = cairo_create(s);
	cairo_scale(cr, scale, scale);
	cairo_set_source_rgb(cr, 0, 0, 0);
	int rc = 0;
	if (kind & LABEL_SHIPPING) {
		rc = shipping_label(cr, d);
		cairo_show_page(cr);
	}
	if (rc == 0 && (kind & LABEL_PACKING)) {
		packing_slip(cr, d);
		cairo_show_page(cr);
	}
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		rc = -1;
	cairo_surface_destroy(s);
	return rc;
}

void label_pdf_release(void)
{
	cairo_debug_reset_static_data();
	FcFini();
}
