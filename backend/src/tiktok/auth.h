/* TikTok authorization resources: token answers and the authorized shops. */
#ifndef TIKTOK_AUTH_H
#define TIKTOK_AUTH_H
#include <stdint.h>
#include "tiktok/client.h"

struct arena;

struct tt_tokens {
	const char *access_token;
	const char *refresh_token;
	int64_t access_expires_at;   /* absolute Unix seconds, TikTok's clock */
	int64_t refresh_expires_at;
	const char *open_id;
	const char *seller_name;
	const char *seller_region;
};

struct tt_shop {
	const char *id;
	const char *name;
	const char *region;
	const char *cipher;
	const char *code;
};

/* Reads a token answer's data; strings are copied into the arena. 0, or -1 when incomplete. */
int tt_tokens_read(yajl_val data, struct arena *a, struct tt_tokens *t);
/* GET /authorization/202309/shops; *shops is an arena array. Returns the status; on TT_OK
 * a shop without id, cipher or name makes it TT_ERR_MALFORMED. */
enum tt_status tt_shops_get(struct tt_client *c, const char *access_token, struct arena *a,
                            struct tt_shop **shops, int *nshops, struct tt_result *res);

#endif
