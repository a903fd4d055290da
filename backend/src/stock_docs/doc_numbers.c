/* Document numbers per merchant: the counter taken in the document's transaction, and GET/PUT
 * /api/v1/document-numbering (prefixes and the year part). */
#include "stock_docs/doc_numbers.h"
#include "audit/audit.h"
#include "api/common.h"
#include "api/handlers.h"
#include "core/clock.h"
#include "db/db.h"
#include "statements.h"
#include "http/request.h"
#include "json/jwrite.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

const char *const doc_kind_names[DOC__KINDS] = { "slip", "receipt", "return" };
const char *const doc_kind_prefixes[DOC__KINDS] = { "PXK", "PNK", "PNT" };

void doc_number_format(char out[DOC_CODE_SIZE], const char *prefix, int year, int64_t no)
{
	if (year > 0)
		snprintf(out, DOC_CODE_SIZE, "%s%04d-%06lld", prefix, year, (long long)no);
	else
		snprintf(out, DOC_CODE_SIZE, "%s%06lld", prefix, (long long)no);
}

int doc_number_year(int64_t t)
{
	time_t local = (time_t)(t + VIETNAM_UTC_OFFSET);
	struct tm tm;
	gmtime_r(&local, &tm);
	return tm.tm_year + 1900;
}

/* The merchant's numbering of each kind: the stored choice or the default. */
struct numbering {
	const char *prefix[DOC__KINDS];
	int with_year[DOC__KINDS];
};

static int numbering_read(struct request *r, struct numbering *n)
{
	for (int k = 0; k < DOC__KINDS; k++) {
		n->prefix[k] = doc_kind_prefixes[k];
		n->with_year[k] = 0;
	}
	struct db_param p[] = { P_I64(r->auth.merchant_id) };
	struct db_rows rows;
	if (db_query(r->db, r->arena, STMT_NUMBERING_LIST, p, 1, &rows) < 0)
		return -1;
	for (int i = 0; i < rows.nrows; i++)
		for (int k = 0; k < DOC__KINDS; k++)
			if (strcmp(db_cell(&rows, i, NUMBERING_KIND), doc_kind_names[k]) == 0) {
				n->prefix[k] = db_cell(&rows, i, NUMBERING_PREFIX);
				n->with_year[k] = (int)db_cell_i64(&rows, i, NUMBERING_WITH_YEAR);
			}
	return 0;
}

int doc_number_take(struct request *r, enum doc_kind kind, char out[DOC_CODE_SIZE])
{
	struct numbering n;
	if (numbering_read(r, &n) < 0)
		return -1;
	int year = n.with_year[kind] ? doc_number_year(clock_now()) : 0;
	struct db_param p[] = { P_I64(r->auth.merchant_id), P_STR(doc_kind_names[kind]), P_I64(year) };
	struct db_rows rows;
	if (db_exec(r->db, STMT_COUNTER_BUMP, p, 3, NULL) < 0 || db_query(r->db, r->arena, STMT_COUNTER_GET, p, 3, &rows) != 1)
		return -1;
	doc_number_format(out, n.prefix[kind], year, db_cell_i64(&rows, 0, ONE_VALUE));
	return 1;
}

static void answer(struct request *r, const struct numbering *n)
{
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	for (int k = 0; k < DOC__KINDS; k++) {
		char example[DOC_CODE_SIZE];
		doc_number_format(example, n->prefix[k], n->with_year[k] ? doc_number_year(clock_now()) : 0, 1);
		jw_obj_open(&w, doc_kind_names[k]);
		jw_str(&w, "prefix", n->prefix[k]);
		jw_bool(&w, "with_year", n->with_year[k]);
		jw_str(&w, "example", example);
		jw_obj_close(&w);
	}
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}

void h_numbering_get(struct request *r)
{
	struct numbering n;
	if (numbering_read(r, &n) < 0) {
		fail_db(r);
		return;
	}
	answer(r, &n);
}

/* A prefix: 1 to 10 capital letters, digits, '-' or '/'. */
static int prefix_ok(const char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '/'))
			return 0;
	return len >= 1 && len <= DOC_PREFIX_MAX;
}

/* {slip?: {prefix?, with_year?}, receipt?: …, return?: …}; the three prefixes must differ (receipts and returns
 * share one list of codes). New numbers follow; documents made keep theirs. */
void h_numbering_put(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	struct numbering n;
	if (numbering_read(r, &n) < 0) {
		fail_db(r);
		return;
	}
	for (int k = 0; k < DOC__KINDS; k++) {
		yajl_val o = jr_obj(&j, j.root, doc_kind_names[k], JR_OPTIONAL);
		if (o == NULL)
			continue;
		const char *saved = j.prefix;
		j.prefix = arena_printf(r->arena, "%s.", doc_kind_names[k]);
		const char *prefix = jr_str(&j, o, "prefix", JR_OPTIONAL, 1, DOC_PREFIX_MAX);
		if (prefix != NULL && !prefix_ok(prefix))
			jr_fail(&j, "prefix", "must be 1 to 10 capital letters, digits, - or /");
		else if (prefix != NULL)
			n.prefix[k] = prefix;
		n.with_year[k] = jr_bool(&j, o, "with_year", JR_OPTIONAL, n.with_year[k]);
		j.prefix = saved;
	}
	for (int k = 0; k < DOC__KINDS; k++)
		for (int m = 0; m < k; m++)
			if (strcmp(n.prefix[k], n.prefix[m]) == 0)
				jr_reject(&j, arena_printf(r->arena, "%s.prefix", doc_kind_names[k]), JR_duplicate, "is the prefix of another kind");
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	if (db_begin(r->db) != 0) {
		fail_db(r);
		return;
	}
	const char *before = audit_snap(r, AUDIT_DOC_NUMBERING, r->auth.merchant_id);
	for (int k = 0; k < DOC__KINDS; k++) {
		struct db_param p[] = { P_I64(r->auth.merchant_id), P_STR(doc_kind_names[k]), P_STR(n.prefix[k]),
			                P_I64(n.with_year[k]) };
		if (db_exec(r->db, STMT_NUMBERING_SET, p, 4, NULL) < 0) {
			db_rollback(r->db);
			fail_db(r);
			return;
		}
	}
	if (audit_change(r, AUDIT_DOC_NUMBERING, r->auth.merchant_id, "update", before) < 0 || db_commit(r->db) != 0) {
		db_rollback(r->db);
		fail_db(r);
		return;
	}
	answer(r, &n);
}
