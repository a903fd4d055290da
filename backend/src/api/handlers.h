/* Every api handler, one group per resource file. */
#ifndef API_HANDLERS_H
#define API_HANDLERS_H

struct request;

/* meta.c */
void h_health(struct request *r);
void h_openapi(struct request *r);
/* auth.c */
void h_register(struct request *r);
void h_login(struct request *r);
void h_me(struct request *r);
/* api_tokens.c */
void h_api_token_create(struct request *r);
void h_api_token_list(struct request *r);
void h_api_token_revoke(struct request *r);

#endif
