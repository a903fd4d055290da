/* The e-mails' words per kind and language: paragraphs with {placeholders}, one button with the link; the plain text
 * and the HTML part are made from the same words, so the two never say different things. */
#include "mail/templates.h"
#include "core/arena.h"
#include "core/buf.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yajl/yajl_tree.h>

#define VN_OFFSET_SECONDS 25200   /* dates are shown in Vietnam's time (UTC+7, no daylight saving) */
#define MAX_PARAS 4

struct words {
	const char *subject;
	const char *paras[MAX_PARAS];   /* NULL-ended */
	const char *button;
	const char *after;              /* below the link: why the reader got it */
};

struct kind {
	const char *kind;
	const char *const *needs;       /* the variables the template reads, NULL-ended */
	struct words vi, en;
};

static const char *const invitation_needs[] = { "link", "inviter_name", "merchant_name", "role", "expires_at", NULL };
static const char *const reset_needs[] = { "link", "expires_at", NULL };
static const char *const reconnect_needs[] = { "link", "shop_name", NULL };

static const struct kind kinds[] = {
	{ "invitation", invitation_needs,
	  { "{inviter_name} mời bạn làm nhân viên của {merchant_name}",
	    { "Xin chào,", "{inviter_name} mời bạn tham gia cửa hàng {merchant_name} với vai trò {role}.",
	      "Mở liên kết dưới đây để đặt tên và mật khẩu của bạn. Lời mời dùng được một lần, đến {expires_at}.", NULL },
	    "Nhận lời mời", "Nếu bạn không chờ lời mời này, hãy bỏ qua e-mail." },
	  { "{inviter_name} invited you to join {merchant_name}",
	    { "Hello,", "{inviter_name} invited you to join the store {merchant_name} as {role}.",
	      "Open the link below to set your name and password. The invitation can be used once, until {expires_at}.",
	      NULL },
	    "Accept the invitation", "If you did not expect this invitation, ignore this e-mail." } },
	{ "password_reset", reset_needs,
	  { "Đặt lại mật khẩu",
	    { "Xin chào,", "Có yêu cầu đặt lại mật khẩu cho tài khoản của bạn.",
	      "Mở liên kết dưới đây để đặt mật khẩu mới. Liên kết dùng được một lần, đến {expires_at}; "
	      "sau khi đặt lại, mọi phiên đăng nhập của bạn sẽ kết thúc.", NULL },
	    "Đặt mật khẩu mới", "Nếu bạn không yêu cầu, hãy bỏ qua e-mail: mật khẩu của bạn không đổi." },
	  { "Reset your password",
	    { "Hello,", "Someone asked to reset the password of your account.",
	      "Open the link below to choose a new password. The link can be used once, until {expires_at}; "
	      "after the reset every session of yours is signed out.", NULL },
	    "Choose a new password", "If you did not ask for this, ignore this e-mail: your password stays the same." } },
	{ "reconnect", reconnect_needs,
	  { "Gian hàng {shop_name} cần kết nối lại với TikTok",
	    { "Xin chào,", "TikTok không còn chấp nhận quyền truy cập của gian hàng {shop_name}.",
	      "Đơn hàng và tồn kho của gian hàng ngừng đồng bộ cho đến khi bạn kết nối lại: "
	      "Cài đặt → Đồng bộ sàn TMĐT → Tiktok → Kết nối lại.", NULL },
	    "Kết nối lại", "Bạn nhận e-mail này vì bạn là chủ cửa hàng." },
	  { "Shop {shop_name} must be reconnected to TikTok",
	    { "Hello,", "TikTok no longer accepts the authorization of the shop {shop_name}.",
	      "Its orders and stock stop syncing until you reconnect it: "
	      "Settings → Marketplace sync → TikTok → Reconnect.", NULL },
	    "Reconnect", "You received this e-mail because you are the store's owner." } },
};

/* The roles' names as the screens say them (docs/glossary.md). */
static const struct {
	const char *code, *vi, *en;
} roles[] = {
	{ "owner", "Chủ cửa hàng", "Owner" },
	{ "manager", "Quản lý", "Manager" },
	{ "warehouse", "Thủ kho", "Warehouse keeper" },
	{ "accountant", "Kế toán", "Accountant" },
};

static const struct kind *kind_of(const char *kind)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i].kind, kind) == 0)
			return &kinds[i];
	return NULL;
}

int mail_kind_known(const char *kind)
{
	return kind != NULL && kind_of(kind) != NULL;
}

/* A variable as the reader sees it: a role by its name, a time as dd/MM/yyyy HH:mm. */
static const char *shown(struct arena *a, const char *name, const char *value, int en)
{
	if (strcmp(name, "role") == 0) {
		for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
			if (strcmp(roles[i].code, value) == 0)
				return en ? roles[i].en : roles[i].vi;
		return value;
	}
	if (strcmp(name, "expires_at") == 0) {
		char *end;
		long long t = strtoll(value, &end, 10);
		if (*value == '\0' || *end != '\0')
			return value;
		time_t local = (time_t)(t + VN_OFFSET_SECONDS);
		struct tm tm;
		gmtime_r(&local, &tm);
		return arena_printf(a, "%02d/%02d/%04d %02d:%02d", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900,
		                    tm.tm_hour, tm.tm_min);
	}
	return value;
}

