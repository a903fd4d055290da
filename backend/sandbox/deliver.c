/* Delivering webhooks with libcurl: signed POSTs, the app's answer logged, retries on TikTok's schedule. */
#include "webhook.h"
#include "sb.h"
#include "sb_sql.h"
#include "verify.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/log.h"
#include "db/db.h"
#include <string.h>

#define MAX_ATTEMPTS 5
#define ANSWER_MAX 1000

/* TikTok retries after 2 min, 30 min, 3 h and 12 h, then gives up. */
static const int retry_after_s[MAX_ATTEMPTS - 1] = { 120, 1800, 10800, 43200 };

static size_t on_body(char *p, size_t size, size_t n, void *userdata)
{
	struct buf *b = userdata;
	size_t len = size * n;
	size_t room = b->len < ANSWER_MAX ? ANSWER_MAX - b->len : 0;
	buf_append(b, p, len < room ? len : room);
	return len;
}

struct answer {
	long status;
	char error[CURL_ERROR_SIZE];
	struct buf body;
	int ms;
};

static void post(CURL *curl, const struct sb_app *app, const char *payload, struct answer *ans)
{
	char sign[65];
	sbv_webhook_sign(app->app_key, app->app_secret, payload, strlen(payload), sign);
	char auth[96];
	snprintf(auth, sizeof(auth), "Authorization: %s", sign);
	struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
	h = curl_slist_append(h, auth);
	h = curl_slist_append(h, "User-Agent: TikTok-Shop-Sandbox-Webhook/1.0");
	h = curl_slist_append(h, "Expect:");
	curl_easy_reset(curl);
	curl_easy_setopt(curl, CURLOPT_URL, app->webhook_url);
	curl_easy_setopt(curl, CURLOPT_POST, 1L);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, payload);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)strlen(payload));
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 2000L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 3000L);  /* TikTok wants the answer within 3 s */
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, ans->error);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &ans->body);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	ans->error[0] = '\0';
	int64_t t0 = sb_wall_ms();
	CURLcode rc = curl_easy_perform(curl);
	ans->ms = (int)(sb_wall_ms() - t0);
	ans->status = 0;
	if (rc == CURLE_OK)
		curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &ans->status);
	else if (ans->error[0] == '\0')
		snprintf(ans->error, sizeof(ans->error), "%s", curl_easy_strerror(rc));
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, NULL);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(h);
}

/* One attempt of one notification, logged and rescheduled. */
static int attempt(struct db *db, CURL *curl, const struct sb_app *app, int64_t id, const char *payload, int tries)
{
	struct answer ans;
	memset(&ans, 0, sizeof(ans));
	buf_init(&ans.body, ANSWER_MAX + 1);
	int64_t sent = sb_wall_ms();
	if (*app->webhook_url == '\0')
		snprintf(ans.error, sizeof(ans.error), "no webhook_url is registered");
	else
		post(curl, app, payload, &ans);
	int ok = ans.status >= 200 && ans.status < 300;
	tries++;
	int64_t next = 0;
	const char *status = ok ? "delivered" : (tries >= MAX_ATTEMPTS ? "failed" : "pending");
	if (!ok && tries < MAX_ATTEMPTS)
		next = sb_wall_ms() + (int64_t)((double)retry_after_s[tries - 1] * 1000.0 * app->retry_scale);
	struct db_param pa[] = { P_I64(id), P_I64(tries), P_STR(app->webhook_url), P_I64(sent), P_I64(ans.status),
	                         P_STRN(ans.body.data != NULL ? ans.body.data : "", ans.body.len),
	                         P_STR(ans.error), P_I64(ans.ms) };
	struct db_param pw[] = { P_STR(status), P_I64(tries), P_I64(next), P_I64(id) };
	int rc = db_exec(db, SB_ATTEMPT_INSERT, pa, 8, NULL) < 0 || db_exec(db, SB_WEBHOOK_RESULT, pw, 4, NULL) < 0 ? -1 : 0;
	log_info("webhook", "id=%lld attempt=%d status=%ld ms=%d result=%s error=\"%s\"", (long long)id, tries,
	         ans.status, ans.ms, status, ans.error);
	buf_free(&ans.body);
	return rc;
}

int wh_deliver_due(struct db *db, struct arena *a, CURL *curl)
{
	struct db_param p[] = { P_I64(sb_wall_ms()) };
	struct db_rows rows;
	int n = db_query(db, a, SB_WEBHOOKS_DUE, p, 1, &rows);
	if (n <= 0)
		return n;
	struct sb_app app;
	if (sb_app_load(db, a, &app) <= 0)
		return -1;
	for (int i = 0; i < n; i++)
		if (attempt(db, curl, &app, db_cell_i64(&rows, i, SB_WEBHOOKS_DUE_ID), db_cell(&rows, i, SB_WEBHOOKS_DUE_PAYLOAD),
		            (int)db_cell_i64(&rows, i, SB_WEBHOOKS_DUE_ATTEMPTS)) != 0)
			return -1;
	return n;
}
