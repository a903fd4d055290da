/* A TikTok connection as the sync side uses it: load with tokens unsealed, store refreshed tokens. */
#ifndef CONNECTIONS_CONNECTION_TOKENS_H
#define CONNECTIONS_CONNECTION_TOKENS_H
#include <stdint.h>

struct arena;
struct config;
struct db;
struct tt_tokens;

struct conn {
	int64_t id;
	int64_t merchant_id;
	const char *shop_id;
	const char *shop_cipher;
	const char *status;          /* active, reauth_required, disconnected */
	const char *access_token;    /* unsealed; NULL when missing or unreadable */
	const char *refresh_token;
	int64_t access_expires_at;
	int sync_enabled;            /* Sync all has run: poll for changes */
	int64_t window_start;        /* orders created before this are not synced */
	int64_t poll_cursor;         /* update_time polled up to (TikTok's clock) */
};

/* Seals a token with the configured key (AES-256-GCM); NULL on failure. */
char *token_seal(struct arena *a, const struct config *cfg, const char *plaintext);
/* 1 loaded, 0 no such connection, -1 error. */
int conn_load(struct db *db, struct arena *a, const struct config *cfg, int64_t id, struct conn *c);
/* Records a sync failure on the connection: its stable code and the sentence that says it. */
void conn_set_error(struct db *db, int64_t id, const char *code, const char *sentence);
/* Stores new tokens of an active connection; 1 stored, 0 not active any more, -1 error. */
int conn_save_tokens(struct db *db, struct arena *a, const struct config *cfg, int64_t id, const struct tt_tokens *t);

#endif
