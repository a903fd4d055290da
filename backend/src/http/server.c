/* FastCGI prefork server: socket, workers, request read/write, one log line per request. */
#include "http/server.h"
#include "http/request.h"
#include "http/share.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/log.h"
#include "db/db.h"
#include "json/jread.h"
#include <errno.h>
#include <fcntl.h>
#include <fcgiapp.h>
#include <malloc.h>
#include <mysql.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_WORKERS 256
#define DRAIN_MS 5000.0   /* after SIGTERM, how long a worker keeps taking connections already queued */
#define KEEP_FREE_BYTES (2 << 20) /* freed heap a worker keeps between requests; more goes back to the system */

/* Stopping (SIGTERM, SIGINT) drains instead of cutting: the stop signals stay blocked in every process except
 * while it waits (sigsuspend in the parent, ppoll in a worker), so no request is ever interrupted by one and none
 * is missed between a check of `stopping` and the wait. */
static volatile sig_atomic_t stopping;

static void on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

static void on_child(int sig)
{
	(void)sig; /* only ends the parent's sigsuspend */
}

/* Installs the handlers and blocks the stop signals (and SIGCHLD); *waitmask is the mask to wait with. */
static void install_stop_handler(sigset_t *waitmask)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_child;
	sigaction(SIGCHLD, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	sigset_t block;
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, waitmask);
	sigdelset(waitmask, SIGTERM);
	sigdelset(waitmask, SIGINT);
	sigdelset(waitmask, SIGCHLD);
}

static const char *fcgi_env(struct request *r, const char *name)
{
	FCGX_Request *f = r->fcgi;
	return FCGX_GetParam(name, f->envp);
}

static const char *param_copy(struct request *r, const char *name)
{
	const char *v = fcgi_env(r, name);
	return arena_strdup(r->arena, v != NULL ? v : "");
}

static void new_request_id(char out[33])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char raw[16];
	if (getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw))
		memset(raw, 0, sizeof(raw));
	for (int i = 0; i < 16; i++) {
		out[2 * i] = hex[raw[i] >> 4];
		out[2 * i + 1] = hex[raw[i] & 15];
	}
	out[32] = '\0';
}

/* Reads exactly CONTENT_LENGTH bytes. Returns 0, or 413 when over the cap (the body is drained). */
static int read_body(struct request *r, FCGX_Request *f, size_t cap)
{
	const char *cl = fcgi_env(r, "CONTENT_LENGTH");
	long long want = cl != NULL && *cl ? strtoll(cl, NULL, 10) : 0;
	if (want < 0)
		want = 0;
	if ((unsigned long long)want > cap) {
		char sink[8192];
		while (FCGX_GetStr(sink, sizeof(sink), f->in) > 0)
			;
		return 413;
	}
	char *body = arena_alloc(r->arena, (size_t)want + 1);
	size_t got = 0;
	while (got < (size_t)want) {
		int n = FCGX_GetStr(body + got, (int)((size_t)want - got), f->in);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	body[got] = '\0';
	r->body = body;
	r->body_len = got;
	return 0;
}

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 202: return "Accepted";
	case 204: return "No Content";
	case 302: return "Found";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 422: return "Unprocessable Entity";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "OK";
	}
}

static void write_response(struct request *r, FCGX_Request *f)
{
	FCGX_FPrintF(f->out, "Status: %d %s\r\nX-Request-Id: %s\r\nCache-Control: no-store\r\n",
	             r->status, reason(r->status), r->request_id);
	if (r->out_type != NULL)
		FCGX_FPrintF(f->out, "Content-Type: %s\r\n", r->out_type);
	if (r->headers.len > 0)
		FCGX_PutStr(r->headers.data, (int)r->headers.len, f->out);
	char cl[48];
	snprintf(cl, sizeof(cl), "Content-Length: %lu\r\n\r\n", (unsigned long)r->out.len);
	FCGX_PutS(cl, f->out);
	if (r->out.len > 0 && strcmp(r->method, "HEAD") != 0)
		FCGX_PutStr(r->out.data, (int)r->out.len, f->out);
}

