/* TikTok Fulfillment API (202309): a package's handover time slots, shipping packages in a batch with per-package
 * errors, a package's shipping document, and the download of the document TikTok links to. */
#ifndef TIKTOK_FULFILLMENT_H
#define TIKTOK_FULFILLMENT_H
#include <stddef.h>
#include <stdint.h>
#include "tiktok/client.h"

struct arena;

struct tt_slot {
	int64_t start_time, end_time;
};

struct tt_handover {
	int can_pickup, can_drop_off;
	struct tt_slot *slots;   /* the pickup slots TikTok marks available */
	int nslots;
};

/* GET /fulfillment/202309/packages/{package_id}/handover_time_slots */
enum tt_status tt_handover_slots(struct tt_client *c, const char *shop_cipher, const char *access_token,
                                 const char *package_id, struct arena *a, struct tt_handover *out, struct tt_result *res);

/* One package of a batch ship: PICKUP with its slot, or DROP_OFF (slot 0). */
struct tt_ship {
	const char *package_id;
	const char *handover_method;
	struct tt_slot slot;
	const char *error;       /* out: TikTok's words when it refused this package, else NULL */
	long code;               /* out: TikTok's code of that refusal */
};

#define TT_SHIP_BATCH_MAX 50 /* packages per batch ship call */

/* POST /fulfillment/202309/packages/ship for n (<= TT_SHIP_BATCH_MAX) packages; a successful answer's data.errors[]
 * are set on their packages. */
enum tt_status tt_ship_packages(struct tt_client *c, const char *shop_cipher, const char *access_token,
                                struct tt_ship *pkgs, int n, struct arena *a, struct tt_result *res);

/* GET /fulfillment/202309/packages/{package_id}/shipping_documents?document_type=SHIPPING_LABEL&document_size=A6:
 * the document's URL and the tracking number in *url and *tracking. */
enum tt_status tt_shipping_label(struct tt_client *c, const char *shop_cipher, const char *access_token,
                                 const char *package_id, struct arena *a, const char **url, const char **tracking,
                                 struct tt_result *res);

#define TT_DOCUMENT_MAX (10u * 1024 * 1024) /* bytes of one shipping document */

/* Downloads the document at url (a plain GET: TikTok's document links are signed URLs that expire) into the arena;
 * TT_ERR_NETWORK when it cannot be read, TT_ERR_MALFORMED when it is not a PDF or is larger than TT_DOCUMENT_MAX. */
enum tt_status tt_document_get(const char *url, long timeout_seconds, struct arena *a, const void **data, size_t *len,
                               struct tt_result *res);

#endif
