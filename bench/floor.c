/* The bench's FastCGI floor: a prefork libfcgi program answering every request with one fixed JSON body.
 * Usage: floor SOCKET BODY_FILE WORKERS. It measures nginx + FastCGI + the workers' accept loop, nothing else:
 * the same socket backlog (128), the same response headers as the app (Status, X-Request-Id, Cache-Control,
 * Content-Type, Content-Length). Stops on SIGTERM. Built and started by the bench only (scripts/bench.sh). */
#include <fcgiapp.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_WORKERS 64

static volatile sig_atomic_t stopping;

static void on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

/* The whole file in memory (malloc'ed, *len bytes); NULL when it cannot be read. */
static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	char *data = NULL;
	long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
	if (size >= 0 && fseek(f, 0, SEEK_SET) == 0 && (data = malloc((size_t)size + 1)) != NULL &&
	    fread(data, 1, (size_t)size, f) != (size_t)size) {
		free(data);
		data = NULL;
	}
	fclose(f);
	*len = (size_t)(size > 0 ? size : 0);
	return data;
}

static void worker(int sock, const char *body, size_t len)
{
	FCGX_Request req;
	char head[256];
	unsigned long n = 0;
	signal(SIGTERM, SIG_DFL); /* nothing to clean up: a worker just goes */
	signal(SIGINT, SIG_DFL);
	if (FCGX_InitRequest(&req, sock, 0) != 0)
		_exit(1);
	while (!stopping && FCGX_Accept_r(&req) >= 0) {
		int hl = snprintf(head, sizeof(head),
		                  "Status: 200 OK\r\nX-Request-Id: floor%011lx%05lx\r\nCache-Control: no-store\r\n"
		                  "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n",
		                  (unsigned long)getpid(), n++ & 0xfffff, len);
		FCGX_PutStr(head, hl, req.out);
		FCGX_PutStr(body, (int)len, req.out);
		FCGX_Finish_r(&req);
	}
	FCGX_Free(&req, 1);
	_exit(0);
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: %s SOCKET BODY_FILE WORKERS\n", argv[0]);
		return 2;
	}
	int workers = atoi(argv[3]);
	if (workers < 1 || workers > MAX_WORKERS) {
		fprintf(stderr, "floor: WORKERS must be 1..%d\n", MAX_WORKERS);
		return 2;
	}
	size_t len;
	char *body = read_file(argv[2], &len);
	if (body == NULL) {
		fprintf(stderr, "floor: cannot read %s: %s\n", argv[2], strerror(errno));
		return 1;
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	if (FCGX_Init() != 0) {
		fprintf(stderr, "floor: FCGX_Init failed\n");
		return 1;
	}
	unlink(argv[1]);
	int sock = FCGX_OpenSocket(argv[1], 128);
	if (sock < 0) {
		fprintf(stderr, "floor: cannot listen on %s\n", argv[1]);
		return 1;
	}
	chmod(argv[1], 0666);
	pid_t pids[MAX_WORKERS];
	for (int i = 0; i < workers; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			worker(sock, body, len);
	}
	fprintf(stderr, "floor: %d workers on %s answering %zu bytes\n", workers, argv[1], len);
	while (!stopping)
		pause();
	for (int i = 0; i < workers; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
		;
	close(sock);
	unlink(argv[1]);
	free(body);
	return 0;
}
