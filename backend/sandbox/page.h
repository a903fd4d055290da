/* Server-rendered HTML for the seller authorization pages: layout, escaping, Vietnamese/English text. */
#ifndef SANDBOX_PAGE_H
#define SANDBOX_PAGE_H
#include "core/buf.h"

struct request;

struct page {
	struct request *r;
	struct buf b;
	int en;                  /* English; Vietnamese otherwise */
	const char *lang;        /* "vi" or "en" */
};

/* Reads `lang` from the query (GET) or the form body (POST); "vi" unless it is "en". */
const char *page_lang(struct request *r);
/* A form field of an application/x-www-form-urlencoded body, or NULL. */
const char *page_form(struct request *r, const char *name);

/* Starts the document. `self` is this page's URL without lang (for the language switch). */
void page_open(struct page *p, struct request *r, const char *lang, const char *title, const char *self);
/* Finishes the document and sends it. */
void page_send(struct page *p, int status);
void page_raw(struct page *p, const char *html);
void page_text(struct page *p, const char *text);   /* escaped */
/* The text in the page's language. */
const char *page_t(const struct page *p, const char *vi, const char *en);
/* <input type="hidden"> with an escaped value. */
void page_hidden(struct page *p, const char *name, const char *value);
/* A paragraph with an error message (role=alert), when msg is not NULL. */
void page_error(struct page *p, const char *msg);
/* A full error page (e.g. an unknown app or an expired session). */
void page_fail(struct request *r, int status, const char *vi, const char *en);

#endif
