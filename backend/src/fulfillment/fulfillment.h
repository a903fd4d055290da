/* Steps the fulfillment jobs share: a bulk run's item results, a package's label fetched and kept, a run's labels
 * merged into its one document, the automatic slip rules of a shop. */
#ifndef FULFILLMENT_FULFILLMENT_H
#define FULFILLMENT_FULFILLMENT_H
#include <stdint.h>
#include "tiktok/answer.h"

struct arena;
struct config;
struct conn;
struct db;
struct job;
struct worker;

#define FF_BULK_MAX 500          /* order ids of one bulk request */
#define FF_LABELS_PAGE 100       /* packages whose label is due, read at a time (STMT_FF_LABELS_DUE's LIMIT) */

/* Ends one order of a run: done (code NULL) or failed with a code and its words. -1 on a database failure. */
int ff_item_set(struct worker *w, int64_t batch_id, int64_t position, const char *code, const char *message);

/* Fetches the shipping label of a package (row id, TikTok's id) and keeps it: 0 kept, 1 refused by TikTok (its words
 * in *error, also stored on the package), -1 when TikTok could not be asked (*st says why), -2 when it could not be
 * stored. */
int ff_label_fetch(struct worker *w, struct arena *a, const struct conn *c, int64_t row_id, const char *package_id,
                   enum tt_status *st, const char **error);

/* Once no order of the run is queued any more: a labels run's labels merged into one PDF (recorded as printed), and
 * the run marked finished. 0, or -1 on a failure (the caller retries). */
int ff_batch_settle(const struct config *cfg, struct db *db, struct arena *a, int64_t batch_id);

/* The automatic slip rules of a connection on the orders they have not worked on yet. -1 on a database failure. */
int ff_rules_run(struct worker *w, struct arena *a, int64_t connection_id, int64_t merchant_id);

#endif
