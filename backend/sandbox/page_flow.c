/* The seller authorization walk: region → log in → verification code → Connect → popup (email, terms)
 * → Confirm authorization → success and redirect with code and state; Cancel redirects with error=auth_denied. */
#include "ctl.h"
#include "handlers.h"
#include "page.h"
#include "sb.h"
#include "sb_sql.h"
#include "db/db.h"
#include "http/request.h"
#include "http/urlcode.h"
#include <string.h>

#define SESSION_TTL 3600

struct consent {
	const char *sid, *state, *region, *code;
	int64_t seller_id;
	int step;   /* 1 region chosen, 2 logged in (code shown), 3 verified, 4 finished */
};

static const char *const regions[][3] = {
	{ "VN", "Việt Nam", "Vietnam" }, { "TH", "Thái Lan", "Thailand" }, { "MY", "Malaysia", "Malaysia" },
	{ "PH", "Philippines", "Philippines" }, { "SG", "Singapore", "Singapore" }, { "ID", "Indonesia", "Indonesia" },
	{ "JP", "Nhật Bản", "Japan" }, { "US", "Hoa Kỳ", "United States" }, { "GB", "Vương quốc Anh", "United Kingdom" },
	{ "MX", "Mexico", "Mexico" }, { "BR", "Brazil", "Brazil" }, { "DE", "Đức", "Germany" },
	{ "FR", "Pháp", "France" }, { "IE", "Ireland", "Ireland" }, { "IT", "Ý", "Italy" }, { "ES", "Tây Ban Nha", "Spain" },
};
#define NREGIONS (sizeof(regions) / sizeof(regions[0]))

/* 1 loaded, 0 unknown or expired (an error page was sent), -1 database error (sent). */
static int load(struct request *r, const char *sid, struct consent *c)
{
	memset(c, 0, sizeof(*c));
	struct db_param p[] = { P_STR(sid != NULL ? sid : "") };
	struct db_rows rows;
	int n = db_query(r->db, r->arena, SB_CONSENT_GET, p, 1, &rows);
	if (n < 0) {
		page_fail(r, 500, "Lỗi hệ thống, vui lòng thử lại.", "A system error occurred; please try again.");
		return -1;
	}
	if (n == 0 || db_cell_i64(&rows, 0, SB_CONSENT_GET_CREATED_AT) < sb_now(r->db, r->arena) - SESSION_TTL ||
	    db_cell_i64(&rows, 0, SB_CONSENT_GET_STEP) >= 4) {
		page_fail(r, 400, "Phiên ủy quyền không tồn tại hoặc đã hết hạn. Vui lòng bắt đầu lại từ ứng dụng.",
		          "This authorization session does not exist or has expired. Please start again from the app.");
		return 0;
	}
	c->sid = sid;
	c->state = db_cell(&rows, 0, SB_CONSENT_GET_STATE);
	c->region = db_cell(&rows, 0, SB_CONSENT_GET_REGION);
	c->seller_id = db_cell_i64(&rows, 0, SB_CONSENT_GET_SELLER_ID);
	c->code = db_cell(&rows, 0, SB_CONSENT_GET_VERIFY_CODE);
	c->step = (int)db_cell_i64(&rows, 0, SB_CONSENT_GET_STEP);
	return 1;
}

static const char *self_url(struct request *r, const char *path, const char *sid)
{
	return arena_printf(r->arena, "%s?sid=%s", path, sid);
}

static void go(struct request *r, const char *path, const char *sid, const char *lang)
{
	resp_redirect(r, arena_printf(r->arena, "%s?sid=%s&lang=%s", path, sid, lang));
}

/* A Cancel button (its own form) that refuses the authorization. */
static void cancel_form(struct page *p, const char *sid, const char *state)
{
	page_raw(p, "<form method=\"post\" action=\"/open/authorize/cancel\">");
	if (sid != NULL)
		page_hidden(p, "sid", sid);
	else
		page_hidden(p, "state", state);
	page_hidden(p, "lang", p->lang);
	page_raw(p, "<button type=\"submit\" class=\"cancel\">");
	page_raw(p, page_t(p, "Hủy", "Cancel"));
	page_raw(p, "</button></form>");
}

