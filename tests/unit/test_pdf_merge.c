/* Label PDFs merged into one document: every page of each in turn, page counts read back, an unreadable one named. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "core/arena.h"
#include "fulfillment/pdf_merge.h"

/* Minimal PDFs with n A6 pages (no cross-reference table: readers rebuild it, as qpdf does). */
static const char *pdf(struct arena *a, int n)
{
	char kids[256] = "";
	for (int i = 0; i < n; i++)
		snprintf(kids + strlen(kids), sizeof(kids) - strlen(kids), "%d 0 R ", 3 + i);
	char *doc = arena_printf(a, "%%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
	                            "2 0 obj << /Type /Pages /Kids [%s] /Count %d >> endobj\n", kids, n);
	for (int i = 0; i < n; i++)
		doc = arena_printf(a, "%s%d 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 298 420] >> endobj\n", doc, 3 + i);
	return arena_printf(a, "%strailer << /Root 1 0 R >>\n%%%%EOF\n", doc);
}

static void test_pages_in_turn(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	const char *one = pdf(&a, 1), *two = pdf(&a, 2);
	assert_int_equal(pdf_pages(one, strlen(one)), 1);
	assert_int_equal(pdf_pages(two, strlen(two)), 2);
	const void *docs[] = { one, two, one };
	size_t lens[] = { strlen(one), strlen(two), strlen(one) };
	const void *out;
	size_t len;
	int pages, bad;
	assert_int_equal(pdf_merge(docs, lens, 3, &a, &out, &len, &pages, &bad), 0);
	assert_int_equal(pages, 4);
	assert_int_equal(bad, -1);
	assert_memory_equal(out, "%PDF-", 5);
	assert_int_equal(pdf_pages(out, len), 4);
	arena_free(&a);
}

static void test_unreadable_is_named(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	const char *one = pdf(&a, 1), *junk = "not a pdf at all";
	const void *docs[] = { one, junk };
	size_t lens[] = { strlen(one), strlen(junk) };
	const void *out = NULL;
	size_t len = 0;
	int pages, bad;
	assert_int_equal(pdf_merge(docs, lens, 2, &a, &out, &len, &pages, &bad), -1);
	assert_int_equal(bad, 1);
	assert_int_equal(pdf_pages(junk, strlen(junk)), -1);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pages_in_turn),
		cmocka_unit_test(test_unreadable_is_named),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
