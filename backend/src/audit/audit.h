/* The audit log: one row per change of a merchant's data (who, when, what, the fields before and after), written
 * inside the transaction of the change, so a change that rolls back leaves no row and a row that cannot be
 * written rolls the change back. A call site is one line: snap the row before, change it, record. */
#ifndef AUDIT_AUDIT_H
#define AUDIT_AUDIT_H
#include <stdint.h>
#include <yajl/yajl_tree.h>

struct request;
struct db;
struct arena;
struct jw;
struct db_param;

/* What a row is about: its name in the log and how its fields are read (audit_snap). */
enum audit_entity {
	AUDIT_PRODUCT, AUDIT_CHANNEL_SKU, AUDIT_ORDER, AUDIT_WAREHOUSE, AUDIT_SUPPLIER, AUDIT_STOCK_RECEIPT,
	AUDIT_EXPORT_SLIP, AUDIT_CONNECTION, AUDIT_API_TOKEN, AUDIT_USER, AUDIT_MERCHANT_SETTINGS,
	AUDIT_STOCK_SETTINGS, AUDIT_FULFILLMENT_SETTINGS, AUDIT_DOC_NUMBERING, AUDIT_FULFILLMENT_BATCH, AUDIT_INVITATION,
	AUDIT_AFTER_SALES, AUDIT__NENTITIES
};

/* The entity's name as stored and filtered on ("export_slip"); NULL for an unknown one. */
const char *audit_entity_name(enum audit_entity e);
/* 1 when `name` is an entity's name. */
int audit_entity_known(const char *name);

/* The entity's fields now, as a JSON object in the request's arena (no secrets); NULL when the row does not exist
 * or the entity has no snapshot. Call it inside the transaction, before the change, for `before`. */
const char *audit_snap(struct request *r, enum audit_entity e, int64_t id);

/* Records a change made by the request's caller (a person signed in, or one of their API tokens; a request the
 * sync worker builds names its actor in r->auth.actor). before/after are JSON objects or NULL; secret fields in them
 * are dropped. 1, or <0 on failure: the caller rolls its transaction back. */
int audit_record(struct request *r, enum audit_entity e, int64_t id, const char *action, const char *before,
                 const char *after);
/* audit_record with `after` read by audit_snap: the usual line after a create or an update. */
int audit_change(struct request *r, enum audit_entity e, int64_t id, const char *action, const char *before);
/* A change that is one statement, with its row, in one transaction: snaps entity `id` (0: the row the statement
 * inserts, then read into *insert_id), runs `stmt`, and when it matched a row records `action` with the fields
 * before and after. Returns the rows matched (0: nothing changed, no row) or -1, rolled back (db_errno says why). */
int64_t audit_exec(struct request *r, int stmt, const struct db_param *p, int np, int64_t *insert_id,
                   enum audit_entity e, int64_t id, const char *action);
/* The request's JSON body without its secret fields (what a change that has no row of its own was asked to do). */
const char *audit_body(struct request *r);

/* A change the sync worker makes by itself: actor "tiktok" (on TikTok's word: webhooks, rules on TikTok's statuses)
 * or "system" (schedules). 1, or <0 on failure. */
int audit_record_worker(struct db *db, struct arena *a, int64_t merchant_id, const char *actor,
                        enum audit_entity e, int64_t id, const char *action, const char *before, const char *after);

/* Deletes a batch of audit rows past their merchant's retention (audit_retention_days); the sync worker's schedule
 * calls it. 1 when it deleted some, 0 none, <0 on failure. */
int audit_purge(struct db *db, struct arena *a);

/* Writes a JSON value (a parsed before/after) under `key`, leaving out secret fields at any depth. */
void audit_write_value(struct jw *w, const char *key, yajl_val v);

#endif