static void put_escaped(struct buf *b, const char *s, int html)
{
	if (!html) {
		buf_puts(b, s);
		return;
	}
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		default: buf_append(b, s, 1);
		}
	}
}

struct values {
	const char *const *names;
	const char *shown[8];
};

/* Copies `tpl` with each {name} replaced by its value (escaped for HTML); -1 for a name the kind does not have. */
static int fill(struct buf *b, const char *tpl, const struct values *v, int html)
{
	while (*tpl != '\0') {
		const char *open = strchr(tpl, '{');
		if (open == NULL) {
			put_escaped(b, tpl, html);
			return 0;
		}
		const char *close = strchr(open, '}');
		if (close == NULL)
			return -1;
		char *lit = strndup(tpl, (size_t)(open - tpl));
		if (lit == NULL)
			return -1;
		put_escaped(b, lit, html);
		free(lit);
		size_t n = (size_t)(close - open - 1);
		int found = 0;
		for (int i = 0; v->names[i] != NULL; i++) {
			if (strlen(v->names[i]) == n && strncmp(v->names[i], open + 1, n) == 0) {
				put_escaped(b, v->shown[i], html);
				found = 1;
				break;
			}
		}
		if (!found)
			return -1;
		tpl = close + 1;
	}
	return 0;
}

static int link_of(const struct values *v, const char **link)
{
	for (int i = 0; v->names[i] != NULL; i++)
		if (strcmp(v->names[i], "link") == 0) {
			*link = v->shown[i];
			return 0;
		}
	return -1;
}

static char *take(struct arena *a, struct buf *b)
{
	char *s = arena_strndup(a, b->data != NULL ? b->data : "", b->len);
	buf_free(b);
	return s;
}

int mail_render(struct arena *a, const char *kind, const char *lang, const char *vars_json, struct mail_text *out)
{
	const struct kind *k = kind != NULL ? kind_of(kind) : NULL;
	if (k == NULL || vars_json == NULL)
		return -1;
	int en = lang != NULL && strcmp(lang, "en") == 0;
	const struct words *w = en ? &k->en : &k->vi;
	yajl_val root = yajl_tree_parse(vars_json, NULL, 0);
	if (root == NULL || !YAJL_IS_OBJECT(root)) {
		yajl_tree_free(root);
		return -1;
	}
	struct values v = { .names = k->needs };
	int rc = 0;
	for (int i = 0; k->needs[i] != NULL; i++) {
		yajl_val s = yajl_tree_get(root, (const char *[]){ k->needs[i], NULL }, yajl_t_string);
		if (s == NULL) {
			rc = -1;
			break;
		}
		v.shown[i] = shown(a, k->needs[i], arena_strdup(a, YAJL_GET_STRING(s)), en);
	}
	yajl_tree_free(root);
	const char *link = NULL;
	if (rc != 0 || link_of(&v, &link) != 0)
		return -1;
	struct buf subject, text, html;
	buf_init(&subject, 0);
	buf_init(&text, 0);
	buf_init(&html, 0);
	rc |= fill(&subject, w->subject, &v, 0);
	buf_puts(&html, "<!DOCTYPE html>\n<html lang=\"");
	buf_puts(&html, en ? "en" : "vi");
	buf_puts(&html, "\"><head><meta charset=\"utf-8\"></head>\n<body style=\"font-family: sans-serif\">\n");
	for (int i = 0; w->paras[i] != NULL; i++) {
		rc |= fill(&text, w->paras[i], &v, 0);
		buf_puts(&text, "\n\n");
		buf_puts(&html, "<p>");
		rc |= fill(&html, w->paras[i], &v, 1);
		buf_puts(&html, "</p>\n");
	}
	buf_puts(&text, w->button);
	buf_puts(&text, ":\n");
	buf_puts(&text, link);
	buf_puts(&text, "\n\n");
	buf_puts(&text, w->after);
	buf_puts(&text, "\n");
	buf_puts(&html, "<p><a href=\"");
	put_escaped(&html, link, 1);
	buf_puts(&html, "\">");
	put_escaped(&html, w->button, 1);
	buf_puts(&html, "</a></p>\n<p style=\"color: #666\">");
	put_escaped(&html, w->after, 1);
	buf_puts(&html, "</p>\n</body></html>\n");
	/* a value with a line break must not start a second header line */
	for (size_t i = 0; i < subject.len; i++)
		if (subject.data[i] == '\r' || subject.data[i] == '\n')
			subject.data[i] = ' ';
	out->subject = take(a, &subject);
	out->text = take(a, &text);
	out->html = take(a, &html);
	return rc != 0 ? -1 : 0;
}
