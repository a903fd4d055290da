/* The pool's shared slots of heavy requests and of waiting callers per worker (see share.h); counts are a snapshot, so
 * two workers starting at the same instant may both pass: the share is a bound for fairness, not a lock. */
#include "http/share.h"
#include "core/clock.h"
#include <stdatomic.h>
#include <stddef.h>
#include <sys/mman.h>

struct slot {
	_Atomic int64_t heavy;          /* the merchant whose heavy request this worker runs, 0: none */
	_Atomic int64_t waited;         /* the merchant of its last request that was queued, 0: none yet */
	_Atomic int64_t waited_ms;      /* when that request was answered (monotonic, shared by every process) */
};

static struct slot *slots;
static int nslots;
static int mine = -1;

int share_init(int workers)
{
	void *m = mmap(NULL, sizeof(*slots) * (size_t)workers, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return -1;
	slots = m;
	nslots = workers;
	for (int i = 0; i < workers; i++) {
		atomic_store(&slots[i].heavy, 0);
		atomic_store(&slots[i].waited, 0);
		atomic_store(&slots[i].waited_ms, 0);
	}
	return 0;
}

void share_worker(int index)
{
	mine = slots != NULL && index < nslots ? index : -1;
	if (mine >= 0)
		atomic_store(&slots[mine].heavy, 0);
}

/* 1 when another merchant's request waited for a worker within the window. */
static int others_waited(int64_t merchant_id)
{
	int64_t now = (int64_t)clock_ms();
	for (int i = 0; i < nslots; i++) {
		int64_t who = atomic_load(&slots[i].waited);
		if (who != 0 && who != merchant_id && now - atomic_load(&slots[i].waited_ms) < SHARE_WAIT_WINDOW_MS)
			return 1;
	}
	return 0;
}

int share_full(int64_t merchant_id)
{
	if (mine < 0)
		return 0;
	int held = 0, share = nslots / 2 > 0 ? nslots / 2 : 1;
	for (int i = 0; i < nslots; i++)
		if (i != mine && atomic_load(&slots[i].heavy) == merchant_id)
			held++;
	return held >= share && others_waited(merchant_id);
}

int share_begin(int64_t merchant_id)
{
	if (mine < 0)
		return 1;
	if (share_full(merchant_id))
		return 0;
	atomic_store(&slots[mine].heavy, merchant_id);
	return 1;
}

void share_release(void)
{
	if (mine >= 0)
		atomic_store(&slots[mine].heavy, 0);
}

void share_end(int64_t merchant_id, int queued)
{
	if (mine < 0)
		return;
	atomic_store(&slots[mine].heavy, 0);
	if (!queued || merchant_id == 0)
		return;
	/* a merchant's own waits never erase another's within the window: under a hammering merchant every request
	 * waits, and its own would otherwise overwrite, at once, the record of the merchant it holds up */
	int64_t now = (int64_t)clock_ms(), who = atomic_load(&slots[mine].waited);
	if (who != 0 && who != merchant_id && now - atomic_load(&slots[mine].waited_ms) < SHARE_WAIT_WINDOW_MS)
		return;
	atomic_store(&slots[mine].waited_ms, now);
	atomic_store(&slots[mine].waited, merchant_id);
}
