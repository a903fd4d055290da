/* TikTok's response envelope {code, message, request_id, data}, its errors and the malformed-body fault. */
#include "tt.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int http_status(int code)
{
	switch (code) {
	case TT_OK: return 200;
	case TT_TOKEN_EXPIRED: return 401;
	case TT_INVALID_SIGN: return 401;
	case TT_THROTTLED: return 429;
	case TT_INTERNAL: return 500;
	case TT_INVALID_PATH: return 404;
	default: return 400;
	}
}

/* TikTok's servers date every answer; clients may learn the server clock from it, so the
 * sandbox dates its answers by its own clock (offset included). */
static void date_header(struct request *r)
{
	time_t now = (time_t)sb_now(r->db, r->arena);
	struct tm tm;
	char date[64];
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT", &tm);
	resp_header(r, "Date", date);
}

void tt_open(struct request *r, struct jw *w)
{
	jw_init(w);
	jw_obj_open(w, NULL);
	jw_int(w, "code", 0);
	jw_str(w, "message", "Success");
	jw_str(w, "request_id", r->request_id);
	jw_obj_open(w, "data");
}

void tt_send(struct request *r, const struct tt_call *c, struct jw *w)
{
	jw_obj_close(w);
	jw_obj_close(w);
	size_t len;
	const char *doc = jw_result(w, &len);
	if (doc == NULL) {
		jw_free(w);
		tt_fail(r, TT_INTERNAL, "Internal error: the response could not be written");
		return;
	}
	if (c != NULL && c->malformed && len > 8)
		len = len / 2; /* cut mid-document: not valid JSON */
	date_header(r);
	resp_body(r, 200, "application/json", doc, len);
	jw_free(w);
}

void tt_fail(struct request *r, int code, const char *message)
{
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_int(&w, "code", code);
	jw_str(&w, "message", message);
	jw_str(&w, "request_id", r->request_id);
	jw_null(&w, "data");
	jw_obj_close(&w);
	size_t len;
	const char *doc = jw_result(&w, &len);
	date_header(r);
	if (doc != NULL)
		resp_body(r, http_status(code), "application/json", doc, len);
	else
		resp_body(r, 500, "application/json", "{\"code\":36009003,\"message\":\"Internal error\",\"data\":null}", 56);
	jw_free(&w);
}

void tt_fail_db(struct request *r)
{
	tt_fail(r, TT_INTERNAL, "Internal error: the sandbox database failed");
}

int tt_body(struct request *r, struct jr *j)
{
	static const char empty[] = "{}";
	const char *body = r->body_len > 0 ? r->body : empty;
	size_t len = r->body_len > 0 ? r->body_len : 2;
	char err[300];
	if (jr_parse(j, r->arena, body, len, JR_MAX_DEPTH, err, sizeof(err)) != 0) {
		tt_fail(r, TT_INVALID_REQUEST, arena_printf(r->arena, "Invalid request body: %s", err));
		return -1;
	}
	r->json_root = j->root;
	return 0;
}

int tt_query_int(struct request *r, const char *name, int64_t min, int64_t max, int64_t def, int64_t *out)
{
	const char *s = req_query(r, name);
	if (s == NULL || *s == '\0') {
		*out = def;
		return 0;
	}
	char *end;
	long long v = strtoll(s, &end, 10);
	if (*end != '\0' || v < min || v > max) {
		tt_fail(r, TT_INVALID_REQUEST,
		        arena_printf(r->arena, "Invalid %s: must be a whole number from %lld to %lld",
		                     name, (long long)min, (long long)max));
		return -1;
	}
	*out = v;
	return 0;
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

const char *tt_page_token(struct arena *a, const char *tag, int64_t key, int64_t id, int64_t total)
{
	const char *raw = arena_printf(a, "v1:%s:%lld:%lld:%lld", tag, (long long)key, (long long)id, (long long)total);
	size_t n = strlen(raw);
	char *out = arena_alloc(a, 4 * ((n + 2) / 3) + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned char)raw[i] << 16;
		if (i + 1 < n)
			v |= (unsigned char)raw[i + 1] << 8;
		if (i + 2 < n)
			v |= (unsigned char)raw[i + 2];
		out[o++] = b64[(v >> 18) & 63];
		out[o++] = b64[(v >> 12) & 63];
		out[o++] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
		out[o++] = i + 2 < n ? b64[v & 63] : '=';
	}
	out[o] = '\0';
	return out;
}

int tt_page_token_parse(struct arena *a, const char *tok, const char *tag, int64_t *key, int64_t *id, int64_t *total)
{
	if (tok == NULL || *tok == '\0')
		return 0;
	size_t n = strlen(tok);
	if (n % 4 != 0 || n > 200)
		return -1;
	char *raw = arena_alloc(a, n);
	size_t o = 0;
	for (size_t i = 0; i < n; i += 4) {
		unsigned v = 0;
		int pad = 0;
		for (int k = 0; k < 4; k++) {
			char ch = tok[i + k];
			const char *p = ch != '\0' && ch != '=' ? strchr(b64, ch) : NULL;
			if (ch == '=' && i + 4 == n && k >= 2) {
				pad++;
				v <<= 6;
				continue;
			}
			if (p == NULL || pad > 0)
				return -1;
			v = (v << 6) | (unsigned)(p - b64);
		}
		raw[o++] = (char)((v >> 16) & 255);
		if (pad < 2)
			raw[o++] = (char)((v >> 8) & 255);
		if (pad < 1)
			raw[o++] = (char)(v & 255);
	}
	raw[o] = '\0';
	const char *prefix = arena_printf(a, "v1:%s:", tag);
	size_t plen = strlen(prefix);
	if (o <= plen || strncmp(raw, prefix, plen) != 0)
		return -1;
	long long k1, k2, k3;
	char tail;
	if (sscanf(raw + plen, "%lld:%lld:%lld%c", &k1, &k2, &k3, &tail) != 3 || k2 <= 0 || k3 < 0)
		return -1;
	*key = k1;
	*id = k2;
	*total = k3;
	return 1;
}