static int app_ok(struct request *r, struct sb_app *app, const char *service_id)
{
	int n = sb_app_load(r->db, r->arena, app);
	if (n <= 0) {
		page_fail(r, 500, "Lỗi hệ thống, vui lòng thử lại.", "A system error occurred; please try again.");
		return 0;
	}
	if (service_id == NULL || strcmp(service_id, app->service_id) != 0) {
		page_fail(r, 400, "Ứng dụng không hợp lệ: service_id không đúng.", "Invalid app: the service_id is not known.");
		return 0;
	}
	return 1;
}

void h_page_start(struct request *r)
{
	struct sb_app app;
	const char *service_id = req_query(r, "service_id"), *state = req_query(r, "state");
	if (!app_ok(r, &app, service_id))
		return;
	if (state == NULL)
		state = "";
	struct page p;
	const char *self = arena_printf(r->arena, "/open/authorize?service_id=%s&state=%s",
	                                url_encode(r->arena, service_id), url_encode(r->arena, state));
	page_open(&p, r, page_lang(r), "Ủy quyền", self);
	page_raw(&p, "<h1>");
	page_raw(&p, page_t(&p, "Ủy quyền cho ứng dụng", "Authorize an app"));
	page_raw(&p, "</h1><p class=\"sub\">");
	page_text(&p, app.app_name);
	page_raw(&p, page_t(&p, " muốn kết nối với cửa hàng TikTok Shop của bạn.", " wants to connect to your TikTok Shop."));
	page_raw(&p, "</p><form method=\"post\" action=\"/open/authorize\">");
	page_hidden(&p, "service_id", service_id);
	page_hidden(&p, "state", state);
	page_hidden(&p, "lang", p.lang);
	page_raw(&p, "<label for=\"region\">");
	page_raw(&p, page_t(&p, "Quốc gia/Khu vực", "Country/Region"));
	page_raw(&p, "</label><select id=\"region\" name=\"region\">");
	for (size_t i = 0; i < NREGIONS; i++) {
		page_raw(&p, arena_printf(r->arena, "<option value=\"%s\">", regions[i][0]));
		page_raw(&p, p.en ? regions[i][2] : regions[i][1]);
		page_raw(&p, "</option>");
	}
	page_raw(&p, "</select><button type=\"submit\" class=\"primary\">");
	page_raw(&p, page_t(&p, "Tiếp tục", "Continue"));
	page_raw(&p, "</button></form>");
	cancel_form(&p, NULL, state);
	page_send(&p, 200);
}

void h_page_region(struct request *r)
{
	struct sb_app app;
	const char *service_id = page_form(r, "service_id"), *state = page_form(r, "state");
	const char *region = page_form(r, "region");
	if (!app_ok(r, &app, service_id))
		return;
	int known = 0;
	for (size_t i = 0; region != NULL && i < NREGIONS; i++)
		known |= strcmp(region, regions[i][0]) == 0;
	if (!known || (state != NULL && strlen(state) > 1000)) {
		page_fail(r, 400, "Quốc gia/khu vực không hợp lệ.", "Invalid country/region.");
		return;
	}
	const char *sid = sb_random_token(r->arena, "", 32);
	struct db_param p[] = { P_STR(sid), P_STR(state != NULL ? state : ""), P_STR(region), P_I64(sb_now(r->db, r->arena)) };
	if (db_exec(r->db, SB_CONSENT_INSERT, p, 4, NULL) < 0) {
		page_fail(r, 500, "Lỗi hệ thống, vui lòng thử lại.", "A system error occurred; please try again.");
		return;
	}
	go(r, "/open/authorize/login", sid, page_lang(r));
}

static void login_page(struct request *r, const struct consent *c, const char *email, const char *err_vi, const char *err_en)
{
	struct page p;
	page_open(&p, r, page_lang(r), "Đăng nhập", self_url(r, "/open/authorize/login", c->sid));
	page_raw(&p, "<h1>");
	page_raw(&p, page_t(&p, "Đăng nhập Seller Center", "Log in to Seller Center"));
	page_raw(&p, "</h1><p class=\"sub\">");
	page_raw(&p, page_t(&p, "Khu vực: ", "Region: "));
	page_text(&p, c->region);
	page_raw(&p, "</p>");
	if (err_vi != NULL)
		page_error(&p, page_t(&p, err_vi, err_en));
	page_raw(&p, "<form method=\"post\" action=\"/open/authorize/login\">");
	page_hidden(&p, "sid", c->sid);
	page_hidden(&p, "lang", p.lang);
	page_raw(&p, "<label for=\"email\">Email</label><input id=\"email\" name=\"email\" type=\"email\" "
	             "autocomplete=\"username\" required value=\"");
	page_text(&p, email != NULL ? email : "");
	page_raw(&p, "\"><label for=\"password\">");
	page_raw(&p, page_t(&p, "Mật khẩu", "Password"));
	page_raw(&p, "</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>"
	             "<button type=\"submit\" class=\"primary\">");
	page_raw(&p, page_t(&p, "Đăng nhập", "Log in"));
	page_raw(&p, "</button></form>");
	cancel_form(&p, c->sid, NULL);
	page_send(&p, err_vi != NULL ? 401 : 200);
}

