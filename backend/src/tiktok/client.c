/* TikTok Shop client over libcurl: one keep-alive handle, retries, per-shop pacing, envelope parsing. */
#include "tiktok/client.h"
#include "tiktok/answer.h"
#include "tiktok/policy.h"
#include "core/alloc.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/log.h"
#include "http/urlcode.h"
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>

#define SHOP_SLOTS 64
#define MIN_INTERVAL_MS 25.0 /* 40 calls a second per shop, under TikTok's 50 */

struct pace {
	char shop[96];
	double last_ms;
};

struct tt_client {
	CURL *curl;
	char *app_key, *app_secret, *api_url, *auth_url;
	struct pace pace[SHOP_SLOTS];
	tt_pacer pacer;      /* shop-wide pacing, when the caller has it */
	void *pacer_ctx;
	int64_t skew;        /* TikTok's clock minus ours, from the Date header */
	char curl_err[CURL_ERROR_SIZE];
};

struct tt_client *tt_client_new(const struct config *cfg)
{
	struct tt_client *c = xcalloc(1, sizeof(*c));
	c->curl = curl_easy_init();
	if (c->curl == NULL)
		abort();
	c->app_key = xstrdup(cfg->tiktok_app_key);
	c->app_secret = xstrdup(cfg->tiktok_app_secret);
	c->api_url = xstrdup(cfg->tiktok_api_url);
	c->auth_url = xstrdup(cfg->tiktok_auth_url);
	return c;
}

void tt_client_set_pacer(struct tt_client *c, tt_pacer reserve, void *ctx)
{
	c->pacer = reserve;
	c->pacer_ctx = ctx;
}

void tt_client_free(struct tt_client *c)
{
	if (c == NULL)
		return;
	curl_easy_cleanup(c->curl);
	free(c->app_key);
	free(c->app_secret);
	free(c->api_url);
	free(c->auth_url);
	free(c);
}

static size_t on_data(char *p, size_t size, size_t n, void *userdata)
{
	struct buf *b = userdata;
	return buf_append(b, p, size * n) == 0 ? size * n : 0; /* 0 aborts the transfer past the cap */
}

/* Learns TikTok's clock from the Date header of every answer. */
static size_t on_header(char *p, size_t size, size_t n, void *userdata)
{
	struct tt_client *c = userdata;
	size_t len = size * n;
	if (len > 5 && len < 128 && strncasecmp(p, "Date:", 5) == 0) {
		char line[128];
		memcpy(line, p + 5, len - 5);
		line[len - 5] = '\0';
		time_t t = curl_getdate(line, NULL);
		if (t > 0) {
			int64_t skew = (int64_t)t - clock_now();
			c->skew = skew > 2 || skew < -2 ? skew : 0;
		}
	}
	return len;
}

int64_t tt_client_now(const struct tt_client *c)
{
	return clock_now() + c->skew;
}

static void sleep_ms(double ms)
{
	if (ms <= 0)
		return;
	struct timespec ts = { (time_t)(ms / 1000), (long)((ms - (double)(time_t)(ms / 1000) * 1000) * 1e6) };
	nanosleep(&ts, NULL);   /* a stop signal ends it early */
}

/* Waits so that calls to one shop are at least MIN_INTERVAL_MS apart: across every process through the pacer,
 * else within this one. */
static void pace_shop(struct tt_client *c, const char *shop)
{
	if (shop == NULL)
		return;
	if (c->pacer != NULL) {
		double wait = c->pacer(c->pacer_ctx, shop, MIN_INTERVAL_MS);
		if (wait >= 0) {
			sleep_ms(wait);
			return;
		}
	}
	struct pace *slot = &c->pace[0];
	for (int i = 0; i < SHOP_SLOTS; i++) {
		if (strcmp(c->pace[i].shop, shop) == 0) {
			slot = &c->pace[i];
			break;
		}
		if (c->pace[i].last_ms < slot->last_ms)
			slot = &c->pace[i];
	}
	if (strcmp(slot->shop, shop) != 0) {
		snprintf(slot->shop, sizeof(slot->shop), "%s", shop);
		slot->last_ms = 0;
	}
	sleep_ms(slot->last_ms + MIN_INTERVAL_MS - clock_ms());
	slot->last_ms = clock_ms();
}

