/* The app's statement table merged from the features' own tables, each id given by exactly one feature. */
#include "statements.h"
#include <stddef.h>
#include "core/log.h"

const char *sql_statements[STMT__MAX];
int sql_columns[STMT__MAX];

static const struct {
	const char *name;
	const struct sql_statement *table;
} features[] = {
	{ "api", api_sql },
	{ "accounts", accounts_sql },
	{ "connections", connections_sql },
	{ "sync", sync_sql },
	{ "orders", orders_sql },
	{ "products", products_sql },
	{ "stock", stock_sql },
	{ "stock_push", stock_push_sql },
	{ "stock_docs", stock_docs_sql },
	{ "overview", overview_sql },
	{ "fulfillment", fulfillment_sql },
	{ "after_sales", after_sales_sql },
	{ "mail", mail_sql },
	{ "staff", staff_sql },
	{ "audit", audit_sql },
};

int statements_load(void)
{
	int rc = 0;
	for (int id = 0; id < STMT__MAX; id++) {
		int given = 0;
		for (size_t f = 0; f < sizeof(features) / sizeof(features[0]); f++) {
			const struct sql_statement *s = &features[f].table[id];
			if (s->text == NULL)
				continue;
			if (given++ > 0) {
				log_error("statements_load", "statement %d is given twice (again by %s)", id, features[f].name);
				rc = -1;
			}
			sql_statements[id] = s->text;
			sql_columns[id] = s->ncols;
		}
		if (given == 0) {
			log_error("statements_load", "statement %d has no SQL in any feature's table", id);
			rc = -1;
		}
	}
	return rc;
}
