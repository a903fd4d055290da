/* Sandbox helpers: external ids, the sandbox clock, randomness, money strings, password hashes and URLs. */
#include "sb.h"
#include "sb_sql.h"
#include "core/arena.h"
#include "core/buf.h"
#include <stdio.h>
#include "db/db.h"
#include "http/urlcode.h"
#include <ctype.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

const char *sb_ext(struct arena *a, int64_t base, int64_t id)
{
	return arena_printf(a, "%lld", (long long)(base + id));
}

int64_t sb_row(const char *s, int64_t base)
{
	if (s == NULL || *s == '\0' || strlen(s) > 19)
		return 0;
	for (const char *p = s; *p; p++)
		if (!isdigit((unsigned char)*p))
			return 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (*end != '\0' || v <= base || v - base > ID_MAX_ROW)
		return 0;
	return (int64_t)(v - base);
}

int sb_app_load(struct db *db, struct arena *a, struct sb_app *app)
{
	struct db_rows rows;
	int n = db_query(db, a, SB_APP_GET, NULL, 0, &rows);
	if (n <= 0)
		return n;
	app->app_key = db_cell(&rows, 0, SB_APP_GET_APP_KEY);
	app->app_secret = db_cell(&rows, 0, SB_APP_GET_APP_SECRET);
	app->service_id = db_cell(&rows, 0, SB_APP_GET_SERVICE_ID);
	app->app_name = db_cell(&rows, 0, SB_APP_GET_APP_NAME);
	app->redirect_url = db_cell(&rows, 0, SB_APP_GET_REDIRECT_URL);
	app->webhook_url = db_cell(&rows, 0, SB_APP_GET_WEBHOOK_URL);
	app->retry_scale = strtod(db_cell(&rows, 0, SB_APP_GET_WEBHOOK_RETRY_SCALE), NULL);
	return 1;
}

int sb_control_load(struct db *db, struct arena *a, struct sb_control *c)
{
	memset(c, 0, sizeof(*c));
	struct db_rows rows;
	int n = db_query(db, a, SB_CONTROL_GET, NULL, 0, &rows);
	if (n <= 0)
		return n;
	c->clock_offset = db_cell_i64(&rows, 0, SB_CONTROL_GET_CLOCK_OFFSET);
	c->error_rate = strtod(db_cell(&rows, 0, SB_CONTROL_GET_ERROR_RATE), NULL);
	c->throttle_rate = strtod(db_cell(&rows, 0, SB_CONTROL_GET_THROTTLE_RATE), NULL);
	c->latency_ms = (int)db_cell_i64(&rows, 0, SB_CONTROL_GET_LATENCY_MS);
	c->malformed_rate = strtod(db_cell(&rows, 0, SB_CONTROL_GET_MALFORMED_RATE), NULL);
	c->fail_path = db_cell(&rows, 0, SB_CONTROL_GET_FAIL_PATH);
	c->fail_count = db_cell_i64(&rows, 0, SB_CONTROL_GET_FAIL_COUNT);
	return 1;
}

int64_t sb_now(struct db *db, struct arena *a)
{
	struct sb_control c;
	sb_control_load(db, a, &c);
	return (int64_t)time(NULL) + c.clock_offset;
}

int64_t sb_wall_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void fill_random(void *p, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t k = getrandom((char *)p + got, n - got, 0);
		if (k <= 0)
			abort(); /* no entropy source: nothing sensible to do */
		got += (size_t)k;
	}
}

double sb_rand01(void)
{
	uint64_t v;
	fill_random(&v, sizeof(v));
	return (double)(v >> 11) / 9007199254740992.0;
}

static char *random_from(struct arena *a, const char *prefix, size_t n, const char *alphabet, size_t k)
{
	size_t plen = strlen(prefix);
	char *out = arena_alloc(a, plen + n + 1);
	memcpy(out, prefix, plen);
	unsigned char raw[128];
	for (size_t i = 0; i < n; i++) {
		if (i % sizeof(raw) == 0)
			fill_random(raw, sizeof(raw));
		out[plen + i] = alphabet[raw[i % sizeof(raw)] % k];
	}
	out[plen + n] = '\0';
	return out;
}

char *sb_random_token(struct arena *a, const char *prefix, size_t n)
{
	static const char an[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	return random_from(a, prefix, n, an, 62);
}

char *sb_random_digits(struct arena *a, size_t n)
{
	return random_from(a, "", n, "0123456789", 10);
}

int sb_currency_decimals(const char *currency)
{
	return strcmp(currency, "VND") == 0 || strcmp(currency, "IDR") == 0 || strcmp(currency, "JPY") == 0 ? 0 : 2;
}

const char *sb_money(struct arena *a, int64_t amount, const char *currency)
{
	if (sb_currency_decimals(currency) == 0)
		return arena_printf(a, "%lld", (long long)amount);
	const char *sign = amount < 0 ? "-" : "";
	int64_t v = amount < 0 ? -amount : amount;
	return arena_printf(a, "%s%lld.%02lld", sign, (long long)(v / 100), (long long)(v % 100));
}

const char *sb_region_currency(const char *region)
{
	static const char *const map[][2] = {
		{ "VN", "VND" }, { "TH", "THB" }, { "MY", "MYR" }, { "PH", "PHP" }, { "SG", "SGD" },
		{ "ID", "IDR" }, { "JP", "JPY" }, { "US", "USD" }, { "GB", "GBP" }, { "MX", "MXN" },
		{ "BR", "BRL" }, { "DE", "EUR" }, { "FR", "EUR" }, { "IE", "EUR" }, { "IT", "EUR" },
		{ "ES", "EUR" },
	};
	for (size_t i = 0; region != NULL && i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i][0], region) == 0)
			return map[i][1];
	return NULL;
}

static void to_hex(const unsigned char *d, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[2 * n] = '\0';
}

void sb_password_hash(const char *salt, const char *password, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	if (c == NULL || EVP_DigestInit_ex(c, EVP_sha256(), NULL) != 1 ||
	    EVP_DigestUpdate(c, salt, strlen(salt)) != 1 ||
	    EVP_DigestUpdate(c, password, strlen(password)) != 1 ||
	    EVP_DigestFinal_ex(c, md, &mdlen) != 1 || mdlen != 32)
		out[0] = '\0';
	else
		to_hex(md, 32, out);
	EVP_MD_CTX_free(c);
}

int sb_str_eq_ct(const char *a, const char *b)
{
	size_t n = strlen(a);
	if (n != strlen(b))
		return 0;
	return CRYPTO_memcmp(a, b, n) == 0;
}

char *sb_lower(struct arena *a, const char *s)
{
	char *out = arena_strdup(a, s);
	for (char *p = out; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return out;
}

char *sb_url_add(struct arena *a, const char *url, const char *key, const char *value)
{
	const char *sep = strchr(url, '?') != NULL ? "&" : "?";
	return arena_printf(a, "%s%s%s=%s", url, sep, key, url_encode(a, value));
}

const char *sb_json_ids(struct arena *a, const int64_t *ids, int n)
{
	struct buf b;
	buf_init(&b, 0);
	buf_puts(&b, "[");
	for (int i = 0; i < n; i++) {
		char num[24];
		snprintf(num, sizeof(num), "%s%lld", i > 0 ? "," : "", (long long)ids[i]);
		buf_puts(&b, num);
	}
	buf_puts(&b, "]");
	const char *s = arena_strndup(a, b.data, b.len);
	buf_free(&b);
	return s;
}
