/* Helpers every api handler shares: query-parameter validation, pagination, database failures. */
#ifndef API_COMMON_H
#define API_COMMON_H
#include <stdint.h>
#include "json/jread.h"

#define VIETNAM_UTC_OFFSET 25200   /* seconds: Vietnam days and local times are UTC+7 */
#define DAY_SECONDS 86400

struct arena;
struct request;
struct jw;

struct page {
	int64_t page;
	int64_t per_page;
	int64_t offset;
};

/* Query parameters are validated like bodies: errors collect in a jr and answer 422 together. */
void query_errors_init(struct jr *j, struct request *r);
/* A whole number in [min, max], def when absent. */
int64_t query_int(struct jr *j, struct request *r, const char *name, int64_t min, int64_t max, int64_t def);
/* A string of at most maxlen characters, trimmed; NULL when absent or empty. */
const char *query_str(struct jr *j, struct request *r, const char *name, size_t maxlen);
/* Search text for "LIKE CONCAT('%', ?, '%')": its wildcards (% and _) and LIKE's escape character matched as
 * themselves; NULL for NULL. Every search through LIKE binds its text through this. */
const char *like_text(struct arena *a, const char *s);
/* A time as Unix seconds: 2026-11-28, 2026-11-28T10:00:00Z or with an offset (+07:00); 0 when absent.
 * A bare date is midnight UTC, or the midnight after it when end_of_day. */
int64_t query_time(struct jr *j, struct request *r, const char *name, int end_of_day);

/* Reads ?page=&per_page= (defaults 1 and 50, per_page at most 200) into the same collector. */
void page_params(struct jr *j, struct request *r, struct page *p);
/* Answers 422 and returns -1 when the collector holds errors. */
int query_errors_answer(struct jr *j, struct request *r);

struct db_rows;
struct db_param;
/* Writes row i of a list as one JSON object. */
typedef void (*row_writer)(struct jw *w, const struct db_rows *rows, int i);

/* Answers one page of a list {"items", "page", "per_page", "total"}: count_stmt runs with the n
 * filter parameters in p, list_stmt with them followed by per_page and offset (p has room for n + 2). */
void answer_list(struct request *r, const struct page *pg, int count_stmt, int list_stmt, struct db_param *p, int n,
                 row_writer write);
/* A page of a list filtered by the caller's merchant alone: reads ?page=&per_page= and answers. */
void answer_merchant_list(struct request *r, int count_stmt, int list_stmt, row_writer write);
/* Answers 500 for a database failure, 503 query_timeout for a statement stopped by its time limit. */
void fail_db(struct request *r);
/* 409 reconnect_required: the shop's authorization is gone (reconnect it first). */
void refuse_reconnect_required(struct request *r);

#endif
