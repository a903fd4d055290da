/* TikTok's Fulfillment rules in the sandbox: package statuses, pickup slots, carriers, arranging and collecting. */
#ifndef SANDBOX_FF_H
#define SANDBOX_FF_H
#include <stdint.h>

struct arena;
struct db;

/* TikTok's Fulfillment error codes as the sandbox answers them (README: which are confirmed). */
enum ff_code {
	FF_PACKAGE_NOT_FOUND = 21011001,     /* no such package in this shop (or the order has none yet) */
	FF_ORDER_CANCELLED = 21011004,       /* the order was cancelled: the package cannot ship */
	FF_ALREADY_SHIPPED = 21011006,       /* shipment was already arranged for the package */
	FF_SLOT_NOT_OFFERED = 21011013,      /* the pickup slot is not one handover_time_slots offers */
	FF_NOT_SHIPPED = 21011019,           /* shipping documents exist once shipment is arranged */
	FF_SHIPPING_TYPE = 21011020,         /* seller shipping needs self_shipment; labels are for TikTok shipping */
};

/* How long the carrier takes to collect in the live demo (sandbox seconds after arranging). */
#define FF_COLLECT_AFTER 600
/* Pickup slots offered: the next days' windows, local time of the shop's region. */
#define FF_SLOT_DAYS 3
#define FF_MAX_SLOTS (FF_SLOT_DAYS * 2 + 2)

/* The package status of an order in `status`: TO_FULFILL, PROCESSING, FULFILLING, COMPLETED, CANCELLED; NULL when
 * the order has no package (unpaid, on hold). */
const char *ff_package_status(const char *order_status, int paid);
/* The order statuses behind a package status as a JSON array ("[\"IN_TRANSIT\"]"), NULL for an unknown one. */
const char *ff_package_order_statuses(const char *package_status);

/* Seconds east of UTC of the region's time zone (0 for a region the sandbox does not know). */
int64_t ff_utc_offset(const char *region);

struct ff_slot {
	int64_t start, end;
};
/* The pickup slots offered at `now` for a shop in `region`, soonest first; returns how many (<= FF_MAX_SLOTS). */
int ff_slots(int64_t now, const char *region, struct ff_slot *out);
/* 1 when [start, end] is one of the slots offered at `now`. */
int ff_slot_offered(int64_t now, const char *region, int64_t start, int64_t end);

/* TikTok's id of a carrier, stable for its name. */
const char *ff_provider_id(struct arena *a, const char *name);

/* Arranges shipment of order `order_id` (AWAITING_SHIPMENT, locked by the caller when it checked that): records the
 * handover (slot 0, 0 for a drop-off) and the tracking number (`tracking`, the seller's own for seller shipping; NULL:
 * the one it has, or a new one in its carrier's format) and moves the order to AWAITING_COLLECTION (tracking event,
 * webhook type 1). 0 or -1. */
int ff_arrange(struct db *db, struct arena *a, int64_t order_id, const char *method, int64_t slot_start,
               int64_t slot_end, const char *tracking, int64_t now);
/* The carrier collects the package of an AWAITING_COLLECTION order: IN_TRANSIT (webhook type 1); the buyer's pending
 * cancellation closes (webhook 11). 0 or -1. */
int ff_collect(struct db *db, struct arena *a, int64_t order_id, int64_t now);
/* The carrier's words for a shipped order status, NULL for a status that adds no tracking event. */
const char *ff_tracking_text(const char *order_status);

#endif
