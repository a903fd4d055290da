/* The sandbox's route table: TikTok's paths, the /sandbox/ control API and the consent pages. */
#ifndef SANDBOX_ROUTES_H
#define SANDBOX_ROUTES_H
#include <stddef.h>
#include "http/router.h"

extern const struct route sandbox_routes[];
extern const size_t sandbox_nroutes;

struct request;
/* The dispatcher's check for the control API routes: callers from loopback only (403 otherwise). */
int sb_loopback_only(struct request *r);

#endif
