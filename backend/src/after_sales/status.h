/* TikTok's cancellation and return statuses read as the app's: what the merchant sees, whether TikTok waits for an
 * answer, and the decision words an answer sends. One table, used by the sync and by the answers. */
#ifndef AFTER_SALES_STATUS_H
#define AFTER_SALES_STATUS_H

/* The app's status of a TikTok status: waiting, approved, rejected, withdrawn, completed, in_progress or other. */
const char *as_status_of(const char *tiktok_status);
/* The app's kind of a return's return_type: refund (money only, the goods stay) or return. */
const char *as_return_kind(const char *return_type);
/* The decision of a return's answer (APPROVE_RETURN, REJECT_RECEIVED_PACKAGE, ...) in its TikTok status; NULL for a
 * cancellation (its paths say it). */
const char *as_decision(const char *source, const char *kind, const char *tiktok_status, int approve);
/* 1 when the request's goods stay where TikTok's approval leaves the order: a cancellation approved (the order will
 * not ship) — the stock rule acts then. */
int as_status_settled(const char *status);

#endif
