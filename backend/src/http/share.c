/* The pool's shared slots of heavy requests per worker (see share.h); counts are a snapshot, so two workers starting at
 * the same instant may both pass: the share is a bound for fairness, not a lock. */
#include "http/share.h"
#include <stdatomic.h>
#include <stddef.h>
#include <sys/mman.h>

static _Atomic int64_t *slots;
static int nslots;
static int mine = -1;

int share_init(int workers)
{
	void *m = mmap(NULL, sizeof(*slots) * (size_t)workers, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return -1;
	slots = m;
	nslots = workers;
	for (int i = 0; i < workers; i++)
		atomic_store(&slots[i], 0);
	return 0;
}

void share_worker(int index)
{
	mine = slots != NULL && index < nslots ? index : -1;
	if (mine >= 0)
		atomic_store(&slots[mine], 0);
}

int share_begin(int64_t merchant_id)
{
	if (mine < 0)
		return 1;
	int held = 0, share = nslots / 2 > 0 ? nslots / 2 : 1;
	for (int i = 0; i < nslots; i++)
		if (i != mine && atomic_load(&slots[i]) == merchant_id)
			held++;
	if (held >= share)
		return 0;
	atomic_store(&slots[mine], merchant_id);
	return 1;
}

void share_end(void)
{
	if (mine >= 0)
		atomic_store(&slots[mine], 0);
}
