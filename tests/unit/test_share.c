/* A merchant's share of the workers for heavy requests: every worker while no other merchant waits, half of them once
 * one did; each worker is played in turn here (the slots are the same shared memory the pool's workers map). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "http/share.h"

enum { A = 7, B = 9 };

/* Worker i takes a heavy request of merchant m: 1 admitted, 0 refused. */
static int heavy(int i, int64_t m)
{
	share_worker(i);
	return share_begin(m);
}

static void test_alone_every_worker_then_half_once_another_waited(void **state)
{
	(void)state;
	assert_int_equal(share_init(4), 0);
	/* alone, A may run a heavy request on every worker */
	assert_int_equal(heavy(0, A), 1);
	assert_int_equal(heavy(1, A), 1);
	assert_int_equal(heavy(2, A), 1);
	share_worker(3);
	assert_int_equal(share_full(A), 0);
	/* B's request waited for a worker (queued behind A's) and was answered by worker 3 */
	share_end(B, 1);
	assert_int_equal(share_full(A), 1);
	assert_int_equal(share_begin(A), 0);
	/* B itself is not held back, nor A below its share (two of four workers) */
	assert_int_equal(heavy(3, B), 1);
	share_end(0, 0);
	share_worker(1);
	share_end(A, 0);  /* worker 1's heavy request of A is done: A holds workers 0 and 2 */
	assert_int_equal(heavy(3, A), 0);
	share_worker(2);
	share_end(A, 0);  /* A holds worker 0 only */
	assert_int_equal(heavy(3, A), 1);
}

static void test_own_and_anonymous_waits_do_not_hold_a_merchant_back(void **state)
{
	(void)state;
	assert_int_equal(share_init(2), 0);
	assert_int_equal(heavy(0, A), 1);
	share_worker(1);
	share_end(A, 1);  /* A's own request waited */
	share_end(0, 1);  /* a caller without a merchant (a webhook, a health check) waited */
	assert_int_equal(share_full(A), 0);
	assert_int_equal(share_begin(A), 1);
}

static void test_own_waits_do_not_erase_anothers(void **state)
{
	(void)state;
	assert_int_equal(share_init(4), 0);
	assert_int_equal(heavy(0, A), 1);
	assert_int_equal(heavy(1, A), 1);
	assert_int_equal(heavy(2, A), 1);
	share_worker(3);
	share_end(A, 1);  /* worker 3 answers A's requests, which waited */
	share_end(B, 1);  /* B waited behind A's searches, answered by worker 3 */
	share_end(A, 1);  /* then A's again */
	share_end(A, 1);
	assert_int_equal(share_full(A), 1);
	assert_int_equal(share_begin(A), 0);
}

static void test_a_search_weighed_light_gives_its_place_back(void **state)
{
	(void)state;
	assert_int_equal(share_init(4), 0);
	assert_int_equal(heavy(0, A), 1);
	assert_int_equal(heavy(1, A), 1);
	share_worker(3);
	share_end(B, 1);  /* B waited: A is held to two workers */
	assert_int_equal(heavy(2, A), 0);
	share_worker(1);
	share_release();  /* worker 1's search of A was weighed light: it no longer counts */
	assert_int_equal(heavy(2, A), 1);
	share_worker(1);
	assert_int_equal(share_begin(A), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alone_every_worker_then_half_once_another_waited),
		cmocka_unit_test(test_own_and_anonymous_waits_do_not_hold_a_merchant_back),
		cmocka_unit_test(test_own_waits_do_not_erase_anothers),
		cmocka_unit_test(test_a_search_weighed_light_gives_its_place_back),
	};
	return cmocka_run_group_tests_name("share", tests, NULL, NULL);
}
