/* Generated shops (with warehouses) and products with several SKUs, seller_sku codes and stock. */
#include "gen.h"
#include "sb.h"
#include "sb_sql.h"
#include "core/arena.h"
#include "db/db.h"
#include "json/jwrite.h"
#include <stdio.h>
#include <string.h>

struct category {
	const char *title;
	const char *code;
	int64_t price_lo, price_hi;     /* VND */
	const char *attr1;
	const char *values1[4];
	const char *attr2;
	const char *values2[4];
};

static const struct category categories[] = {
	{ "Áo thun cotton nam cổ tròn", "ATN", 89000, 199000, "Màu sắc", { "Đen", "Trắng", "Xám", "Xanh navy" }, "Kích cỡ", { "S", "M", "L", "XL" } },
	{ "Váy hoa nhí dáng xòe", "VHN", 159000, 349000, "Màu sắc", { "Hồng", "Vàng", "Xanh mint", "Trắng" }, "Kích cỡ", { "S", "M", "L", "XL" } },
	{ "Quần jean nữ ống rộng", "QJN", 199000, 399000, "Màu sắc", { "Xanh nhạt", "Xanh đậm", "Đen", "Trắng" }, "Kích cỡ", { "26", "27", "28", "29" } },
	{ "Son kem lì mịn môi", "SKL", 99000, 259000, "Màu sắc", { "Đỏ cam", "Đỏ gạch", "Hồng đất", "Nude" }, "Dung tích", { "3g", "5g", "Mini 1.5g", "Combo 2 cây" } },
	{ "Kem chống nắng SPF50+ PA++++", "KCN", 129000, 389000, "Loại da", { "Da dầu", "Da khô", "Da hỗn hợp", "Da nhạy cảm" }, "Dung tích", { "30ml", "50ml", "80ml", "100ml" } },
	{ "Tai nghe Bluetooth không dây", "TNB", 249000, 890000, "Màu sắc", { "Đen", "Trắng", "Hồng", "Xanh" }, "Phiên bản", { "Tiêu chuẩn", "Pro", "Pro Max", "Lite" } },
	{ "Bình giữ nhiệt inox 304", "BGN", 119000, 299000, "Màu sắc", { "Bạc", "Đen", "Hồng pastel", "Xanh rêu" }, "Dung tích", { "350ml", "500ml", "750ml", "1000ml" } },
	{ "Ốp lưng điện thoại trong suốt chống sốc", "OLD", 39000, 99000, "Kiểu", { "Trong suốt", "Viền đen", "Viền hồng", "Nhám" }, "Dòng máy", { "iPhone 13", "iPhone 14", "iPhone 15", "iPhone 15 Pro" } },
	{ "Dép quai ngang unisex đế êm", "DQN", 79000, 189000, "Màu sắc", { "Đen", "Trắng", "Be", "Xanh" }, "Size", { "38", "39", "40", "41" } },
	{ "Cà phê rang xay nguyên chất", "CPR", 89000, 329000, "Loại", { "Robusta", "Arabica", "Culi", "Blend" }, "Khối lượng", { "250g", "500g", "1kg", "Gói dùng thử 100g" } },
	{ "Nồi chiên không dầu điện tử", "NCK", 890000, 1990000, "Màu sắc", { "Đen", "Trắng", "Xám", "Kem" }, "Dung tích", { "4L", "5L", "6L", "7.5L" } },
	{ "Balo laptop chống nước", "BLL", 259000, 599000, "Màu sắc", { "Đen", "Xám", "Xanh navy", "Be" }, "Kích thước", { "14 inch", "15.6 inch", "17 inch", "Mini" } },
	{ "Sữa rửa mặt trà xanh dịu nhẹ", "SRM", 69000, 189000, "Loại da", { "Da dầu", "Da khô", "Da hỗn hợp", "Da mụn" }, "Dung tích", { "50ml", "100ml", "150ml", "200ml" } },
	{ "Bộ chăn ga gối cotton Hàn Quốc", "CGG", 390000, 990000, "Họa tiết", { "Kẻ sọc", "Hoa nhí", "Trơn xám", "Caro" }, "Kích thước", { "1m2x2m", "1m6x2m", "1m8x2m", "2mx2m2" } },
	{ "Đèn ngủ LED cảm ứng", "DNL", 99000, 259000, "Màu sắc", { "Trắng", "Gỗ", "Hồng", "Xanh" }, "Ánh sáng", { "Vàng ấm", "Trắng", "3 chế độ", "RGB" } },
	{ "Khẩu trang vải kháng khuẩn", "KTV", 29000, 79000, "Màu sắc", { "Đen", "Trắng", "Xám", "Xanh" }, "Quy cách", { "Hộp 5 cái", "Hộp 10 cái", "Túi 3 cái", "Lẻ 1 cái" } },
};
static const char *const styles[] = {
	"", " cao cấp", " phong cách Hàn Quốc", " chính hãng", " giá tốt", " mẫu mới", " basic", " thời trang",
};

