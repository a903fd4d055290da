/* Health check and the OpenAPI document. */
#include "api/handlers.h"
#include "api/replica.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <string.h>

/* The OpenAPI 3.1 document, embedded at build time from backend/openapi.json. */
extern const char openapi_json[];

void h_health(struct request *r)
{
	struct db_rows rows;
	int ok = db_query(r->db, r->arena, STMT_HEALTH, NULL, 0, &rows) == 1;
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_str(&w, "status", ok ? "ok" : "degraded");
	jw_str(&w, "db", ok ? "ok" : "unavailable");
	int64_t lag_ms;
	if (r->replica != NULL) {
		int up = api_replica_lag_ms(r, &lag_ms) == 0;
		jw_str(&w, "replica", up ? "ok" : "unavailable");   /* reads fall back to the primary meanwhile */
		if (up)
			jw_int(&w, "replica_lag_ms", lag_ms);
	}
	jw_obj_close(&w);
	resp_json(r, ok ? 200 : 503, &w);
	jw_free(&w);
}

void h_openapi(struct request *r)
{
	resp_body(r, 200, RESP_JSON_TYPE, openapi_json, strlen(openapi_json));
}
