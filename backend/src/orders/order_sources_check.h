/* The orders list's sources checked against the database at start. */
#ifndef ORDERS_ORDER_SOURCES_CHECK_H
#define ORDERS_ORDER_SOURCES_CHECK_H

struct db;

/* Explains every source of the orders list (each names the indexes it reads by): an index hint naming an index the
 * schema lacks stops the api before it serves instead of failing the requests that take that source. 0 when all
 * pass; -1 otherwise (each failure logged by the database layer). */
int order_sources_check(struct db *db);

#endif
