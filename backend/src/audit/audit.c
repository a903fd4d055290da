/* The audit log's writer: the entities and their snapshots, the actor of a request, the secret fields never kept. */
#include "audit/audit.h"
#include "core/arena.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jwrite.h"
#include "statements.h"
#include <string.h>

static const struct {
	const char *name;
	int snap;                 /* snapshot statement, -1: none (the row's change is told by its body) */
} entities[AUDIT__NENTITIES] = {
	[AUDIT_PRODUCT] = { "product", STMT_AUDIT_SNAP_PRODUCT },
	[AUDIT_CHANNEL_SKU] = { "channel_sku", STMT_AUDIT_SNAP_CHANNEL_SKU },
	[AUDIT_ORDER] = { "order", -1 },
	[AUDIT_WAREHOUSE] = { "warehouse", STMT_AUDIT_SNAP_WAREHOUSE },
	[AUDIT_SUPPLIER] = { "supplier", STMT_AUDIT_SNAP_SUPPLIER },
	[AUDIT_STOCK_RECEIPT] = { "stock_receipt", STMT_AUDIT_SNAP_RECEIPT },
	[AUDIT_EXPORT_SLIP] = { "export_slip", STMT_AUDIT_SNAP_SLIP },
	[AUDIT_CONNECTION] = { "connection", STMT_AUDIT_SNAP_CONNECTION },
	[AUDIT_API_TOKEN] = { "api_token", STMT_AUDIT_SNAP_API_TOKEN },
	[AUDIT_USER] = { "user", STMT_AUDIT_SNAP_USER },
	[AUDIT_MERCHANT_SETTINGS] = { "merchant_settings", STMT_AUDIT_SNAP_MERCHANT },
	[AUDIT_STOCK_SETTINGS] = { "stock_settings", STMT_AUDIT_SNAP_STOCK_SETTINGS },
	[AUDIT_FULFILLMENT_SETTINGS] = { "fulfillment_settings", STMT_AUDIT_SNAP_FULFILLMENT_SETTINGS },
	[AUDIT_DOC_NUMBERING] = { "doc_numbering", STMT_AUDIT_SNAP_NUMBERING },
	[AUDIT_FULFILLMENT_BATCH] = { "fulfillment_batch", -1 },
	[AUDIT_INVITATION] = { "invitation", -1 },
	[AUDIT_AFTER_SALES] = { "after_sales_request", -1 },
};

/* Field names never written to the log, at any depth: credentials and the tokens that stand for them. */
static const char *const secret_fields[] = {
	"password", "new_password", "current_password", "password_hash", "token", "access_token", "refresh_token",
	"secret", "app_secret", "auth_code", "token_hash", "access_token_enc", "refresh_token_enc",
};

static int secret(const char *key)
{
	for (size_t i = 0; i < sizeof(secret_fields) / sizeof(secret_fields[0]); i++)
		if (strcmp(key, secret_fields[i]) == 0)
			return 1;
	return 0;
}

const char *audit_entity_name(enum audit_entity e)
{
	return (int)e >= 0 && e < AUDIT__NENTITIES ? entities[e].name : NULL;
}

int audit_entity_known(const char *name)
{
	for (int e = 0; e < AUDIT__NENTITIES; e++)
		if (strcmp(entities[e].name, name) == 0)
			return 1;
	return 0;
}

static void write_value(struct jw *w, const char *key, yajl_val v)
{
	if (v == NULL || YAJL_IS_NULL(v)) {
		jw_null(w, key);
	} else if (YAJL_IS_OBJECT(v)) {
		jw_obj_open(w, key);
		for (size_t i = 0; i < v->u.object.len; i++)
			if (!secret(v->u.object.keys[i]))
				write_value(w, v->u.object.keys[i], v->u.object.values[i]);
		jw_obj_close(w);
	} else if (YAJL_IS_ARRAY(v)) {
		jw_arr_open(w, key);
		for (size_t i = 0; i < v->u.array.len; i++)
			write_value(w, NULL, v->u.array.values[i]);
		jw_arr_close(w);
	} else if (YAJL_IS_INTEGER(v)) {
		jw_int(w, key, YAJL_GET_INTEGER(v));
	} else if (YAJL_IS_NUMBER(v)) {
		jw_str(w, key, v->u.number.r);   /* amounts keep their decimal text */
	} else if (YAJL_IS_TRUE(v) || YAJL_IS_FALSE(v)) {
		jw_bool(w, key, YAJL_IS_TRUE(v));
	} else {
		jw_str(w, key, YAJL_GET_STRING(v));
	}
}

