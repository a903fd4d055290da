/* E-mail addresses as the accounts store and compare them. */
#ifndef ACCOUNTS_EMAIL_H
#define ACCOUNTS_EMAIL_H

#include "core/arena.h"

/* The address in the form every lookup and every stored row uses: lower-cased, so that a person signs in, is
 * invited and resets a password with the same address however they type its capitals. */
const char *email_key(struct arena *a, const char *email);

#endif
