/* Loading and storing a connection's tokens, sealed at rest. */
#include "connections/connection_tokens.h"
#include "core/arena.h"
#include "core/config.h"
#include "crypto/aead.h"
#include "db/db.h"
#include "statements.h"
#include "tiktok/auth.h"
#include <string.h>

char *token_seal(struct arena *a, const struct config *cfg, const char *plaintext)
{
	unsigned char key[32];
	if (aead_key_from_hex(cfg->token_key, key) != 0)
		return NULL;
	char *sealed = aead_seal(a, key, plaintext);
	memset(key, 0, sizeof(key));
	return sealed;
}

static const char *unseal(struct arena *a, const struct config *cfg, const char *sealed)
{
	unsigned char key[32];
	if (sealed == NULL || *sealed == '\0' || aead_key_from_hex(cfg->token_key, key) != 0)
		return NULL;
	const char *plain = aead_open(a, key, sealed);
	memset(key, 0, sizeof(key));
	return plain;
}

int conn_load(struct db *db, struct arena *a, const struct config *cfg, int64_t id, struct conn *c)
{
	memset(c, 0, sizeof(*c));
	struct db_param p[] = { P_I64(id) };
	struct db_rows rows;
	int n = db_query(db, a, STMT_CONN_GET, p, 1, &rows);
	if (n <= 0)
		return n;
	c->id = db_cell_i64(&rows, 0, CONN_ID);
	c->merchant_id = db_cell_i64(&rows, 0, CONN_MERCHANT_ID);
	c->shop_id = db_cell(&rows, 0, CONN_SHOP_ID_TT);
	c->shop_cipher = db_cell(&rows, 0, CONN_SHOP_CIPHER);
	c->access_token = unseal(a, cfg, db_cell(&rows, 0, CONN_ACCESS_TOKEN_ENC));
	c->refresh_token = unseal(a, cfg, db_cell(&rows, 0, CONN_REFRESH_TOKEN_ENC));
	c->status = db_cell(&rows, 0, CONN_STATUS);
	c->access_expires_at = db_cell_i64(&rows, 0, CONN_ACCESS_EXPIRES_AT);
	c->sync_enabled = db_cell_i64(&rows, 0, CONN_SYNC_ENABLED) != 0;
	c->window_start = db_cell_i64(&rows, 0, CONN_WINDOW_START);
	c->poll_cursor = db_cell_i64(&rows, 0, CONN_POLL_CURSOR);
	return 1;
}

int conn_save_tokens(struct db *db, struct arena *a, const struct config *cfg, int64_t id, const struct tt_tokens *t)
{
	char *access = token_seal(a, cfg, t->access_token);
	char *refresh = token_seal(a, cfg, t->refresh_token);
	if (access == NULL || refresh == NULL)
		return -1;
	struct db_param p[] = { P_STR(access), P_STR(refresh), P_I64(t->access_expires_at), P_I64(t->refresh_expires_at),
	                        P_I64(id) };
	int64_t n = db_exec(db, STMT_CONN_TOKENS_SET, p, 5, NULL);
	return n < 0 ? -1 : n > 0;
}

void conn_set_error(struct db *db, int64_t id, const char *code, const char *sentence)
{
	struct db_param e[] = { P_STR(code), P_STR(sentence), P_I64(id) };
	db_exec(db, STMT_CONN_ERROR, e, 3, NULL);
}
