/* The browser-binding cookie of an OAuth state: tts_oauth_<nonce>=HMAC(secret, nonce). */
#include "connections/oauth_browser.h"
#include "core/arena.h"
#include "core/config.h"
#include "crypto/hmac.h"
#include "http/request.h"
#include <string.h>
#include <strings.h>

#define COOKIE_PATH "/api/v1/connections/tiktok/callback"

static void mac(struct request *r, const char *nonce, char out[HMAC_HEX_LEN + 1])
{
	const char *msg = arena_printf(r->arena, "tts-oauth-browser|%s", nonce);
	hmac_sha256_hex(r->cfg->jwt_secret, strlen(r->cfg->jwt_secret), msg, strlen(msg), out);
}

static void set_cookie(struct request *r, const char *nonce, const char *value, int max_age)
{
	int https = strncasecmp(r->cfg->public_url, "https:", 6) == 0;
	resp_header(r, "Set-Cookie", arena_printf(r->arena, "tts_oauth_%s=%s; Max-Age=%d; Path=%s; HttpOnly; SameSite=Lax%s",
	                                          nonce, value, max_age, COOKIE_PATH, https ? "; Secure" : ""));
}

void oauth_browser_bind(struct request *r, const char *nonce, int max_age)
{
	char value[HMAC_HEX_LEN + 1];
	mac(r, nonce, value);
	set_cookie(r, nonce, value, max_age);
}

void oauth_browser_clear(struct request *r, const char *nonce)
{
	set_cookie(r, nonce, "", 0);
}

int oauth_browser_matches(struct request *r, const char *nonce)
{
	const char *header = r->getenv != NULL ? r->getenv(r, "HTTP_COOKIE") : NULL;
	if (header == NULL)
		return 0;
	const char *name = arena_printf(r->arena, "tts_oauth_%s=", nonce);
	size_t nlen = strlen(name);
	for (const char *p = header; *p != '\0';) {
		while (*p == ' ' || *p == ';')
			p++;
		size_t len = strcspn(p, ";");
		if (len > nlen && strncmp(p, name, nlen) == 0) {
			char want[HMAC_HEX_LEN + 1];
			mac(r, nonce, want);
			return ct_equal(want, arena_strndup(r->arena, p + nlen, len - nlen));
		}
		p += len;
	}
	return 0;
}
