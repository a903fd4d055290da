/* The sync worker: claims jobs from the shared table and runs each by its kind; schedules recurring work. */
#ifndef SYNC_WORKER_H
#define SYNC_WORKER_H
#include "sync/job.h"

/* Runs until *stopping is set; returns the exit code. */
int worker_run(struct worker *w);

#endif