/* VND prices converted (roughly) into the shop's currency, in its smallest unit. */
static int64_t price_in(int64_t vnd, const char *currency)
{
	if (strcmp(currency, "VND") == 0)
		return vnd;
	if (strcmp(currency, "IDR") == 0)
		return vnd * 6 / 10 / 100 * 100;
	if (strcmp(currency, "JPY") == 0)
		return vnd / 170;
	return vnd / 250 / 10 * 10 + 9; /* cents, ending in 9 */
}

int64_t gen_shop(struct db *db, struct arena *a, struct rng *g, int64_t seller_id, const char *seller_name,
                 const char *region, int index, int64_t now)
{
	static const char *const suffix[] = { "Official Store", "Mall", "Outlet", "Store" };
	const char *name = index < 3 ? arena_printf(a, "%s %s", seller_name, suffix[index])
	                             : arena_printf(a, "%s Store %d", seller_name, index + 1);
	static const char alnum[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	char code[16];
	snprintf(code, sizeof(code), "%sLC", region);
	for (int i = 4; i < 10; i++)
		code[i] = alnum[rng_next(g) % (sizeof(alnum) - 1)];
	code[10] = '\0';
	const char *cipher = sb_random_token(a, "ROW_", 28);
	struct db_param ps[] = { P_I64(seller_id), P_STR(cipher), P_STR(name), P_STR(code), P_STR(region), P_I64(now) };
	int64_t shop_id = 0;
	if (db_exec(db, SB_SHOP_INSERT, ps, 6, &shop_id) < 0)
		return -1;
	struct gen_person p;
	gen_person(g, a, &p);
	const char *kinds[2][2] = { { "SALES_WAREHOUSE", "Kho hàng" }, { "RETURN_WAREHOUSE", "Kho hoàn hàng" } };
	for (int k = 0; k < 2; k++) {
		const char *wname = arena_printf(a, "%s %s", kinds[k][1], p.province);
		struct db_param pw[] = { P_I64(shop_id), P_STR(wname), P_STR(kinds[k][0]), P_I64(k == 0), P_STR(p.name),
		                         P_STR(p.phone), P_STR(p.street), P_STR(p.district), P_STR(p.province),
		                         P_STR(p.postal_code) };
		if (db_exec(db, SB_WAREHOUSE_INSERT, pw, 10, NULL) < 0)
			return -1;
	}
	return shop_id;
}

static int64_t default_warehouse(struct db *db, struct arena *a, int64_t shop_id)
{
	struct db_param p[] = { P_I64(shop_id) };
	struct db_rows rows;
	int n = db_query(db, a, SB_WAREHOUSES_OF_SHOP, p, 1, &rows);
	for (int i = 0; i < n; i++)
		if (db_cell_i64(&rows, i, SB_WAREHOUSES_OF_SHOP_IS_DEFAULT) != 0)
			return db_cell_i64(&rows, i, SB_WAREHOUSES_OF_SHOP_ID);
	return n < 0 ? -1 : 0;
}

/* One product and its SKUs; writes its summary into w. */
static int one_product(struct db *db, struct arena *a, struct rng *g, int64_t shop_id, const char *currency,
                       int seq, int nskus, const char *const *codes, int64_t warehouse, int64_t now, struct jw *w)
{
	const struct category *c = &categories[rng_next(g) % (sizeof(categories) / sizeof(categories[0]))];
	const char *title = arena_printf(a, "%s%s", c->title, RNG_PICK(g, styles));
	const char *desc = arena_printf(a, "<p>%s. Hàng có sẵn, giao nhanh toàn quốc. Đổi trả trong 7 ngày "
	                                   "nếu sản phẩm lỗi do nhà sản xuất.</p>", title);
	int64_t created = now - rng_range(g, 86400, 200 * 86400);
	struct db_param pp[] = { P_I64(shop_id), P_STR(title), P_STR(desc), P_STR("ACTIVATE"), P_I64(created), P_I64(created) };
	int64_t pid = 0;
	if (db_exec(db, SB_PRODUCT_INSERT, pp, 6, &pid) < 0)
		return -1;
	jw_obj_open(w, NULL);
	jw_str(w, "id", sb_ext(a, ID_PRODUCT, pid));
	jw_str(w, "title", title);
	jw_arr_open(w, "skus");
	int64_t base = rng_range(g, c->price_lo / 1000, c->price_hi / 1000) * 1000;
	for (int k = 0; k < nskus; k++) {
		const char *v1 = c->values1[k % 4], *v2 = c->values2[(k / 4 + k) % 4];
		const char *seller_sku = codes != NULL && codes[k] != NULL ? codes[k]
		                                                            : arena_printf(a, "%s%03d-%02d", c->code, seq, k + 1);
		int64_t price = price_in(base + (k % 4) * 10000, currency);
		struct db_param psk[] = { P_I64(pid), P_I64(shop_id), P_STR(seller_sku), P_STR(c->attr1), P_STR(v1),
		                          P_STR(c->attr2), P_STR(v2), P_I64(price), P_STR(currency) };
		int64_t sid = 0;
		if (db_exec(db, SB_SKU_INSERT, psk, 9, &sid) < 0)
			return -1;
		int64_t qty = rng_range(g, 0, 9) == 0 ? 0 : rng_range(g, 5, 500);
		struct db_param pi[] = { P_I64(sid), P_I64(warehouse), P_I64(qty) };
		if (warehouse > 0 && db_exec(db, SB_INVENTORY_SET, pi, 3, NULL) < 0)
			return -1;
		jw_obj_open(w, NULL);
		jw_str(w, "id", sb_ext(a, ID_SKU, sid));
		jw_str(w, "seller_sku", seller_sku);
		jw_obj_close(w);
	}
	jw_arr_close(w);
	jw_obj_close(w);
	return 0;
}

int gen_products(struct db *db, struct arena *a, struct rng *g, int64_t shop_id, const char *region,
                 int count, int skus, const char *const *codes, int ncodes, int64_t now, struct jw *w)
{
	const char *currency = sb_region_currency(region);
	if (currency == NULL)
		currency = "VND";
	struct db_param pc[] = { P_I64(shop_id) };
	struct db_rows rows;
	int64_t warehouse = default_warehouse(db, a, shop_id);
	if (warehouse < 0 || db_query(db, a, SB_PRODUCT_COUNT, pc, 1, &rows) <= 0)
		return -1;
	int seq = (int)db_cell_i64(&rows, 0, SB_COUNT_VALUE);
	for (int i = 0; i < count; i++)
		if (one_product(db, a, g, shop_id, currency, seq + i + 1, skus, codes != NULL && i * skus < ncodes ? codes + i * skus : NULL,
		                warehouse, now, w) != 0)
			return -1;
	return 0;
}
