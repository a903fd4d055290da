/* One-time tokens of links sent by e-mail (staff invitations, password resets): random, kept only as their hash. */
#ifndef STAFF_ONE_TIME_TOKEN_H
#define STAFF_ONE_TIME_TOKEN_H

#define OTT_HEX_LEN 64

/* A new token (32 random bytes as hex) and its hash, each 64 hex characters and a NUL; 0 or -1. */
int ott_new(char token[OTT_HEX_LEN + 1], char hash[OTT_HEX_LEN + 1]);
/* The hash stored for a token as sent back by its holder (SHA-256, hex). */
void ott_hash(const char *token, char hash[OTT_HEX_LEN + 1]);

#endif
