/* GET /: what this server is, with a link to start the seller authorization and the control API's paths. */
#include "handlers.h"
#include "page.h"
#include "sb.h"
#include "core/arena.h"
#include "http/request.h"
#include "http/urlcode.h"

static const char *const control[] = {
	"GET /sandbox/app", "PUT /sandbox/app", "POST /sandbox/sellers", "GET /sandbox/sellers?email=",
	"POST /sandbox/authorize", "POST /sandbox/shops/{shop_id}/products", "POST /sandbox/shops/{shop_id}/orders",
	"POST /sandbox/orders/{order_id}/status", "POST /sandbox/shops/{shop_id}/deauthorize",
	"GET|POST /sandbox/faults", "GET|POST /sandbox/clock", "GET /sandbox/webhooks", "POST /sandbox/live/step",
	"POST /sandbox/orders/{order_id}/cancellations", "POST /sandbox/orders/{order_id}/returns",
};

void h_page_home(struct request *r)
{
	struct sb_app app;
	if (sb_app_load(r->db, r->arena, &app) <= 0) {
		page_fail(r, 500, "Lỗi hệ thống, vui lòng thử lại.", "A system error occurred; please try again.");
		return;
	}
	struct page p;
	page_open(&p, r, page_lang(r), "Sandbox", "/");
	page_raw(&p, "<h1>TikTok Shop sandbox</h1><p class=\"sub\">");
	page_raw(&p, page_t(&p, "Bản mô phỏng TikTok Shop Partner API (202309) cho kiểm thử và demo.",
	                    "A local stand-in for TikTok Shop's Partner API (202309), for tests and the demo."));
	page_raw(&p, "</p><p><a href=\"");
	page_text(&p, arena_printf(r->arena, "/open/authorize?service_id=%s&state=demo&lang=%s",
	                           url_encode(r->arena, app.service_id), p.lang));
	page_raw(&p, "\">");
	page_raw(&p, page_t(&p, "Trang ủy quyền của người bán", "Seller authorization page"));
	page_raw(&p, "</a></p><h2>");
	page_raw(&p, page_t(&p, "API điều khiển", "Control API"));
	page_raw(&p, "</h2><ul>");
	for (size_t i = 0; i < sizeof(control) / sizeof(control[0]); i++) {
		page_raw(&p, "<li><code>");
		page_text(&p, control[i]);
		page_raw(&p, "</code></li>");
	}
	page_raw(&p, "</ul>");
	page_send(&p, 200);
}
