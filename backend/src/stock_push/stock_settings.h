/* A connection's stock push settings row, loaded for the stock push handlers (answers 404/409 itself). */
#ifndef STOCK_PUSH_STOCK_SETTINGS_H
#define STOCK_PUSH_STOCK_SETTINGS_H
#include <stdint.h>

struct request;
struct db_rows;

/* The caller's connection's stock settings row: 1 found, 0 answered (404 or database error). */
int stock_settings_load(struct request *r, int64_t id, struct db_rows *rows);
/* The same for a shop TikTok still accepts: 1 found and active, 0 answered (404, 409 reconnect_required, database). */
int stock_settings_load_active(struct request *r, int64_t id, struct db_rows *rows);

#endif
