/* "Reconnect needed": the status change and the owner's mail commit together, the mail only on the way in. */
#include "mail/reconnect_mail.h"
#include "audit/audit.h"
#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"
#include "statements.h"
#include <stdio.h>
#include <string.h>

#define RECONNECT_PATH "/settings/ecommerce"   /* the SPA's screen of the shops, where Kết nối lại is */

int64_t reconnect_mark(struct db *db, const char *public_url, int64_t conn_id, int stmt, const struct db_param *p,
                       int np)
{
	struct arena a;
	arena_init(&a);
	struct db_rows rows;
	struct db_param id[] = { P_I64(conn_id) };
	int64_t n = -1;
	if (db_begin(db) != 0)
		goto out;
	if (db_query(db, &a, STMT_MAIL_CONN_STATUS_LOCK, id, 1, &rows) < 0)
		goto fail;
	int was_active = rows.nrows == 1 && strcmp(db_cell(&rows, 0, MAIL_CONN_STATUS), "active") == 0;
	n = db_exec(db, stmt, p, np, NULL);
	if (n < 0)
		goto fail;
	if (was_active && n > 0) {
		size_t len = strlen(public_url);
		while (len > 0 && public_url[len - 1] == '/')
			len--;
		char *link = arena_printf(&a, "%.*s%s", (int)len, public_url, RECONNECT_PATH);
		struct db_param q[] = { P_STR(link), P_I64(conn_id) };
		if (db_exec(db, STMT_MAIL_RECONNECT_ENQUEUE, q, 2, NULL) < 0)
			goto fail;
		log_info("reconnect_mail_queued", "connection=%lld", (long long)conn_id);
		/* TikTok ended the authorization (its notification, or a refresh it refused): the log names TikTok */
		if (audit_record_worker(db, &a, db_cell_i64(&rows, 0, MAIL_CONN_MERCHANT_ID), "tiktok", AUDIT_CONNECTION,
		                        conn_id, "reauth_required", "{\"status\":\"active\"}",
		                        "{\"status\":\"reauth_required\"}") < 0)
			goto fail;
	}
	if (db_commit(db) != 0)
		goto fail;
	goto out;
fail:
	db_rollback(db);
	n = -1;
out:
	arena_free(&a);
	return n;
}
