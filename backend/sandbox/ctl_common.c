/* Control API helpers, seller log-in and granting an authorization (shared with the consent pages). */
#include "ctl.h"
#include "sb.h"
#include "sb_sql.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jread.h"
#include <stdlib.h>
#include <string.h>

#define CODE_TTL 1800   /* auth codes live 30 minutes */

void ctl_fail_db(struct request *r)
{
	resp_error(r, 500, "internal_error", "The sandbox database failed.");
}

double ctl_number(struct jr *j, yajl_val obj, const char *field, double min, double max, double def)
{
	const char *path[] = { field, NULL };
	yajl_val v = YAJL_IS_OBJECT(obj) ? yajl_tree_get(obj, path, yajl_t_any) : NULL;
	if (v == NULL)
		return def;
	if (!YAJL_IS_NUMBER(v)) {
		jr_fail(j, field, "must be a number");
		return def;
	}
	double d = YAJL_IS_INTEGER(v) ? (double)YAJL_GET_INTEGER(v) : YAJL_GET_DOUBLE(v);
	if (d < min || d > max) {
		jr_fail(j, field, arena_printf(j->arena, "must be from %g to %g", min, max));
		return def;
	}
	return d;
}

int ctl_shop(struct request *r, int64_t *shop_id, const char **region, int *authorized)
{
	*shop_id = sb_row(r->params[0], ID_SHOP);
	struct db_param p[] = { P_I64(*shop_id) };
	struct db_rows rows;
	int n = db_query(r->db, r->arena, SB_SHOP_GET, p, 1, &rows);
	if (n < 0) {
		ctl_fail_db(r);
		return 0;
	}
	if (n == 0) {
		resp_error(r, 404, "not_found", "No shop with this id.");
		return 0;
	}
	if (region != NULL)
		*region = db_cell(&rows, 0, SB_SHOP_GET_REGION);
	if (authorized != NULL)
		*authorized = db_cell_i64(&rows, 0, SB_SHOP_GET_AUTHORIZED) != 0;
	return 1;
}

const char *sb_grant(struct db *db, struct arena *a, int64_t seller_id, int64_t now)
{
	const char *code = sb_random_token(a, "TTC_", 40);
	struct db_param ps[] = { P_I64(seller_id) };
	struct db_param pc[] = { P_STR(code), P_I64(seller_id), P_I64(now + CODE_TTL) };
	if (db_exec(db, SB_SHOPS_AUTHORIZE_SELLER, ps, 1, NULL) < 0 || db_exec(db, SB_CODE_INSERT, pc, 3, NULL) < 0)
		return NULL;
	return code;
}

int64_t sb_login(struct db *db, struct arena *a, const char *email, const char *password, const char **region)
{
	const char *lower = sb_lower(a, email);
	struct db_param p[] = { P_STR(lower) };
	struct db_rows rows;
	int n = db_query(db, a, SB_SELLER_BY_EMAIL, p, 1, &rows);
	if (n <= 0)
		return n;
	char hash[65];
	sb_password_hash(db_cell(&rows, 0, SB_SELLER_BY_EMAIL_SALT), password, hash);
	if (hash[0] == '\0' || !sb_str_eq_ct(hash, db_cell(&rows, 0, SB_SELLER_BY_EMAIL_PASSWORD_HASH)))
		return 0;
	if (region != NULL)
		*region = db_cell(&rows, 0, SB_SELLER_BY_EMAIL_REGION);
	return db_cell_i64(&rows, 0, SB_SELLER_BY_EMAIL_ID);
}

int64_t ctl_whole(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 18 || strspn(s, "0123456789") != n)
		return -1;
	return strtoll(s, NULL, 10);
}
