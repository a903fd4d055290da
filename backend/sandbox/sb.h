/* Shared pieces of the sandbox: external ids, the sandbox clock and faults, the app registration, helpers. */
#ifndef SANDBOX_SB_H
#define SANDBOX_SB_H
#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;
struct request;

/* TikTok ids are long decimal strings: a fixed base plus our row id. */
#define ID_SHOP      7495540735365000000LL
#define ID_ORDER     576653688135000000LL
#define ID_LINE      576653688140000000LL
#define ID_PACKAGE   1152921504606000000LL
#define ID_PRODUCT   1729382716450000000LL
#define ID_SKU       1729382716460000000LL
#define ID_WAREHOUSE 7068517275539000000LL
#define ID_NOTIFY    7380066284010000000LL
#define ID_MAX_ROW   1000000000LL

/* "<base + id>" in the arena. */
const char *sb_ext(struct arena *a, int64_t base, int64_t id);
/* The row id behind an external id, or 0 when s is not one of base's ids. */
int64_t sb_row(const char *s, int64_t base);

/* The app registration (one row). */
struct sb_app {
	const char *app_key;
	const char *app_secret;
	const char *service_id;
	const char *app_name;
	const char *redirect_url;
	const char *webhook_url;
	double retry_scale;
};
/* 1 found, 0 none, -1 error; strings live in the arena. */
int sb_app_load(struct db *db, struct arena *a, struct sb_app *app);

/* The control row: clock offset and faults. */
struct sb_control {
	int64_t clock_offset;
	double error_rate;
	double throttle_rate;
	int latency_ms;
	double malformed_rate;
	const char *fail_path;   /* the next fail_count calls to paths starting with it fail (36009003) */
	int64_t fail_count;
};
int sb_control_load(struct db *db, struct arena *a, struct sb_control *c);
/* The sandbox's now: wall clock plus the offset (0 offset when the row cannot be read). */
int64_t sb_now(struct db *db, struct arena *a);
int64_t sb_wall_ms(void);

/* Random helpers (getrandom). */
double sb_rand01(void);
/* n random characters from [A-Za-z0-9] after prefix, NUL-terminated in the arena. */
char *sb_random_token(struct arena *a, const char *prefix, size_t n);
/* n random decimal digits. */
char *sb_random_digits(struct arena *a, size_t n);

/* Money in smallest units as TikTok's decimal string ("150000" for VND, "35.97" for USD). */
const char *sb_money(struct arena *a, int64_t amount, const char *currency);
int sb_currency_decimals(const char *currency);
/* Region code to currency ("VN" -> "VND"); NULL for an unknown region. */
const char *sb_region_currency(const char *region);

/* SHA-256(salt + password) as hex, for seller passwords. */
void sb_password_hash(const char *salt, const char *password, char out[65]);
/* Constant-time equality of two NUL-terminated strings. */
int sb_str_eq_ct(const char *a, const char *b);

/* A JSON array of numbers "[1,2]" from n ids (for JSON_TABLE parameters). */
const char *sb_json_ids(struct arena *a, const int64_t *ids, int n);
/* Lower-cases s in the arena. */
char *sb_lower(struct arena *a, const char *s);
/* Appends "?k=v" or "&k=v" (v URL-encoded) to url. */
char *sb_url_add(struct arena *a, const char *url, const char *key, const char *value);

#endif
