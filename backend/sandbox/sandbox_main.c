/* tts-sandbox: the TikTok Shop stand-in. The FastCGI server runs in a child; this process runs the ticker. */
#include "handlers.h"
#include "label_pdf.h"
#include "routes.h"
#include "sb.h"
#include "sb_sql.h"
#include "ticker.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "db/db.h"
#include "http/server.h"
#include <mysql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BOOT_TRIES 60

/* Writes the app registration from the configuration (retrying while the database starts). */
static int register_app(const struct config *cfg)
{
	struct db_opts o = { cfg->db_host, cfg->db_port, cfg->db_socket, cfg->db_user, cfg->db_password,
	                     cfg->sandbox_db_name, 0 };
	struct arena a;
	arena_init(&a);
	const char *env_scale = getenv("TTS_SANDBOX_WEBHOOK_SCALE");
	double scale = env_scale != NULL && *env_scale ? strtod(env_scale, NULL) : 1.0;
	if (scale <= 0 || scale > 100)
		scale = 1.0;
	const char *redirect = arena_printf(&a, "%s/api/v1/connections/tiktok/callback", cfg->public_url);
	const char *webhook = arena_printf(&a, "%s/api/v1/webhooks/tiktok", cfg->public_url);
	const char *scale_s = arena_printf(&a, "%.6f", scale);
	struct db_param p[] = { P_STR(cfg->tiktok_app_key), P_STR(cfg->tiktok_app_secret), P_STR(cfg->tiktok_service_id),
	                        P_STR("Sales Sync"), P_STR(redirect), P_STR(webhook), P_STR(scale_s) };
	int rc = -1;
	for (int i = 0; i < BOOT_TRIES && rc != 0; i++) {
		struct db *db = db_open(&o, sb_sql, SB_STMT__MAX);
		if (db_exec(db, SB_APP_UPSERT, p, 7, NULL) >= 0)
			rc = 0;
		db_close(db);
		if (rc != 0)
			sleep(1);
	}
	if (rc == 0)
		log_info("sandbox_app", "app_key=%s service_id=%s redirect_url=\"%s\" webhook_url=\"%s\" retry_scale=%s",
		         cfg->tiktok_app_key, cfg->tiktok_service_id, redirect, webhook, scale_s);
	arena_free(&a);
	return rc;
}

/* TikTok's image upload takes files up to 5 MB (the handler refuses larger ones with TikTok's code). */
static const struct upload_cap uploads[] = {
	{ "/product/202309/images/upload", (size_t)6 * 1024 * 1024 },
	{ NULL, 0 },
};

int main(void)
{
	struct config cfg;
	char err[256];
	if (config_load(&cfg, getenv("TTS_CONFIG"), err, sizeof(err)) != 0) {
		fprintf(stderr, "tts-sandbox: configuration error: %s\n", err);
		return 2;
	}
	log_set_level(cfg.log_level);
	struct ticker_settings ts;
	ticker_settings_load(&ts);
	if (sb_statements_load() != 0) {
		config_free(&cfg);
		return 1;
	}
	int rc = 1;
	if (mysql_library_init(0, NULL, NULL) != 0 || register_app(&cfg) != 0) {
		log_error("start", "app=sandbox error=\"cannot reach database %s\"", cfg.sandbox_db_name);
		goto out;
	}
	fflush(NULL);
	pid_t server = fork();
	if (server < 0) {
		log_error("start", "app=sandbox error=\"fork failed\"");
		goto out;
	}
	if (server == 0) {
		atexit(label_pdf_release); /* in each worker too: they inherit it */
		struct app app = {
			.name = "sandbox",
			.routes = sandbox_routes,
			.nroutes = sandbox_nroutes,
			.sql = sb_sql,
			.nstmts = SB_STMT__MAX,
			.ncols = sb_columns,
			.db_name = cfg.sandbox_db_name,
			.authenticate = sb_loopback_only,
			.not_found = h_unknown_path,
			.uploads = uploads,
		};
		rc = server_run(&app, &cfg, cfg.sandbox_socket, cfg.sandbox_workers);
		config_free(&cfg);
		return rc;
	}
	rc = ticker_run(&cfg, &ts, server);
out:
	mysql_library_end();
	config_free(&cfg);
	return rc;
}
