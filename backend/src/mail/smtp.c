/* libcurl's SMTP client: MAIL FROM, one RCPT TO, DATA from memory; STARTTLS with the configured CA. */
#include "mail/smtp.h"
#include "core/config.h"
#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

#define CONNECT_TIMEOUT_SECONDS 10L
#define SEND_TIMEOUT_SECONDS 60L   /* well under the outbox lease (mail/mail_send.c) */

struct upload {
	const char *data;
	size_t len, off;
};

static size_t read_cb(char *out, size_t size, size_t nitems, void *userdata)
{
	struct upload *u = userdata;
	size_t n = size * nitems, left = u->len - u->off;
	if (n > left)
		n = left;
	memcpy(out, u->data + u->off, n);
	u->off += n;
	return n;
}

/* Why curl failed, as the outbox records it. */
static const char *code_of(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST: return "smtp_host_unknown";
	case CURLE_COULDNT_CONNECT: return "smtp_unreachable";
	case CURLE_OPERATION_TIMEDOUT: return "smtp_timeout";
	case CURLE_USE_SSL_FAILED: return "smtp_starttls_unavailable";
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CONNECT_ERROR: return "smtp_tls_failed";
	case CURLE_LOGIN_DENIED: return "smtp_auth_failed";
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING: return "smtp_connection_lost";
	default: return "smtp_failed";
	}
}

enum smtp_outcome smtp_send(const struct config *cfg, const char *from_addr, const char *to_addr, const char *message,
                            size_t len, char *code, size_t codelen)
{
	snprintf(code, codelen, "smtp_failed");
	CURL *h = curl_easy_init();
	if (h == NULL)
		return SMTP_RETRY;
	char url[512], from[320], to[320];
	snprintf(url, sizeof(url), "smtp://%s:%d", cfg->smtp_host, cfg->smtp_port);
	snprintf(from, sizeof(from), "<%s>", from_addr);
	snprintf(to, sizeof(to), "<%s>", to_addr);
	struct curl_slist *rcpt = curl_slist_append(NULL, to);
	struct upload u = { message, len, 0 };
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(h, CURLOPT_READDATA, &u);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT_SECONDS);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, SEND_TIMEOUT_SECONDS);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp");
	if (cfg->smtp_starttls)
		curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (*cfg->smtp_ca_file != '\0')
		curl_easy_setopt(h, CURLOPT_CAINFO, cfg->smtp_ca_file);
	if (*cfg->smtp_user != '\0') {
		curl_easy_setopt(h, CURLOPT_USERNAME, cfg->smtp_user);
		curl_easy_setopt(h, CURLOPT_PASSWORD, cfg->smtp_password);
	}
	CURLcode rc = curl_easy_perform(h);
	long reply = 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(h);
	if (rc == CURLE_OK) {
		*code = '\0';
		return SMTP_SENT;
	}
	if (reply >= 400 && reply < 600 && rc != CURLE_LOGIN_DENIED && rc != CURLE_USE_SSL_FAILED) {
		/* the server's own answer: 4xx asks to try again later, 5xx refuses for good */
		snprintf(code, codelen, "smtp_reply_%ld", reply);
		return reply >= 500 ? SMTP_REFUSED : SMTP_RETRY;
	}
	snprintf(code, codelen, "%s", code_of(rc));
	return SMTP_RETRY;
}