static void backoff(int attempt)
{
	unsigned r = 0;
	if (getrandom(&r, sizeof(r), 0) != (ssize_t)sizeof(r))
		r = 0;
	double ms = tt_backoff_ms(attempt, r);
	struct timespec ts = { (time_t)(ms / 1000), (long)((ms - (double)(long)(ms / 1000) * 1000) * 1e6) };
	nanosleep(&ts, NULL);
}

/* One HTTP exchange and its envelope; no retries. */
static enum tt_status exchange(struct tt_client *c, const char *method, const char *url, const char *token,
                               const char *body, const struct tt_form *form, struct tt_result *out)
{
	struct buf resp;
	buf_init(&resp, TT_ANSWER_MAX);
	struct curl_slist *h = NULL;
	if (form == NULL)
		h = curl_slist_append(h, "Content-Type: application/json");
	h = curl_slist_append(h, "Expect:");
	char tokh[2048];
	if (token != NULL) {
		snprintf(tokh, sizeof(tokh), "x-tts-access-token: %s", token);
		h = curl_slist_append(h, tokh);
	}
	CURL *e = c->curl;
	curl_easy_reset(e);
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, 30000L);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, &resp);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, c);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, c->curl_err);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_mime *mime = NULL;
	if (form != NULL) {
		/* multipart/form-data: curl writes the boundary and the Content-Type */
		mime = curl_mime_init(e);
		curl_mimepart *part = curl_mime_addpart(mime);
		curl_mime_name(part, form->file_field);
		curl_mime_data(part, form->data, form->len);
		curl_mime_filename(part, form->filename);
		curl_mime_type(part, form->content_type);
		for (int i = 0; i < form->nfields; i++) {
			part = curl_mime_addpart(mime);
			curl_mime_name(part, form->fields[i].key);
			curl_mime_data(part, form->fields[i].value, CURL_ZERO_TERMINATED);
		}
		curl_easy_setopt(e, CURLOPT_MIMEPOST, mime);
	} else if (strcmp(method, "POST") == 0) {
		curl_easy_setopt(e, CURLOPT_POST, 1L);
		curl_easy_setopt(e, CURLOPT_POSTFIELDS, body != NULL ? body : "");
	}
	c->curl_err[0] = '\0';
	CURLcode rc = curl_easy_perform(e);
	curl_slist_free_all(h);
	curl_mime_free(mime);
	enum tt_status st;
	if (rc != CURLE_OK) {
		snprintf(out->message, sizeof(out->message), "network: %.200s", c->curl_err[0] ? c->curl_err : curl_easy_strerror(rc));
		st = TT_ERR_NETWORK;
		goto out;
	}
	curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &out->http_status);
	st = tt_answer_read(resp.data, resp.len, out);
out:
	buf_free(&resp);
	out->status = st;
	return st;
}

/* Runs an exchange up to TT_CALL_ATTEMPTS times while the failure is transient. */
static enum tt_status with_retries(struct tt_client *c, const char *method, const char *url, const char *token,
                                   const char *body, const struct tt_form *form, const char *shop, const char *path,
                                   struct tt_result *out)
{
	enum tt_status st = TT_ERR_NETWORK;
	for (int attempt = 0; attempt < TT_CALL_ATTEMPTS; attempt++) {
		if (attempt > 0)
			backoff(attempt - 1);
		tt_result_free(out);
		memset(out, 0, sizeof(*out));
		pace_shop(c, shop);
		double t0 = clock_ms();
		st = exchange(c, method, url, token, body, form, out);
		log_debug("tiktok_call", "method=%s path=%s http=%ld code=%ld ms=%.1f attempt=%d", method, path,
		          out->http_status, out->code, clock_ms() - t0, attempt + 1);
		if (!tt_transient(st))
			break;
		log_warn("tiktok_retry", "path=%s status=%d http=%ld code=%ld attempt=%d", path, (int)st,
		         out->http_status, out->code, attempt + 1);
	}
	return st;
}