void h_page_login_form(struct request *r)
{
	struct consent c;
	if (load(r, req_query(r, "sid"), &c) > 0)
		login_page(r, &c, NULL, NULL, NULL);
}

void h_page_login(struct request *r)
{
	struct consent c;
	if (load(r, page_form(r, "sid"), &c) <= 0)
		return;
	const char *email = page_form(r, "email"), *password = page_form(r, "password");
	const char *region = NULL;
	int64_t seller = email != NULL && password != NULL ? sb_login(r->db, r->arena, email, password, &region) : 0;
	if (seller < 0) {
		page_fail(r, 500, "Lỗi hệ thống, vui lòng thử lại.", "A system error occurred; please try again.");
		return;
	}
	if (seller == 0) {
		login_page(r, &c, email, "Email hoặc mật khẩu không đúng.", "The email or password is incorrect.");
		return;
	}
	if (strcmp(region, c.region) != 0) {
		login_page(r, &c, email, "Tài khoản này không thuộc quốc gia/khu vực đã chọn.",
		           "This account does not belong to the selected country/region.");
		return;
	}
	const char *code = sb_random_digits(r->arena, 6);
	struct db_param p[] = { P_I64(seller), P_STR(code), P_STR(c.sid) };
	if (db_exec(r->db, SB_CONSENT_LOGIN, p, 3, NULL) <= 0) {
		page_fail(r, 400, "Phiên ủy quyền không còn hợp lệ.", "This authorization session is no longer valid.");
		return;
	}
	go(r, "/open/authorize/verify", c.sid, page_lang(r));
}

static void verify_page(struct request *r, const struct consent *c, int wrong)
{
	struct page p;
	page_open(&p, r, page_lang(r), "Xác minh", self_url(r, "/open/authorize/verify", c->sid));
	page_raw(&p, "<h1>");
	page_raw(&p, page_t(&p, "Xác minh đăng nhập", "Verify it is you"));
	page_raw(&p, "</h1><p class=\"sub\">");
	page_raw(&p, page_t(&p, "Chúng tôi đã gửi mã xác minh gồm 6 chữ số đến email của bạn.",
	                    "We sent a 6-digit verification code to your email."));
	page_raw(&p, "</p><p class=\"note\">");
	page_raw(&p, page_t(&p, "Sandbox: mã xác minh của bạn là ", "Sandbox: your verification code is "));
	page_raw(&p, "<span class=\"code\" data-testid=\"verification-code\">");
	page_text(&p, c->code);
	page_raw(&p, "</span></p>");
	if (wrong)
		page_error(&p, page_t(&p, "Mã xác minh không đúng.", "The verification code is incorrect."));
	page_raw(&p, "<form method=\"post\" action=\"/open/authorize/verify\">");
	page_hidden(&p, "sid", c->sid);
	page_hidden(&p, "lang", p.lang);
	page_raw(&p, "<label for=\"code\">");
	page_raw(&p, page_t(&p, "Mã xác minh", "Verification code"));
	page_raw(&p, "</label><input id=\"code\" name=\"code\" type=\"text\" inputmode=\"numeric\" "
	             "autocomplete=\"one-time-code\" maxlength=\"6\" required><button type=\"submit\" class=\"primary\">");
	page_raw(&p, page_t(&p, "Xác minh", "Verify"));
	page_raw(&p, "</button></form>");
	cancel_form(&p, c->sid, NULL);
	page_send(&p, wrong ? 400 : 200);
}

void h_page_verify_form(struct request *r)
{
	struct consent c;
	if (load(r, req_query(r, "sid"), &c) <= 0)
		return;
	if (c.step < 2)
		go(r, "/open/authorize/login", c.sid, page_lang(r));
	else
		verify_page(r, &c, 0);
}