static void handle(const struct app *app, const struct config *cfg, struct request *r, FCGX_Request *f)
{
	double t0 = clock_ms();
	r->fcgi = f;
	r->getenv = fcgi_env;
	r->method = param_copy(r, "REQUEST_METHOD");
	const char *uri = param_copy(r, "REQUEST_URI");
	size_t plen = strcspn(uri, "?");
	r->path = arena_strndup(r->arena, uri, plen);
	r->query = param_copy(r, "QUERY_STRING");
	r->content_type = param_copy(r, "CONTENT_TYPE");
	r->authorization = param_copy(r, "HTTP_AUTHORIZATION");
	r->remote_addr = param_copy(r, "REMOTE_ADDR");
	r->host = param_copy(r, "HTTP_HOST");
	new_request_id(r->request_id);
	db_clear_error(r->db);

	size_t cap = (size_t)cfg->body_max;
	for (const struct upload_cap *u = app->uploads; u != NULL && u->prefix != NULL; u++)
		if (strncmp(r->path, u->prefix, strlen(u->prefix)) == 0 && u->max > cap)
			cap = u->max;
	if (read_body(r, f, cap) == 413)
		resp_error(r, 413, "payload_too_large",
		           arena_printf(r->arena, "The request body is larger than %zu bytes.", cap));
	else
		dispatch(app, r);
	/* Whatever the handler made of it, a database that cannot be reached is a 503 the client may retry. */
	if (r->status >= 500 && r->status != 503 && db_unavailable(r->db)) {
		buf_reset(&r->headers);
		resp_header(r, "Retry-After", "2");
		resp_error(r, 503, "database_unavailable", "The database is unavailable for a moment; please try again.");
	}
	write_response(r, f);
	log_info("request", "id=%s method=%s path=\"%s\" status=%d ms=%.1f merchant=%lld",
	         r->request_id, r->method, r->path, r->status, clock_ms() - t0,
	         (long long)r->auth.merchant_id);
}

/* Whether the worker should take the next connection: waits (signals unblocked) until one is queued or a stop
 * signal comes. 1: try FCGX_Accept_r; 0: nothing to take, the worker ends. A stopping worker drains: it takes
 * what is already queued (non-blocking, for at most DRAIN_MS), and ends when the queue is empty. *queued: a
 * connection was already waiting when the worker came back (it arrived while this worker was busy). */
static int next_connection(int sock, const sigset_t *waitmask, double *drain_until, int *queued)
{
	*queued = 0;
	if (stopping) {
		if (*drain_until == 0)
			*drain_until = clock_ms() + DRAIN_MS;
		return clock_ms() < *drain_until;
	}
	struct pollfd p = { .fd = sock, .events = POLLIN };
	if (poll(&p, 1, 0) > 0) {
		*queued = 1;
		return 1;
	}
	int n = ppoll(&p, 1, NULL, waitmask);
	if (n < 0 && errno != EINTR) {
		log_error("accept", "error=\"%s\"", strerror(errno));
		return 0;
	}
	return 1; /* readable, or a signal: a stop drains what is queued */
}

/* After a large answer (an export) the freed memory would stay the worker's for good: once the free heap has grown by
 * more than KEEP_FREE_BYTES since the last trim, it goes back to the system. Trimmed free chunks inside the heap still
 * count as free, so the mark is what was free after the last trim: comparing with a fixed bound would trim after
 * every request once the heap is fragmented, and every trim (madvise) costs the next request its page faults. */
static void release_freed(size_t *trimmed)
{
	size_t free_now = mallinfo2().fordblks;
	if (free_now < *trimmed)
		*trimmed = free_now;
	if (free_now > *trimmed + KEEP_FREE_BYTES) {
		malloc_trim(0);
		*trimmed = mallinfo2().fordblks;
	}
}

static void worker_loop(const struct app *app, const struct config *cfg, int sock)
{
	sigset_t waitmask;
	install_stop_handler(&waitmask);
	signal(SIGCHLD, SIG_DFL);
	mysql_thread_init();
	struct db_opts o = { cfg->db_host, cfg->db_port, cfg->db_socket, cfg->db_user, cfg->db_password, app->db_name,
	                     app->statement_ms };
	struct db *db = db_open(&o, app->sql, app->nstmts);
	struct db *replica = NULL;
	if (*cfg->db_replica_host != '\0' || *cfg->db_replica_socket != '\0') {
		struct db_opts ro = { cfg->db_replica_host, cfg->db_replica_port, cfg->db_replica_socket, cfg->db_user,
		                      cfg->db_password, app->db_name, app->statement_ms };
		replica = db_open(&ro, app->sql, app->nstmts);
	}
	void *state = app->worker_init != NULL ? app->worker_init(cfg) : NULL;
	struct arena arena;
	arena_init(&arena);
	FCGX_Request f;
	FCGX_InitRequest(&f, sock, 0);
	double drain_until = 0;
	int queued;
	size_t trimmed = 0;
	while (next_connection(sock, &waitmask, &drain_until, &queued)) {
		/* The listening socket is non-blocking: another worker may have taken the connection, or the queue
		 * is empty (a stopping worker is then done). */
		int rc = FCGX_Accept_r(&f);
		if (rc == -EAGAIN || rc == -EWOULDBLOCK || rc == -EINTR) {
			if (stopping && rc != -EINTR)
				break;
			continue;
		}
		if (rc < 0) {
			log_error("accept", "error=%d", rc);
			break;
		}
		struct request r;
		memset(&r, 0, sizeof(r));
		r.arena = &arena;
		r.cfg = cfg;
		r.db = db;
		r.replica = replica;
		r.app = state;
		buf_init(&r.headers, 0);
		buf_init(&r.out, 0);
		r.status = 500;
		handle(app, cfg, &r, &f);
		share_end(r.auth.merchant_id, queued);
		FCGX_Finish_r(&f);
		if (r.json_root != NULL)
			yajl_tree_free(r.json_root);
		buf_free(&r.headers);
		buf_free(&r.out);
		arena_reset(&arena);
		release_freed(&trimmed);
	}
	close(sock); /* at once: once every process has closed it, new connections are refused */
	FCGX_Free(&f, 1);
	arena_free(&arena);
	if (app->worker_free != NULL)
		app->worker_free(state);
	db_close(db);
	db_close(replica);
	mysql_thread_end();
}

