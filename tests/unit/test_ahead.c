/* Unit tests of the sync worker's second thread: each call runs once, on another thread, its writes seen after the
 * wait; a stop signal never lands on it; freeing waits for a call in flight. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "core/arena.h"
#include "sync/ahead.h"

struct call {
	int runs;
	pthread_t on;
	int blocked;            /* SIGTERM was blocked in the thread that ran it */
	struct arena arena;     /* written only by the call */
	const char *made;
	long spin_ns;
};

static void run_call(void *arg)
{
	struct call *c = arg;
	c->runs++;
	c->on = pthread_self();
	sigset_t now;
	pthread_sigmask(SIG_SETMASK, NULL, &now);
	c->blocked = sigismember(&now, SIGTERM) == 1 && sigismember(&now, SIGINT) == 1;
	if (c->spin_ns > 0) {
		struct timespec ts = { 0, c->spin_ns };
		nanosleep(&ts, NULL);
	}
	c->made = arena_printf(&c->arena, "page %d", c->runs);
}

static void test_calls_run_once_each_on_the_other_thread(void **state)
{
	(void)state;
	struct ahead *h = ahead_new();
	struct call c[2];
	memset(c, 0, sizeof(c));
	arena_init(&c[0].arena);
	arena_init(&c[1].arena);
	/* the paging pattern: start the next while the current one's result is used, 2,000 times */
	ahead_start(h, run_call, &c[0]);
	for (int i = 0; i < 2000; i++) {
		ahead_wait(h);
		struct call *cur = &c[i & 1], *next = &c[(i + 1) & 1];
		assert_int_equal(cur->runs, i / 2 + 1);
		char want[32];
		snprintf(want, sizeof(want), "page %d", cur->runs);
		assert_string_equal(cur->made, want);
		assert_false(pthread_equal(cur->on, pthread_self()));
		assert_true(cur->blocked);
		arena_reset(&next->arena);
		ahead_start(h, run_call, next);
		arena_reset(&cur->arena);   /* the current call's memory is the caller's again */
	}
	ahead_wait(h);
	assert_int_equal(c[0].runs + c[1].runs, 2001);
	ahead_wait(h);   /* nothing in flight: returns at once */
	ahead_free(h);
	arena_free(&c[0].arena);
	arena_free(&c[1].arena);
}

static void test_free_waits_for_the_call_in_flight(void **state)
{
	(void)state;
	struct ahead *h = ahead_new();
	struct call c;
	memset(&c, 0, sizeof(c));
	arena_init(&c.arena);
	c.spin_ns = 50 * 1000 * 1000;
	ahead_start(h, run_call, &c);
	ahead_free(h);   /* returns only after the call wrote its result */
	assert_int_equal(c.runs, 1);
	assert_string_equal(c.made, "page 1");
	arena_free(&c.arena);
	ahead_free(NULL);
}

static volatile sig_atomic_t got;
static pthread_t handled_on;

static void on_term(int sig)
{
	(void)sig;
	got = 1;
	handled_on = pthread_self();
}

static void test_a_stop_signal_reaches_the_callers_thread(void **state)
{
	(void)state;
	struct sigaction sa, old;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, &old);
	struct ahead *h = ahead_new();
	struct call c;
	memset(&c, 0, sizeof(c));
	arena_init(&c.arena);
	c.spin_ns = 20 * 1000 * 1000;
	ahead_start(h, run_call, &c);
	got = 0;
	kill(getpid(), SIGTERM);   /* process-directed: the kernel picks a thread that does not block it */
	ahead_wait(h);
	assert_int_equal(got, 1);
	assert_true(pthread_equal(handled_on, pthread_self()));
	ahead_free(h);
	arena_free(&c.arena);
	sigaction(SIGTERM, &old, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_calls_run_once_each_on_the_other_thread),
		cmocka_unit_test(test_free_waits_for_the_call_in_flight),
		cmocka_unit_test(test_a_stop_signal_reaches_the_callers_thread),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
