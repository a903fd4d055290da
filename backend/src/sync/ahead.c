/* The sync worker's second thread: one call in flight at most, handed over and waited for under one mutex. */
#include "sync/ahead.h"
#include "core/alloc.h"
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>

struct ahead {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;   /* a call handed over, a call returned, or the end asked for */
	ahead_fn fn;         /* the call in flight (NULL: none) */
	void *arg;
	int quit;
};

static void *run(void *p)
{
	struct ahead *h = p;
	pthread_mutex_lock(&h->mu);
	for (;;) {
		while (h->fn == NULL && !h->quit)
			pthread_cond_wait(&h->cv, &h->mu);
		if (h->fn == NULL)
			break;
		ahead_fn fn = h->fn;
		void *arg = h->arg;
		pthread_mutex_unlock(&h->mu);
		fn(arg);
		pthread_mutex_lock(&h->mu);
		h->fn = NULL;
		h->arg = NULL;
		pthread_cond_broadcast(&h->cv);
	}
	pthread_mutex_unlock(&h->mu);
	return NULL;
}

struct ahead *ahead_new(void)
{
	struct ahead *h = xcalloc(1, sizeof(*h));
	if (pthread_mutex_init(&h->mu, NULL) != 0 || pthread_cond_init(&h->cv, NULL) != 0)
		abort();
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);   /* the new thread inherits the mask */
	int rc = pthread_create(&h->thread, NULL, run, h);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
		abort();
	return h;
}

void ahead_start(struct ahead *h, ahead_fn fn, void *arg)
{
	pthread_mutex_lock(&h->mu);
	if (h->fn != NULL || fn == NULL)
		abort();
	h->fn = fn;
	h->arg = arg;
	pthread_cond_broadcast(&h->cv);
	pthread_mutex_unlock(&h->mu);
}

void ahead_wait(struct ahead *h)
{
	pthread_mutex_lock(&h->mu);
	while (h->fn != NULL)
		pthread_cond_wait(&h->cv, &h->mu);
	pthread_mutex_unlock(&h->mu);
}

void ahead_free(struct ahead *h)
{
	if (h == NULL)
		return;
	pthread_mutex_lock(&h->mu);
	while (h->fn != NULL)
		pthread_cond_wait(&h->cv, &h->mu);
	h->quit = 1;
	pthread_cond_broadcast(&h->cv);
	pthread_mutex_unlock(&h->mu);
	pthread_join(h->thread, NULL);
	pthread_cond_destroy(&h->cv);
	pthread_mutex_destroy(&h->mu);
	free(h);
}
