/* GET /fulfillment/202309/packages/{package_id}/shipping_documents answers a doc_url that expires after 24 hours, as
 * TikTok's do; GET /sandbox/documents/{package_id} (the sandbox's stand-in for TikTok's file host) serves the PDF while
 * the URL's expiry and signature hold. */
#include "tt.h"
#include "tt_package.h"
#include "tt_order_json.h"
#include "ff.h"
#include "label_pdf.h"
#include "handlers.h"
#include "sb_sql.h"
#include "verify.h"
#include "core/buf.h"
#include "core/config.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DOC_TTL 86400

static const struct { const char *name; enum label_kind kind; } types[] = {
	{ "SHIPPING_LABEL", LABEL_SHIPPING },
	{ "PACKING_SLIP", LABEL_PACKING },
	{ "SHIPPING_LABEL_AND_PACKING_SLIP", LABEL_BOTH },
};

static int kind_of(const char *name)
{
	for (size_t i = 0; name != NULL && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(types[i].name, name) == 0)
			return (int)types[i].kind;
	return 0;
}

/* The signature of a document URL: hex HMAC-SHA256(app_secret, "package|type|size|expires"). */
static void doc_sign(struct arena *a, const char *secret, const char *package_id, const char *type, const char *size,
                     int64_t expires, char out[65])
{
	const char *msg = arena_printf(a, "%s|%s|%s|%lld", package_id, type, size, (long long)expires);
	sbv_hmac(secret, msg, strlen(msg), out);
}

void h_tt_package_documents(struct request *r)
{
	struct tt_call c;
	if (tt_begin(r, TT_SHOP, &c) != 0)
		return;
	const char *type = req_query(r, "document_type"), *size = req_query(r, "document_size");
	const char *format = req_query(r, "document_format");
	if (kind_of(type) == 0) {
		tt_fail(r, TT_INVALID_REQUEST, "Invalid document_type: SHIPPING_LABEL, PACKING_SLIP or SHIPPING_LABEL_AND_PACKING_SLIP");
		return;
	}
	/* A6 by default; the PHP SDK sends 0 when the caller gives no size */
	if (size == NULL || *size == '\0' || strcmp(size, "0") == 0)
		size = "A6";
	if (strcmp(size, "A6") != 0 && strcmp(size, "A5") != 0) {
		tt_fail(r, TT_INVALID_REQUEST, "Invalid document_size: A6 or A5");
		return;
	}
	if (format != NULL && *format != '\0' && strcmp(format, "PDF") != 0) {
		tt_fail(r, TT_INVALID_REQUEST, "Invalid document_format: PDF (ZPL is for BR and MX only)");
		return;
	}
	struct db_rows o;
	if (tt_package_row(r, &c, r->params[0], 0, &o) == 0)
		return;
	const char *status = tt_package_status(&o, 0);
	if (strcmp(status, "CANCELLED") == 0) {
		tt_fail(r, FF_ORDER_CANCELLED, "The order has been cancelled: the package has no shipping documents");
		return;
	}
	if (strcmp(status, "TO_FULFILL") == 0) {
		tt_fail(r, FF_NOT_SHIPPED, "The package has not been shipped: call Ship Package first");
		return;
	}
	if (strcmp(db_cell(&o, 0, SB_ORDER_ROW_SHIPPING_TYPE), "SELLER") == 0) {
		tt_fail(r, FF_SHIPPING_TYPE, "Shipping documents are for TikTok shipping packages only");
		return;
	}
	int64_t expires = c.now + DOC_TTL;
	char sig[65];
	doc_sign(r->arena, c.app.app_secret, r->params[0], type, size, expires, sig);
	struct jw w;
	tt_open(r, &w);
	jw_str(&w, "doc_url", arena_printf(r->arena, "%s/sandbox/documents/%s?document_type=%s&document_size=%s&expires=%lld&sign=%s",
	                                    r->cfg->sandbox_url, r->params[0], type, size, (long long)expires, sig));
	jw_str(&w, "tracking_number", db_cell(&o, 0, SB_ORDER_ROW_TRACKING_NUMBER));
	tt_send(r, &c, &w);
}