void audit_write_value(struct jw *w, const char *key, yajl_val v)
{
	write_value(w, key, v);
}

/* The value without its secret fields, as text in the arena; NULL for NULL (or for text that is not JSON). */
static const char *clean(struct arena *a, yajl_val v)
{
	if (v == NULL)
		return NULL;
	struct jw w;
	jw_init(&w);
	write_value(&w, NULL, v);
	size_t len;
	const char *text = jw_result(&w, &len);
	char *out = text != NULL ? arena_strndup(a, text, len) : NULL;
	jw_free(&w);
	return out;
}

static const char *clean_text(struct arena *a, const char *json)
{
	if (json == NULL)
		return NULL;
	yajl_val v = yajl_tree_parse(json, NULL, 0);
	const char *out = clean(a, v);
	yajl_tree_free(v);
	return out;
}

const char *audit_snap(struct request *r, enum audit_entity e, int64_t id)
{
	if (entities[e].snap < 0)
		return NULL;
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows rows;
	if (db_query(r->db, r->arena, entities[e].snap, p, 2, &rows) <= 0)
		return NULL;
	return db_cell(&rows, 0, ONE_VALUE);
}

const char *audit_body(struct request *r)
{
	return clean(r->arena, r->json_root);
}

static int insert(struct db *db, struct arena *a, int64_t merchant_id, const char *actor, int64_t user_id,
                  int64_t token_id, enum audit_entity e, int64_t id, const char *action, const char *before,
                  const char *after, const char *request_id)
{
	struct db_param p[] = { P_I64(merchant_id), P_STR(actor), user_id > 0 ? P_I64(user_id) : P_NULL,
		                token_id > 0 ? P_I64(token_id) : P_NULL, P_STR(entities[e].name),
		                id > 0 ? P_I64(id) : P_NULL, P_STR(action), P_STR(clean_text(a, before)),
		                P_STR(clean_text(a, after)), P_STR(request_id) };
	return db_exec(db, STMT_AUDIT_INSERT, p, 10, NULL) == 1 ? 1 : -1;
}

int audit_record(struct request *r, enum audit_entity e, int64_t id, const char *action, const char *before,
                 const char *after)
{
	const char *actor = r->auth.actor != NULL ? r->auth.actor : r->auth.token_id > 0 ? "api_token" : "user";
	return insert(r->db, r->arena, r->auth.merchant_id, actor, r->auth.user_id, r->auth.token_id, e, id, action,
	              before, after, r->request_id[0] != '\0' ? r->request_id : NULL);
}

int audit_change(struct request *r, enum audit_entity e, int64_t id, const char *action, const char *before)
{
	return audit_record(r, e, id, action, before, audit_snap(r, e, id));
}

int audit_record_worker(struct db *db, struct arena *a, int64_t merchant_id, const char *actor,
                        enum audit_entity e, int64_t id, const char *action, const char *before, const char *after)
{
	return insert(db, a, merchant_id, actor, 0, 0, e, id, action, before, after, NULL);
}

int64_t audit_exec(struct request *r, int stmt, const struct db_param *p, int np, int64_t *insert_id,
                   enum audit_entity e, int64_t id, const char *action)
{
	if (db_begin(r->db) != 0)
		return -1;
	const char *before = id > 0 ? audit_snap(r, e, id) : NULL;
	int64_t made = 0;
	int64_t n = db_exec(r->db, stmt, p, np, &made);
	if (n > 0 && id == 0)
		id = made;
	if (n < 0 || (n > 0 && audit_change(r, e, id, action, before) < 0) || db_commit(r->db) != 0) {
		db_rollback(r->db);
		return -1;
	}
	if (insert_id != NULL)
		*insert_id = made;
	return n;
}
