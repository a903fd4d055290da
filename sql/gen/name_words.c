/* Prints the SQL function that splits a stored buyer name into its folded words (sql/0007_orders_search.sql), made
 * from text_fold() itself (backend/src/products/fold.c): every code point that text_fold turns into one ASCII
 * letter becomes one REPLACE of the chain, in code point order, so the SQL folds names as the C code does.
 *
 *   gcc -std=c11 -Ibackend/src -o name_words sql/gen/name_words.c backend/src/products/fold.c && ./name_words [NAME]
 *
 * NAME is the function's name (tts_name_words_0007 by default). tests/api/generated_sql.test.mjs builds and runs it
 * and compares its output with the latest migration that creates the function.
 *
 * What the SQL cannot do like the C code: text_fold drops the combining marks of decomposed input (U+0300..U+036F)
 * and the function keeps them. Names come from TikTok composed; the order store folds every new name in C. */
#include "core/arena.h"
#include "products/fold.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* text_fold's allocator, without the backend's arena: a few bytes a call, for a program that exits right after. */
void *arena_alloc(struct arena *a, size_t n)
{
	(void)a;
	void *p = calloc(1, n ? n : 1);
	if (p == NULL) {
		perror("calloc");
		exit(1);
	}
	return p;
}

/* cp as UTF-8 into out (NUL-terminated). */
static void encode(unsigned cp, char out[5])
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		*o++ = (unsigned char)cp;
	} else if (cp < 0x800) {
		*o++ = (unsigned char)(0xC0 | cp >> 6);
		*o++ = (unsigned char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*o++ = (unsigned char)(0xE0 | cp >> 12);
		*o++ = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		*o++ = (unsigned char)(0x80 | (cp & 0x3F));
	} else {
		*o++ = (unsigned char)(0xF0 | cp >> 18);
		*o++ = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
		*o++ = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		*o++ = (unsigned char)(0x80 | (cp & 0x3F));
	}
	*o = '\0';
}

int main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : "tts_name_words_0007";
	static unsigned from[4096];
	static char to[4096];
	size_t n = 0;

	/* The characters text_fold folds to one ASCII letter (ASCII itself is LOWER()'s job). */
	for (unsigned cp = 0x80; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		char in[5];
		encode(cp, in);
		const char *out = text_fold(NULL, in);
		if (strlen(out) == 1 && out[0] >= 'a' && out[0] <= 'z') {
			if (n == sizeof(from) / sizeof(from[0])) {
				fprintf(stderr, "name_words: more than %zu folded characters\n", n);
				return 1;
			}
			from[n] = cp;
			to[n++] = out[0];
		}
	}

	printf("CREATE FUNCTION %s(s VARCHAR(255) CHARACTER SET utf8mb4) RETURNS TEXT CHARACTER SET utf8mb4 DETERMINISTIC\n",
	       name);
	/* Folded, then every run of ASCII characters other than letters and digits is one space: the words, as a JSON
	 * array. */
	printf("RETURN CONCAT('[\"', REPLACE(TRIM(REGEXP_REPLACE(");
	for (size_t i = 0; i < n; i++)
		printf("REPLACE(");
	printf("LOWER(s)");
	for (size_t i = 0; i < n; i++) {
		char c[5];
		encode(from[i], c);
		printf(", '%s', '%c')", c, to[i]);
	}
	printf(", '[\\\\x00-\\\\x2f\\\\x3a-\\\\x60\\\\x7b-\\\\x7f]+', ' ')), ' ', '\",\"'), '\"]');\n");
	return 0;
}