/* Money as the label prints it: "1.234.000 ₫" for VND, TikTok's decimal string and the currency elsewhere. */
static const char *money(struct arena *a, int64_t amount, const char *currency)
{
	if (strcmp(currency, "VND") != 0)
		return arena_printf(a, "%s %s", sb_money(a, amount, currency), currency);
	char digits[32], out[48];
	int n = snprintf(digits, sizeof(digits), "%lld", (long long)(amount < 0 ? -amount : amount)), k = 0;
	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[k++] = '.';
		out[k++] = digits[i];
	}
	out[k] = '\0';
	return arena_printf(a, "%s%s ₫", amount < 0 ? "-" : "", out);
}

/* The documents of the package whose order row is o[0]; -1 when the database or the drawing fails. */
static int render(struct request *r, const struct db_rows *o, const char *package_id, enum label_kind kind,
                  enum label_size size, int64_t now, struct buf *pdf)
{
	struct db_rows lines, wh, shop;
	struct db_param pw[] = { P_I64(db_cell_i64(o, 0, SB_ORDER_ROW_WAREHOUSE_ID)) };
	struct db_param ps[] = { P_I64(db_cell_i64(o, 0, SB_ORDER_ROW_SHOP_ID)) };
	if (tt_order_lines(r, o, 1, &lines) < 0 || db_query(r->db, r->arena, SB_WAREHOUSE_GET, pw, 1, &wh) <= 0 ||
	    db_query(r->db, r->arena, SB_SHOP_GET, ps, 1, &shop) <= 0)
		return -1;
	/* one row per SKU with its units counted (TikTok's lines are one per unit) */
	size_t cap = (size_t)(lines.nrows > 0 ? lines.nrows : 1);
	struct label_item *items = arena_alloc(r->arena, sizeof(*items) * cap);
	const char **sku_ids = arena_alloc(r->arena, sizeof(*sku_ids) * cap);
	int nitems = 0;
	for (int k = 0; k < lines.nrows; k++) {
		const char *sku = db_cell(&lines, k, SB_LINES_OF_ORDERS_SKU_ID);
		int m = 0;
		while (m < nitems && strcmp(sku_ids[m], sku) != 0)
			m++;
		if (m == nitems) {
			sku_ids[nitems] = sku;
			items[nitems++] = (struct label_item){
				.name = arena_printf(r->arena, "%s (%s)", db_cell(&lines, k, SB_LINES_OF_ORDERS_PRODUCT_NAME),
				                     db_cell(&lines, k, SB_LINES_OF_ORDERS_SKU_NAME)),
				.seller_sku = db_cell(&lines, k, SB_LINES_OF_ORDERS_SELLER_SKU) };
		}
		items[m].quantity++;
	}
	const char *region = db_cell(o, 0, SB_ORDER_ROW_REGION);
	time_t local = (time_t)(now + ff_utc_offset(region));
	struct tm tm;
	char printed[32];
	gmtime_r(&local, &tm);
	strftime(printed, sizeof(printed), "%d/%m/%Y %H:%M", &tm);
	const char *method = db_cell(o, 0, SB_ORDER_ROW_HANDOVER_METHOD);
	const char *street = db_cell(&wh, 0, SB_WAREHOUSES_OF_SHOP_ADDRESS);
	struct label_doc d = {
		.carrier = db_cell(o, 0, SB_ORDER_ROW_SHIPPING_PROVIDER),
		.tracking = db_cell(o, 0, SB_ORDER_ROW_TRACKING_NUMBER),
		.order_id = sb_ext(r->arena, ID_ORDER, db_cell_i64(o, 0, SB_ORDER_ROW_ID)),
		.package_id = package_id,
		.handover = method != NULL ? method : "DROP_OFF",
		.shop_name = db_cell(&shop, 0, SB_SHOP_GET_NAME),
		.sender_name = db_cell(&wh, 0, SB_WAREHOUSES_OF_SHOP_CONTACT),
		.sender_phone = db_cell(&wh, 0, SB_WAREHOUSES_OF_SHOP_PHONE),
		.sender_address = arena_printf(r->arena, "%s, %s, %s", street, db_cell(&wh, 0, SB_WAREHOUSES_OF_SHOP_DISTRICT),
		                               db_cell(&wh, 0, SB_WAREHOUSES_OF_SHOP_CITY)),
		.recipient_name = db_cell(o, 0, SB_ORDER_ROW_RECIPIENT_NAME),
		.recipient_phone = db_cell(o, 0, SB_ORDER_ROW_RECIPIENT_PHONE),
		.recipient_address = arena_printf(r->arena, "%s, %s, %s, %s", db_cell(o, 0, SB_ORDER_ROW_ADDRESS_DETAIL),
		                                  db_cell(o, 0, SB_ORDER_ROW_WARD), db_cell(o, 0, SB_ORDER_ROW_DISTRICT),
		                                  db_cell(o, 0, SB_ORDER_ROW_PROVINCE)),
		.cod = db_cell_i64(o, 0, SB_ORDER_ROW_IS_COD) != 0
		       ? money(r->arena, db_cell_i64(o, 0, SB_ORDER_ROW_TOTAL_AMOUNT), db_cell(o, 0, SB_ORDER_ROW_CURRENCY)) : "",
		.printed_at = printed,
		.items = items,
		.nitems = nitems,
		.units = lines.nrows,
	};
	return label_pdf(&d, kind, size, pdf);
}

