/* The app's languages: what a person's mails and the SPA are written in (Vietnamese first). */
#ifndef ACCOUNTS_LANGUAGE_H
#define ACCOUNTS_LANGUAGE_H

#define LANGUAGES "vi, en"        /* the codes, as a 422 lists them */
#define LANGUAGE_DEFAULT "vi"     /* a new person's, and a mail's when none is asked for */

/* 1 when code is one of LANGUAGES. */
int language_known(const char *code);

#endif
