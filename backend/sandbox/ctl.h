/* Helpers shared by the /sandbox/ control API handlers (the app's error envelope, no signing). */
#ifndef SANDBOX_CTL_H
#define SANDBOX_CTL_H
#include <stdint.h>
#include <yajl/yajl_tree.h>

struct arena;
struct db;
struct jr;
struct request;

void ctl_fail_db(struct request *r);
/* A number member in [min, max] (def when absent); records a validation error otherwise. */
/* A query value that is a whole number of 1 to 18 digits and nothing else, or -1. */
int64_t ctl_whole(const char *s);
/* The range an order time given to the control API must lie in (2010-01-01 to 2100-01-01), as on TikTok. */
#define CTL_TIME_MIN 1262304000LL
#define CTL_TIME_MAX 4102444800LL
double ctl_number(struct jr *j, yajl_val obj, const char *field, double min, double max, double def);
/* The shop of path parameter 0 (a TikTok shop id): 1 found, 0 answered (404 or 500).
 * Fills the row id, its region and whether it authorized the app. */
int ctl_shop(struct request *r, int64_t *shop_id, const char **region, int *authorized);

/* Authorizes the app for all of the seller's shops and issues a 30-minute auth code (pages and
 * /sandbox/authorize). Returns the code in the arena, NULL on error. */
const char *sb_grant(struct db *db, struct arena *a, int64_t seller_id, int64_t now);
/* Checks an e-mail and password; returns the seller id, 0 when they do not match, -1 on error.
 * The seller's region goes to *region when not NULL. */
int64_t sb_login(struct db *db, struct arena *a, const char *email, const char *password, const char **region);

#endif