void h_page_verify(struct request *r)
{
	struct consent c;
	if (load(r, page_form(r, "sid"), &c) <= 0)
		return;
	const char *code = page_form(r, "code");
	if (c.step < 2) {
		go(r, "/open/authorize/login", c.sid, page_lang(r));
		return;
	}
	if (code == NULL || c.code == NULL || !sb_str_eq_ct(code, c.code)) {
		verify_page(r, &c, 1);
		return;
	}
	struct db_param p[] = { P_I64(3), P_STR(c.sid), P_I64(2) };
	if (c.step == 2 && db_exec(r->db, SB_CONSENT_STEP, p, 3, NULL) < 0) {
		page_fail(r, 500, "Lỗi hệ thống, vui lòng thử lại.", "A system error occurred; please try again.");
		return;
	}
	go(r, "/open/authorize/consent", c.sid, page_lang(r));
}

static void consent_page(struct request *r, const struct consent *c, const char *email, const char *err_vi,
                         const char *err_en)
{
	struct sb_app app;
	struct db_param ps[] = { P_I64(c->seller_id) };
	struct db_rows shops;
	if (sb_app_load(r->db, r->arena, &app) <= 0 || db_query(r->db, r->arena, SB_SHOPS_OF_SELLER, ps, 1, &shops) < 0) {
		page_fail(r, 500, "Lỗi hệ thống, vui lòng thử lại.", "A system error occurred; please try again.");
		return;
	}
	struct page p;
	page_open(&p, r, page_lang(r), "Kết nối", self_url(r, "/open/authorize/consent", c->sid));
	page_raw(&p, "<h1>");
	page_raw(&p, page_t(&p, "Kết nối với ", "Connect to "));
	page_text(&p, app.app_name);
	page_raw(&p, "</h1><p class=\"sub\">");
	page_raw(&p, page_t(&p, "Ứng dụng sẽ được quyền xem đơn hàng, sản phẩm, tồn kho và kho hàng của các cửa hàng:",
	                    "The app will be allowed to read orders, products, inventory and warehouses of these shops:"));
	page_raw(&p, "</p><ul class=\"shops\">");
	for (int i = 0; i < shops.nrows; i++) {
		page_raw(&p, "<li>");
		page_text(&p, db_cell(&shops, i, SB_SHOPS_OF_SELLER_NAME));
		page_raw(&p, " (");
		page_text(&p, db_cell(&shops, i, SB_SHOPS_OF_SELLER_CODE));
		page_raw(&p, ")</li>");
	}
	page_raw(&p, "</ul><div class=\"row\"><button type=\"button\" class=\"primary\" id=\"connect\" "
	             "onclick=\"document.getElementById('authorize').showModal()\">");
	page_raw(&p, page_t(&p, "Kết nối", "Connect"));
	page_raw(&p, "</button></div>");
	cancel_form(&p, c->sid, NULL);
	page_raw(&p, "<dialog id=\"authorize\" aria-labelledby=\"authorize-title\"><h2 id=\"authorize-title\">");
	page_raw(&p, page_t(&p, "Ủy quyền ứng dụng", "Authorize the app"));
	page_raw(&p, "</h2>");
	if (err_vi != NULL)
		page_error(&p, page_t(&p, err_vi, err_en));
	page_raw(&p, "<form method=\"post\" action=\"/open/authorize/confirm\">");
	page_hidden(&p, "sid", c->sid);
	page_hidden(&p, "lang", p.lang);
	page_raw(&p, "<label for=\"contact_email\">");
	page_raw(&p, page_t(&p, "Email nhận thông báo", "Email for notifications"));
	page_raw(&p, "</label><input id=\"contact_email\" name=\"email\" type=\"email\" required value=\"");
	page_text(&p, email != NULL ? email : "");
	page_raw(&p, "\"><label class=\"check\"><input type=\"checkbox\" id=\"terms\" name=\"terms\" value=\"on\" required> <span>");
	page_raw(&p, page_t(&p, "Tôi đã đọc và đồng ý với Điều khoản dịch vụ và Chính sách quyền riêng tư của ứng dụng",
	                    "I have read and agree to the app's Terms of Service and Privacy Policy"));
	page_raw(&p, "</span></label><div class=\"row\"><button type=\"button\" onclick=\"this.closest('dialog').close()\">");
	page_raw(&p, page_t(&p, "Quay lại", "Back"));
	page_raw(&p, "</button><button type=\"submit\" class=\"primary\">");
	page_raw(&p, page_t(&p, "Xác nhận ủy quyền", "Confirm authorization"));
	page_raw(&p, "</button></div></form></dialog>");
	if (err_vi != NULL)
		page_raw(&p, "<script>document.getElementById('authorize').showModal()</script>");
	page_send(&p, err_vi != NULL ? 400 : 200);
}

