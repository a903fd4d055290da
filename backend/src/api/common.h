/* Helpers every api handler shares: pagination, database failures, user and merchant objects. */
#ifndef API_COMMON_H
#define API_COMMON_H
#include <stdint.h>

struct request;
struct jw;
struct db_rows;

struct page {
	int64_t page;
	int64_t per_page;
	int64_t offset;
};

/* Reads ?page=&per_page= (defaults 1 and 50, per_page at most 200); answers 422 and returns -1 when invalid. */
int page_params(struct request *r, struct page *p);
/* Opens the list envelope: {"items": [ ... — close with list_close. */
void list_open(struct jw *w);
void list_close(struct jw *w, const struct page *p, int64_t total);
/* Answers 500 for a database failure. */
void fail_db(struct request *r);

#endif
