/* The ticker process: passes every tick_ms over after-sales deadlines, due webhooks, expiry notices and the live
 * demo; stops the FastCGI server on SIGTERM/SIGINT and exits when the server dies. */
#include "ticker.h"
#include "sb.h"
#include "sb_sql.h"
#include "rr.h"
#include "webhook.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/log.h"
#include "db/db.h"
#include <curl/curl.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#define NOTICE_EVERY_MS 5000
#define PURGE_EVERY_MS 60000
#define CONSENT_TTL 3600

static volatile sig_atomic_t stop;

static void on_stop(int sig)
{
	(void)sig;
	stop = 1;
}

static int env_int(const char *name, int def, int lo, int hi)
{
	const char *v = getenv(name);
	if (v == NULL || *v == '\0')
		return def;
	char *end;
	long n = strtol(v, &end, 10);
	if (*end != '\0' || n < lo || n > hi) {
		log_warn("sandbox_setting", "name=%s value=\"%s\" error=\"must be %d..%d\" using=%d", name, v, lo, hi, def);
		return def;
	}
	return (int)n;
}

void ticker_settings_load(struct ticker_settings *s)
{
	s->tick_ms = env_int("TTS_SANDBOX_TICK_MS", 250, 10, 60000);
	s->live = env_int("TTS_SANDBOX_LIVE", 0, 0, 1);
	s->live_interval = env_int("TTS_SANDBOX_LIVE_INTERVAL", 180, 1, 86400);
	s->notice_days = env_int("TTS_SANDBOX_EXPIRY_NOTICE_DAYS", 30, 1, 365);
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
	nanosleep(&ts, NULL); /* a signal cuts it short, which is what stopping wants */
}

static void install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* Runs the live step when its interval has passed (remembered in the database, so restarts keep pace). */
static void maybe_live(struct db *db, struct arena *a, const struct ticker_settings *s)
{
	struct db_rows rows;
	if (db_query(db, a, SB_CONTROL_LIVE_GET, NULL, 0, &rows) <= 0)
		return;
	int64_t wall = (int64_t)time(NULL);
	if (wall - db_cell_i64(&rows, 0, SB_CONTROL_LIVE_GET_LAST_RUN) < s->live_interval)
		return;
	struct db_param p[] = { P_I64(wall) };
	if (db_exec(db, SB_CONTROL_LIVE_SET, p, 1, NULL) < 0)
		return;
	if (live_step(db, a, sb_now(db, a)) != 0)
		log_warn("sandbox_live", "error=\"the live step failed\"");
}

int ticker_run(const struct config *cfg, const struct ticker_settings *s, pid_t server)
{
	install();
	struct db_opts o = { cfg->db_host, cfg->db_port, cfg->db_socket, cfg->db_user, cfg->db_password,
	                     cfg->sandbox_db_name, 0 };
	int rc = 0;
	struct db *db = db_open(&o, sb_sql, SB_STMT__MAX);
	CURL *curl = NULL;
	struct arena a;
	arena_init(&a);
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0 || (curl = curl_easy_init()) == NULL) {
		log_error("ticker", "error=\"libcurl initialisation failed\"");
		rc = 1;
		goto out;
	}
	log_info("ticker_start", "tick_ms=%d live=%d live_interval=%d", s->tick_ms, s->live, s->live_interval);
	int64_t last_notice = 0, last_purge = 0;
	while (!stop) {
		int status;
		pid_t dead = waitpid(server, &status, WNOHANG);
		if (dead == server) {
			log_error("ticker", "error=\"the FastCGI server exited\" status=%d", status);
			server = 0;
			rc = 1;
			break;
		}
		int64_t ms = sb_wall_ms();
		/* TikTok decides the requests whose deadline passed; their webhooks go out in this same pass, and a backlog
		 * of webhooks goes out at once (batch after batch, for up to a second), as TikTok sends them */
		rr_expire_due(db, &a, sb_now(db, &a));
		for (int64_t t0 = sb_wall_ms(); !stop && wh_deliver_due(db, &a, curl) > 0 && sb_wall_ms() - t0 < 1000;)
			arena_reset(&a);
		if (ms - last_notice >= NOTICE_EVERY_MS) {
			last_notice = ms;
			expiry_notices(db, &a, sb_now(db, &a), s->notice_days);
		}
		if (ms - last_purge >= PURGE_EVERY_MS) {
			last_purge = ms;
			struct db_param p[] = { P_I64(sb_now(db, &a) - CONSENT_TTL) };
			db_exec(db, SB_CONSENT_PURGE, p, 1, NULL);
		}
		if (s->live)
			maybe_live(db, &a, s);
		arena_reset(&a);
		if (!stop)
			sleep_ms(s->tick_ms);
	}
out:
	if (server > 0) {
		kill(server, SIGTERM);
		while (waitpid(server, NULL, 0) < 0 && errno == EINTR)
			;
	}
	arena_free(&a);
	if (curl != NULL)
		curl_easy_cleanup(curl);
	curl_global_cleanup();
	db_close(db);
	log_info("ticker_stop", "rc=%d", rc);
	return rc;
}
