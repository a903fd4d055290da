/* The pool's shared slots of heavy requests and of waiting callers per worker (see share.h); counts are a snapshot, so
 * two workers starting at the same instant may both pass: the share is a bound for fairness, not a lock. */
#include "http/share.h"
#include "core/clock.h"
#include <stdatomic.h>
#include <stddef.h>
#include <sys/mman.h>

struct slot {
	_Atomic int64_t heavy;          /* the merchant whose heavy request this worker runs, 0: none */
	/* the merchants of the last two distinct requests of this worker that were queued (0: none yet), newest first,
	 * and when each was answered (monotonic, shared by every process): a merchant whose every request waits cannot
	 * erase the record of another it holds up */
	_Atomic int64_t waited[2];
	_Atomic int64_t waited_ms[2];
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
		for (int k = 0; k < 2; k++) {
			atomic_store(&slots[i].waited[k], 0);
			atomic_store(&slots[i].waited_ms[k], 0);
		}
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
	for (int i = 0; i < nslots; i++)
		for (int k = 0; k < 2; k++) {
			int64_t who = atomic_load(&slots[i].waited[k]);
			if (who != 0 && who != merchant_id && now - atomic_load(&slots[i].waited_ms[k]) < SHARE_WAIT_WINDOW_MS)
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
	struct slot *me = &slots[mine];
	int64_t now = (int64_t)clock_ms();
	if (atomic_load(&me->waited[0]) != merchant_id) { /* the newest record becomes the other one */
		atomic_store(&me->waited_ms[1], atomic_load(&me->waited_ms[0]));
		atomic_store(&me->waited[1], atomic_load(&me->waited[0]));
		atomic_store(&me->waited[0], merchant_id);
	}
	atomic_store(&me->waited_ms[0], now);
}
