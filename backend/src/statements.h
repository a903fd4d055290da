/* The app's statement table: every statement id, feature by feature; each feature's SQL is beside it
 * (<feature>_sql.c). */
#ifndef STATEMENTS_H
#define STATEMENTS_H

/* The result columns every feature shares: read columns by name (db_cell(rows, i, CONN_LIST_SHOP_NAME)), never by
 * bare position. Each statement's count is checked against the prepared statement when the binary starts. */
enum one_col { ONE_VALUE, ONE__NCOLS };          /* STMT_HEALTH, and every SELECT COUNT(*) */
enum id_col { ID_ID, ID__NCOLS };                /* SELECT id ...: token check, shop taken, job picks, dedupe */

#include "accounts/accounts_sql.h"
#include "after_sales/after_sales_sql.h"
#include "api/api_sql.h"
#include "audit/audit_sql.h"
#include "connections/connections_sql.h"
#include "fulfillment/fulfillment_sql.h"
#include "mail/mail_sql.h"
#include "orders/orders_sql.h"
#include "overview/overview_sql.h"
#include "products/products_sql.h"
#include "stock/stock_sql.h"
#include "stock_push/stock_push_sql.h"
#include "stock_docs/stock_docs_sql.h"
#include "staff/staff_sql.h"
#include "sync/sync_sql.h"

enum stmt {
	API_STATEMENTS,
	ACCOUNTS_STATEMENTS,
	CONNECTIONS_STATEMENTS,
	SYNC_STATEMENTS,
	ORDERS_STATEMENTS,
	PRODUCTS_STATEMENTS,
	STOCK_STATEMENTS,
	STOCK_PUSH_STATEMENTS,
	STOCK_DOCS_STATEMENTS,
	OVERVIEW_STATEMENTS,
	FULFILLMENT_STATEMENTS,
	AFTER_SALES_STATEMENTS,
	MAIL_STATEMENTS,
	STAFF_STATEMENTS,
	AUDIT_STATEMENTS,
	STMT__MAX
};

/* One statement: its text and, for a SELECT, the number of its result columns (0: not a SELECT). */
struct sql_statement {
	const char *text;
	int ncols;
};

/* Each feature's statements, indexed by enum stmt with only its own ids given (designated initializers). */
extern const struct sql_statement api_sql[STMT__MAX], accounts_sql[STMT__MAX], connections_sql[STMT__MAX],
	sync_sql[STMT__MAX], orders_sql[STMT__MAX], products_sql[STMT__MAX], stock_sql[STMT__MAX],
	stock_push_sql[STMT__MAX], overview_sql[STMT__MAX];
extern const struct sql_statement stock_docs_sql[STMT__MAX];
extern const struct sql_statement fulfillment_sql[STMT__MAX];
extern const struct sql_statement after_sales_sql[STMT__MAX];
extern const struct sql_statement mail_sql[STMT__MAX];
extern const struct sql_statement staff_sql[STMT__MAX];
extern const struct sql_statement audit_sql[STMT__MAX];

/* The whole table, filled by statements_load() from the features' tables. */
extern const char *sql_statements[STMT__MAX];
extern int sql_columns[STMT__MAX];

/* Merges the features' tables; -1 (each fault logged) when an id has no statement or more than one. */
int statements_load(void);

#endif