void h_ctl_document(struct request *r)
{
	const char *package_id = r->params[0], *type = req_query(r, "document_type");
	const char *size = req_query(r, "document_size"), *exp = req_query(r, "expires"), *given = req_query(r, "sign");
	int kind = kind_of(type);
	int64_t expires = exp != NULL ? strtoll(exp, NULL, 10) : 0;
	struct sb_app app;
	if (sb_app_load(r->db, r->arena, &app) <= 0) {
		resp_error(r, 500, "internal_error", "The sandbox database failed.");
		return;
	}
	char sig[65];
	if (kind == 0 || size == NULL || (strcmp(size, "A6") != 0 && strcmp(size, "A5") != 0) || given == NULL) {
		resp_error(r, 403, "forbidden", "This document link is not valid.");
		return;
	}
	doc_sign(r->arena, app.app_secret, package_id, type, size, expires, sig);
	if (!sb_str_eq_ct(sig, given)) {
		resp_error(r, 403, "forbidden", "This document link is not valid.");
		return;
	}
	int64_t now = sb_now(r->db, r->arena);
	if (now >= expires) {
		resp_error(r, 403, "expired", "This document link has expired: ask for the shipping documents again.");
		return;
	}
	int64_t id = sb_row(package_id, ID_PACKAGE);
	struct db_param p[] = { P_I64(id) };
	struct db_rows st, o;
	if (db_query(r->db, r->arena, SB_ORDER_STATE, p, 1, &st) <= 0) {
		resp_error(r, 404, "not_found", "No such document.");
		return;
	}
	struct db_param po[] = { P_I64(id), P_I64(db_cell_i64(&st, 0, SB_ORDER_STATE_SHOP_ID)) };
	struct buf pdf;
	buf_init(&pdf, 0);
	if (db_query(r->db, r->arena, SB_ORDER_OF_SHOP, po, 2, &o) <= 0 ||
	    render(r, &o, package_id, (enum label_kind)kind, strcmp(size, "A5") == 0 ? LABEL_A5 : LABEL_A6, now, &pdf) != 0) {
		buf_free(&pdf);
		resp_error(r, 500, "internal_error", "The document could not be made.");
		return;
	}
	resp_header(r, "Content-Disposition", arena_printf(r->arena, "inline; filename=\"%s-%s.pdf\"", package_id, type));
	resp_body(r, 200, "application/pdf", pdf.data, pdf.len);
	buf_free(&pdf);
}
