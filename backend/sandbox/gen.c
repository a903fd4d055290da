/* Seeded PRNG (splitmix64) and Vietnamese names, phone numbers and addresses. */
#include "gen.h"
#include "core/arena.h"
#include <string.h>

void rng_seed(struct rng *g, uint64_t seed)
{
	g->s = seed ^ 0x9E3779B97F4A7C15ULL;
}

uint64_t rng_next(struct rng *g)
{
	uint64_t z = (g->s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

int64_t rng_range(struct rng *g, int64_t lo, int64_t hi)
{
	if (hi <= lo)
		return lo;
	return lo + (int64_t)(rng_next(g) % (uint64_t)(hi - lo + 1));
}

double rng_unit(struct rng *g)
{
	return (double)(rng_next(g) >> 11) / 9007199254740992.0;
}

const char *rng_pick(struct rng *g, const char *const *list, size_t n)
{
	return list[rng_next(g) % n];
}

uint64_t gen_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static const char *const family[] = {
	"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
	"Hồ", "Ngô", "Dương", "Lý",
};
static const char *const middle_m[] = { "Văn", "Minh", "Đức", "Quang", "Hoàng", "Gia", "Thành", "Hữu" };
static const char *const middle_f[] = { "Thị", "Ngọc", "Thu", "Thanh", "Phương", "Minh", "Khánh", "Bảo" };
static const char *const given_m[] = {
	"An", "Bình", "Dũng", "Hùng", "Khánh", "Long", "Nam", "Phúc", "Quân", "Tuấn", "Sơn", "Huy", "Đạt", "Khoa",
};
static const char *const given_f[] = {
	"Hà", "Hạnh", "Hương", "Lan", "Linh", "Mai", "Ngân", "Thảo", "Trang", "Vy", "Yến", "Châu", "Nhung", "Uyên",
};
static const char *const mobile_prefix[] = {
	"32", "33", "34", "35", "36", "37", "38", "39", "70", "76", "77", "78", "79", "81", "82", "83",
	"84", "85", "86", "88", "89", "90", "91", "93", "94", "96", "97", "98",
};
static const char *const streets[] = {
	"Trần Hưng Đạo", "Lê Lợi", "Nguyễn Huệ", "Hai Bà Trưng", "Lý Thường Kiệt", "Điện Biên Phủ",
	"Nguyễn Trãi", "Cách Mạng Tháng Tám", "Trần Phú", "Phan Đình Phùng", "Lê Duẩn", "Nguyễn Văn Cừ",
	"Xuân Thủy", "Cầu Giấy", "Võ Văn Tần", "Pasteur",
};

struct place {
	const char *province;
	const char *postal;
	const char *district;
	const char *wards[3];
};

static const struct place places[] = {
	{ "Hà Nội", "100000", "Quận Cầu Giấy", { "Phường Dịch Vọng", "Phường Nghĩa Đô", "Phường Mai Dịch" } },
	{ "Hà Nội", "100000", "Quận Đống Đa", { "Phường Láng Hạ", "Phường Ô Chợ Dừa", "Phường Kim Liên" } },
	{ "Hà Nội", "100000", "Quận Hoàn Kiếm", { "Phường Hàng Bạc", "Phường Tràng Tiền", "Phường Hàng Trống" } },
	{ "Hà Nội", "100000", "Quận Hai Bà Trưng", { "Phường Bạch Mai", "Phường Lê Đại Hành", "Phường Bách Khoa" } },
	{ "Thành phố Hồ Chí Minh", "700000", "Quận 1", { "Phường Bến Nghé", "Phường Đa Kao", "Phường Bến Thành" } },
	{ "Thành phố Hồ Chí Minh", "700000", "Quận 3", { "Phường Võ Thị Sáu", "Phường 9", "Phường 14" } },
	{ "Thành phố Hồ Chí Minh", "700000", "Quận Bình Thạnh", { "Phường 25", "Phường 22", "Phường 15" } },
	{ "Thành phố Hồ Chí Minh", "700000", "Thành phố Thủ Đức", { "Phường Thảo Điền", "Phường An Phú", "Phường Linh Trung" } },
	{ "Thành phố Hồ Chí Minh", "700000", "Quận 7", { "Phường Tân Phong", "Phường Tân Phú", "Phường Tân Quy" } },
	{ "Đà Nẵng", "550000", "Quận Hải Châu", { "Phường Thạch Thang", "Phường Hải Châu I", "Phường Phước Ninh" } },
	{ "Đà Nẵng", "550000", "Quận Sơn Trà", { "Phường An Hải Bắc", "Phường Mân Thái", "Phường Phước Mỹ" } },
	{ "Hải Phòng", "180000", "Quận Lê Chân", { "Phường An Biên", "Phường Cát Dài", "Phường Dư Hàng" } },
	{ "Cần Thơ", "900000", "Quận Ninh Kiều", { "Phường An Cư", "Phường Tân An", "Phường Xuân Khánh" } },
	{ "Khánh Hòa", "650000", "Thành phố Nha Trang", { "Phường Lộc Thọ", "Phường Vĩnh Hải", "Phường Phước Hải" } },
};

void gen_person(struct rng *g, struct arena *a, struct gen_person *p)
{
	/* one draw per statement: argument lists have no evaluation order */
	int female = rng_range(g, 0, 1) == 1;
	const char *fam = RNG_PICK(g, family);
	const char *mid = female ? RNG_PICK(g, middle_f) : RNG_PICK(g, middle_m);
	const char *given = female ? RNG_PICK(g, given_f) : RNG_PICK(g, given_m);
	p->name = arena_printf(a, "%s %s %s", fam, mid, given);
	const char *prefix = RNG_PICK(g, mobile_prefix);
	long long subscriber = (long long)rng_range(g, 0, 9999999);
	p->phone = arena_printf(a, "(+84)%s%07lld", prefix, subscriber);
	const struct place *pl = &places[rng_next(g) % (sizeof(places) / sizeof(places[0]))];
	int alley = rng_range(g, 0, 2) == 0;
	long long number = (long long)rng_range(g, 1, alley ? 80 : 350);
	long long lane = (long long)rng_range(g, 2, 200);
	const char *street = RNG_PICK(g, streets);
	p->street = alley ? arena_printf(a, "Số %lld ngõ %lld %s", number, lane, street)
	                  : arena_printf(a, "%lld %s", number, street);
	p->ward = pl->wards[rng_next(g) % 3];
	p->district = pl->district;
	p->province = pl->province;
	p->postal_code = pl->postal;
}
