/* tts-api: the FastCGI api workers. */
#include "api/authn.h"
#include "api/routes.h"
#include "core/config.h"
#include "core/log.h"
#include "db/sql.h"
#include "http/server.h"
#include <stdio.h>
#include <stdlib.h>

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
	struct app app = {
		.name = "api",
		.routes = api_routes,
		.nroutes = api_nroutes,
		.sql = sql_statements,
		.nstmts = STMT__MAX,
		.db_name = cfg.db_name,
		.authenticate = api_authenticate,
	};
	int rc = server_run(&app, &cfg, cfg.api_socket, cfg.api_workers);
	config_free(&cfg);
	return rc;
}
