/* tts-api: the FastCGI api workers. */
#include "products/product_images.h"
#include "after_sales/answer_images.h"
#include "accounts/authn.h"
#include "accounts/roles.h"
#include "api/read_cache.h"
#include "api/replica.h"
#include "api/routes.h"
#include "orders/order_sources_check.h"
#include "core/config.h"
#include "core/log.h"
#include "statements.h"
#include "http/server.h"
#include "tiktok/client.h"
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>

/* Each worker keeps one TikTok client (a keep-alive handle) for the OAuth callback. */
static void *worker_init(const struct config *cfg)
{
	return tt_client_new(cfg);
}

static void worker_free(void *state)
{
	tt_client_free(state);
}

/* The paths that take files: product images (the body is the file), answers to after-sales requests (photos). */
static const struct upload_cap uploads[] = {
	{ PRODUCT_IMAGE_PATH, PRODUCT_IMAGE_MAX },
	{ AS_ANSWER_PATH, AS_ANSWER_BODY_MAX },
	{ NULL, 0 },
};

int main(void)
{
	struct config cfg;
	char err[256];
	if (config_load(&cfg, getenv("TTS_CONFIG"), err, sizeof(err)) != 0) {
		fprintf(stderr, "tts-api: configuration error: %s\n", err);
		return 2;
	}
	log_set_level(cfg.log_level);
	config_print(&cfg, stderr);
	if (statements_load() != 0) {
		config_free(&cfg);
		return 2;
	}
	struct app app = {
		.name = "api",
		.routes = api_routes,
		.nroutes = api_nroutes,
		.sql = sql_statements,
		.nstmts = STMT__MAX,
		.ncols = sql_columns,
		.start_check = order_sources_check,
		.db_name = cfg.db_name,
		.statement_ms = cfg.api_statement_ms,
		.authenticate = api_authenticate,
		.authorize = api_authorize,
		.replica_ok = api_replica_ok,
		.after_write = api_after_write,
		.pool_init = read_cache_pool_init,
		.worker_init = worker_init,
		.worker_free = worker_free,
		.uploads = uploads,
	};
	curl_global_init(CURL_GLOBAL_DEFAULT);
	int rc = server_run(&app, &cfg, cfg.api_socket, cfg.api_workers);
	curl_global_cleanup();
	config_free(&cfg);
	return rc;
}
