/* Configuration: one table of settings, read from a file and then from TTS_* environment variables. */
#ifndef CORE_CONFIG_H
#define CORE_CONFIG_H
#include <stdio.h>

struct config {
	char *db_host;
	int db_port;
	char *db_socket;
	char *db_user;
	char *db_password;
	char *db_name;
	char *db_replica_host;    /* a read replica: lists, search, overview and exports may read it (none when both empty) */
	int db_replica_port;
	char *db_replica_socket;
	char *sandbox_db_name;
	char *api_socket;
	char *sandbox_socket;
	int api_workers;
	int api_statement_ms;
	int sandbox_workers;
	char *public_url;
	char *sandbox_url;
	char *jwt_secret;
	char *token_key;          /* 64 hex chars: AES-256 key for TikTok tokens at rest */
	int jwt_ttl_seconds;
	int body_max;             /* request body cap in bytes */
	int login_max_failures;   /* failed logins per email before 429 */
	int login_window_seconds;
	int login_client_max_failures; /* failed logins per client address (any e-mail) before 429 */
	char *tiktok_app_key;
	char *tiktok_app_secret;
	char *tiktok_service_id;
	char *tiktok_api_url;
	char *tiktok_auth_url;
	char *tiktok_authorize_url;
	int poll_interval_seconds;
	int after_sales_poll_seconds; /* the after-sales poll, a safety net behind TikTok's webhooks */
	char *log_level;
	char *media_dir;          /* uploaded files (product images), served by nginx under /media/ */
	int read_cache_entries;   /* repeated reads the api workers answer from their shared memory (api/read_cache.c) */
	int read_cache_kib;       /* the memory of their texts, shared by the workers; either 0: no read cache */
	int export_batch_rows;    /* rows per statement of an Excel export (tests make it small to cross batches) */
	char *smtp_host;          /* where the sync worker sends the outbox's mail; empty: the mail stays queued */
	int smtp_port;
	char *smtp_user;          /* SMTP AUTH when set */
	char *smtp_password;
	char *smtp_from;          /* "Name <addr>" or "addr" */
	int smtp_starttls;        /* 1: STARTTLS required before anything is sent; 0: plain SMTP (a local relay only) */
	char *smtp_ca_file;       /* CA bundle that checks the server's certificate (empty: the system's) */
	int smtp_retry_seconds;   /* wait before the first retry of a failed send, doubled each time up to an hour */
};

/* Fills defaults, then the file at `path` (may be NULL), then the environment.
 * On error writes a message into err, frees what it had filled and returns -1. */
int config_load(struct config *c, const char *path, char *err, int errlen);
/* Applies `name = value` (name as in the file). Returns -1 with err set on a bad name or value. */
int config_set(struct config *c, const char *name, const char *value, char *err, int errlen);
/* Writes every setting as `name = value`, secrets masked, for the start-up log. */
void config_print(const struct config *c, FILE *f);
void config_free(struct config *c);

#endif
