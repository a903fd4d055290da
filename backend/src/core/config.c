/* Configuration table: name, type, target, default, validator; file first, then TTS_* environment. */
#include "core/config.h"
#include "core/alloc.h"
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum ctype { C_STR, C_INT };

struct setting {
	const char *name;
	enum ctype type;
	size_t offset;
	const char *def;
	long min, max;        /* C_INT range */
	int secret;           /* never printed */
};

#define S(n, d) { #n, C_STR, offsetof(struct config, n), d, 0, 0, 0 }
#define SECRET(n, d) { #n, C_STR, offsetof(struct config, n), d, 0, 0, 1 }
#define I(n, d, lo, hi) { #n, C_INT, offsetof(struct config, n), #d, lo, hi, 0 }

static const struct setting settings[] = {
	S(db_host, "127.0.0.1"),
	I(db_port, 3306, 1, 65535),
	S(db_socket, ""),
	S(db_user, "root"),
	SECRET(db_password, ""),
	S(db_name, "tts"),
	S(db_replica_host, ""),
	I(db_replica_port, 3306, 1, 65535),
	S(db_replica_socket, ""),
	S(sandbox_db_name, "tts_sandbox"),
	S(api_socket, "var/run/api.sock"),
	S(sandbox_socket, "var/run/sandbox.sock"),
	I(api_workers, 4, 1, 256),
	I(api_statement_ms, 2000, 0, 600000),
	I(export_batch_rows, 5000, 1, 100000),
	I(read_cache_entries, 1024, 0, 65536),
	I(read_cache_kib, 4096, 0, 262144),
	I(sandbox_workers, 2, 1, 64),
	S(public_url, "http://127.0.0.1:8080"),
	S(sandbox_url, "http://127.0.0.1:8090"),
	SECRET(jwt_secret, ""),
	SECRET(token_key, ""),
	I(jwt_ttl_seconds, 86400, 60, 31536000),
	I(body_max, 1048576, 1024, 67108864),
	I(login_max_failures, 5, 1, 1000),
	I(login_window_seconds, 900, 1, 86400),
	I(login_client_max_failures, 50, 1, 100000),
	S(tiktok_app_key, "sandbox_app_key"),
	SECRET(tiktok_app_secret, "sandbox_app_secret"),
	S(tiktok_service_id, "sandbox_service"),
	S(tiktok_api_url, "http://127.0.0.1:8090"),
	S(tiktok_auth_url, "http://127.0.0.1:8090"),
	S(tiktok_authorize_url, "http://127.0.0.1:8090"),
	I(poll_interval_seconds, 60, 1, 86400),
	I(after_sales_poll_seconds, 600, 1, 86400),
	S(log_level, "info"),
	S(media_dir, "var/media"),
	S(smtp_host, ""),
	I(smtp_port, 587, 1, 65535),
	S(smtp_user, ""),
	SECRET(smtp_password, ""),
	S(smtp_from, "no-reply@localhost"),
	I(smtp_starttls, 1, 0, 1),
	S(smtp_ca_file, ""),
	I(smtp_retry_seconds, 30, 1, 3600),
};
#define NSETTINGS (sizeof(settings) / sizeof(settings[0]))

static const struct setting *find(const char *name)
{
	for (size_t i = 0; i < NSETTINGS; i++)
		if (strcmp(settings[i].name, name) == 0)
			return &settings[i];
	return NULL;
}

static int apply(struct config *c, const struct setting *s, const char *value, char *err, int errlen)
{
	void *target = (char *)c + s->offset;
	if (s->type == C_STR) {
		char **p = target;
		free(*p);
		*p = xstrdup(value);
		return 0;
	}
	char *end;
	errno = 0;
	long v = strtol(value, &end, 10);
	if (errno != 0 || end == value || *end != '\0' || v < s->min || v > s->max) {
		snprintf(err, (size_t)errlen, "%s must be a whole number from %ld to %ld", s->name, s->min, s->max);
		return -1;
	}
	*(int *)target = (int)v;
	return 0;
}

