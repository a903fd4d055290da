/* The authorization pages' layout (inline CSS, no outside assets), HTML escaping and form input. */
#include "page.h"
#include "core/arena.h"
#include "http/request.h"
#include "http/urlcode.h"
#include <string.h>

static const char css[] =
	"*{box-sizing:border-box}body{margin:0;font-family:-apple-system,'Segoe UI',Roboto,Arial,sans-serif;"
	"background:#f1f1f2;color:#161823}header{display:flex;justify-content:space-between;align-items:center;"
	"padding:14px 28px;background:#fff;border-bottom:1px solid #e3e3e4}.logo{font-weight:700;font-size:20px}"
	".logo b{color:#fe2c55}.lang a{margin-left:12px;color:#161823}.lang a[aria-current]{font-weight:700;"
	"text-decoration:none}main{max-width:480px;margin:40px auto;background:#fff;border-radius:8px;padding:32px;"
	"box-shadow:0 2px 12px rgba(0,0,0,.06)}h1{font-size:22px;margin:0 0 8px}p.sub{color:#5c5e66;margin:0 0 24px}"
	"label{display:block;font-weight:600;margin:16px 0 6px}input[type=email],input[type=password],"
	"input[type=text],select{width:100%;padding:10px 12px;border:1px solid #d0d1d3;border-radius:4px;font-size:15px}"
	"label.check{display:flex;gap:8px;font-weight:400;align-items:flex-start}button{font-size:15px;padding:11px 18px;"
	"border-radius:4px;border:1px solid #d0d1d3;background:#fff;cursor:pointer}button.primary{background:#fe2c55;"
	"color:#fff;border-color:#fe2c55;width:100%;margin-top:24px}.row{display:flex;gap:12px;margin-top:24px}"
	".row button{flex:1;margin-top:0}.error{background:#fff0f2;color:#c4002b;padding:10px 12px;border-radius:4px}"
	".code{font-size:28px;letter-spacing:6px;font-weight:700}.note{background:#f7f7f8;padding:10px 12px;"
	"border-radius:4px;color:#5c5e66}ul.shops{padding-left:20px}dialog{border:none;border-radius:8px;padding:28px;"
	"max-width:420px;width:90%}dialog::backdrop{background:rgba(0,0,0,.45)}.ok{color:#0a8a4a;font-size:22px}"
	"footer{text-align:center;color:#8a8b91;font-size:12px;margin-bottom:24px}";

const char *page_lang(struct request *r)
{
	const char *l = strcmp(r->method, "POST") == 0 ? page_form(r, "lang") : req_query(r, "lang");
	return l != NULL && strcmp(l, "en") == 0 ? "en" : "vi";
}

const char *page_form(struct request *r, const char *name)
{
	return query_get(r->arena, r->body != NULL ? r->body : "", name);
}

void page_raw(struct page *p, const char *html)
{
	buf_puts(&p->b, html);
}

void page_text(struct page *p, const char *text)
{
	for (const char *s = text != NULL ? text : ""; *s; s++) {
		switch (*s) {
		case '<': buf_puts(&p->b, "&lt;"); break;
		case '>': buf_puts(&p->b, "&gt;"); break;
		case '&': buf_puts(&p->b, "&amp;"); break;
		case '"': buf_puts(&p->b, "&quot;"); break;
		case '\'': buf_puts(&p->b, "&#39;"); break;
		default: buf_append(&p->b, s, 1); break;
		}
	}
}

const char *page_t(const struct page *p, const char *vi, const char *en)
{
	return p->en ? en : vi;
}

void page_hidden(struct page *p, const char *name, const char *value)
{
	page_raw(p, "<input type=\"hidden\" name=\"");
	page_text(p, name);
	page_raw(p, "\" value=\"");
	page_text(p, value);
	page_raw(p, "\">");
}

void page_error(struct page *p, const char *msg)
{
	if (msg == NULL)
		return;
	page_raw(p, "<p class=\"error\" role=\"alert\">");
	page_text(p, msg);
	page_raw(p, "</p>");
}

static void lang_link(struct page *p, const char *self, const char *code, const char *label)
{
	const char *sep = strchr(self, '?') != NULL ? "&" : "?";
	page_raw(p, "<a href=\"");
	page_text(p, arena_printf(p->r->arena, "%s%slang=%s", self, sep, code));
	page_raw(p, strcmp(p->lang, code) == 0 ? "\" aria-current=\"true\" lang=\"" : "\" lang=\"");
	page_raw(p, code);
	page_raw(p, "\">");
	page_raw(p, label);
	page_raw(p, "</a>");
}

void page_open(struct page *p, struct request *r, const char *lang, const char *title, const char *self)
{
	p->r = r;
	p->lang = lang;
	p->en = strcmp(lang, "en") == 0;
	buf_init(&p->b, 0);
	page_raw(p, "<!doctype html><html lang=\"");
	page_raw(p, lang);
	page_raw(p, "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
	            "<title>");
	page_text(p, title);
	page_raw(p, " | TikTok Shop</title><style>");
	page_raw(p, css);
	page_raw(p, "</style></head><body><header><div class=\"logo\">TikTok <b>Shop</b> · Seller Center</div>"
	            "<nav class=\"lang\" aria-label=\"");
	page_raw(p, page_t(p, "Ngôn ngữ", "Language"));
	page_raw(p, "\">");
	lang_link(p, self, "vi", "Tiếng Việt");
	lang_link(p, self, "en", "English");
	page_raw(p, "</nav></header><main>");
}

void page_send(struct page *p, int status)
{
	page_raw(p, "</main><footer>");
	page_raw(p, page_t(p, "Môi trường thử nghiệm (sandbox) — không phải TikTok Shop thật.",
	                   "Sandbox environment — not the real TikTok Shop."));
	page_raw(p, "</footer></body></html>");
	resp_body(p->r, status, "text/html; charset=utf-8", p->b.data, p->b.len);
	buf_free(&p->b);
}

void page_fail(struct request *r, int status, const char *vi, const char *en)
{
	struct page p;
	const char *lang = page_lang(r);
	page_open(&p, r, lang, strcmp(lang, "en") == 0 ? "Error" : "Lỗi", "/open/authorize");
	page_raw(&p, "<h1>");
	page_raw(&p, page_t(&p, "Không thể tiếp tục", "Cannot continue"));
	page_raw(&p, "</h1>");
	page_error(&p, page_t(&p, vi, en));
	page_send(&p, status);
}
