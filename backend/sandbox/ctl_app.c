/* GET and PUT /sandbox/app: the app registration the sandbox holds (keys, redirect and webhook URLs). */
#include "ctl.h"
#include "handlers.h"
#include "sb.h"
#include "sb_sql.h"
#include "db/db.h"
#include "http/request.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include <stdio.h>
#include <string.h>

static void write_app(struct request *r, const struct sb_app *app)
{
	struct jw w;
	jw_init(&w);
	jw_obj_open(&w, NULL);
	jw_str(&w, "app_key", app->app_key);
	jw_str(&w, "app_secret", app->app_secret);
	jw_str(&w, "service_id", app->service_id);
	jw_str(&w, "app_name", app->app_name);
	jw_str(&w, "redirect_url", app->redirect_url);
	jw_str(&w, "webhook_url", app->webhook_url);
	/* the writer has no doubles: yajl writes this one directly */
	if (yajl_gen_string(w.g, (const unsigned char *)"webhook_retry_scale", 19) != yajl_gen_status_ok ||
	    yajl_gen_double(w.g, app->retry_scale) != yajl_gen_status_ok)
		w.err = 1;
	jw_obj_close(&w);
	resp_json(r, 200, &w);
	jw_free(&w);
}

void h_ctl_app_get(struct request *r)
{
	struct sb_app app;
	int n = sb_app_load(r->db, r->arena, &app);
	if (n < 0)
		ctl_fail_db(r);
	else if (n == 0)
		resp_error(r, 503, "not_ready", "The app registration is not loaded yet.");
	else
		write_app(r, &app);
}

static const char *url_field(struct jr *j, const char *field, const char *cur)
{
	const char *v = jr_str(j, j->root, field, JR_OPTIONAL, 0, 1000);
	if (v == NULL)
		return cur;
	if (*v != '\0' && strncmp(v, "http://", 7) != 0 && strncmp(v, "https://", 8) != 0)
		jr_fail(j, field, "must be an http:// or https:// URL");
	return v;
}

void h_ctl_app_put(struct request *r)
{
	struct sb_app app;
	struct jr j;
	int n = sb_app_load(r->db, r->arena, &app);
	if (n <= 0) {
		ctl_fail_db(r);
		return;
	}
	if (req_json(r, &j) != 0)
		return;
	const char *v;
	if ((v = jr_str(&j, j.root, "app_key", JR_OPTIONAL, 1, 100)) != NULL)
		app.app_key = v;
	if ((v = jr_str(&j, j.root, "app_secret", JR_OPTIONAL, 1, 200)) != NULL)
		app.app_secret = v;
	if ((v = jr_str(&j, j.root, "service_id", JR_OPTIONAL, 1, 100)) != NULL)
		app.service_id = v;
	if ((v = jr_str(&j, j.root, "app_name", JR_OPTIONAL, 1, 200)) != NULL)
		app.app_name = v;
	app.redirect_url = url_field(&j, "redirect_url", app.redirect_url);
	app.webhook_url = url_field(&j, "webhook_url", app.webhook_url);
	app.retry_scale = ctl_number(&j, j.root, "webhook_retry_scale", 0.000001, 100, app.retry_scale);
	if (j.nerr > 0) {
		resp_invalid(r, &j);
		return;
	}
	char scale[32];
	snprintf(scale, sizeof(scale), "%.9g", app.retry_scale);
	struct db_param p[] = { P_STR(app.app_key), P_STR(app.app_secret), P_STR(app.service_id), P_STR(app.app_name),
	                        P_STR(app.redirect_url), P_STR(app.webhook_url), P_STR(scale) };
	if (db_exec(r->db, SB_APP_UPDATE, p, 7, NULL) < 0) {
		ctl_fail_db(r);
		return;
	}
	write_app(r, &app);
}
