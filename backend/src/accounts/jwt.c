/* JWT issue and verify over libjwt 1.10 (which trusts the token's alg and checks no exp itself). */
#include "accounts/jwt.h"
#include <jwt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int add_id(jwt_t *j, const char *name, int64_t v)
{
	char s[24];
	snprintf(s, sizeof(s), "%lld", (long long)v);
	return jwt_add_grant(j, name, s);
}

char *jwt_issue(const char *secret, const struct token_claims *c)
{
	jwt_t *j = NULL;
	char *out = NULL;
	if (jwt_new(&j) != 0)
		return NULL;
	if (jwt_set_alg(j, JWT_ALG_HS256, (const unsigned char *)secret, (int)strlen(secret)) != 0 ||
	    add_id(j, "sub", c->user_id) != 0 || add_id(j, "mid", c->merchant_id) != 0 ||
	    (c->token_id > 0 && add_id(j, "tid", c->token_id) != 0) ||
	    jwt_add_grant_int(j, "iat", (long)c->issued_at) != 0 || jwt_add_grant_int(j, "exp", (long)c->expires_at) != 0)
		goto out;
	out = jwt_encode_str(j);
out:
	jwt_free(j);
	return out;
}

/* A decimal id grant, or 0 when absent or not a positive number. */
static int64_t get_id(jwt_t *j, const char *name)
{
	const char *s = jwt_get_grant(j, name);
	if (s == NULL || *s == '\0' || strlen(s) > 18)
		return 0;
	for (const char *p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return strtoll(s, NULL, 10);
}

int jwt_verify(const char *secret, const char *token, int64_t now, struct token_claims *out)
{
	jwt_t *j = NULL;
	int rc = -1;
	memset(out, 0, sizeof(*out));
	if (token == NULL || *token == '\0' || strlen(secret) == 0)
		return -1;
	/* libjwt accepts alg "none" when it sees it: check the header's alg before trusting anything. */
	if (jwt_decode(&j, token, (const unsigned char *)secret, (int)strlen(secret)) != 0 || j == NULL)
		goto out;
	if (jwt_get_alg(j) != JWT_ALG_HS256)
		goto out;
	long exp = jwt_get_grant_int(j, "exp");
	if (exp <= 0 || (int64_t)exp <= now)
		goto out;
	out->user_id = get_id(j, "sub");
	out->merchant_id = get_id(j, "mid");
	out->token_id = get_id(j, "tid");
	out->expires_at = exp;
	long iat = jwt_get_grant_int(j, "iat");
	out->issued_at = iat > 0 ? iat : 0;
	if (out->user_id > 0 && out->merchant_id > 0)
		rc = 0;
out:
	if (j != NULL)
		jwt_free(j);
	if (rc != 0)
		memset(out, 0, sizeof(*out));
	return rc;
}