static pid_t spawn(const struct app *app, const struct config *cfg, int sock, int index)
{
	pid_t pid = fork();
	if (pid == 0) {
		share_worker(index);
		worker_loop(app, cfg, sock);
		mysql_library_end();
		exit(0);
	}
	if (pid < 0)
		log_error("fork", "error=\"%s\"", strerror(errno));
	return pid;
}

int server_run(const struct app *app, const struct config *cfg, const char *socket_path, int workers)
{
	if (workers > MAX_WORKERS)
		workers = MAX_WORKERS;
	if (FCGX_Init() != 0 || mysql_library_init(0, NULL, NULL) != 0) {
		log_error("start", "error=\"library initialisation failed\"");
		return 1;
	}
	struct db_opts o = { cfg->db_host, cfg->db_port, cfg->db_socket, cfg->db_user, cfg->db_password, app->db_name, 0 };
	struct db *check = db_open(&o, app->sql, app->nstmts);
	int prepared = db_prepare_all(check, app->ncols);
	if (prepared == 0 && app->start_check != NULL)
		prepared = app->start_check(check);
	db_close(check);
	if (prepared != 0) {
		log_error("start", "error=\"the database is unreachable or a statement does not prepare (see above)\"");
		return 1;
	}
	/* A path is a Unix socket (replaced, opened to nginx's workers); "host:port" is TCP (a pool on another host). */
	int unix_path = socket_path[0] == '/';
	if (unix_path)
		unlink(socket_path);
	int sock = FCGX_OpenSocket(socket_path, 128);
	if (sock < 0) {
		log_error("start", "error=\"cannot listen on %s\"", socket_path);
		return 1;
	}
	if (unix_path)
		chmod(socket_path, 0666);
	/* Non-blocking, so that a worker woken with others for one connection, or draining, never blocks in accept. */
	fcntl(sock, F_SETFL, fcntl(sock, F_GETFL) | O_NONBLOCK);
	sigset_t waitmask;
	install_stop_handler(&waitmask);
	pid_t pids[MAX_WORKERS];
	if (app->pool_init != NULL)
		app->pool_init(cfg);
	if (share_init(workers) != 0)
		log_warn("start", "error=\"no shared memory for the merchants' shares of heavy requests\"");
	for (int i = 0; i < workers; i++)
		pids[i] = spawn(app, cfg, sock, i);
	log_info("start", "app=%s socket=%s workers=%d", app->name, socket_path, workers);

	while (!stopping) {
		int status;
		pid_t dead;
		while ((dead = waitpid(-1, &status, WNOHANG)) > 0)
			for (int i = 0; i < workers; i++)
				if (pids[i] == dead) {
					log_warn("worker_exit", "worker=%d status=%d; restarting", (int)dead, status);
					pids[i] = spawn(app, cfg, sock, i);
				}
		if (!stopping)
			sigsuspend(&waitmask); /* a worker's exit or a stop signal */
	}
	/* Drain: each worker finishes its request and what is already queued, then exits; the parent's copy of
	 * the socket goes first, so it closes (new connections refused) as soon as the last worker is done. */
	log_info("stopping", "app=%s draining", app->name);
	close(sock);
	for (int i = 0; i < workers; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
		;
	if (unix_path)
		unlink(socket_path);
	mysql_library_end();
	log_info("stop", "app=%s", app->name);
	return 0;
}
