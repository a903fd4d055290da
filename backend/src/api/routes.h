/* The api route table. */
#ifndef API_ROUTES_H
#define API_ROUTES_H
#include <stddef.h>
#include "http/router.h"

extern const struct route api_routes[];
extern const size_t api_nroutes;

#endif
