/* The merchant's people (Cài đặt → Nhân viên): the list with pending invitations, a change of role, disabling and
 * enabling, and the transfer of ownership. The owner's own role and access change only by a transfer. */
#include "api/common.h"
#include "audit/audit.h"
#include "api/handlers.h"
#include "accounts/password.h"
#include "db/db.h"
#include "staff/staff.h"
#include "statements.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include <string.h>

/* The roles a person other than the owner may have. */
#define STAFF_ROLES "manager, warehouse, accountant"

static int staff_role_ok(const char *role)
{
	return strcmp(role, "manager") == 0 || strcmp(role, "warehouse") == 0 || strcmp(role, "accountant") == 0;
}

static void write_person(struct jw *w, const struct db_rows *rows, int i)
{
	jw_obj_open(w, NULL);
	jw_int(w, "id", db_cell_i64(rows, i, STAFF_ID));
	jw_str(w, "name", db_cell(rows, i, STAFF_NAME));
	jw_str(w, "email", db_cell(rows, i, STAFF_EMAIL));
	jw_str(w, "role", db_cell(rows, i, STAFF_ROLE));
	jw_bool(w, "disabled", db_cell(rows, i, STAFF_DISABLED_AT) != NULL);
	jw_time(w, "disabled_at", db_cell_i64(rows, i, STAFF_DISABLED_AT));
	jw_time(w, "last_seen_at", db_cell_i64(rows, i, STAFF_LAST_SEEN_AT));
	jw_time(w, "created_at", db_cell_i64(rows, i, STAFF_CREATED_AT));
	jw_obj_close(w);
}

void staff_write_invitation(struct jw *w, const struct db_rows *rows, int i)
{
	jw_obj_open(w, NULL);
	jw_int(w, "id", db_cell_i64(rows, i, INVITATION_ID));
	jw_str(w, "email", db_cell(rows, i, INVITATION_EMAIL));
	jw_str(w, "role", db_cell(rows, i, INVITATION_ROLE));
	jw_str(w, "invited_by", db_cell(rows, i, INVITATION_INVITED_BY));
	jw_time(w, "created_at", db_cell_i64(rows, i, INVITATION_CREATED_AT));
	jw_time(w, "expires_at", db_cell_i64(rows, i, INVITATION_EXPIRES_AT));
	jw_bool(w, "expired", db_cell_i64(rows, i, INVITATION_EXPIRED) != 0);
	jw_obj_close(w);
}