int config_set(struct config *c, const char *name, const char *value, char *err, int errlen)
{
	const struct setting *s = find(name);
	if (s == NULL) {
		snprintf(err, (size_t)errlen, "unknown setting '%s'", name);
		return -1;
	}
	return apply(c, s, value, err, errlen);
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

static int load_file(struct config *c, const char *path, char *err, int errlen)
{
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		snprintf(err, (size_t)errlen, "cannot open config file %s", path);
		return -1;
	}
	char line[4096];
	int lineno = 0, rc = 0;
	while (rc == 0 && fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		char *s = trim(line);
		if (*s == '\0' || *s == '#')
			continue;
		char *eq = strchr(s, '=');
		if (eq == NULL) {
			snprintf(err, (size_t)errlen, "%s:%d: expected name = value", path, lineno);
			rc = -1;
			break;
		}
		*eq = '\0';
		char msg[256];
		if (config_set(c, trim(s), trim(eq + 1), msg, sizeof(msg)) != 0) {
			snprintf(err, (size_t)errlen, "%s:%d: %s", path, lineno, msg);
			rc = -1;
		}
	}
	fclose(f);
	return rc;
}

static int load_env(struct config *c, char *err, int errlen)
{
	for (size_t i = 0; i < NSETTINGS; i++) {
		char env[96] = "TTS_";
		size_t n = 4;
		for (const char *p = settings[i].name; *p != '\0' && n < sizeof(env) - 1; p++)
			env[n++] = (char)toupper((unsigned char)*p);
		env[n] = '\0';
		const char *v = getenv(env);
		if (v != NULL && apply(c, &settings[i], v, err, errlen) != 0)
			return -1;
	}
	return 0;
}

static int validate(const struct config *c, char *err, int errlen)
{
	if (strlen(c->jwt_secret) < 32) {
		snprintf(err, (size_t)errlen, "jwt_secret must be at least 32 characters (set TTS_JWT_SECRET)");
		return -1;
	}
	size_t n = strlen(c->token_key);
	int hex = n == 64;
	for (size_t i = 0; hex && i < n; i++)
		hex = isxdigit((unsigned char)c->token_key[i]) != 0;
	if (!hex) {
		snprintf(err, (size_t)errlen, "token_key must be 64 hex characters (set TTS_TOKEN_KEY)");
		return -1;
	}
	return 0;
}

/* The defaults, then the file's settings, then the environment's, checked. */
static int load(struct config *c, const char *path, char *err, int errlen)
{
	for (size_t i = 0; i < NSETTINGS; i++)
		if (apply(c, &settings[i], settings[i].def, err, errlen) != 0)
			return -1;
	if (path != NULL && *path != '\0' && load_file(c, path, err, errlen) != 0)
		return -1;
	if (load_env(c, err, errlen) != 0)
		return -1;
	return validate(c, err, errlen);
}

int config_load(struct config *c, const char *path, char *err, int errlen)
{
	memset(c, 0, sizeof(*c));
	if (load(c, path, err, errlen) == 0)
		return 0;
	config_free(c); /* a process that stops on a bad setting leaves nothing allocated behind */
	return -1;
}

void config_print(const struct config *c, FILE *f)
{
	for (size_t i = 0; i < NSETTINGS; i++) {
		const struct setting *s = &settings[i];
		const void *target = (const char *)c + s->offset;
		if (s->type == C_INT)
			fprintf(f, "config %s = %d\n", s->name, *(const int *)target);
		else if (s->secret)
			fprintf(f, "config %s = %s\n", s->name, **(char *const *)target ? "(set)" : "(empty)");
		else
			fprintf(f, "config %s = %s\n", s->name, *(char *const *)target);
	}
}

void config_free(struct config *c)
{
	for (size_t i = 0; i < NSETTINGS; i++)
		if (settings[i].type == C_STR) {
			char **p = (char **)((char *)c + settings[i].offset);
			free(*p);
			*p = NULL;
		}
}
