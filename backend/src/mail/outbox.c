/* Queuing an e-mail: one row of the outbox, written in the caller's transaction. */
#include "mail/outbox.h"
#include "core/log.h"
#include "db/db.h"
#include "mail/templates.h"
#include "statements.h"
#include <string.h>

int mail_enqueue(struct db *db, int64_t merchant_id, const char *to_addr, const char *lang, const char *kind,
                 const char *vars_json)
{
	if (to_addr == NULL || *to_addr == '\0' || kind == NULL || !mail_kind_known(kind) || vars_json == NULL) {
		log_error("mail_enqueue", "merchant=%lld kind=%s refused", (long long)merchant_id, kind ? kind : "(null)");
		return -1;
	}
	const char *language = lang != NULL && strcmp(lang, "en") == 0 ? "en" : "vi";
	struct db_param p[] = { P_I64(merchant_id), P_STR(to_addr), P_STR(language), P_STR(kind), P_STR(vars_json) };
	return db_exec(db, STMT_MAIL_ENQUEUE, p, 5, NULL) == 1 ? 0 : -1;
}
