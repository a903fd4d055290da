/* GET /sandbox/images/{kind}/{id}.svg: small generated product and SKU pictures, stable for an id. */
#include "handlers.h"
#include "gen.h"
#include "http/request.h"
#include <string.h>

static const char *const palette[] = {
	"#fe2c55", "#25f4ee", "#ff8a00", "#7b61ff", "#00b894", "#e84393", "#0984e3", "#fdcb6e", "#6c5ce7", "#d63031",
};

void h_ctl_image(struct request *r)
{
	const char *kind = r->params[0], *file = r->params[1];
	size_t n = strlen(file);
	if ((strcmp(kind, "product") != 0 && strcmp(kind, "sku") != 0) || n < 5 || n > 40 ||
	    strcmp(file + n - 4, ".svg") != 0) {
		resp_error(r, 404, "not_found", "No such image.");
		return;
	}
	char *id = arena_strndup(r->arena, file, n - 4);
	for (const char *p = id; *p; p++)
		if (*p < '0' || *p > '9') {
			resp_error(r, 404, "not_found", "No such image.");
			return;
		}
	struct rng g;
	rng_seed(&g, gen_hash(id));
	const char *bg = RNG_PICK(&g, palette), *fg = RNG_PICK(&g, palette);
	size_t idlen = strlen(id);
	const char *tail = idlen > 4 ? id + idlen - 4 : id;
	int sku = strcmp(kind, "sku") == 0;
	long long cx = (long long)rng_range(&g, 60, 340);
	long long cy = (long long)rng_range(&g, 60, 340);
	long long radius = (long long)rng_range(&g, 50, 120);
	const char *svg = arena_printf(r->arena,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"400\" viewBox=\"0 0 400 400\">"
		"<rect width=\"400\" height=\"400\" fill=\"%s\"/>"
		"<circle cx=\"%lld\" cy=\"%lld\" r=\"%lld\" fill=\"%s\" opacity=\"0.55\"/>"
		"<path d=\"M130 150h140l20 170H110z\" fill=\"#ffffff\" opacity=\"0.92\"/>"
		"<path d=\"M160 150v-20a40 40 0 0 1 80 0v20\" fill=\"none\" stroke=\"#ffffff\" stroke-width=\"12\"/>"
		"<text x=\"200\" y=\"270\" font-family=\"sans-serif\" font-size=\"44\" font-weight=\"bold\" "
		"text-anchor=\"middle\" fill=\"%s\">%s</text>"
		"<text x=\"200\" y=\"370\" font-family=\"sans-serif\" font-size=\"24\" text-anchor=\"middle\" "
		"fill=\"#ffffff\">%s</text></svg>",
		bg, cx, cy, radius,
		fg, bg, tail, sku ? "SKU" : "TikTok Shop sandbox");
	resp_body(r, 200, "image/svg+xml", svg, strlen(svg));
}