void h_staff_list(struct request *r)
{
	struct db_param p[] = { P_I64(r->auth.merchant_id) };
	struct db_rows people, inv;
	if (db_query(r->db, r->arena, STMT_STAFF_LIST, p, 1, &people) < 0 ||
	    db_query(r->db, r->arena, STMT_INVITATION_LIST, p, 1, &inv) < 0) {
		fail_db(r);
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_arr_open(&w, "items");
	for (int i = 0; i < people.nrows; i++)
		write_person(&w, &people, i);
	jw_arr_close(&w);
	jw_arr_open(&w, "invitations");
	for (int i = 0; i < inv.nrows; i++)
		staff_write_invitation(&w, &inv, i);
	jw_arr_close(&w);
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}

/* Answers the person as they are now (after a change). */
static void answer_person(struct request *r, int64_t id)
{
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows rows;
	if (db_query(r->db, r->arena, STMT_STAFF_GET, p, 2, &rows) != 1) {
		fail_db(r);
		return;
	}
	struct jw w;
	jw_init(&w);
	write_person(&w, &rows, 0);
	resp_json(r, 200, &w);
	jw_free(&w);
}

void h_staff_update(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	const char *role = jr_str(&j, j.root, "role", JR_OPTIONAL, 1, 16);
	int has_disabled = jr_has(j.root, "disabled");
	int disabled = jr_bool(&j, j.root, "disabled", JR_OPTIONAL, 0);
	if (role != NULL && !staff_role_ok(role))
		jr_reject_allowed(&j, "role", STAFF_ROLES, "must be one of " STAFF_ROLES);
	if (role == NULL && !has_disabled && j.nerr == 0)
		jr_reject(&j, "role", JR_required, "role or disabled is required");
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	if (id <= 0) {
		resp_error(r, 404, "not_found", "No person with this id in this shop.");
		return;
	}
	struct db_param p[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows t;
	if (db_begin(r->db) != 0) {
		fail_db(r);
		return;
	}
	int n = db_query(r->db, r->arena, STMT_STAFF_LOCK, p, 2, &t);
	if (n < 0)
		goto fail;
	if (n == 0) {
		db_rollback(r->db);
		resp_error(r, 404, "not_found", "No person with this id in this shop.");
		return;
	}
	if (strcmp(db_cell(&t, 0, STAFF_LOCK_ROLE), "owner") == 0) {
		db_rollback(r->db);
		resp_error(r, 409, "owner_unchangeable",
		           "The owner's role and access change only by transferring the ownership.");
		return;
	}
	const char *before = audit_snap(r, AUDIT_USER, id);
	if (role != NULL) {
		struct db_param pr[] = { P_STR(role), P_I64(id), P_I64(r->auth.merchant_id) };
		if (db_exec(r->db, STMT_STAFF_SET_ROLE, pr, 3, NULL) < 0)
			goto fail;
	}
	if (has_disabled && disabled) {
		/* its API tokens are revoked too, so that enabling the person again does not revive them */
		if (db_exec(r->db, STMT_STAFF_DISABLE, p, 2, NULL) < 0 ||
		    db_exec(r->db, STMT_STAFF_REVOKE_TOKENS, p, 2, NULL) < 0)
			goto fail;
	} else if (has_disabled && db_exec(r->db, STMT_STAFF_ENABLE, p, 2, NULL) < 0) {
		goto fail;
	}
	if (audit_change(r, AUDIT_USER, id, "update", before) < 0 || db_commit(r->db) != 0)
		goto fail;
	answer_person(r, id);
	return;
fail:
	db_rollback(r->db);
	fail_db(r);
}

void h_staff_transfer_ownership(struct request *r)
{
	int64_t id = req_param_id(r, 0);
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	const char *password = jr_str(&j, j.root, "password", JR_REQUIRED, 1, 200);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	if (id <= 0) {
		resp_error(r, 404, "not_found", "No person with this id in this shop.");
		return;
	}
	struct db_param me[] = { P_I64(r->auth.user_id), P_I64(r->auth.merchant_id) };
	struct db_param to[] = { P_I64(id), P_I64(r->auth.merchant_id) };
	struct db_rows o, t;
	if (db_begin(r->db) != 0) {
		fail_db(r);
		return;
	}
	/* the owner's row first: two transfers at once wait on it, and the second finds its caller no longer owner */
	int no = db_query(r->db, r->arena, STMT_STAFF_LOCK, me, 2, &o);
	int nt = no < 0 ? -1 : db_query(r->db, r->arena, STMT_STAFF_LOCK, to, 2, &t);
	if (nt < 0)
		goto fail;
	const char *code = NULL, *message = NULL;
	int status = 409;
	if (no == 0 || strcmp(db_cell(&o, 0, STAFF_LOCK_ROLE), "owner") != 0) {
		status = 403, code = "forbidden", message = "Only the owner can transfer the ownership.";
	} else if (nt == 0) {
		status = 404, code = "not_found", message = "No person with this id in this shop.";
	} else if (!password_verify(password, db_cell(&o, 0, STAFF_LOCK_PASSWORD_HASH))) {
		status = 403, code = "wrong_password", message = "The password is wrong.";
	} else if (id == r->auth.user_id) {
		code = "already_owner", message = "You are already the owner.";
	} else if (db_cell_i64(&t, 0, STAFF_LOCK_DISABLED) != 0) {
		code = "user_disabled", message = "A disabled person cannot become the owner; enable them first.";
	}
	if (code != NULL) {
		db_rollback(r->db);
		resp_error(r, status, code, message);
		return;
	}
	const char *before = audit_snap(r, AUDIT_USER, id);
	struct db_param demote[] = { P_STR("manager"), P_I64(r->auth.user_id), P_I64(r->auth.merchant_id) };
	struct db_param promote[] = { P_STR("owner"), P_I64(id), P_I64(r->auth.merchant_id) };
	if (db_exec(r->db, STMT_STAFF_SET_ROLE, demote, 3, NULL) < 0 ||
	    db_exec(r->db, STMT_STAFF_SET_ROLE, promote, 3, NULL) < 0 ||
	    audit_change(r, AUDIT_USER, id, "ownership_transfer", before) < 0 || db_commit(r->db) != 0)
		goto fail;
	answer_person(r, id);
	return;
fail:
	db_rollback(r->db);
	fail_db(r);
}