/* The signed URL of one attempt: the timestamp is TikTok's now as last seen. */
static char *signed_url(struct tt_client *c, struct arena *a, const char *path, const char *shop_cipher,
                        const struct tt_kv *query, int nquery, const char *body)
{
	struct tt_kv *kv = arena_alloc(a, sizeof(*kv) * (size_t)(nquery + 3));
	int k = 0;
	for (int i = 0; i < nquery; i++)
		kv[k++] = query[i];
	kv[k++] = (struct tt_kv){ "app_key", c->app_key };
	kv[k++] = (struct tt_kv){ "timestamp", arena_printf(a, "%lld", (long long)tt_client_now(c)) };
	if (shop_cipher != NULL)
		kv[k++] = (struct tt_kv){ "shop_cipher", shop_cipher };
	/* The official SDKs leave an empty {} body out of the signature. */
	const char *signed_body = body != NULL && strcmp(body, "{}") != 0 && *body ? body : NULL;
	char sign[65];
	tt_sign(c->app_secret, path, kv, k, signed_body, sign);
	struct buf url;
	buf_init(&url, 0);
	buf_puts(&url, c->api_url);
	buf_puts(&url, path);
	for (int i = 0; i < k; i++) {
		buf_puts(&url, i == 0 ? "?" : "&");
		buf_puts(&url, kv[i].key);
		buf_puts(&url, "=");
		buf_puts(&url, url_encode(a, kv[i].value));
	}
	buf_puts(&url, "&sign=");
	buf_puts(&url, sign);
	char *out = arena_strdup(a, url.data);
	buf_free(&url);
	return out;
}

/* A call with a JSON body, or with a multipart form (never signed: TikTok leaves form bodies out of the sign). */
static enum tt_status call(struct tt_client *c, const char *method, const char *path, const char *shop_cipher,
                           const char *access_token, const struct tt_kv *query, int nquery, const char *body,
                           const struct tt_form *form, struct tt_result *out)
{
	struct arena a;
	arena_init(&a);
	memset(out, 0, sizeof(*out));
	enum tt_status st = TT_ERR_NETWORK;
	for (int round = 0; round < 2; round++) {
		int64_t skew = c->skew;
		const char *url = signed_url(c, &a, path, shop_cipher, query, nquery, body);
		st = with_retries(c, method, url, access_token, body, form, shop_cipher, path, out);
		/* Refused for its timestamp while TikTok's clock moved: sign again with the clock just learned. */
		if (!(st == TT_ERR_REJECTED && out->code == 36009004 && c->skew != skew))
			break;
		log_info("tiktok_clock", "skew=%lld; signing again", (long long)c->skew);
	}
	arena_free(&a);
	return st;
}

enum tt_status tt_call(struct tt_client *c, const char *method, const char *path, const char *shop_cipher,
                       const char *access_token, const struct tt_kv *query, int nquery, const char *body,
                       struct tt_result *out)
{
	return call(c, method, path, shop_cipher, access_token, query, nquery, body, NULL, out);
}

enum tt_status tt_call_form(struct tt_client *c, const char *path, const char *shop_cipher, const char *access_token,
                            const struct tt_form *form, struct tt_result *out)
{
	return call(c, "POST", path, shop_cipher, access_token, NULL, 0, NULL, form, out);
}

static enum tt_status token_call(struct tt_client *c, const char *path, const char *param, const char *value,
                                 const char *grant, struct tt_result *out)
{
	struct arena a;
	arena_init(&a);
	char *url = arena_printf(&a, "%s%s?app_key=%s&app_secret=%s&%s=%s&grant_type=%s", c->auth_url, path,
	                         url_encode(&a, c->app_key), url_encode(&a, c->app_secret), param,
	                         url_encode(&a, value), grant);
	memset(out, 0, sizeof(*out));
	enum tt_status st = with_retries(c, "GET", url, NULL, NULL, NULL, NULL, path, out);
	arena_free(&a);
	return st;
}

enum tt_status tt_token_get(struct tt_client *c, const char *auth_code, struct tt_result *out)
{
	return token_call(c, "/api/v2/token/get", "auth_code", auth_code, "authorized_code", out);
}

enum tt_status tt_token_refresh(struct tt_client *c, const char *refresh_token, struct tt_result *out)
{
	return token_call(c, "/api/v2/token/refresh", "refresh_token", refresh_token, "refresh_token", out);
}
