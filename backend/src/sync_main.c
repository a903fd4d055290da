/* tts-sync: the sync worker. Run as many as you like, on any hosts, against one database. */
#include "core/config.h"
#include "core/log.h"
#include "db/db.h"
#include "statements.h"
#include "sync/ahead.h"
#include "sync/pace.h"
#include "sync/worker.h"
#include "tiktok/client.h"
#include <curl/curl.h>
#include <mysql.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t stopping;

static void on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

int main(void)
{
	struct config cfg;
	char err[256];
	if (config_load(&cfg, getenv("TTS_CONFIG"), err, sizeof(err)) != 0) {
		fprintf(stderr, "tts-sync: configuration error: %s\n", err);
		return 2;
	}
	log_set_level(cfg.log_level);
	if (statements_load() != 0) {
		config_free(&cfg);
		return 2;
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	/* SA_RESTART: a stop never fails a statement or a TikTok call of the job under way (reads and writes are
	 * restarted); the idle wait (nanosleep) and curl's poll still end at once. The job in hand then finishes
	 * or is handed back at its cursor (worker_run). */
	sa.sa_handler = on_stop;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	mysql_library_init(0, NULL, NULL);

	struct db_opts o = { cfg.db_host, cfg.db_port, cfg.db_socket, cfg.db_user, cfg.db_password, cfg.db_name, 0 };
	struct worker w;
	memset(&w, 0, sizeof(w));
	w.cfg = &cfg;
	w.db = db_open(&o, sql_statements, STMT__MAX);
	w.tt = tt_client_new(&cfg);
	tt_client_set_pacer(w.tt, pace_reserve, w.db);
	/* the second thread's client reserves its call slots on a connection of its own */
	struct db *pace_db = db_open(&o, sql_statements, STMT__MAX);
	w.tt_ahead = tt_client_new(&cfg);
	tt_client_set_pacer(w.tt_ahead, pace_reserve, pace_db);
	w.ahead = ahead_new();
	w.stopping = &stopping;
	char host[64] = "host";
	gethostname(host, sizeof(host) - 1);
	snprintf(w.owner, sizeof(w.owner), "%s:%d", host, (int)getpid());
	int rc = 1;
	if (db_prepare_all(w.db, sql_columns) != 0)
		log_error("start", "app=sync error=\"the database is unreachable or a statement does not prepare\"");
	else
		rc = worker_run(&w);
	ahead_free(w.ahead);
	tt_client_free(w.tt_ahead);
	db_close(pace_db);
	tt_client_free(w.tt);
	db_close(w.db);
	mysql_library_end();
	curl_global_cleanup();
	config_free(&cfg);
	return rc;
}
