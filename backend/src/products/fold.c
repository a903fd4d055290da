/* Folding for diacritic- and case-insensitive search (Latin-1, Latin Extended-A/B, Vietnamese). */
#include "products/fold.h"
#include "core/arena.h"
#include <string.h>

/* U+00C0..U+00FF by base letter ('.' keeps the character). */
static const char latin1[] = "aaaaaaaceeeeiiii" "dnooooo.ouuuuyts" "aaaaaaaceeeeiiii" "dnooooo.ouuuuyty";

/* U+1EA0..U+1EF9, Vietnamese letters with tone marks, in ranges of one base letter. */
static char vietnamese(unsigned cp)
{
	if (cp <= 0x1EB7) return 'a';
	if (cp <= 0x1EC7) return 'e';
	if (cp <= 0x1ECB) return 'i';
	if (cp <= 0x1EE3) return 'o';
	if (cp <= 0x1EF1) return 'u';
	return 'y';
}

/* Latin Extended-A/B letters Vietnamese and its neighbours use. */
static char extended(unsigned cp)
{
	static const struct { unsigned from, to; char base; } r[] = {
		{ 0x0100, 0x0105, 'a' }, { 0x0106, 0x010D, 'c' }, { 0x010E, 0x0111, 'd' }, { 0x0112, 0x011B, 'e' },
		{ 0x011C, 0x0123, 'g' }, { 0x0124, 0x0127, 'h' }, { 0x0128, 0x0131, 'i' }, { 0x0139, 0x0142, 'l' },
		{ 0x0143, 0x0148, 'n' }, { 0x014C, 0x0151, 'o' }, { 0x0154, 0x0159, 'r' }, { 0x015A, 0x0161, 's' },
		{ 0x0162, 0x0167, 't' }, { 0x0168, 0x0173, 'u' }, { 0x0174, 0x0175, 'w' }, { 0x0176, 0x0178, 'y' },
		{ 0x0179, 0x017E, 'z' }, { 0x01A0, 0x01A1, 'o' }, { 0x01AF, 0x01B0, 'u' },
	};
	for (size_t i = 0; i < sizeof(r) / sizeof(r[0]); i++)
		if (cp >= r[i].from && cp <= r[i].to)
			return r[i].base;
	return 0;
}

/* Decodes one UTF-8 sequence at s (length in *len); invalid bytes decode as themselves. */
static unsigned decode(const unsigned char *s, int *len)
{
	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	int n = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 1;
	unsigned cp = n == 2 ? s[0] & 0x1Fu : n == 3 ? s[0] & 0x0Fu : s[0] & 0x07u;
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*len = 1;
			return 0xFFFFFFFFu;
		}
		cp = (cp << 6) | (s[i] & 0x3Fu);
	}
	*len = n;
	return n == 1 ? 0xFFFFFFFFu : cp;
}

const char *text_fold(struct arena *a, const char *in)
{
	const unsigned char *s = (const unsigned char *)in;
	char *out = arena_alloc(a, strlen(in) + 1), *o = out;
	while (*s) {
		int len;
		unsigned cp = decode(s, &len);
		char base = 0;
		if (cp < 0x80)
			base = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
		else if (cp >= 0xC0 && cp <= 0xFF && latin1[cp - 0xC0] != '.')
			base = latin1[cp - 0xC0];
		else if (cp >= 0x100 && cp <= 0x1B0)
			base = extended(cp);
		else if (cp >= 0x1EA0 && cp <= 0x1EF9)
			base = vietnamese(cp);
		if (cp >= 0x300 && cp <= 0x36F) {
			s += len; /* a combining mark (decomposed input) */
			continue;
		}
		if (base != 0) {
			*o++ = base;
		} else {
			memcpy(o, s, (size_t)len);
			o += len;
		}
		s += len;
	}
	*o = '\0';
	return out;
}
