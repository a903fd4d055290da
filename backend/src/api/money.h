/* Money in answers: prices, totals, revenue, amounts and costs reach only callers whose role may read money
 * (money.read). Every writer of a money field goes through here, so no screen, export or print view can forget. */
#ifndef API_MONEY_H
#define API_MONEY_H

struct jw;
struct request;

/* The caller of the request this worker now serves: the permission check calls it before every authenticated
 * route's handler (public routes write no money; a worker serves one request at a time). Hidden until then. */
void money_viewer(const struct request *r);
/* Whether the current caller may see money. */
int money_visible(void);
/* Writes the decimal `value` as member `key`, or nothing when the caller may not see money. */
void jw_money(struct jw *w, const char *key, const char *value);

#endif