/* The consent steps need a verified session: otherwise back to the right step. 1 to go on. */
static int verified(struct request *r, const struct consent *c)
{
	if (c->step >= 3)
		return 1;
	go(r, c->step < 2 ? "/open/authorize/login" : "/open/authorize/verify", c->sid, page_lang(r));
	return 0;
}

void h_page_consent(struct request *r)
{
	struct consent c;
	if (load(r, req_query(r, "sid"), &c) > 0 && verified(r, &c))
		consent_page(r, &c, NULL, NULL, NULL);
}

static int looks_like_email(const char *s)
{
	const char *at = s != NULL ? strchr(s, '@') : NULL;
	return at != NULL && at != s && strchr(at, '.') != NULL && strlen(s) <= 254 && strchr(s, ' ') == NULL;
}

void h_page_confirm(struct request *r)
{
	struct consent c;
	if (load(r, page_form(r, "sid"), &c) <= 0 || !verified(r, &c))
		return;
	const char *email = page_form(r, "email"), *terms = page_form(r, "terms");
	if (!looks_like_email(email)) {
		consent_page(r, &c, email, "Vui lòng nhập email hợp lệ.", "Please enter a valid email address.");
		return;
	}
	if (terms == NULL || strcmp(terms, "on") != 0) {
		consent_page(r, &c, email, "Vui lòng đồng ý với điều khoản để tiếp tục.", "Please agree to the terms to continue.");
		return;
	}
	struct sb_app app;
	struct db_param p[] = { P_I64(4), P_STR(c.sid), P_I64(3) };
	int64_t won = db_exec(r->db, SB_CONSENT_STEP, p, 3, NULL);
	const char *code = won > 0 ? sb_grant(r->db, r->arena, c.seller_id, sb_now(r->db, r->arena)) : NULL;
	if (won == 0) {
		page_fail(r, 400, "Phiên ủy quyền đã được sử dụng.", "This authorization session was already used.");
		return;
	}
	if (code == NULL || sb_app_load(r->db, r->arena, &app) <= 0) {
		page_fail(r, 500, "Lỗi hệ thống, vui lòng thử lại.", "A system error occurred; please try again.");
		return;
	}
	const char *url = sb_url_add(r->arena, sb_url_add(r->arena, app.redirect_url, "code", code), "state", c.state);
	struct page pg;
	page_open(&pg, r, page_lang(r), "Thành công", "/open/authorize");
	page_raw(&pg, "<meta http-equiv=\"refresh\" content=\"2;url=");
	page_text(&pg, url);
	page_raw(&pg, "\"><h1 class=\"ok\" role=\"status\">");
	page_raw(&pg, page_t(&pg, "Ủy quyền thành công!", "Authorization successful!"));
	page_raw(&pg, "</h1><p>");
	page_raw(&pg, page_t(&pg, "Đang chuyển hướng về ứng dụng…", "Taking you back to the app…"));
	page_raw(&pg, "</p><p><a id=\"continue\" href=\"");
	page_text(&pg, url);
	page_raw(&pg, "\">");
	page_raw(&pg, page_t(&pg, "Tiếp tục", "Continue"));
	page_raw(&pg, "</a></p>");
	page_send(&pg, 200);
}

void h_page_cancel(struct request *r)
{
	struct sb_app app;
	const char *sid = page_form(r, "sid"), *state = page_form(r, "state");
	if (sb_app_load(r->db, r->arena, &app) <= 0) {
		page_fail(r, 500, "Lỗi hệ thống, vui lòng thử lại.", "A system error occurred; please try again.");
		return;
	}
	if (sid != NULL) {
		struct consent c;
		if (load(r, sid, &c) <= 0)
			return;
		state = c.state;
		struct db_param p[] = { P_I64(4), P_STR(sid), P_I64(c.step) };
		db_exec(r->db, SB_CONSENT_STEP, p, 3, NULL);
	}
	const char *url = sb_url_add(r->arena, app.redirect_url, "error", "auth_denied");
	resp_redirect(r, sb_url_add(r->arena, url, "state", state != NULL ? state : ""));
}
