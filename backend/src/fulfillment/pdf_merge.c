/* PDF merging with qpdf's C API (Debian's libqpdf; why qpdf: docs/decisions/label-merge.md). */
#include "fulfillment/pdf_merge.h"
#include "core/arena.h"
#include <qpdf/qpdf-c.h>
#include <string.h>

/* A qpdf handle that keeps its warnings and errors to itself: the caller reports what failed. */
static qpdf_data quiet(void)
{
	qpdf_data q = qpdf_init();
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	return q;
}

/* Takes the pending error (qpdf complains at cleanup about one never read) and ends the handle. */
static void end(qpdf_data *q)
{
	while (qpdf_has_error(*q))
		(void)qpdf_get_error(*q);
	qpdf_cleanup(q);
}

static qpdf_data open_doc(const void *doc, size_t len)
{
	qpdf_data q = quiet();
	if (qpdf_read_memory(q, "document", doc, (unsigned long long)len, NULL) & QPDF_ERRORS) {
		end(&q);
		return NULL;
	}
	return q;
}

int pdf_pages(const void *doc, size_t len)
{
	qpdf_data q = open_doc(doc, len);
	if (q == NULL)
		return -1;
	int n = qpdf_get_num_pages(q);
	int failed = qpdf_has_error(q);
	end(&q);
	return failed ? -1 : n;
}

int pdf_merge(const void *const *docs, const size_t *lens, int n, struct arena *a, const void **out, size_t *out_len,
              int *pages, int *bad)
{
	*pages = 0;
	*bad = -1;
	qpdf_data dst = quiet();
	/* the sources stay open until the result is written: its pages are copied from them then */
	qpdf_data *src = arena_alloc(a, sizeof(*src) * (size_t)(n > 0 ? n : 1));
	int opened = 0, rc = -1;
	if (qpdf_empty_pdf(dst) & QPDF_ERRORS)
		goto done;
	for (int i = 0; i < n; i++) {
		src[opened] = open_doc(docs[i], lens[i]);
		int np = src[opened] != NULL ? qpdf_get_num_pages(src[opened]) : -1;
		if (src[opened] != NULL)
			opened++;
		if (np <= 0) {
			*bad = i;
			goto done;
		}
		for (int p = 0; p < np; p++)
			if (qpdf_add_page(dst, src[opened - 1], qpdf_get_page_n(src[opened - 1], (size_t)p), QPDF_FALSE) &
			    QPDF_ERRORS) {
				*bad = i;
				goto done;
			}
		*pages += np;
	}
	if ((qpdf_init_write_memory(dst) & QPDF_ERRORS) || (qpdf_write(dst) & QPDF_ERRORS))
		goto done;
	size_t len = qpdf_get_buffer_length(dst);
	void *copy = arena_alloc(a, len > 0 ? len : 1);
	memcpy(copy, qpdf_get_buffer(dst), len);
	*out = copy;
	*out_len = len;
	rc = 0;
done:
	end(&dst);
	for (int i = 0; i < opened; i++)
		end(&src[i]);
	return rc;
}
