/* /sandbox/faults (errors, 429s, latency, broken bodies, expired tokens) and /sandbox/clock (the time offset). */
#include "ctl.h"
#include "handlers.h"
#include "sb.h"
#include "sb_sql.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include <stdio.h>
#include <time.h>

#define MAX_LATENCY_MS 30000
#define MAX_OFFSET (10LL * 366 * 86400)

static void put_double(struct jw *w, const char *key, double v)
{
	if (yajl_gen_string(w->g, (const unsigned char *)key, strlen(key)) != yajl_gen_status_ok ||
	    yajl_gen_double(w->g, v) != yajl_gen_status_ok)
		w->err = 1;
}

static void answer_faults(struct request *r, int64_t expired)
{
	struct sb_control c;
	if (sb_control_load(r->db, r->arena, &c) <= 0) {
		ctl_fail_db(r);
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	put_double(&w, "error_rate", c.error_rate);
	put_double(&w, "throttle_rate", c.throttle_rate);
	jw_int(&w, "latency_ms", c.latency_ms);
	put_double(&w, "malformed_rate", c.malformed_rate);
	jw_str(&w, "fail_path", c.fail_path);
	jw_int(&w, "fail_count", c.fail_count);
	if (expired >= 0)
		jw_int(&w, "expired_tokens", expired);
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}

void h_ctl_faults_get(struct request *r)
{
	answer_faults(r, -1);
}

static const char *fmt(struct request *r, double v)
{
	return arena_printf(r->arena, "%.6f", v);
}

void h_ctl_faults_set(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	double error_rate = ctl_number(&j, j.root, "error_rate", 0, 1, 0);
	double throttle_rate = ctl_number(&j, j.root, "throttle_rate", 0, 1, 0);
	int64_t latency = jr_int(&j, j.root, "latency_ms", JR_OPTIONAL, 0, MAX_LATENCY_MS, 0);
	double malformed_rate = ctl_number(&j, j.root, "malformed_rate", 0, 1, 0);
	int expire = jr_bool(&j, j.root, "expire_tokens", JR_OPTIONAL, 0);
	const char *fail_path = jr_str(&j, j.root, "fail_path", JR_OPTIONAL, 0, 200);
	int64_t fail_count = jr_int(&j, j.root, "fail_count", JR_OPTIONAL, 0, 100000, 0);
	if (fail_path == NULL)
		fail_path = "";
	if (fail_count > 0 && *fail_path != '/')
		jr_fail(&j, "fail_path", "must be a path starting with / when fail_count is set");
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	const char *er = fmt(r, error_rate), *tr = fmt(r, throttle_rate), *mr = fmt(r, malformed_rate);
	struct db_param p[] = { P_STR(er), P_STR(tr), P_I64(latency), P_STR(mr), P_STR(fail_path), P_I64(fail_count) };
	if (db_exec(r->db, SB_CONTROL_FAULTS_SET, p, 6, NULL) < 0) {
		ctl_fail_db(r);
		return;
	}
	int64_t expired = 0;
	if (expire) {
		/* every access token valid now ends a second ago: callers must refresh */
		int64_t now = sb_now(r->db, r->arena);
		struct db_param pe[] = { P_I64(now - 1), P_I64(now - 1) };
		expired = db_exec(r->db, SB_TOKENS_EXPIRE_ALL, pe, 2, NULL);
		if (expired < 0) {
			ctl_fail_db(r);
			return;
		}
	}
	answer_faults(r, expired);
}

static void answer_clock(struct request *r)
{
	struct sb_control c;
	if (sb_control_load(r->db, r->arena, &c) <= 0) {
		ctl_fail_db(r);
		return;
	}
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_int(&w, "offset_seconds", c.clock_offset);
	jw_int(&w, "now", (int64_t)time(NULL) + c.clock_offset);
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}

void h_ctl_clock_get(struct request *r)
{
	answer_clock(r);
}

void h_ctl_clock_set(struct request *r)
{
	struct jr j;
	if (req_json(r, &j) != 0)
		return;
	int64_t offset = jr_int(&j, j.root, "offset_seconds", JR_OPTIONAL, -MAX_OFFSET, MAX_OFFSET, 0);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	struct db_param p[] = { P_I64(offset) };
	if (db_exec(r->db, SB_CONTROL_CLOCK_SET, p, 1, NULL) < 0) {
		ctl_fail_db(r);
		return;
	}
	answer_clock(r);
}
